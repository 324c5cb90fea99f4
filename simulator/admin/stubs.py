"""Stub rules: add, list, remove. The fault rules' sibling (admin/faults.py); the order of the
two in one request is documented in core/stubs.py."""
from __future__ import annotations

from starlette.responses import Response

from ..core.faults import Trigger
from ..core.stubs import Answer
from . import bodies as b
from .http import BadRequest, Ctx, Op, error_response, json_response


def trigger_of(t: b.FaultTrigger) -> Trigger:
    return Trigger(first_n=t.firstN, every_nth=t.everyNth,
                   probability=float(t.probability) if t.probability is not None else None, seed=t.seed or 0)


async def add(ctx: Ctx) -> Response:
    body: b.NewStub = ctx.body
    a = body.answer
    try:
        answer = Answer(status=a.status, body=a.body, headers=dict(a.headers or {}), merge=a.merge)
        trigger = trigger_of(body.trigger)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    rule = ctx.sim.control.add_stub(body.provider, body.operation, body.account, answer, trigger,
                                    body_match=body.match.body, query_match=body.match.query)
    return json_response(rule.view(), 201)


async def list_rules(ctx: Ctx) -> Response:
    return json_response({"stubs": [r.view() for r in ctx.sim.control.stubs.rules()]})


async def remove(ctx: Ctx) -> Response:
    if not ctx.sim.control.stubs.remove(ctx.params["id"]):
        return error_response(404, f"No stub rule {ctx.params['id']}")
    return Response(status_code=204)


async def clear(ctx: Ctx) -> Response:
    ctx.sim.control.stubs.clear()
    return Response(status_code=204)


JSON = "application/json"

OPS = [
    Op("POST", "/_sim/stubs", add, "stubs.add",
       "Add a stub rule: an operation (for one account or all) answers a given status, body and headers, "
       "instead of its own answer or merged into it; when (first N, every Nth, a seeded probability) and "
       "for which requests (a JSON subset of the body or query). Fault rules are decided first; stubbed "
       "answers are marked in the journal; reset removes every rule",
       body=b.NewStub, responses={201: ("the rule", b.StubRule, JSON)}),
    Op("GET", "/_sim/stubs", list_rules, "stubs.list", "Every stub rule, with how often it matched and answered",
       responses={200: ("the rules", b.StubList, JSON)}),
    Op("DELETE", "/_sim/stubs/{id}", remove, "stubs.remove", "Remove one stub rule",
       responses={204: ("removed", None, None), 404: ("no such rule", None, JSON)}),
    Op("DELETE", "/_sim/stubs", clear, "stubs.clear", "Remove every stub rule",
       responses={204: ("removed", None, None)}),
]
