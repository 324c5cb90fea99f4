"""The control plane under /_sim/: one table of operations, served and documented from it."""
from __future__ import annotations

from starlette.routing import Route

from . import basics, contract, faults, index, journal, limits, state
from .http import Ctx, Op, json_response, to_route
from .openapi import document

OPS: list[Op] = [*index.OPS, *basics.OPS, *state.OPS, *faults.OPS, *journal.OPS, *limits.OPS, *contract.OPS]


async def openapi(ctx: Ctx):
    return json_response(document(ALL_OPS))


ALL_OPS = OPS + [Op("GET", "/_sim/openapi.json", openapi, "openapi", "This document",
                    responses={200: ("the OpenAPI document", None, "application/json")})]


def admin_routes(sim) -> list[Route]:
    routes = [to_route(sim, op) for op in ALL_OPS]
    return routes + [index.not_found(routes)]


account_view = basics.account_view
