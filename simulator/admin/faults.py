"""Fault rules: add, list, remove."""
from __future__ import annotations

from starlette.responses import Response

from ..core.faults import Action
from . import bodies as b
from .stubs import trigger_of
from .http import BadRequest, Ctx, Op, error_response, json_response


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


async def list_rules(ctx: Ctx) -> Response:
    return json_response({"faults": [r.view() for r in ctx.sim.control.faults.rules()]})


async def remove(ctx: Ctx) -> Response:
    if not ctx.sim.control.faults.remove(ctx.params["id"]):
        return error_response(404, f"No fault rule {ctx.params['id']}")
    return Response(status_code=204)


async def clear(ctx: Ctx) -> Response:
    ctx.sim.control.faults.clear()
    return Response(status_code=204)


JSON = "application/json"

OPS = [
    Op("POST", "/_sim/faults", add, "faults.add",
       "Add a fault rule: which calls (provider, operation, account), what happens (a status in the "
       "provider's format with Retry-After, latency, a dropped connection) and when (first N, every "
       "Nth, or a seeded probability). Injected faults are marked in the journal",
       body=b.NewFault, responses={201: ("the rule", b.FaultRule, JSON)}),
    Op("GET", "/_sim/faults", list_rules, "faults.list", "Every fault rule, with how often it matched and fired",
       responses={200: ("the rules", b.FaultList, JSON)}),
    Op("DELETE", "/_sim/faults/{id}", remove, "faults.remove", "Remove one fault rule",
       responses={204: ("removed", None, None), 404: ("no such rule", None, JSON)}),
    Op("DELETE", "/_sim/faults", clear, "faults.clear", "Remove every fault rule",
       responses={204: ("removed", None, None)}),
]
