"""domains group. Reads take query parameters (GET), writes take JSON bodies; the shapes are
inferred and follow the equivalent Zapmail operation where LiteMail shows none."""
from __future__ import annotations

from ....core.errors import Invalid
from ....domain import connections, domains, tags
from .. import render, requests, wire
from .common import listing, path_id


def list_domains(call):
    """Inferred filters: ?search= (name), ?status=, ?tagId= (domains carrying the tag)."""
    q = call.args
    rows = domains.domains_in_scope(call.scope, q.search or q.contains, [q.status] if q.status else None)
    if q.tagId:
        tagged = {d.id for d in tags.domains_with_tag(call.scope, q.tagId)}
        rows = [d for d in rows if d.id in tagged]
    owner = call.scope.owner
    return listing(call, "Domains fetched successfully", "domains", rows, lambda d: render.domain(owner, d))


def list_assignable(call):
    rows = domains.assignable(call.scope, call.args.search or call.args.contains)
    owner = call.scope.owner
    return listing(call, "Assignable domains fetched successfully", "domains", rows,
                   lambda d: render.domain(owner, d))


def get_domain(call):
    d = domains.get_domain(call.scope, path_id(call, "domainId"), "domainId")
    return wire.ok("Domain fetched successfully", render.domain(call.scope.owner, d))


def remove_unused(call):
    """The core's rule: only a connected domain without mailboxes can be removed."""
    [d] = domains.remove_unused(call.scope, [path_id(call, "domainId")])
    return wire.ok("Domain removed successfully", render.domain_ref(d))


# ---------------------------------------------------------------- bulk settings

def _targets(call, body):
    return domains.select(call.scope, body.domainIds, body.contains, body.status, body.tagIds)


def _updated(call, message, targets):
    return wire.ok(message, render.domains_updated(call.scope.owner, targets))


def add_dmarc(call):
    body = requests.parse(call, requests.Dmarc)
    email = domains.check_email(body.email)
    targets = _targets(call, body)
    domains.set_dmarc(call.scope, targets, email)
    return _updated(call, "DMARC record added successfully", targets)


def add_forwarding(call):
    body = requests.parse(call, requests.Forwarding)
    target = domains.check_forward_target(body.forwardTo)
    targets = _targets(call, body)
    domains.set_forwarding(call.scope, targets, target)
    return _updated(call, "Domain forwarding added successfully", targets)


def remove_forwarding(call):
    body = requests.parse(call, requests.DomainTargets)
    targets = _targets(call, body)
    domains.set_forwarding(call.scope, targets, None)
    return _updated(call, "Domain forwarding removed successfully", targets)


def enable_email_forwarding(call):
    body = requests.parse(call, requests.EmailTarget)
    email = domains.check_email(body.email)
    targets = _targets(call, body)
    domains.set_email_forwarding(call.scope, targets, email)
    return _updated(call, "Email forwarding enabled successfully", targets)


def remove_email_forwarding(call):
    body = requests.parse(call, requests.DomainTargets)
    targets = _targets(call, body)
    domains.set_email_forwarding(call.scope, targets, None)
    return _updated(call, "Email forwarding removed successfully", targets)


def enable_catch_all(call):
    body = requests.parse(call, requests.EmailTarget)
    email = domains.check_email(body.email)
    targets = _targets(call, body)
    domains.set_catch_all(call.scope, targets, email)
    return _updated(call, "Catch-all enabled successfully", targets)


def remove_catch_all(call):
    body = requests.parse(call, requests.DomainTargets)
    targets = _targets(call, body)
    domains.set_catch_all(call.scope, targets, None)
    return _updated(call, "Catch-all removed successfully", targets)


def check_dns(call):
    """?domainId= (one) or ?domainIds=a,b (several)."""
    raw = call.args.domainIds or call.args.domainId or ""
    ids = [i.strip() for i in raw.split(",") if i.strip()]
    if not ids:
        raise Invalid("domainId query parameter is required", field="domainId")
    targets = [domains.get_domain(call.scope, i, "domainId") for i in dict.fromkeys(ids)]
    return wire.ok("DNS records checked", render.dns_checks(call.scope.owner, targets))


# ---------------------------------------------------------------- registration

def available(call):
    """?domainName=acme&tlds=com,net: suggestions around the label, as the core makes them,
    plus the exact name asked for (when it has a TLD) as exactMatch."""
    name = call.args.domainName
    tlds = [t.strip().lower() for t in (call.args.tlds or "").split(",") if t.strip()] or None
    label, tlds = domains.check_search(name, tlds, None)
    exact = None
    if "." in name.strip():
        exact = domains.availability(call.world, domains.normalise_name(name), call.scope.owner)
    rows = domains.suggestions(call.world, label, tlds, call.scope.owner)
    return wire.ok("Available domains fetched successfully", render.available(exact, rows))


def purchase(call):
    """Inferred (v3 tree): pays from the wallet; short of funds -> 400 (the core's message).
    The domains are registered PENDING and turn ACTIVE on the clock."""
    body = requests.parse(call, requests.Purchase)
    before = set(call.scope.owner.domains)
    cart = [item.model_dump(exclude_none=True) for item in body.domains]
    link = domains.buy(call.scope, cart, True, body.enableDnsShield)
    owner = call.scope.owner
    bought = [d for i, d in owner.domains.items() if i not in before]
    return wire.created("Domains purchased successfully", render.purchased(owner, link, bought, call.base_url))


def payment_link(call):
    """GET ?domains=a.com,b.net&years=1: a payment link (a page of the simulator); paying it
    registers the domains."""
    q = call.args
    cart = [{"domainName": n.strip(), "years": q.years or 1} for n in q.domains.split(",") if n.strip()]
    link = domains.buy(call.scope, cart, False, bool(q.enableDnsShield))
    return wire.ok("Payment link created successfully", render.purchase_link(link, call.base_url))


# ---------------------------------------------------------------- connection

def name_servers(call):
    name = domains.normalise_name(call.args.domainName)
    a = connections.issue_name_servers(call.scope, name, bool(call.args.maskForwarding))
    return wire.ok("Name servers fetched successfully", render.name_servers(name, a.name_servers))


def verify_name_servers(call):
    name = domains.normalise_name(call.args.domainName)
    ready, a = connections.propagated(call.scope, name)
    return wire.ok("Name servers propagated" if ready else "Name servers have not propagated yet",
                   render.propagation(name, ready, a.name_servers))


def connect(call):
    """Starts (or, called again, reports) a connection request per name; the request walks the
    core's statuses on the clock and ends with an ACTIVE connected domain. 200, with each
    request's status (Zapmail's 207 while in progress is not carried over: LiteMail documents
    no 207)."""
    body = requests.parse(call, requests.Connect)
    reqs = connections.connect(call.scope, connections.check_names(body.domainNames))
    busy = any(connections.in_progress(r) for r in reqs)
    return wire.ok("Domain connection in progress" if busy else "Domain connection finished",
                   render.connecting(busy, reqs))
