"""The control plane under /_sim/: one table of operations, served and documented from it."""
from __future__ import annotations

from starlette.routing import Route

from . import basics, contract, faults, inspector, journal, limits, state, stubs
from .http import Ctx, Op, json_response, to_route
from .openapi import document

OPS: list[Op] = [*basics.OPS, *state.OPS, *faults.OPS, *stubs.OPS, *journal.OPS, *limits.OPS, *contract.OPS,
                 *inspector.OPS]


async def openapi(ctx: Ctx):
    return json_response(document(ALL_OPS))


ALL_OPS = OPS + [Op("GET", "/_sim/openapi.json", openapi, "openapi", "This document",
                    responses={200: ("the OpenAPI document", None, "application/json")})]


def admin_routes(sim) -> list[Route]:
    return [to_route(sim, op) for op in ALL_OPS]


account_view = basics.account_view
