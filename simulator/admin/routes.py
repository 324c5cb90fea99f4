"""The control plane under /_sim/: one table of operations, served and documented from it."""
from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from . import basics, contract, faults, inspector, journal, limits, state, stubs
from .http import Ctx, Op, json_response, to_route, unmatched_route
from .openapi import document

OPS: list[Op] = [*basics.OPS, *state.OPS, *faults.OPS, *stubs.OPS, *journal.OPS, *limits.OPS, *contract.OPS,
                 *inspector.OPS]


async def openapi(ctx: Ctx):
    return json_response(document(ALL_OPS))


ALL_OPS = OPS + [Op("GET", "/_sim/openapi.json", openapi, "openapi", "This document",
                    responses={200: ("the OpenAPI document", None, "application/json")})]


def admin_routes(sim) -> list[Route]:
    return [to_route(sim, op) for op in ALL_OPS] + [unmatched_route(sim, ALL_OPS)]


def fallback(sim, routes: list):
    """The router's default for paths no route pattern takes (path patterns stop at a decoded
    control character such as %0a): /_sim paths get the control plane's 404, the rest go to the
    provider dispatcher, so every answer is in an envelope."""
    unmatched = next(r for r in routes if getattr(r, "name", None) == "unmatched")

    async def default(scope, receive, send):
        request = Request(scope, receive)
        if scope["path"] == "/_sim" or scope["path"].startswith("/_sim/"):
            response = await unmatched.endpoint(request)
        else:
            response = await sim.dispatch(request)
        await response(scope, receive, send)
    return default


account_view = basics.account_view
