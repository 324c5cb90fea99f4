"""LiteMail wire shapes of the newer tree's own groups (tags, placement tests, dashboard, export
history, Cloudflare, webhooks, warmup analytics), one renderer per resource.

None of these responses is documented: every shape here is ours, written as render.py writes
the shared groups (camelCase keys, timestamps in whole seconds, mailbox statuses as LiteMail shows
them: PENDING where the shared core says IN_PROGRESS), reusing its renderers for mailboxes,
domains and connection requests.
"""
from __future__ import annotations

from typing import Optional

from ...core.pagination import Page
from ...core.store import Account
from ...domain import tags as tag_rules
from ...domain import webhooks as hooks
from ...domain.accounts import Scope
from ...domain.models import (CloudflareCredential, ConnectionRequest, Domain, ExportJob, Mailbox, PlacementTest,
                              Tag, Webhook, WebhookDelivery)
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

def tag(scope: Scope, t: Tag) -> dict:
    domains = tag_rules.domains_with_tag(scope, t.id)
    boxes = tag_rules.mailboxes_with_tag(scope, t.id)
    return {"id": t.id, "name": t.name, "color": t.color, "domainCount": len(domains), "mailboxCount": len(boxes),
            "domainIds": [d.id for d in domains], "mailboxIds": [m.id for m in boxes],
            "createdAt": ts(t.created_at), "updatedAt": ts(t.updated_at or t.created_at)}


# ---------------------------------------------------------------- placement tests

def _counts(counts: dict) -> dict:
    total = counts["inbox"] + counts["spam"] + counts["missing"]
    return {"inbox": counts["inbox"], "spam": counts["spam"], "missing": counts["missing"], "total": total,
            "inboxRate": round(100 * counts["inbox"] / total, 1) if total else 0.0}


def _provider_row(provider: str, counts: dict) -> dict:
    return {"provider": provider, **_counts(counts)}


def placement_test(account: Account, t: PlacementTest) -> dict:
    results = None
    if t.results is not None:
        rows = [_provider_row(p, t.results[p]) for p in t.providers]
        overall = {k: sum(r[k] for r in rows) for k in ("inbox", "spam", "missing")}
        results = {"overall": _counts(overall), "providers": rows,
                   "mailboxes": [{"mailboxId": mid,
                                  "email": email(account, account.mailboxes[mid]) if mid in account.mailboxes else None,
                                  "providers": [_provider_row(p, per[p]) for p in t.providers]}
                                 for mid, per in (t.mailbox_results or {}).items()]}
    return {"id": t.id, "name": t.name, "status": t.status, "mailboxIds": list(t.mailbox_ids),
            "providers": list(t.providers), "seedsPerProvider": t.seeds_per_provider,
            "emailsSent": len(t.mailbox_ids) * len(t.providers) * t.seeds_per_provider,
            "results": results, "failureReason": t.failure_reason, "createdAt": ts(t.created_at),
            "startedAt": ts(t.started_at), "completedAt": ts(t.completed_at), "updatedAt": ts(t.updated_at)}


# ---------------------------------------------------------------- dashboard

def mailbox_status_counts(counts: dict) -> dict:
    by_status: dict = {}
    for status, n in counts["byStatus"].items():
        key = status_name(status)
        by_status[key] = by_status.get(key, 0) + n
    return {"total": counts["total"], "counts": by_status, "scheduledForRemoval": counts["scheduledForRemoval"]}


def overview(data: dict) -> dict:
    return {**data, "domains": {"total": data["domains"]["total"], "counts": data["domains"]["byStatus"]},
            "mailboxes": mailbox_status_counts(data["mailboxes"])}


# ---------------------------------------------------------------- export history

def export_record(e: ExportJob) -> dict:
    # ids are the core's export numbers (the same ids the export routes hand out)
    return {"id": e.id, "source": "MANUAL" if e.manual else "EXPORT", "apps": list(e.apps), "status": e.status,
            "mailboxCount": len(e.mailbox_ids), "mailboxIds": list(e.mailbox_ids), "note": e.note,
            "failureReason": e.failure_reason, "createdAt": ts(e.created_at), "updatedAt": ts(e.updated_at)}


# ---------------------------------------------------------------- Cloudflare

def cloudflare_credentials(c: CloudflareCredential) -> dict:
    """The token is never shown in full (litemail.yaml: 'never echoes a stored secret')."""
    return {"id": c.id, "label": c.label, "email": c.email, "accountId": c.external_account_id,
            "apiToken": hooks.mask(c.api_token), "zoneCount": len(c.zones), "createdAt": ts(c.created_at),
            "updatedAt": ts(c.updated_at)}


def maybe_connection(req: Optional[ConnectionRequest]) -> Optional[dict]:
    return connection(req) if req is not None else None


def cloudflare_state(creds: list[CloudflareCredential], zones: list[tuple[str, dict]]) -> dict:
    """Every stored credential and the zones each one reaches, as (credentials id, zone)."""
    return {"credentials": [cloudflare_credentials(c) for c in creds], "zones": [zone(i, z) for i, z in zones]}


def cloudflare_saved(creds: CloudflareCredential, req: Optional[ConnectionRequest]) -> dict:
    return {"credentials": cloudflare_credentials(creds), "connection": maybe_connection(req)}


def zone(credentials_id: str, z: dict) -> dict:
    d: Optional[Domain] = z["domain"]
    # Cloudflare's own zone statuses are lower case: active once the domain is live, else pending.
    return {"name": z["name"], "credentialsId": credentials_id,
            "status": "active" if d is not None and d.status == "ACTIVE" else "pending",
            "domainId": d.id if d else None, "domainStatus": d.status if d else None,
            "connection": maybe_connection(z["request"])}


# ---------------------------------------------------------------- webhooks

def delivery(d: WebhookDelivery) -> dict:
    last = d.attempts[-1] if d.attempts else None
    return {"id": d.id, "event": d.event, "eventId": d.event_id, "status": d.status, "createdAt": ts(d.created_at),
            "lastStatusCode": last["statusCode"] if last else None,
            "attempts": [{"attempt": a["attempt"], "at": ts(a["at"]), "statusCode": a["statusCode"],
                          "error": a["error"], "durationMs": a["durationMs"]} for a in d.attempts]}


def webhook(account: Account, w: Webhook, secret_once: bool = False) -> dict:
    """The signing secret in full only in the answer to create; masked everywhere else."""
    rows = hooks.deliveries_of(account, w.id)
    stats = {s.lower(): sum(1 for d in rows if d.status == s) for s in (hooks.PENDING, hooks.DELIVERED, hooks.FAILED)}
    return {"id": w.id, "url": w.url, "events": list(w.events), "description": w.description,
            "status": "ACTIVE" if w.active else "DISABLED",
            "secret": w.secret if secret_once else hooks.mask(w.secret),
            "createdAt": ts(w.created_at), "updatedAt": ts(w.updated_at),
            "deliveryStats": {"total": len(rows), **stats},
            "recentDeliveries": [delivery(d) for d in reversed(rows[-RECENT_DELIVERIES:])]}


def event_body(account: Account, kind: str, name: str, event_id: str, obj, at: float) -> dict:
    """A delivery's JSON body: {id, event, createdAt, data}; data holds the resource as the list
    routes show it (mailbox, domain, connection or placementTest)."""
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

def warmup_report(account: Account, summary: dict, rows: list, pg: Page) -> dict:
    """summary over every matching mailbox; rows (mailbox, analytics) of one page."""
    return {"summary": summary, "mailboxes": [warmup_row(account, m, a) for m, a in rows], "pagination": pagination(pg)}


def warmup_row(account: Account, m: Mailbox, a: dict) -> dict:
    return {"mailboxId": m.id, "email": email(account, m), "mailboxStatus": status_name(m.status),
            "warmupStatus": a["status"], "warmupDays": a["days"], "sent": a["sent"], "inbox": a["inbox"],
            "spam": a["spam"], "inboxRate": a["inboxRate"], "reputation": a["reputation"], "daily": a["daily"]}
