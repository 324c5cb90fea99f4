"""What a person finds by opening the server's root in a browser or with curl: where the control
plane and the documents are; and the control plane's answer to a path it does not have, in its
own error shape rather than a provider's (admin/http.py, unmatched_route)."""
from __future__ import annotations

from starlette.responses import Response

from .. import __version__
from .basics import client_base
from .http import Ctx, Op, json_response

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
