"""LiteMail's envelope: {status, message, data}, status equal to the HTTP status (documented on
Assign Mailboxes to Domain and Upgrade Subscription). Errors are not documented: ours keep the
same envelope with data null, and a validation error adds errors: [{field, message}]."""
from __future__ import annotations

from typing import Any, Optional

from ...core.dialect import Reply


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
