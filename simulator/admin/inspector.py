"""The inspector page (/_sim/ui: plain HTML, CSS and JavaScript shipped in the package, no build
step, nothing fetched from elsewhere) and the two read-only views it needs that the control plane
did not have: every webhook delivery with its attempts, and every payment link with its page."""
from __future__ import annotations

from importlib import resources

from starlette.responses import Response

from ..core.clock import iso
from .http import Ctx, Op, error_response, json_response

ASSETS = {"ui.css": "text/css; charset=utf-8", "ui.js": "text/javascript; charset=utf-8"}
# The page holds no data (it fetches it), so it may be cached by no one and framed by no one.
PAGE_HEADERS = {"cache-control": "no-store", "x-frame-options": "DENY",
                "content-security-policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"}


def _asset(name: str) -> bytes:
    return resources.files("simulator.ui").joinpath(name).read_bytes()


async def page(ctx: Ctx) -> Response:
    return Response(_asset("index.html"), media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)


async def asset(ctx: Ctx) -> Response:
    name = ctx.params["name"]
    if name not in ASSETS:
        return error_response(404, f"No inspector file {name}")
    return Response(_asset(name), media_type=ASSETS[name], headers=PAGE_HEADERS)


async def deliveries(ctx: Ctx) -> Response:
    world = ctx.sim.world
    rows = []
    with world.lock:
        for account in world.accounts.values():
            for d in account.webhook_deliveries.values():
                hook = account.webhooks.get(d.webhook_id)
                rows.append({"id": d.id, "accountId": account.id, "provider": account.dialect,
                             "webhookId": d.webhook_id, "url": hook.url if hook else None, "event": d.event,
                             "eventId": d.event_id, "status": d.status, "createdAt": iso(d.created_at),
                             "epochSeconds": d.created_at,
                             "attempts": [{**a, "at": iso(a["at"])} if isinstance(a.get("at"), (int, float)) else a
                                          for a in d.attempts]})
    rows.sort(key=lambda r: r["epochSeconds"])
    return json_response({"deliveries": rows})


async def payment_links(ctx: Ctx) -> Response:
    world = ctx.sim.world
    rows = []
    with world.lock:
        for account in world.accounts.values():
            for token, link in account.payment_links.items():
                rows.append({"accountId": account.id, "provider": account.dialect, "purpose": link.purpose,
                             "amount": link.amount, "status": link.status, "createdAt": iso(link.created_at),
                             "epochSeconds": link.created_at, "page": f"/_sim/pay/{token}"})
    rows.sort(key=lambda r: r["epochSeconds"])
    return json_response({"paymentLinks": rows})


JSON = "application/json"

OPS = [
    Op("GET", "/_sim/ui", page, "ui.page",
       "The inspector: accounts, the live journal, the clock, fault and stub rules, webhook deliveries, "
       "payment pages and the OpenAPI documents, in a browser",
       responses={200: ("the page", None, "text/html")}, tag="pages"),
    Op("GET", "/_sim/ui/{name}", asset, "ui.asset", "The inspector's stylesheet and script",
       responses={200: ("the file", None, "text/plain"), 404: ("no such file", None, JSON)}, tag="pages"),
    Op("GET", "/_sim/webhooks/deliveries", deliveries, "webhooks.deliveries",
       "Every webhook delivery of every account, oldest first, with each attempt (status code, error, time)",
       responses={200: ("the deliveries", None, JSON)}),
    Op("GET", "/_sim/payment-links", payment_links, "payment_links.list",
       "Every payment link of every account, with the simulator page that pays it",
       responses={200: ("the links", None, JSON)}),
]
