"""Stubbed answers: make chosen calls of an operation answer exactly what a test needs.

A stub rule names an operation (optionally a provider and an account), a trigger (first N, every
Nth, a seeded probability: the fault rules' triggers) and, optionally, a JSON subset the request's
body and/or query must contain. Its answer is a status, a body and headers, either *instead of*
the simulator's own answer (the operation does not run: nothing changes) or *merged into* it
(`merge`: the operation runs, then the stub's body is deep-merged into the answer's body, and its
status and headers replace the answer's).

Order in one request: fault rules first. A fault that answers (a status) or drops the connection
before handling wins, and stubs are not consulted (nor counted). A latency fault waits, then the
request goes on. Next the provider's own gate: the API key (a stub for "every account" never
answers a request the provider would refuse as unauthenticated) and its rate limits. Then stubs:
the oldest rule that fires answers. A "drop after" fault still loses the stubbed answer. So a
fault is the network or the server failing; a stub is what the provider says when it answers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from .dialect import Reply
from .faults import FaultBook, Rule


@dataclass(frozen=True)
class Answer:
    status: Optional[int] = None  # default: 200 instead of the real answer, the real status when merging
    body: Any = None  # JSON; when merging, an object merged into the real answer's object
    headers: dict = field(default_factory=dict)
    merge: bool = False

    def __post_init__(self):
        if self.status is not None and not 100 <= self.status <= 599:
            raise ValueError("status must be between 100 and 599")
        if self.merge and not isinstance(self.body, dict) and self.body is not None:
            raise ValueError("a merged body must be a JSON object (the part of the answer to change)")
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in self.headers.items()):
            raise ValueError("headers must map names to string values")
        if any(k.lower() in ("content-length", "transfer-encoding") for k in self.headers):
            raise ValueError("content-length and transfer-encoding are set by the server")

    @property
    def kind(self) -> str:
        return "merge" if self.merge else "replace"

    def view(self) -> dict:
        out: dict = {"merge": self.merge}
        if self.status is not None:
            out["status"] = self.status
        if self.body is not None:
            out["body"] = self.body
        if self.headers:
            out["headers"] = dict(self.headers)
        return out


@dataclass
class StubRule(Rule):
    body_match: Any = None  # a JSON subset the request body must contain
    query_match: Optional[dict] = None  # query parameters the request must carry (values as strings)

    def applies(self, request) -> bool:
        query, body = request if request is not None else ({}, None)
        if self.query_match is not None and not all(
                name in query and query[name] == _text(value) for name, value in self.query_match.items()):
            return False
        return self.body_match is None or contains(body, self.body_match)

    def view(self) -> dict:
        out = super().view()
        out["answer"] = out.pop("action")
        out["applied"] = out.pop("injected")
        out["match"] = {k: v for k, v in (("body", self.body_match), ("query", self.query_match)) if v is not None}
        return out


def new_book() -> FaultBook:
    return FaultBook("stub", StubRule)


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def contains(actual: Any, subset: Any) -> bool:
    """JSON subset: every key of an object pattern is in the actual object with a matching value;
    every item of a list pattern matches some item of the actual list; scalars are equal."""
    if isinstance(subset, dict):
        return isinstance(actual, dict) and all(k in actual and contains(actual[k], v) for k, v in subset.items())
    if isinstance(subset, list):
        return isinstance(actual, list) and all(any(contains(a, s) for a in actual) for s in subset)
    return actual == subset and type(actual) is type(subset) or (
        isinstance(actual, (int, float)) and isinstance(subset, (int, float))
        and not isinstance(actual, bool) and not isinstance(subset, bool) and actual == subset)


def merged(base: Any, partial: Any) -> Any:
    """`partial` deep-merged into `base`: objects merge key by key, anything else replaces."""
    if isinstance(base, dict) and isinstance(partial, dict):
        out = dict(base)
        for key, value in partial.items():
            out[key] = merged(base.get(key), value)
        return out
    return partial


# ---------------------------------------------------------------- the request path's two calls

def decide(book: FaultBook, provider: str, operation: str, account_id: Optional[str], call) -> Optional[StubRule]:
    """The stub rule that answers this authenticated call, or None (then the operation answers)."""
    if not book:  # no rules: the common case costs nothing
        return None
    return book.decide(provider, operation, account_id, (call.query, call.raw_body))  # as sent


def apply(dialect, rule: StubRule, reply: Optional[Reply]) -> Reply:
    """The stub's answer: instead of the operation's (which did not run), or merged into `reply`."""
    answer: Answer = rule.action
    if not answer.merge or reply is None:
        status = answer.status if answer.status is not None else 200
        if answer.body is None and status >= 400:
            out = dialect.error(status, "Stubbed error")  # the provider's own error envelope
        else:
            out = Reply(status, answer.body if answer.body is not None else {})
    else:
        out = Reply(answer.status if answer.status is not None else reply.status, reply.body, reply.media_type,
                    dict(reply.headers))
        if answer.body is not None and reply.media_type == "application/json":
            out.body = merged(reply.body, answer.body)
    out.headers.update({k.lower(): v for k, v in answer.headers.items()})
    return out
