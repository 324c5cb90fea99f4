"""Zapmail's envelopes.

Success: {status, message, data} with status equal to the HTTP status (every docs example).
Errors: {status, message, errorId}, errorId an 8-hex string (observed fixtures).
Some operations answer flat bodies; those handlers use `flat`.
"""
from __future__ import annotations

import secrets
from typing import Any

from ...core.dialect import Reply


def ok(message: str, data: Any = None, status: int = 200) -> Reply:
    return Reply(status, {"status": status, "message": message, "data": data})


def flat(body: dict, status: int = 200) -> Reply:
    return Reply(status, body)


def error(status: int, message: str) -> Reply:
    # errorId is per occurrence, not state: it comes from the OS, not the world's seeded ids.
    return Reply(status, {"status": status, "message": message, "errorId": secrets.token_hex(4)})
