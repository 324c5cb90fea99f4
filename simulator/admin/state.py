"""Reset, snapshot and restore, seed."""
from __future__ import annotations

import orjson
from starlette.responses import Response

from ..core.errors import Invalid, SimError
from . import bodies as b
from .basics import account_view
from .contract import switch
from .http import MAX_BODY, BadRequest, Ctx, Op, json_response


async def reset_all(ctx: Ctx) -> Response:
    outcome = ctx.sim.control.reset_all()
    switch(ctx.sim).reset()  # a test's POST /_sim/drift must not leak into the next test
    return json_response(outcome)


async def reset_account(ctx: Ctx) -> Response:
    account_id = ctx.params["id"]
    return json_response({"accountId": account_id, "outcome": ctx.sim.control.reset_account(account_id)})


async def mark_start(ctx: Ctx) -> Response:
    accounts = ctx.sim.control.mark_start()
    switch(ctx.sim).mark_start()
    return json_response({"accounts": accounts})


async def export(ctx: Ctx) -> Response:
    return json_response(ctx.sim.control.export(ctx.query.get("account")))


async def restore(ctx: Ctx) -> Response:
    if not isinstance(ctx.raw, dict):
        raise BadRequest("Request body must be a snapshot object (from GET /_sim/snapshot)")
    accounts = ctx.sim.control.restore(ctx.raw)
    return json_response({"restored": ctx.raw["scope"], "accounts": [account_view(a) for a in accounts]})


async def seed(ctx: Ctx) -> Response:
    body: b.Seed = ctx.body
    if (body.fixture is None) == (body.path is None):
        raise BadRequest("give either fixture (a JSON document) or path (a fixture file)")
    doc = body.fixture if body.fixture is not None else _read_fixture(ctx, body.path)
    try:
        accounts = ctx.sim.control.seed(doc, body.accountId, body.provider)
    except SimError:
        raise
    except KeyError as exc:
        raise Invalid(f"invalid fixture: missing field {exc.args[0]!r}") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise Invalid(f"invalid fixture: {exc}") from None
    return json_response({"accounts": [account_view(a) for a in accounts]}, 200 if body.accountId else 201)


def _read_fixture(ctx: Ctx, path: str):
    file = ctx.sim.guard.fixture_path(path)
    if file.stat().st_size > MAX_BODY:
        raise BadRequest(f"{path} is larger than {MAX_BODY} bytes")
    try:
        return orjson.loads(file.read_bytes())
    except orjson.JSONDecodeError:
        raise BadRequest(f"{path} is not valid JSON") from None


JSON = "application/json"
SNAPSHOT = {"type": "object", "description": "format, scope (world|account), clock, ids, settings, accounts "
                                             "(or account); dataclasses carry a $type"}

OPS = [
    Op("POST", "/_sim/reset", reset_all, "reset.all",
       "Back to the start state: accounts changed since start are restored or removed (cost follows "
       "the accounts touched), the clock and id source rewind, faults and journal are cleared, "
       "rate limits and the drift profile return to their start settings",
       responses={200: ("what was done", b.ResetOutcome, JSON)}),
    Op("POST", "/_sim/accounts/{id}/reset", reset_account, "reset.account",
       "One account back to its start state, or removed if it was created later",
       responses={200: ("outcome: restored | removed", None, JSON), 404: ("no such account", None, JSON)}),
    Op("POST", "/_sim/baseline", mark_start, "reset.mark_start",
       "Make the current world (and drift profile) the start state that resets return to",
       responses={200: ("number of accounts recorded", None, JSON)}),
    Op("GET", "/_sim/snapshot", export, "snapshot.export",
       "The whole state (or one account with ?account=ID) as JSON; restoring it is lossless",
       query=[("account", {"type": "string"}, "export only this account")],
       responses={200: ("the snapshot", SNAPSHOT, JSON), 404: ("no such account", None, JSON)}),
    Op("POST", "/_sim/snapshot", restore, "snapshot.restore",
       "Restore a snapshot: a world snapshot replaces everything, an account snapshot replaces or "
       "adds that account",
       raw_body=True, responses={200: ("the restored accounts", None, JSON)}),
    Op("POST", "/_sim/seed", seed, "seed",
       "Load a fixture (the default world's format) as new accounts, or one entry into an existing account",
       body=b.Seed, responses={201: ("the new accounts", None, JSON), 200: ("the seeded account", None, JSON)}),
]
