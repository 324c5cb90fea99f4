"""The request journal: a bounded ring of what clients called, for queries and call-count checks.

An entry keeps method, path, query, status, route id, provider, account id, duration, simulated
time and fault and stub markers; never headers (they carry API keys). Bodies only when the journal
is told to keep them (`body_limit` bytes per body, 0 by default: memory stays flat), and then with
the value of every secret-looking key replaced. Query values whose names look secret are redacted
before they are stored.
"""
from __future__ import annotations

import fnmatch
import itertools
import re

import orjson
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any, Optional
from urllib.parse import parse_qsl, unquote, urlencode

from .clock import iso

DEFAULT_SIZE = 10_000  # a CI run's worth of calls for one test module; ~3 MB at most
REDACTED = "[REDACTED]"
# Matched on the decoded name (p%61ssword is a password): anything that may carry a credential.
_SECRET_NAME = re.compile(r"key|auth|token|secret|pass|pwd|totp|otp|credential|session|cookie|signature",
                          re.IGNORECASE)


def _secret(name: str) -> bool:
    return bool(_SECRET_NAME.search(name) or _SECRET_NAME.search(unquote(name)))


def redact_query(query: str) -> str:
    """The query with the value of every secret-looking parameter replaced. Always parsed: a name
    can hide behind percent-encoding in the raw query, and the journal shows it decoded."""
    if not query:
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    if not any(_secret(k) for k, _ in pairs):
        return query
    return urlencode([(k, REDACTED if _secret(k) else v) for k, v in pairs])


def redact_json(value: Any) -> Any:
    """A copy of a JSON value with the value of every secret-looking key replaced."""
    if isinstance(value, dict):
        return {k: REDACTED if _secret(str(k)) and v is not None else redact_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_json(v) for v in value]
    return value


def kept_body(value: Any, limit: int) -> Optional[str]:
    """The body as redacted JSON text, cut at `limit` bytes (marked), or None when there is none."""
    if value is None or value == b"" or value == "":
        return None
    if isinstance(value, (bytes, str)):
        raw = value.encode() if isinstance(value, str) else value  # a page or a file: not JSON, kept as text
    else:
        raw = orjson.dumps(redact_json(value))
    if len(raw) <= limit:
        return raw.decode("utf-8", "replace")
    return raw[:limit].decode("utf-8", "ignore") + f"... [{len(raw) - limit} more bytes]"


class Entry:
    __slots__ = ("id", "at", "provider", "method", "path", "query", "route", "account", "status",
                 "duration_ms", "fault", "rate_limit", "stub", "request_body", "response_body")

    def __init__(self, id, at, provider, method, path, query, route, account, status, duration_ms, fault,
                 rate_limit, stub=None, request_body=None, response_body=None):
        self.id, self.at, self.provider, self.method, self.path = id, at, provider, method, path
        self.query, self.route, self.account, self.status = query, route, account, status
        self.duration_ms, self.fault, self.rate_limit = duration_ms, fault, rate_limit
        self.stub, self.request_body, self.response_body = stub, request_body, response_body

    def view(self) -> dict:
        return {"id": self.id, "time": iso(self.at), "epochSeconds": self.at, "provider": self.provider,
                "method": self.method, "path": self.path, "query": dict(parse_qsl(self.query, keep_blank_values=True)),
                "routeId": self.route, "accountId": self.account, "status": self.status,
                "durationMs": self.duration_ms, "fault": self.fault, "rateLimited": self.rate_limit,
                "stub": self.stub, "requestBody": self.request_body, "responseBody": self.response_body}


@dataclass
class Pattern:
    """What a query or a verification looks for; None means any."""
    provider: Optional[str] = None
    method: Optional[str] = None
    path: Optional[str] = None  # exact, or a glob with * and ?
    route: Optional[str] = None
    account: Optional[str] = None
    status: Optional[str] = None  # "429", or a class such as "4xx"
    fault: Optional[bool] = None  # only injected faults (True) or only real answers (False)
    since: Optional[float] = None  # simulated epoch seconds, inclusive
    until: Optional[float] = None
    after_id: Optional[int] = None

    def __post_init__(self):
        if self.method:
            self.method = self.method.upper()
        self._path_re = re.compile(fnmatch.translate(self.path)) if self.path and any(c in self.path for c in "*?[") \
            else None
        if self.status is not None:
            text = str(self.status).lower()
            if not re.fullmatch(r"[1-5](\d\d|xx)", text):
                raise ValueError("status must be a code such as 429 or a class such as 4xx")
            self.status = text

    def differences(self, e: Entry) -> list[str]:
        out = []
        if self.provider is not None and e.provider != self.provider:
            out.append("provider")
        if self.method is not None and e.method != self.method:
            out.append("method")
        if self.path is not None and not (self._path_re.match(e.path) if self._path_re else e.path == self.path):
            out.append("path")
        if self.route is not None and e.route != self.route:
            out.append("routeId")
        if self.account is not None and e.account != self.account:
            out.append("account")
        if self.status is not None and not _status_matches(self.status, e.status):
            out.append("status")
        if self.fault is not None and (e.fault is not None) != self.fault:
            out.append("fault")
        if self.since is not None and e.at < self.since:
            out.append("since")
        if self.until is not None and e.at > self.until:
            out.append("until")
        if self.after_id is not None and e.id <= self.after_id:
            out.append("afterId")
        return out

    def matches(self, e: Entry) -> bool:
        return not self.differences(e)

    def view(self) -> dict:
        wire = {"provider": self.provider, "method": self.method, "path": self.path, "routeId": self.route,
                "account": self.account, "status": self.status, "fault": self.fault, "since": self.since,
                "until": self.until, "afterId": self.after_id}
        return {k: v for k, v in wire.items() if v is not None}


def _status_matches(wanted: str, status: Optional[int]) -> bool:
    if status is None:
        return False
    if wanted.endswith("xx"):
        return status // 100 == int(wanted[0])
    return status == int(wanted)


_ACTUAL = {"provider": "provider", "method": "method", "path": "path", "routeId": "route", "account": "account",
           "status": "status", "fault": "fault", "since": "at", "until": "at", "afterId": "id"}


class Journal:
    def __init__(self, size: int = DEFAULT_SIZE, body_limit: int = 0):
        self.body_limit = _check_body_limit(body_limit)  # bytes kept per body; 0: no bodies
        self._lock = threading.Lock()
        self._ring: deque[Entry] = deque(maxlen=_check_size(size))
        self._ids = itertools.count(1)
        self.recorded = 0

    @property
    def size(self) -> int:
        return self._ring.maxlen

    def record(self, at: float, provider, method: str, path: str, query: str, route, account, status,
               duration_ms: float, fault=None, rate_limit=None, stub=None, request_body=None,
               response=None) -> None:
        """`stub` is the stub rule that answered, `response` the Reply sent (None: dropped).
        (Positional: one call per request, and keywords cost more to pass.)"""
        marker = {"ruleId": stub.id, "kind": stub.action.kind} if stub is not None else None
        sent = received = None
        if self.body_limit:
            sent = kept_body(request_body, self.body_limit)
            received = kept_body(response.body, self.body_limit) if response is not None else None
        with self._lock:
            self._ring.append(Entry(next(self._ids), at, provider, method, path, redact_query(query) if query else query,
                                    route, account, status, round(duration_ms, 3), fault, rate_limit, marker, sent,
                                    received))
            self.recorded += 1

    def resize(self, size: int) -> None:
        with self._lock:
            self._ring = deque(self._ring, maxlen=_check_size(size))

    def clear(self) -> None:
        with self._lock:
            self._ring.clear()

    def entries(self) -> list[Entry]:
        with self._lock:
            return list(self._ring)

    def stats(self) -> dict:
        with self._lock:
            return {"size": self._ring.maxlen, "held": len(self._ring), "recorded": self.recorded}

    def query(self, pattern: Pattern, limit: Optional[int] = None) -> tuple[list[Entry], int]:
        found = [e for e in self.entries() if pattern.matches(e)]
        return (found[-limit:] if limit else found), len(found)

    def verify(self, pattern: Pattern, *, exactly: Optional[int] = None, at_least: Optional[int] = None,
               at_most: Optional[int] = None) -> dict[str, Any]:
        entries = self.entries()
        matched = [e for e in entries if pattern.matches(e)]
        count = len(matched)
        ok = (exactly is None or count == exactly) and (at_least is None or count >= at_least) \
            and (at_most is None or count <= at_most)
        expected = {k: v for k, v in (("exactly", exactly), ("atLeast", at_least), ("atMost", at_most))
                    if v is not None}
        answer: dict[str, Any] = {"ok": ok, "count": count, "expected": expected, "pattern": pattern.view(),
                                  "matches": [e.view() for e in matched[-20:]]}
        if not ok:
            answer["closest"] = _closest(pattern, entries)
            answer["message"] = _message(pattern, expected, count, answer["closest"])
        return answer


def _closest(pattern: Pattern, entries: list[Entry], n: int = 3) -> list[dict]:
    """Non-matching entries that differ from the pattern in the fewest fields, newest first."""
    scored = []
    for e in reversed(entries):
        diff = pattern.differences(e)
        if diff:
            scored.append((len(diff), -e.id, e, diff))
    scored.sort(key=lambda t: (t[0], t[1]))
    wire = pattern.view()
    return [{"entry": e.view(), "differences": {f: {"expected": wire[f], "actual": getattr(e, _ACTUAL[f])}
                                               for f in diff}}
            for _, _, e, diff in scored[:n]]


def _message(pattern: Pattern, expected: dict, count: int, closest: list[dict]) -> str:
    want = ", ".join(f"{k} {v}" for k, v in expected.items())
    text = f"expected {want} call(s) matching {pattern.view()}, found {count}"
    if closest:
        near = closest[0]
        text += (f"; closest: {near['entry']['method']} {near['entry']['path']} -> {near['entry']['status']} "
                 f"(differs in {', '.join(near['differences'])})")
    return text


def _check_body_limit(limit) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 0 <= limit <= 1_048_576:
        raise ValueError("journal body limit must be an integer number of bytes between 0 and 1048576")
    return limit


def _check_size(size) -> int:
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= 10_000_000:
        raise ValueError("journal size must be an integer between 1 and 10000000")
    return size
