"""The contract side of the control plane: each provider's OpenAPI document, and the drift
switch the contract suite is proven against."""
from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict
from starlette.responses import Response

from .. import drift
from ..openapi import document
from .http import BadRequest, Ctx, Op, error_response, json_response

JSON = "application/json"


class DriftChange(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    profile: Optional[str]


def switch(sim) -> drift.DriftSwitch:
    # A simulator built before drift existed has no switch yet: give it one (inactive).
    if getattr(sim, "drift", None) is None:
        sim.drift = drift.DriftSwitch()
    return sim.drift


async def provider_openapi(ctx: Ctx) -> Response:
    name = ctx.params["provider"]
    if name not in {d.name for d in ctx.sim.dialects}:
        return error_response(404, f"no provider {name!r}; known: {', '.join(d.name for d in ctx.sim.dialects)}")
    return json_response(document(name, ctx.sim.dialects))


def _drift_view(sim) -> dict:
    active = switch(sim).active
    return {"active": active.name if active else None, "profiles": drift.describe()}


async def get_drift(ctx: Ctx) -> Response:
    return json_response(_drift_view(ctx.sim))


async def set_drift(ctx: Ctx) -> Response:
    try:
        switch(ctx.sim).change(ctx.body.profile)  # until the next reset
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    return json_response(_drift_view(ctx.sim))


OPS = [
    Op("GET", "/_sim/openapi/{provider}.json", provider_openapi, "openapi.provider",
       "A provider's OpenAPI document, generated from its route table and request/response models, "
       "with x-provenance and x-operation-class on each operation",
       responses={200: ("the OpenAPI document", None, JSON)}),
    Op("GET", "/_sim/drift", get_drift, "drift.get", "The active drift profile and every known one",
       responses={200: ("active profile and catalogue", None, JSON)}),
    Op("POST", "/_sim/drift", set_drift, "drift.set",
       "Make the simulator drift from the documented API on purpose ({\"profile\": null} stops); "
       "POST /_sim/reset returns to the start-up profile",
       body=DriftChange, responses={200: ("active profile and catalogue", None, JSON)}),
]
