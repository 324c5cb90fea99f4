"""Export history: every export job of the workspace, plus records of exports made elsewhere
that a client writes down here (manual records, complete when created)."""
from __future__ import annotations

from typing import Callable, Optional

from ..core.errors import Invalid, NotFound
from .accounts import Scope
from .exports import EXPORT_STATUSES
from .models import ExportJob, Mailbox

MAX_APP = 50
MAX_NOTE = 500
MAX_IDS = 5000
RECORD_STATUSES = ("COMPLETED", "FAILED")


def workspace_mailboxes(scope: Scope, mailbox_ids: list, field: str = "mailboxIds",
                        check: Optional[Callable[[Mailbox, str], None]] = None) -> list[Mailbox]:
    """Each id must name a mailbox of this workspace (any platform): the mailboxes, first
    occurrence order, duplicates dropped. An unknown id is a NotFound naming `field[i]`;
    `check(mailbox, "field[i]")` may refuse a mailbox in the same pass. (Shared by export
    history and placement tests; one mailbox by id is mailboxes.get_mailbox.)"""
    chosen: dict[str, Mailbox] = {}
    for i, mailbox_id in enumerate(mailbox_ids):
        where = f"{field}[{i}]"
        m = scope.owner.mailboxes.get(mailbox_id) if isinstance(mailbox_id, str) else None
        if m is None or m.workspace_id != scope.workspace.id:
            raise NotFound(f"Mailbox not found: {mailbox_id}", field=where)
        if check is not None:
            check(m, where)
        chosen.setdefault(m.id, m)
    return list(chosen.values())


def history(scope: Scope, status: Optional[str] = None) -> list[ExportJob]:
    """Newest first."""
    if status not in (None, "") and status not in EXPORT_STATUSES:
        raise Invalid(f"status must be one of {', '.join(EXPORT_STATUSES)}", field="status")
    rows = [e for e in scope.owner.exports.values() if e.workspace_id == scope.workspace.id
            and (not status or e.status == status)]
    return sorted(rows, key=lambda e: (e.created_at, e.id), reverse=True)


def record(scope: Scope, app, mailbox_ids, status=None, note=None) -> ExportJob:
    if not isinstance(app, str) or not app.strip() or len(app.strip()) > MAX_APP:
        raise Invalid(f"app must be a non-empty string of at most {MAX_APP} characters", field="app")
    if not isinstance(mailbox_ids, list) or not mailbox_ids:
        raise Invalid("mailboxIds must be a non-empty array", field="mailboxIds")
    if len(mailbox_ids) > MAX_IDS:
        raise Invalid(f"At most {MAX_IDS} mailboxIds per record", field="mailboxIds")
    ids = [m.id for m in workspace_mailboxes(scope, mailbox_ids)]
    status = "COMPLETED" if status is None else status
    if status not in RECORD_STATUSES:
        raise Invalid(f"status must be one of {', '.join(RECORD_STATUSES)}", field="status")
    if note is not None and (not isinstance(note, str) or len(note) > MAX_NOTE):
        raise Invalid(f"note must be a string of at most {MAX_NOTE} characters", field="note")
    owner, now = scope.owner, scope.now
    job = ExportJob(id=owner.next_export_id, workspace_id=scope.workspace.id, apps=[app.strip()], mailbox_ids=ids,
                    status=status, created_at=now, updated_at=now, manual=True, note=note)
    owner.next_export_id += 1
    owner.exports[job.id] = job
    return job
