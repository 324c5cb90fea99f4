"""The request journal: query, verify call counts, clear, resize."""
from __future__ import annotations

from starlette.responses import Response

from ..core.clock import parse_iso
from ..core.journal import Pattern
from . import bodies as b
from .http import BadRequest, Ctx, Op, json_response

FILTERS = [("provider", {"type": "string"}, "provider name"),
           ("method", {"type": "string"}, "HTTP method"),
           ("path", {"type": "string"}, "exact path, or a glob with * and ?"),
           ("routeId", {"type": "string"}, "route id (operation)"),
           ("account", {"type": "string"}, "account id"),
           ("status", {"type": "string"}, "429, or a class such as 4xx"),
           ("fault", {"type": "boolean"}, "true: only injected faults; false: only real answers"),
           ("since", {"type": "string"}, "simulated time, ISO 8601 or epoch seconds (inclusive)"),
           ("until", {"type": "string"}, "simulated time, ISO 8601 or epoch seconds (inclusive)"),
           ("afterId", {"type": "integer"}, "only entries with a larger id"),
           ("limit", {"type": "integer"}, "at most this many, the newest")]


MAX_INT = 2 ** 53  # the largest integer every JSON client reads exactly


def _time(value, name: str):
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    try:
        return float(value)
    except ValueError:
        pass
    try:
        return parse_iso(value)
    except ValueError:
        raise BadRequest(f"{name} must be ISO 8601 (2026-05-24T15:10:54.000Z) or epoch seconds") from None


def _int(value, name: str, minimum: int = 0):
    if value is None:
        return None
    if isinstance(value, str) and len(value) > 20:
        raise BadRequest(f"{name} must be at most {MAX_INT}")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadRequest(f"{name} must be an integer") from None
    if number < minimum:
        raise BadRequest(f"{name} must be at least {minimum}")
    if number > MAX_INT:
        raise BadRequest(f"{name} must be at most {MAX_INT}")
    return number


def pattern_from(values: dict) -> Pattern:
    fault = values.get("fault")
    if isinstance(fault, str):
        if fault not in ("true", "false"):
            raise BadRequest("fault must be true or false")
        fault = fault == "true"
    try:
        return Pattern(provider=values.get("provider"), method=values.get("method"), path=values.get("path"),
                       route=values.get("routeId"), account=values.get("account"),
                       status=None if values.get("status") is None else str(values["status"]), fault=fault,
                       since=_time(values.get("since"), "since"), until=_time(values.get("until"), "until"),
                       after_id=_int(values.get("afterId"), "afterId"))
    except ValueError as exc:
        raise BadRequest(str(exc)) from None


async def query(ctx: Ctx) -> Response:
    params = dict(ctx.query)
    unknown = set(params) - {name for name, _, _ in FILTERS}
    if unknown:
        raise BadRequest(f"unknown filter(s) {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(name for name, _, _ in FILTERS)}")
    journal = ctx.sim.control.journal
    entries, total = journal.query(pattern_from(params), _int(params.get("limit"), "limit", 1))
    return json_response({"entries": [e.view() for e in entries], "total": total, **journal.stats(),
                          "bodyLimit": journal.body_limit})


async def verify(ctx: Ctx) -> Response:
    body: b.Verify = ctx.body
    if body.exactly is None and body.atLeast is None and body.atMost is None:
        raise BadRequest("say how many calls: exactly, atLeast and/or atMost")
    pattern = pattern_from(body.model_dump(exclude={"exactly", "atLeast", "atMost"}))
    return json_response(ctx.sim.control.journal.verify(pattern, exactly=body.exactly, at_least=body.atLeast,
                                                        at_most=body.atMost))


async def clear(ctx: Ctx) -> Response:
    ctx.sim.control.journal.clear()
    return Response(status_code=204)


async def config(ctx: Ctx) -> Response:
    journal = ctx.sim.control.journal
    if ctx.request.method == "POST":
        journal.resize(ctx.body.size)
    return json_response(journal.stats())


JSON = "application/json"

OPS = [
    Op("GET", "/_sim/journal", query, "journal.query",
       "Recorded provider calls, oldest first, filtered; never headers or bodies (no keys, no passwords)",
       query=FILTERS, responses={200: ("entries and ring statistics", b.JournalPage, JSON)}),
    Op("POST", "/_sim/journal/verify", verify, "journal.verify",
       "Was a pattern called exactly / at least / at most N times? If not, which calls came closest",
       body=b.Verify, responses={200: ("the verdict", b.Verification, JSON)}),
    Op("DELETE", "/_sim/journal", clear, "journal.clear", "Forget every recorded call",
       responses={204: ("cleared", None, None)}),
    Op("GET", "/_sim/journal/config", config, "journal.config.get", "Ring size and usage",
       responses={200: ("size, held, recorded", None, JSON)}),
    Op("POST", "/_sim/journal/config", config, "journal.config.set", "Resize the ring (keeps the newest entries)",
       body=b.JournalConfig, responses={200: ("size, held, recorded", None, JSON)}),
]
