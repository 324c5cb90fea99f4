"""Stub rules: add, list, remove. The fault rules' sibling (admin/faults.py); the order of the
two in one request is documented in core/stubs.py."""
from __future__ import annotations

from starlette.responses import Response

from ..core.stubs import Answer
from . import bodies as b
from .http import BadRequest, Ctx, Op, json_response
from .rulebooks import book_ops, trigger_of


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


JSON = "application/json"

OPS = [
    Op("POST", "/_sim/stubs", add, "stubs.add",
       "Add a stub rule: an operation (for one account or all) answers a given status, body and headers, "
       "instead of its own answer or merged into it; when (first N, every Nth, a seeded probability) and "
       "for which requests (a JSON subset of the body or query). Fault rules are decided first; stubbed "
       "answers are marked in the journal; reset removes every rule",
       body=b.NewStub, responses={201: ("the rule", b.StubRule, JSON)}),
    *book_ops("stub", "stubs", lambda control: control.stubs, b.StubList, "matched and answered"),
]
