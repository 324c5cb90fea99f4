"""LiteMail's envelope: {status, message, data}, status equal to the HTTP status (documented on
Assign Mailboxes to Domain and Upgrade Subscription). Errors are not documented: ours keep the
same envelope with data null, and a validation error adds errors: [{field, message}]."""
from __future__ import annotations

from typing import Any, Literal, Optional

from ...core.dialect import Reply
from ...domain.mailboxes import MAILBOX_STATUSES as CORE_MAILBOX_STATUSES

# Documented: LiteMail says PENDING for a mailbox being created (the core's IN_PROGRESS). The
# one place the core's mailbox statuses meet LiteMail's words: filters, answers and the
# published enums all derive from it.
_MAILBOX_WORDS = {"IN_PROGRESS": "PENDING"}
MAILBOX_STATUSES = tuple(_MAILBOX_WORDS.get(s, s) for s in CORE_MAILBOX_STATUSES)
MailboxStatus = Literal[MAILBOX_STATUSES]


def mailbox_status(core_status: str) -> str:
    """A core mailbox status in LiteMail's words."""
    return _MAILBOX_WORDS.get(core_status, core_status)


def ok(message: str, data: Any = None, status: int = 200) -> Reply:
    return Reply(status, {"status": status, "message": message, "data": data})


def created(message: str, data: Any = None) -> Reply:
    return ok(message, data, 201)


def error(status: int, message: str, errors: Optional[list] = None) -> Reply:
    body = {"status": status, "message": message, "data": None}
    if errors:
        body["errors"] = [{"field": e.get("field"), "message": e.get("message")} for e in errors]
    elif status == 400:
        body["errors"] = [{"field": None, "message": message}]
    return Reply(status, body)
