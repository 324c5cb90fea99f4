"""Fault rules: add, list, remove."""
from __future__ import annotations

from starlette.responses import Response

from ..core.faults import Action
from . import bodies as b
from .http import BadRequest, Ctx, Op, json_response
from .rulebooks import book_ops, trigger_of


async def add(ctx: Ctx) -> Response:
    body: b.NewFault = ctx.body
    a, t = body.action, body.trigger
    try:
        action = Action(status=a.status, retry_after=a.retryAfter, message=a.message, latency_ms=a.latencyMs or 0,
                        drop=a.drop)
        trigger = trigger_of(t)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    rule = ctx.sim.control.add_fault(body.provider, body.operation, body.account, action, trigger)
    return json_response(rule.view(), 201)


JSON = "application/json"

OPS = [
    Op("POST", "/_sim/faults", add, "faults.add",
       "Add a fault rule: which calls (provider, operation, account), what happens (a status in the "
       "provider's format with Retry-After, latency, a dropped connection) and when (first N, every "
       "Nth, or a seeded probability). Injected faults are marked in the journal",
       body=b.NewFault, responses={201: ("the rule", b.FaultRule, JSON)}),
    *book_ops("fault", "faults", lambda control: control.faults, b.FaultList, "matched and fired"),
]
