"""The control plane under /_sim/: health, accounts, routes, clock, and the simulator's own
pages (payment links, invoices, export files)."""
from __future__ import annotations

import html

import orjson
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .. import __version__
from ..core.errors import STATUS_BY_KIND, SimError
from ..domain import exports, seeding, wallet

MAX_BODY = 1024 * 1024


def _json(data, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json")


def _err(status: int, message: str) -> Response:
    return _json({"error": message}, status)


async def _body(request: Request) -> dict:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise SimError("body too large")
    if not raw.strip():
        return {}
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise SimError("Malformed JSON in request body") from None
    if not isinstance(data, dict):
        raise SimError("Request body must be a JSON object")
    return data


def admin_routes(sim) -> list[Route]:
    world = sim.world
    dialects = {d.name: d for d in sim.dialects}

    def guarded(fn):
        async def endpoint(request: Request) -> Response:
            try:
                return await fn(request)
            except SimError as exc:
                return _err(STATUS_BY_KIND[exc.kind], exc.message)
            except (KeyError, TypeError, ValueError) as exc:
                return _err(400, f"Invalid request: {exc}")
        return endpoint

    async def health(request: Request) -> Response:
        return _json({"status": "ok", "version": __version__, "accounts": len(world.accounts)})

    async def create_account(request: Request) -> Response:
        body = await _body(request)
        provider = body.get("provider")
        if provider not in dialects:
            return _err(400, f"provider must be one of {', '.join(sorted(dialects))}")
        spec = dict(body.get("fixture") or {})
        for key in ("walletBalance", "email", "firstName", "lastName", "password", "apiKey"):
            if key in body:
                spec[key] = body[key]
        account = seeding.load_account(world, provider, spec, dialects[provider].account_defaults())
        return _json(account_view(account), 201)

    async def list_accounts(request: Request) -> Response:
        with world.lock:
            return _json([account_view(a) for a in world.accounts.values()])

    async def routes(request: Request) -> Response:
        rows = []
        for d in sim.dialects:
            for r in d.table.routes:
                rows.append({"provider": d.name, "method": r.method, "path": d.prefix + r.path,
                             "operation": r.operation, "title": r.title, "provenance": r.provenance,
                             "aliases": [d.prefix + a for a in r.aliases]})
        return _json(rows)

    async def clock(request: Request) -> Response:
        if request.method == "POST":
            body = await _body(request)
            if "rate" in body:
                world.clock.set_rate(float(body["rate"]))
            if "freeze" in body:
                world.clock.freeze(bool(body["freeze"]))
            if "advanceSeconds" in body:
                seconds = body["advanceSeconds"]
                if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
                    return _err(400, "advanceSeconds must be a number of at least 0")
                world.clock.advance(float(seconds))
        return _json(world.clock.state())

    async def payment_page(request: Request) -> Response:
        token = request.path_params["token"]
        with world.lock:
            account, link = wallet.find_link(world, token)
            if request.method == "POST":
                wallet.pay_link(world, token)
                if "application/json" in request.headers.get("accept", ""):
                    return _json({"status": link.status, "amount": link.amount, "purpose": link.purpose})
            return HTMLResponse(_payment_html(link))

    async def invoice(request: Request) -> Response:
        sub_id = html.escape(request.path_params["sub"])
        return HTMLResponse(f"<!doctype html><title>Invoice</title><h1>Invoice for {sub_id}</h1><p>Paid.</p>")

    async def export_file(request: Request) -> Response:
        token = request.path_params["token"]
        with world.lock:
            account, job = exports.find_csv(world, token)
            world.settle(account)
            if job.status != "COMPLETED":
                return _err(409, f"Export {job.id} is {job.status}; the file is ready once it is COMPLETED")
            body = exports.csv_rows(world, account, job)
        return Response(body, media_type="text/csv",
                        headers={"content-disposition": f'attachment; filename="export-{job.id}.csv"'})

    return [
        Route("/_sim/health", guarded(health), methods=["GET"]),
        Route("/_sim/accounts", guarded(create_account), methods=["POST"]),
        Route("/_sim/accounts", guarded(list_accounts), methods=["GET"]),
        Route("/_sim/routes", guarded(routes), methods=["GET"]),
        Route("/_sim/clock", guarded(clock), methods=["GET", "POST"]),
        Route("/_sim/pay/{token}", guarded(payment_page), methods=["GET", "POST"]),
        Route("/_sim/invoices/{sub}", guarded(invoice), methods=["GET"]),
        Route("/_sim/exports/{token}.csv", guarded(export_file), methods=["GET"]),
    ]


def account_view(account) -> dict:
    return {"id": account.id, "provider": account.dialect, "apiKey": account.api_keys[0],
            "apiKeys": list(account.api_keys), "email": account.email,
            "workspaceId": account.primary_workspace_id, "walletBalance": account.wallet_balance}


PURPOSES = {"wallet_topup": "Add balance to wallet", "domain_purchase": "Domain purchase",
            "payment_method": "Save a card for auto recharge", "invoice": "Invoice"}


def _payment_html(link) -> str:
    what = PURPOSES.get(link.purpose, link.purpose)
    items = ""
    if link.payload.get("cart"):
        items = "<ul>" + "".join(f"<li>{html.escape(n)} - {y} year(s) - ${p:.2f}</li>"
                                 for n, y, p in link.payload["cart"]) + "</ul>"
    if link.status == "open":
        action = (f'<form method="post"><button type="submit" id="pay">Pay ${link.amount:.2f}</button></form>')
    else:
        action = f"<p id='state'>This payment is {html.escape(link.status)}.</p>"
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>Checkout - {html.escape(what)}</title></head>"
            f"<body><h1>{html.escape(what)}</h1><p>Amount: ${link.amount:.2f}</p>{items}{action}"
            f"<p><small>Simulated checkout: no real payment is made.</small></p></body></html>")
