"""What fault rules and stub rules share on the control plane: list, remove one, remove all, over
a book of rules (core/faults.py FaultBook, which both use)."""
from __future__ import annotations

from typing import Any, Callable

from starlette.responses import Response

from ..core.faults import Trigger
from . import bodies as b
from .http import Ctx, Op, error_response, json_response

JSON = "application/json"


def trigger_of(t: b.FaultTrigger) -> Trigger:
    return Trigger(first_n=t.firstN, every_nth=t.everyNth,
                   probability=float(t.probability) if t.probability is not None else None, seed=t.seed or 0)


def book_ops(kind: str, plural: str, book_of: Callable[[Any], Any], listed: type, what: str) -> list[Op]:
    """GET /_sim/<plural>, DELETE /_sim/<plural>/{id}, DELETE /_sim/<plural> for one book."""
    async def list_rules(ctx: Ctx) -> Response:
        return json_response({plural: [r.view() for r in book_of(ctx.sim.control).rules()]})

    async def remove(ctx: Ctx) -> Response:
        if not book_of(ctx.sim.control).remove(ctx.params["id"]):
            return error_response(404, f"No {kind} rule {ctx.params['id']}")
        return Response(status_code=204)

    async def clear(ctx: Ctx) -> Response:
        book_of(ctx.sim.control).clear()
        return Response(status_code=204)

    return [
        Op("GET", f"/_sim/{plural}", list_rules, f"{plural}.list", f"Every {kind} rule, with how often it {what}",
           responses={200: ("the rules", listed, JSON)}),
        Op("DELETE", f"/_sim/{plural}/{{id}}", remove, f"{plural}.remove", f"Remove one {kind} rule",
           responses={204: ("removed", None, None), 404: ("no such rule", None, JSON)}),
        Op("DELETE", f"/_sim/{plural}", clear, f"{plural}.clear", f"Remove every {kind} rule",
           responses={204: ("removed", None, None)}),
    ]
