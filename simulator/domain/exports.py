"""Exports of mailboxes to sending tools (third-party accounts) or to a CSV file."""
from __future__ import annotations

import csv
import io
import math
from typing import Optional

from ..core import scheduler
from ..core.errors import Invalid, NotFound, RateLimited
from ..core.validate import text
from ..core.store import World
from .models import Account
from .accounts import Scope
from .mailboxes import email_of, mailboxes_in_scope
from .models import ExportJob, ThirdPartyAccount
from . import webhooks

MANUAL = "MANUAL"
EXPORT_STATUSES = ("PENDING", "IN_PROGRESS", "COMPLETED", "FAILED")
MAX_EXPORT_IDS = 5000


def check_app(app, apps: tuple[str, ...], field: str = "app") -> str:
    if not isinstance(app, str) or app not in apps:
        raise Invalid(f"Invalid app parameter. Supported apps: {', '.join(apps)}", field=field)
    return app


def accounts_of(scope: Scope, app: Optional[str] = None) -> list[ThirdPartyAccount]:
    rows = [a for a in scope.owner.third_party_accounts.values()
            if a.workspace_id == scope.workspace.id and (app is None or a.app == app)]
    return sorted(rows, key=lambda a: a.created_at)


def add_account(scope: Scope, body: dict, apps: tuple[str, ...]) -> ThirdPartyAccount:
    app = check_app(body.get("app"), apps)
    email = text(body.get("email"), "email")
    if "@" not in email:
        raise Invalid("email must be a valid email address", field="email")
    password = text(body.get("password"), "password")
    for a in accounts_of(scope, app):
        if a.email.lower() == email.lower():
            raise Invalid(f"An account for {app} with this email already exists", field="email")
    now = scope.now
    acc = ThirdPartyAccount(id=scope.world.ids.new(scope.owner.id_style), workspace_id=scope.workspace.id, app=app, email=email,
                            password=password, created_at=now, updated_at=now,
                            url=text(body.get("url"), "url", required=False),
                            client_id=text(body.get("clientId"), "clientId", required=False),
                            client_id_app_name=text(body.get("clientIdAppName"), "clientIdAppName", required=False))
    scope.owner.third_party_accounts[acc.id] = acc
    return acc


def update_account(scope: Scope, body: dict, apps: tuple[str, ...]) -> ThirdPartyAccount:
    """Find the account by accountId, else by app (+ email when several share the app);
    omitted fields keep their stored values (v3 docs). With accountId, app may be left out."""
    account_id = body.get("accountId")
    app = body.get("app")
    if app is not None or account_id is None:
        app = check_app(app, apps)
    candidates = accounts_of(scope, app)
    if account_id is not None:
        text(account_id, "accountId")
        candidates = [a for a in candidates if a.id == account_id]
    elif len(candidates) > 1 and isinstance(body.get("email"), str):
        candidates = [a for a in candidates if a.email.lower() == body["email"].lower()] or candidates
    if not candidates:
        raise NotFound("Third party account not found")
    if len(candidates) > 1:
        raise Invalid(f"Several {app} accounts exist in this workspace; send accountId", field="accountId")
    acc = candidates[0]
    email = text(body.get("email"), "email", required=False)
    if email is not None and "@" not in email:
        raise Invalid("email must be a valid email address", field="email")
    password = text(body.get("password"), "password", required=False)
    acc.email = email or acc.email
    acc.password = password or acc.password
    for attr, key in (("url", "url"), ("client_id", "clientId"), ("client_id_app_name", "clientIdAppName")):
        setattr(acc, attr, text(body.get(key), key, required=False) or getattr(acc, attr))
    acc.updated_at = scope.now
    return acc


def select_mailboxes(scope: Scope, body: dict) -> list:
    """ids, when given, pick mailboxes; otherwise contains/status/tagIds filter the scope's
    mailboxes; excludeIds removes some. Only ACTIVE mailboxes are exported (Zapmail support)."""
    ids = body.get("ids") or []
    exclude = set(body.get("excludeIds") or [])
    contains = (body.get("contains") or "").strip().lower()
    status = body.get("status") or ""
    tag_ids = set(body.get("tagIds") or [])
    if len(ids) > MAX_EXPORT_IDS:
        raise Invalid(f"At most {MAX_EXPORT_IDS} ids per export", field="ids")
    pool = mailboxes_in_scope(scope)
    if ids:
        by_id = {m.id: m for m in pool}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise NotFound(f"Mailboxes not found: {', '.join(missing[:10])}", field="ids")
        pool = [by_id[i] for i in dict.fromkeys(ids)]
    if contains:
        pool = [m for m in pool if contains in email_of(scope.owner, m).lower()
                or contains in f"{m.first_name} {m.last_name}".lower()]
    if status:
        pool = [m for m in pool if m.status == status]
    if tag_ids:
        pool = [m for m in pool if tag_ids & set(scope.owner.domains[m.domain_id].tag_ids)]
    return [m for m in pool if m.id not in exclude and m.status == "ACTIVE"]


def start_export(scope: Scope, body: dict, apps: tuple[str, ...]) -> ExportJob:
    targets_apps = body.get("apps")
    if not isinstance(targets_apps, list) or not targets_apps:
        raise Invalid("apps must be a non-empty array", field="apps")
    for i, app in enumerate(targets_apps):
        check_app(app, apps, f"apps[{i}]")
    tp_id = body.get("thirdPartyAccountId")
    for app in dict.fromkeys(targets_apps):
        if app == MANUAL:
            continue
        linked = accounts_of(scope, app)
        if not linked:
            raise Invalid(f"No {app} account is connected to this workspace; add one first", field="apps")
        if tp_id is not None:
            if not any(a.id == tp_id for a in linked):
                raise NotFound("Third party account not found", field="thirdPartyAccountId")
        elif len(linked) > 1:
            raise Invalid(f"Several {app} accounts exist in this workspace; thirdPartyAccountId is required",
                          field="thirdPartyAccountId")
    mailboxes = select_mailboxes(scope, body)
    if not mailboxes:
        raise Invalid("No active mailboxes match this export", field="ids")
    check_export_limit(scope, [m.id for m in mailboxes], list(dict.fromkeys(targets_apps)))
    return new_job(scope, list(dict.fromkeys(targets_apps)), [m.id for m in mailboxes], tp_id)


def new_job(scope: Scope, apps: list[str], mailbox_ids: list[str], tp_id: Optional[str] = None) -> ExportJob:
    """A job moving mailboxes to apps, PENDING -> IN_PROGRESS -> COMPLETED on the clock."""
    now = scope.now
    owner = scope.owner
    job = ExportJob(id=owner.next_export_id, workspace_id=scope.workspace.id, apps=apps,
                    mailbox_ids=mailbox_ids, status="PENDING", created_at=now, updated_at=now,
                    third_party_account_id=tp_id, csv_token=scope.world.ids.token(24) if MANUAL in apps else None)
    owner.next_export_id += 1
    owner.exports[job.id] = job
    settings = scope.world.settings
    scheduler.schedule(owner, now + settings["export_start_seconds"], "export.start", str(job.id))
    scheduler.schedule(owner, now + settings["export_finish_seconds"], "export.finish", str(job.id))
    return job


def check_export_limit(scope: Scope, mailbox_ids: list[str], targets_apps: list[str]) -> None:
    """Refuse (429) when a selected mailbox already went to one of the apps `limit` times within
    the rolling window (settings export_limit_*). Every export request counts, whatever its
    outcome; records of exports made elsewhere (manual history) do not. Retry-After: when the
    last blocked pair frees up."""
    settings = scope.world.settings
    limit, window = settings["export_limit_per_mailbox_app"], settings["export_limit_window_seconds"]
    now, wanted = scope.now, set(mailbox_ids)
    times: dict[tuple[str, str], list[float]] = {}
    for job in scope.owner.exports.values():
        if job.manual or now - job.created_at >= window:
            continue
        for app in targets_apps:
            if app in job.apps:
                for mid in wanted.intersection(job.mailbox_ids):
                    times.setdefault((mid, app), []).append(job.created_at)
    blocked = {pair: sorted(ts) for pair, ts in times.items() if len(ts) >= limit}
    if blocked:
        free_at = max(ts[max(len(ts) - limit, 0)] + window for ts in blocked.values())
        raise RateLimited("Too many requests", retry_after=max(1, math.ceil(free_at - now)))


@scheduler.handler("export.start")
def _start(world: World, account: Account, ref: str, due: float) -> None:
    job = account.exports.get(int(ref))
    if job is not None and job.status == "PENDING":
        job.status, job.updated_at = "IN_PROGRESS", due
        webhooks.emit(world, account, "export.started", job, due, previous="PENDING")


@scheduler.handler("export.finish")
def _finish(world: World, account: Account, ref: str, due: float) -> None:
    job = account.exports.get(int(ref))
    if job is None or job.status not in ("PENDING", "IN_PROGRESS"):
        return
    gone = [i for i in job.mailbox_ids if i not in account.mailboxes]
    previous = job.status
    if len(gone) == len(job.mailbox_ids):
        job.status, job.failure_reason = "FAILED", "All exported mailboxes were removed before the export ran"
    else:
        job.status = "COMPLETED"
    job.updated_at = due
    webhooks.emit(world, account, "export.failed" if job.status == "FAILED" else "export.completed", job, due,
                  previous=previous)


def get_export(scope: Scope, export_id) -> ExportJob:
    try:
        key = int(str(export_id).strip())
    except (TypeError, ValueError):
        raise Invalid("exportId must be an integer", field="exportId") from None
    job = scope.owner.exports.get(key)
    if job is None or job.workspace_id != scope.workspace.id:
        raise NotFound("Export not found", field="exportId")
    return job


def csv_rows(world: World, account: Account, job: ExportJob) -> str:
    """The MANUAL export file: one row per exported mailbox still present, with its sign-in
    details, as a sending tool's CSV import expects."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Email", "First Name", "Last Name", "Password", "App Password", "TOTP Secret",
                     "IMAP Host", "IMAP Port", "SMTP Host", "SMTP Port", "Status"])
    for mid in job.mailbox_ids:
        m = account.mailboxes.get(mid)
        if m is None:
            continue
        google = m.platform == "GOOGLE"
        writer.writerow([email_of(account, m), m.first_name, m.last_name, m.password, m.app_password or "",
                         (m.secret or "").replace(" ", "").upper(),
                         "imap.gmail.com" if google else "outlook.office365.com", 993,
                         "smtp.gmail.com" if google else "smtp.office365.com", 587, m.status])
    return out.getvalue()


def find_csv(world: World, token: str) -> tuple[Account, ExportJob]:
    for account in world.accounts.values():
        for job in account.exports.values():
            if job.csv_token == token:
                return account, job
    raise NotFound("Export file not found")
