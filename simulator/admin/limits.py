"""Rate limits: read and switch, per provider."""
from __future__ import annotations

from starlette.responses import Response

from . import bodies as b
from .http import BadRequest, Ctx, Op, json_response


async def read(ctx: Ctx) -> Response:
    return json_response({"providers": {name: lim.view() for name, lim in ctx.sim.control.limits.items()}})


async def change(ctx: Ctx) -> Response:
    body: b.RateLimitChange = ctx.body
    limiter = ctx.sim.control.limiter(body.provider)
    try:
        limiter.configure(body.enabled, body.limits)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    return json_response(limiter.view())


JSON = "application/json"

OPS = [
    Op("GET", "/_sim/rate-limits", read, "rate_limits.get",
       "Each provider's rate limits (the documented numbers by default) and whether they are enforced",
       responses={200: ("per provider: enabled and limits", None, JSON)}),
    Op("POST", "/_sim/rate-limits", change, "rate_limits.set",
       "Enable or disable a provider's rate limits and change their numbers (windows restart)",
       body=b.RateLimitChange, responses={200: ("the provider's limits", None, JSON)}),
]
