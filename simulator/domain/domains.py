"""Domains: availability, purchase, connection, per-domain mail settings and removal."""
from __future__ import annotations

import re
from typing import Iterable, Optional

from ..core import scheduler
from ..core.errors import Invalid, NotFound
from ..core.store import World
from .models import Account
from . import dns, wallet, webhooks
from .accounts import Scope
from .models import GOOGLE, Domain, PaymentLink
from .settings import NAME_SERVERS, TAKEN_NAMES, TLD_PRICES, WORKSPACE_NAMES, WORKSPACE_PREFIX

DOMAIN_STATUSES = ("ACTIVE", "INACTIVE", "PENDING", "IN_PROGRESS", "EXPIRED")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
MAX_CART = 50
MAX_YEARS = 10
YEAR = 365 * 24 * 3600


def normalise_name(name, field: str = "domainName") -> str:
    if not isinstance(name, str):
        raise Invalid(f"{field} must be a string", field=field)
    value = name.strip().lower().rstrip(".")
    labels = value.split(".")
    if len(value) > 253 or len(labels) < 2 or not all(_LABEL.match(lbl) for lbl in labels) \
            or not labels[-1].isalpha():
        raise Invalid(f"Invalid domain name: {name!r}", field=field)
    return value


def tld(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def held_by(account: Optional[Account], name: str) -> Optional[Domain]:
    """The account's own domain with this name (any workspace), if any. Accounts never see each
    other: a name held by another account does not count anywhere, so parallel tests that pick
    the same fixed name do not interfere (isolation); names registered "by someone else" are
    TAKEN_NAMES and the taken-* prefix."""
    if account is None:
        return None
    return next(iter(account.domains.named(name).values()), None)


def held_in(account: Account, workspace_id: str, name: str) -> Optional[Domain]:
    """The account's domain with exactly this name in this workspace, if any: one look-up in the
    account's name index (domain/mailbox_table.py), whatever its number of domains."""
    return next((d for d in account.domains.named(name).values() if d.workspace_id == workspace_id), None)


def availability(world: World, name: str, account: Optional[Account] = None) -> dict:
    """One row of an availability answer: AVAILABLE or UNAVAILABLE only (Zapmail support);
    taken names are priced "0.00" and unsupported TLDs "NaN" (observed live). `account` is the
    caller's (workspace owner's) account: its own names are unavailable to it."""
    prices = TLD_PRICES.get(tld(name))
    if prices is None:
        return {"name": name, "available": False, "price": "NaN", "renew": "NaN", "premium": False}
    taken = registered_elsewhere(name) or held_by(account, name) is not None
    if taken:
        return {"name": name, "available": False, "price": "0.00", "renew": "0.00", "premium": False}
    return {"name": name, "available": True, "price": prices[0], "renew": prices[1], "premium": False}


def has_workspace(name: str) -> bool:
    """A name registered elsewhere with a Google or Microsoft workspace on it."""
    return name in WORKSPACE_NAMES or name.startswith(WORKSPACE_PREFIX)


def registered_elsewhere(name: str) -> bool:
    return name in TAKEN_NAMES or name.startswith("taken-") or has_workspace(name)


SUGGESTION_AFFIXES = (("get", ""), ("try", ""), ("the", ""), ("", "hq"), ("", "mail"), ("", "team"),
                      ("go", ""), ("", "app"), ("join", ""), ("", "now"))


def suggestions(world: World, label: str, tlds: list[str], account: Optional[Account] = None) -> list[dict]:
    """Affix suggestions for a second-level label; the queried name itself is not among them
    (exactMatch was null in every live call)."""
    rows = []
    for t in tlds:
        for pre, post in SUGGESTION_AFFIXES:
            row = availability(world, f"{pre}{label}{post}.{t}", account)
            if row["available"]:
                rows.append(row)
    return rows


# ---------------------------------------------------------------- scope and selection

def listed_under(d: Domain, platform: str) -> bool:
    """Reads (lists, counts) show a domain under its platform; one without a platform yet (no
    mailbox, bought or connected without naming a platform) under GOOGLE only: the live API
    answers reads for GOOGLE unless MICROSOFT is sent (observed reference)."""
    return (d.platform or GOOGLE) == platform


def in_scope(scope: Scope, d: Domain) -> bool:
    """Whether reads in this scope show the domain."""
    return d.workspace_id == scope.workspace.id and listed_under(d, scope.platform)


def claimable(scope: Scope, d: Domain) -> bool:
    """Whether writes in this scope may put mailboxes on the domain: a domain without a
    platform takes the one of its first mailbox (the issue), so either platform may claim it."""
    return d.workspace_id == scope.workspace.id and (d.platform is None or d.platform == scope.platform)


def domains_in_scope(scope: Scope, contains: Optional[str] = None, statuses: Optional[Iterable[str]] = None) -> list[Domain]:
    needle = (contains or "").strip().lower()
    wanted = set(statuses) if statuses else None
    rows = [d for d in scope.owner.domains.values() if in_scope(scope, d)
            and (not needle or needle in d.name) and (wanted is None or d.status in wanted)]
    return sorted(rows, key=lambda d: (d.created_at, d.name))


def get_domain(scope: Scope, domain_id, field: str = "domainId") -> Domain:
    if not isinstance(domain_id, str) or not domain_id:
        raise Invalid(f"{field} must be a non-empty string", field=field)
    d = scope.owner.domains.get(domain_id)
    if d is None or d.workspace_id != scope.workspace.id:
        raise NotFound(f"Domain not found: {domain_id}", field=field)
    return d


def mailbox_count(account: Account, domain_id: str) -> int:
    return len(account.mailboxes.in_domain(domain_id))


def assignable(scope: Scope, contains: Optional[str] = None) -> list[Domain]:
    limit = scope.world.settings["mailboxes_per_domain"]
    return [d for d in domains_in_scope(scope, contains, ("ACTIVE",)) if mailbox_count(scope.owner, d.id) < limit]


def select(scope: Scope, domain_ids, contains, statuses, tag_ids) -> list[Domain]:
    """Targets of a bulk domain operation: explicit domainIds, narrowed by status when given;
    otherwise every domain matching the contains/status/tagIds filters. An empty contains is
    no filter (clients send "" beside domainIds)."""
    statuses = _status_list(statuses)
    if domain_ids:
        targets = [get_domain(scope, i, "domainIds") for i in _unique(domain_ids)]
        return [d for d in targets if statuses is None or d.status in statuses]
    tags = set(tag_ids or [])
    if not (contains or "").strip() and statuses is None and not tags:
        raise Invalid("Select the domains with domainIds or a filter (contains, status, tagIds)", field="domainIds")
    rows = domains_in_scope(scope, contains, statuses)
    return [d for d in rows if not tags or tags & set(d.tag_ids)]


def _status_list(statuses) -> Optional[set]:
    if statuses is None or statuses == "" or statuses == []:
        return None
    values = [statuses] if isinstance(statuses, str) else list(statuses)
    for s in values:
        if s not in DOMAIN_STATUSES:
            raise Invalid(f"status must be one of {', '.join(DOMAIN_STATUSES)}", field="status")
    return set(values)


def _unique(values: list) -> list:
    seen, out = set(), []
    for v in values:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


# ---------------------------------------------------------------- per-domain settings

def check_email(value, field: str = "email") -> str:
    """An address a domain setting points at (DMARC reports, forwarding, catch-all)."""
    value = value.strip() if isinstance(value, str) else ""
    local, _, host = value.partition("@")
    if not local or "." not in host or " " in value:
        raise Invalid(f"{field} must be a valid email address", field=field)
    return value


def check_forward_target(value, field: str = "forwardTo") -> str:
    target = value.strip() if isinstance(value, str) else ""
    if not target or " " in target or "." not in target:
        raise Invalid(f"{field} must be a domain or URL", field=field)
    return target


def check_search(label, tlds, years, field: str = "domainName") -> tuple[str, list[str]]:
    """A suggestion search: the second-level label of the name asked for, and the TLDs to try
    (com when none is given)."""
    if not isinstance(label, str):
        raise Invalid(f"{field} must be a string", field=field)
    label = label.strip().lower()
    if "." in label:
        label = label.split(".")[0]
    normalise_name(f"{label}.com", field)
    tlds = tlds or ["com"]
    for t in tlds:
        if t not in TLD_PRICES:
            raise Invalid(f"Unsupported TLD {t!r}. Supported: {', '.join(TLD_PRICES)}", field="tlds")
    if years is not None and not 1 <= years <= MAX_YEARS:
        raise Invalid(f"years must be from 1 to {MAX_YEARS}", field="years")
    return label, tlds


def by_name(scope: Scope, name) -> Optional[Domain]:
    """The scope's workspace domain with this name, if any."""
    if not isinstance(name, str):
        return None
    return held_in(scope.owner, scope.workspace.id, name.strip().lower().rstrip("."))


def set_dmarc(scope: Scope, targets: list[Domain], email: str) -> int:
    for d in targets:
        d.dmarc_email, d.dmarc_added, d.updated_at = email, True, scope.now
        dns.upsert_system(scope.world, scope.owner, d, "_dmarc", "TXT", f"v=DMARC1; p=none; rua=mailto:{email}")
    return len(targets)


def set_forwarding(scope: Scope, targets: list[Domain], forward_to: Optional[str]) -> int:
    """Set (or, with None, remove) where a domain's web traffic is forwarded."""
    for d in targets:
        d.forward_to, d.forward_to_added, d.updated_at = forward_to, forward_to is not None, scope.now
    return len(targets)


def set_email_forwarding(scope: Scope, targets: list[Domain], email: Optional[str]) -> int:
    for d in targets:
        d.forwarding_email, d.updated_at = email, scope.now
    return len(targets)


def set_catch_all(scope: Scope, targets: list[Domain], email: Optional[str]) -> int:
    for d in targets:
        d.catch_all_email, d.updated_at = email, scope.now
    return len(targets)


def add_client_id(scope: Scope, targets: list[Domain], client_id: str, app: str) -> int:
    """The client id is added through the domain's admin mailbox, which exists once the
    domain's first mailbox is created; before that -> 404 (observed client behaviour)."""
    for d in targets:
        if d.platform not in (None, "GOOGLE"):
            raise Invalid(f"Client ID can only be added to Google domains: {d.id}", field="domainIds")
        if not d.admin_email:
            raise NotFound(f"Admin mailbox not found for domain {d.id}")
    for d in targets:
        d.client_id, d.client_app, d.updated_at = client_id, app, scope.now
    return len(targets)


def remove_unused(scope: Scope, ids: list) -> list[Domain]:
    """Only connected domains without mailboxes can be removed (the docs page restricts removal
    to connected domains); the whole list is checked before anything is removed."""
    targets = [get_domain(scope, i, "ids") for i in _unique(ids)]
    for d in targets:
        if d.origin != "connected":
            raise Invalid(f"Only connected domains can be removed; {d.name} was purchased", field="ids")
        if mailbox_count(scope.owner, d.id):
            raise Invalid(f"Domain {d.name} still has mailboxes and cannot be removed", field="ids")
    for d in targets:
        dns.drop_domain(scope.owner, d.id)
        # The finished connection request goes with the domain, so connecting the name again
        # starts over instead of reporting the old SUCCESS for a domain that is gone.
        for req in scope.owner.connection_requests.values():
            if req.deleted_at is None and (req.domain_id == d.id or
                                           (req.domain_name == d.name and req.workspace_id == d.workspace_id)):
                req.deleted_at = scope.now
        del scope.owner.domains[d.id]
    return targets


# ---------------------------------------------------------------- creation

def new_domain(world: World, account: Account, workspace_id: str, name: str, *, platform: Optional[str],
               origin: str, status: str, years: int = 1, dns_shield: bool = False,
               domain_id: Optional[str] = None, created_at: Optional[float] = None) -> Domain:
    now = world.now() if created_at is None else created_at
    d = Domain(id=domain_id or world.ids.new(account.id_style), workspace_id=workspace_id, name=name, status=status,
               platform=platform, origin=origin, created_at=now, updated_at=now, years=years,
               dns_shield=dns_shield, name_servers=list(NAME_SERVERS))
    if origin != "connected":  # bought here (new, aged or pre-warmed): registered through Zapmail
        d.registered_on, d.expire_on = now, now + years * YEAR
        ws = account.workspaces.get(workspace_id)
        d.auto_renew = bool(ws and ws.domain_auto_renew)  # the workspace's renewal default (observed)
    account.domains[d.id] = d
    account.has_prewarmed = account.has_prewarmed or origin == "prewarmed"
    if status == "ACTIVE":
        dns.add_mail_records(world, account, d)
    return d


def check_cart(scope: Scope, items) -> list[tuple[str, int, float]]:
    if not isinstance(items, list) or not items:
        raise Invalid("domains must be a non-empty array", field="domains")
    if len(items) > MAX_CART:
        raise Invalid(f"At most {MAX_CART} domains can be bought at once", field="domains")
    cart, seen = [], set()
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise Invalid(f"domains[{i}] must be an object", field=f"domains[{i}]")
        name = normalise_name(item.get("domainName"), f"domains[{i}].domainName")
        years = item.get("years", 1)
        if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= MAX_YEARS:
            raise Invalid(f"domains[{i}].years must be an integer from 1 to {MAX_YEARS}", field=f"domains[{i}].years")
        if name in seen:
            raise Invalid(f"Domain {name} is listed twice", field=f"domains[{i}].domainName")
        seen.add(name)
        # No registry check before charging (observed): a name registered elsewhere is bought,
        # then refunded when its registration fails; only these are refused up front.
        field = f"domains[{i}].domainName"
        prices = TLD_PRICES.get(tld(name))
        if prices is None:
            raise Invalid(f"Domain {name} is not available for registration: .{tld(name)} is not sold", field=field)
        if held_by(scope.owner, name) is not None:
            raise Invalid(f"Domain {name} is already in your account", field=field)
        if has_workspace(name):
            raise Invalid(f"Domain {name} already has a Google or Microsoft workspace", field=field)
        cart.append((name, years, round(float(prices[0]) * years, 2)))
    return cart


def buy(scope: Scope, items, use_wallet: bool, dns_shield: bool, *, rest_unpaid: bool = False) -> PaymentLink:
    """The whole cart on one invoice. With the wallet: paid from it when it covers the total
    (registration starts: PENDING, ACTIVE on the clock); a short wallet is the insufficient-balance
    error, or with `rest_unpaid` the balance is applied and the invoice left open for the rest
    (Zapmail, observed). Without the wallet: a payment link. Registration starts once the
    invoice is paid."""
    cart = check_cart(scope, items)
    total = round(sum(price for _, _, price in cart), 2)
    payload = {"cart": cart, "platform": scope.platform if scope.platform_explicit else None, "dnsShield": dns_shield}
    if not use_wallet:
        return wallet.create_link(scope.world, scope.owner, scope.workspace.id, "domain_purchase", total, payload)
    if not rest_unpaid:
        wallet.ensure_funds(scope.world, scope.owner, total)
    return wallet.invoice_with_wallet(scope.world, scope.owner, scope.workspace.id, "domain_purchase", total,
                                      "Domain purchase: " + ", ".join(n for n, _, _ in cart), payload)


@wallet.on_paid("domain_purchase")
def _register(world: World, account: Account, link: PaymentLink) -> list[Domain]:
    p = link.payload
    return register(world, account, link.workspace_id, p["cart"], p["platform"], p["dnsShield"])


def register(world: World, account: Account, workspace_id: str, cart, platform: Optional[str], dns_shield: bool,
             origin: str = "purchased") -> list[Domain]:
    """Paid names, (name, years, price paid) each, go PENDING, then ACTIVE on the clock (Zapmail
    support); the price is what a registry refusal refunds."""
    made = []
    for name, years, price in cart:
        if held_by(account, name):  # bought meanwhile: nothing to register (refund not modelled)
            continue
        d = new_domain(world, account, workspace_id, name, platform=platform, origin=origin,
                       status="PENDING", years=years, dns_shield=dns_shield)
        d.price_paid = price
        scheduler.schedule(account, world.now() + world.settings["domain_registration_seconds"], "domain.registered", d.id)
        made.append(d)
    return made


@scheduler.handler("domain.registered")
def _registered(world: World, account: Account, ref: str, due: float) -> None:
    d = account.domains.get(ref)
    if d is None or d.status != "PENDING":
        return
    if registered_elsewhere(d.name):
        # the registry refuses it: its price goes back to the wallet and the domain is removed (observed)
        wallet.credit(world, account, d.price_paid, f"Refund: {d.name} could not be registered")
        dns.drop_domain(account, d.id)
        del account.domains[d.id]
        return
    d.status, d.updated_at = "ACTIVE", due
    dns.add_mail_records(world, account, d)
    webhooks.emit(world, account, "domain.status", d, due, previous="PENDING")


def take_platform(world: World, account: Account, d: Domain, platform: str) -> None:
    """A domain without a platform takes the one of its first mailbox; its mail records were
    written for GOOGLE (the platform reads show it under), so they follow it to another."""
    if d.platform is None:
        d.platform = platform
        if platform != GOOGLE:
            dns.switch_mail_records(world, account, d, GOOGLE)
