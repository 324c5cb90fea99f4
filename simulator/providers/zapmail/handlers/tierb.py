"""The later Tier B routes: custom OAuth, scheduled mailbox creation, a subscription's invoice
and mailboxes, and the filtered domain list."""
from __future__ import annotations

from ....core.errors import Invalid, NotFound
from ....core.pagination import paginate, parse_page_args
from ....domain import domains, oauth, scheduled_mailboxes, subscriptions
from ....domain.models import GOOGLE, MICROSOFT
from ...wire_fields import wire_fields
from .. import render, requests
from .. import requests_tierb as rq
from .. import responses_tierb as rs
from .. import wire
from .mailboxes import keyed_batch


def custom_oauth(call):
    body = requests.parse(call, rq.CustomOAuth)
    if body.google is None and body.microsoft is None:
        raise Invalid("google or microsoft is required", field="google")
    grants = [oauth.Grant(platform, domain_id, entry.mailboxId)
              for platform, section in ((GOOGLE, body.google), (MICROSOFT, body.microsoft)) if section is not None
              for domain_id, entries in section.mailboxesPerDomain.items() for entry in entries]
    google = body.google
    job = oauth.start(call.scope, grants, google and google.clientId, google and google.appName)
    return wire.ok("Custom OAuth started successfully", rs.OAuthStarted(exportId=job.id))


def schedule_mailboxes(call):
    wanted, rename = keyed_batch(requests.parse(call, requests.AssignMailboxes))
    with wire_fields(rename):
        due, _ = scheduled_mailboxes.schedule(call.scope, wanted)
    return wire.ok(f"Mailboxes will be created on {render.ts(due)}", None)


def _subscription(call):
    body = requests.parse(call, rq.BySubscription)
    return subscriptions.find(call.scope.owner, call.scope.workspace.id, body.subscriptionId.strip())


def invoices(call):
    sub = _subscription(call)
    if not sub.invoice_url:
        raise NotFound("No invoice found for this subscription", field="subscriptionId")
    return wire.ok("Invoice fetched successfully", rs.InvoiceUrl(invoiceUrl=call.base_url + sub.invoice_url))


def subscription_mailboxes(call):
    """A live subscription pays for every mailbox of its workspace on its platform (slots are
    pooled, subscriptions.py); an ended one for none."""
    sub = _subscription(call)
    owner = call.scope.owner
    rows = [] if sub.status not in subscriptions.LIVE_STATUSES else sorted(
        (m for m in owner.mailboxes.values() if m.workspace_id == sub.workspace_id and m.platform == sub.platform),
        key=lambda m: (m.created_at, m.username))
    return wire.ok("Subscription mailboxes fetched successfully", [render.mailbox(owner, m) for m in rows])


def filtered_domains(call):
    body = requests.parse(call, rq.FilteredDomains)
    statuses = [body.status] if isinstance(body.status, str) else body.status
    rows = domains.domains_in_scope(call.scope, body.contains, statuses or None)
    if body.tagIds:
        wanted = set(body.tagIds)
        rows = [d for d in rows if wanted & set(d.tag_ids)]
    if body.sortBy == "DESC":
        rows.reverse()
    page, limit = parse_page_args(body.page, body.limit)
    return wire.ok("Domains fetched successfully", render.domains_page(call.scope.owner, paginate(rows, page, limit)))
