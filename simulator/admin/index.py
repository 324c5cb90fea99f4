"""What a person finds by opening the server's root in a browser or with curl: where the control
plane and the documents are; and the control plane's answer to a path it does not have, in its
own error shape rather than a provider's."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route

from .. import __version__
from .basics import client_base
from .http import Ctx, Op, error_response, json_response

JSON = "application/json"


async def index(ctx: Ctx) -> Response:
    root = str(ctx.request.base_url).rstrip("/")
    return json_response({
        "name": "mailbox-api-simulator", "version": __version__,
        "controlPlane": root + "/_sim/",
        "documents": {"controlPlane": root + "/_sim/openapi.json",
                      **{d.name: root + f"/_sim/openapi/{d.name}.json" for d in ctx.sim.dialects}},
        "providers": {d.name: {"baseUrl": root + client_base(d), "authHeader": d.auth_header}
                      for d in ctx.sim.dialects},
        "health": root + "/_sim/health",
    })


OPS = [
    Op("GET", "/", index, "index", "Where the control plane, the provider base URLs and the documents are",
       responses={200: ("links", None, JSON)}, tag="pages"),
    Op("GET", "/_sim/", index, "index.control", "The same links, at the control plane's root",
       responses={200: ("links", None, JSON)}, tag="pages"),
]


def not_found(routes: list[Route]) -> Route:
    """Every other /_sim path: a 405 naming the methods a known path takes, else a 404."""
    async def endpoint(request: Request) -> Response:
        scope = {"type": "http", "path": request.url.path, "method": "GET", "root_path": ""}
        allowed = sorted({m for r in routes for m in (r.methods or ())
                          if m != "HEAD" and r.matches({**scope, "method": m})[0] == Match.FULL})
        where = f"{request.method} {request.url.path}"
        if allowed:
            return error_response(405, f"{where}: method not allowed (this path takes {', '.join(allowed)})")
        return error_response(404, f"{where} is not a control-plane route (GET /_sim/openapi.json lists them)")
    return Route("/_sim/{rest:path}", endpoint, methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"],
                 name=NOT_FOUND)


NOT_FOUND = "control.not_found"  # not an operation: the answer to every path that is not one
