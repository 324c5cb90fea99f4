"""LiteMail wire shapes of the newer tree's own groups (tags, placement tests, dashboard, export
history, Cloudflare, webhooks, warmup analytics), one renderer per resource.

None of these responses is documented: every shape here is ours (declared in responses.py
and built through its constructors), written as render.py writes
the shared groups (camelCase keys, timestamps in whole seconds, mailbox statuses as LiteMail shows
them: PENDING where the shared core says IN_PROGRESS), reusing its renderers for mailboxes,
domains and connection requests.
"""
from __future__ import annotations

from typing import Any, Optional

from ...core.pagination import Page
from ...domain.models import Account
from ...domain import tags as tag_rules
from ...domain import webhooks as hooks
from ...domain.accounts import Scope
from ...domain.models import (CloudflareCredential, ConnectionRequest, Domain, ExportJob, Mailbox, PlacementTest,
                              Tag, Webhook, WebhookDelivery)
from . import responses as rs
from .render import assigned_mailbox, connection, domain, pagination, ts
from .wire import mailbox_status as status_name

RECENT_DELIVERIES = 10


def email(account: Account, m: Mailbox) -> Optional[str]:
    d = account.domains.get(m.domain_id)
    return f"{m.username}@{d.name}" if d else None


def mailbox_brief(account: Account, m: Mailbox, status: Optional[str] = None) -> dict:
    """The documented Assign Mailboxes row plus the address; no credentials (it goes into
    webhook bodies)."""
    row = {**assigned_mailbox(m), "email": email(account, m)}
    if status:
        row["status"] = status
    return row


# ---------------------------------------------------------------- tags

def tag(scope: Scope, t: Tag) -> rs.Tag:
    domains = tag_rules.domains_with_tag(scope, t.id)
    boxes = tag_rules.mailboxes_with_tag(scope, t.id)
    return rs.Tag(id=t.id, name=t.name, color=t.color, domainCount=len(domains), mailboxCount=len(boxes),
                  domainIds=[d.id for d in domains], mailboxIds=[m.id for m in boxes],
                  createdAt=ts(t.created_at), updatedAt=ts(t.updated_at or t.created_at))


# ---------------------------------------------------------------- placement tests

def _counts(counts: dict) -> rs.PlacementCounts:
    total = counts["inbox"] + counts["spam"] + counts["missing"]
    return rs.PlacementCounts(inbox=counts["inbox"], spam=counts["spam"], missing=counts["missing"], total=total,
                              inboxRate=round(100 * counts["inbox"] / total, 1) if total else 0.0)


def _provider_row(provider: str, counts: dict) -> rs.ProviderCounts:
    return rs.ProviderCounts(provider=provider, **_counts(counts))


def _results(account: Account, t: PlacementTest) -> Optional[rs.PlacementResults]:
    if t.results is None:
        return None
    rows = [_provider_row(p, t.results[p]) for p in t.providers]
    overall = {k: sum(r[k] for r in rows) for k in ("inbox", "spam", "missing")}
    return rs.PlacementResults(
        overall=_counts(overall), providers=rows,
        mailboxes=[rs.PlacementMailbox(mailboxId=mid,
                                       email=email(account, account.mailboxes[mid]) if mid in account.mailboxes else None,
                                       providers=[_provider_row(p, per[p]) for p in t.providers])
                   for mid, per in (t.mailbox_results or {}).items()])


def placement_test(account: Account, t: PlacementTest) -> rs.PlacementTest:
    return rs.PlacementTest(id=t.id, name=t.name, status=t.status, mailboxIds=list(t.mailbox_ids),
                            providers=list(t.providers), seedsPerProvider=t.seeds_per_provider,
                            emailsSent=len(t.mailbox_ids) * len(t.providers) * t.seeds_per_provider,
                            results=_results(account, t), failureReason=t.failure_reason,
                            createdAt=ts(t.created_at), startedAt=ts(t.started_at), completedAt=ts(t.completed_at),
                            updatedAt=ts(t.updated_at))


# ---------------------------------------------------------------- dashboard

def mailbox_status_counts(counts: dict) -> rs.StatusCounts:
    by_status: dict = {}
    for status, n in counts["byStatus"].items():
        key = status_name(status)
        by_status[key] = by_status.get(key, 0) + n
    return rs.StatusCounts(total=counts["total"], counts=by_status, scheduledForRemoval=counts["scheduledForRemoval"])


def overview(data: dict) -> rs.Overview:
    subs, slots, exports = data["subscriptions"], data["slots"], data["exports"]
    return rs.Overview(domains=rs.DomainCounts(total=data["domains"]["total"], counts=data["domains"]["byStatus"]),
                       mailboxes=mailbox_status_counts(data["mailboxes"]), walletBalance=data["walletBalance"],
                       subscriptions=rs.SubscriptionCounts(active=subs["active"], total=subs["total"]),
                       slots=rs.Slots(purchased=slots["purchased"], used=slots["used"], available=slots["available"]),
                       exports=rs.ExportCounts(total=exports["total"], completed=exports["completed"],
                                               inProgress=exports["inProgress"], failed=exports["failed"]),
                       tags=data["tags"],
                       placementTests=data["placementTests"])


# ---------------------------------------------------------------- export history

def export_record(e: ExportJob) -> rs.ExportRecord:
    # ids are the core's export numbers (the same ids the export routes hand out)
    return rs.ExportRecord(id=e.id, source="MANUAL" if e.manual else "EXPORT", apps=list(e.apps), status=e.status,
                           mailboxCount=len(e.mailbox_ids), mailboxIds=list(e.mailbox_ids), note=e.note,
                           failureReason=e.failure_reason, createdAt=ts(e.created_at), updatedAt=ts(e.updated_at))


# ---------------------------------------------------------------- Cloudflare

def _masked(secret: str) -> str:
    return hooks.mask(secret) or ""


def cloudflare_credentials(c: CloudflareCredential) -> rs.CloudflareCredentials:
    """The token is never shown in full (litemail.yaml: 'never echoes a stored secret')."""
    return rs.CloudflareCredentials(id=c.id, label=c.label, email=c.email, accountId=c.external_account_id,
                                    apiToken=_masked(c.api_token), zoneCount=len(c.zones),
                                    createdAt=ts(c.created_at), updatedAt=ts(c.updated_at))


def maybe_connection(req: Optional[ConnectionRequest]) -> Optional[rs.Connection]:
    return connection(req) if req is not None else None


def cloudflare_state(creds: list[CloudflareCredential], zones: list[tuple[str, dict]]) -> rs.CloudflareState:
    """Every stored credential and the zones each one reaches, as (credentials id, zone)."""
    return rs.CloudflareState(credentials=[cloudflare_credentials(c) for c in creds],
                              zones=[zone(i, z) for i, z in zones])


def cloudflare_saved(creds: CloudflareCredential, req: Optional[ConnectionRequest]) -> rs.CloudflareSaved:
    return rs.CloudflareSaved(credentials=cloudflare_credentials(creds), connection=maybe_connection(req))


def zone(credentials_id: str, z: dict) -> rs.Zone:
    d: Optional[Domain] = z["domain"]
    # Cloudflare's own zone statuses are lower case: active once the domain is live, else pending.
    return rs.Zone(name=z["name"], credentialsId=credentials_id,
                   status="active" if d is not None and d.status == "ACTIVE" else "pending",
                   domainId=d.id if d else None, domainStatus=d.status if d else None,
                   connection=maybe_connection(z["request"]))


# ---------------------------------------------------------------- webhooks

def delivery(d: WebhookDelivery) -> rs.Delivery:
    last = d.attempts[-1] if d.attempts else None
    return rs.Delivery(id=d.id, event=d.event, eventId=d.event_id, status=d.status, createdAt=ts(d.created_at),
                       lastStatusCode=last["statusCode"] if last else None,
                       attempts=[rs.DeliveryAttempt(attempt=a["attempt"], at=ts(a["at"]), statusCode=a["statusCode"],
                                                    error=a["error"], durationMs=a["durationMs"])
                                 for a in d.attempts])


def webhook(account: Account, w: Webhook, secret_once: bool = False) -> rs.Webhook:
    """The signing secret in full only in the answer to create; masked everywhere else."""
    rows = hooks.deliveries_of(account, w.id)

    def count(status: str) -> int:
        return sum(1 for d in rows if d.status == status)

    return rs.Webhook(id=w.id, url=w.url, events=list(w.events), description=w.description,
                      status="ACTIVE" if w.active else "DISABLED",
                      secret=w.secret if secret_once else _masked(w.secret),
                      createdAt=ts(w.created_at), updatedAt=ts(w.updated_at),
                      deliveryStats=rs.DeliveryStats(total=len(rows), pending=count(hooks.PENDING),
                                                     delivered=count(hooks.DELIVERED), failed=count(hooks.FAILED)),
                      recentDeliveries=[delivery(d) for d in reversed(rows[-RECENT_DELIVERIES:])])


def event_body(account: Account, kind: str, name: str, event_id: str, obj, at: float, previous=None) -> dict:
    """A delivery's JSON body: {id, event, createdAt, data}; data holds the resource as the list
    routes show it (mailbox, domain, connection or placementTest)."""
    data: dict[str, Any]
    if kind == "mailbox.status":
        data = {"mailbox": mailbox_brief(account, obj)}
    elif kind == "mailbox.removed":
        data = {"mailbox": mailbox_brief(account, obj, status="REMOVED")}
    elif kind == "domain.status":
        data = {"domain": domain(account, obj)}
    elif kind == "connection.status":
        data = {"connection": connection(obj)}
    else:
        data = {"placementTest": placement_test(account, obj)}
    return {"id": event_id, "event": name, "createdAt": ts(at), "data": data}


# ---------------------------------------------------------------- warmup analytics

def warmup_report(account: Account, summary: dict, rows: list, pg: Page) -> rs.WarmupReport:
    """summary over every matching mailbox; rows (mailbox, analytics) of one page."""
    summary_row = rs.WarmupSummary(mailboxes=summary["mailboxes"], warmingUp=summary["warmingUp"],
                                   warmedUp=summary["warmedUp"], sent=summary["sent"], inbox=summary["inbox"],
                                   spam=summary["spam"], inboxRate=summary["inboxRate"],
                                   averageReputation=summary["averageReputation"])
    return rs.WarmupReport(summary=summary_row, mailboxes=[warmup_row(account, m, a) for m, a in rows],
                           pagination=pagination(pg))


def warmup_row(account: Account, m: Mailbox, a: dict) -> rs.WarmupRow:
    return rs.WarmupRow(mailboxId=m.id, email=email(account, m), mailboxStatus=status_name(m.status),
                        warmupStatus=a["status"], warmupDays=a["days"], sent=a["sent"], inbox=a["inbox"],
                        spam=a["spam"], inboxRate=a["inboxRate"], reputation=a["reputation"],
                        daily=[rs.WarmupDay(date=day["date"], sent=day["sent"], inbox=day["inbox"], spam=day["spam"])
                               for day in a["daily"]])
