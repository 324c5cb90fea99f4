"""Health, providers, accounts, routes, the clock, and the simulator's own pages (payment links,
invoices, export files)."""
from __future__ import annotations

import html

from starlette.responses import HTMLResponse, Response

from .. import __version__
from ..core.errors import Invalid
from ..domain import exports, wallet
from . import bodies as b
from .http import Ctx, Op, error_response, json_response


def account_view(account, keys: bool = True) -> dict:
    view = {"id": account.id, "provider": account.dialect, "email": account.email,
            "workspaceId": account.primary_workspace_id, "walletBalance": account.wallet_balance}
    if keys:
        view.update(apiKey=account.api_keys[0] if account.api_keys else None, apiKeys=list(account.api_keys))
    return view


async def health(ctx: Ctx) -> Response:
    return json_response({"status": "ok", "version": __version__, "accounts": len(ctx.sim.world.accounts)})


async def providers(ctx: Ctx) -> Response:
    # prefix: where the provider's routes live; basePath: what a client's base URL ends with
    # (LiteMail's paths carry /v1 themselves, so its base URL is the server root)
    root = str(ctx.request.base_url).rstrip("/")
    return json_response({"providers": [{"name": d.name, "prefix": d.prefix, "authHeader": d.auth_header,
                                         "basePath": client_base(d), "baseUrl": root + client_base(d)}
                                        for d in ctx.sim.dialects]})


def client_base(dialect) -> str:
    from ..openapi import CLIENT_BASE

    return CLIENT_BASE.get(dialect.name, dialect.prefix)


async def create_account(ctx: Ctx) -> Response:
    body: b.NewAccount = ctx.body
    spec = dict(body.fixture or {})
    spec.update(body.model_dump(exclude={"provider", "fixture"}, exclude_none=True))
    return json_response(account_view(ctx.sim.control.create_account(body.provider, spec)), 201)


async def list_accounts(ctx: Ctx) -> Response:
    keys = ctx.query.get("keys", "false").lower()
    if keys not in ("true", "false"):
        return error_response(400, "keys must be true or false")
    with ctx.sim.world.lock:  # keys only when asked for: a listing is easy to paste into a log
        return json_response([account_view(a, keys == "true") for a in ctx.sim.world.accounts.values()])


async def routes(ctx: Ctx) -> Response:
    rows = []
    for d in ctx.sim.dialects:
        for r in d.table.routes:
            rows.append({"provider": d.name, "method": r.method, "path": d.prefix + r.path,
                         "operation": r.operation, "title": r.title, "provenance": r.provenance,
                         "aliases": [d.prefix + a for a in r.aliases]})
    return json_response(rows)


async def clock(ctx: Ctx) -> Response:
    world = ctx.sim.world
    if ctx.request.method == "POST":
        body: b.ClockChange = ctx.body
        with world.lock:  # every part is checked before any applies: a refused change moves nothing
            if body.advanceSeconds is not None and body.advanceSeconds > world.clock.room():
                raise Invalid(f"advanceSeconds: the clock stays before year 10000, so it can advance at most "
                              f"{int(world.clock.room())} seconds from now")
            if body.rate is not None:
                world.clock.set_rate(body.rate)
            if body.freeze is not None:
                world.clock.freeze(body.freeze)
            if body.advanceSeconds is not None:
                world.clock.advance(body.advanceSeconds)
                world.settle_all()
    return json_response(world.clock.state())


async def payment_page(ctx: Ctx) -> Response:
    world, token = ctx.sim.world, ctx.params["token"]
    with world.lock:
        account, link = wallet.find_link(world, token)
        if ctx.request.method == "POST":
            world.touch(account.id)
            wallet.pay_link(world, token)
            if "application/json" in ctx.request.headers.get("accept", ""):
                return json_response({"status": link.status, "amount": link.amount, "purpose": link.purpose})
        return HTMLResponse(_payment_html(link))


async def invoice(ctx: Ctx) -> Response:
    sub_id = html.escape(ctx.params["sub"])
    return HTMLResponse(f"<!doctype html><title>Invoice</title><h1>Invoice for {sub_id}</h1><p>Paid.</p>")


async def export_file(ctx: Ctx) -> Response:
    world = ctx.sim.world
    with world.lock:
        account, job = exports.find_csv(world, ctx.params["token"])
        world.touch(account.id)
        world.settle(account)
        if job.status != "COMPLETED":
            return error_response(409, f"Export {job.id} is {job.status}; the file is ready once it is COMPLETED")
        body = exports.csv_rows(world, account, job)
    return Response(body, media_type="text/csv",
                    headers={"content-disposition": f'attachment; filename="export-{job.id}.csv"'})


PURPOSES = {"wallet_topup": "Add balance to wallet", "domain_purchase": "Domain purchase",
            "payment_method": "Save a card for auto recharge", "invoice": "Invoice"}


def _payment_html(link) -> str:
    what = PURPOSES.get(link.purpose, link.purpose)
    items = ""
    if link.payload.get("cart"):
        items = "<ul>" + "".join(f"<li>{html.escape(n)} - {y} year(s) - ${p:.2f}</li>"
                                 for n, y, p in link.payload["cart"]) + "</ul>"
    due = wallet.amount_due(link)
    if due != link.amount:  # tierb: an invoice the wallet paid in part or in full
        items += f"<p id='wallet'>Paid from wallet: ${link.amount - due:.2f}</p><p id='due'>Amount due: ${due:.2f}</p>"
    if link.status == "open":
        action = (f'<form method="post"><button type="submit" id="pay">Pay ${due:.2f}</button></form>')
    else:
        action = f"<p id='state'>This payment is {html.escape(link.status)}.</p>"
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>Checkout - {html.escape(what)}</title></head>"
            f"<body><h1>{html.escape(what)}</h1><p>Amount: ${link.amount:.2f}</p>{items}{action}"
            f"<p><small>Simulated checkout: no real payment is made.</small></p></body></html>")


JSON = "application/json"
HTML = "text/html"

OPS = [
    Op("GET", "/_sim/health", health, "health", "Is the simulator up",
       responses={200: ("status, version and account count", None, JSON)}),
    Op("GET", "/_sim/providers", providers, "providers.list",
       "Providers served: name, path prefix, auth header, base URL",
       responses={200: ("the providers", None, JSON)}),
    Op("POST", "/_sim/accounts", create_account, "accounts.create", "Create a fresh, isolated account",
       body=b.NewAccount, responses={201: ("the account with its API key", b.AccountInfo, JSON)}),
    Op("GET", "/_sim/accounts", list_accounts, "accounts.list", "Every account; with ?keys=true their API keys",
       query=[("keys", {"type": "boolean", "default": False}, "include each account's API keys")],
       responses={200: ("a list of accounts", list[b.AccountInfo], JSON)}),
    Op("GET", "/_sim/routes", routes, "routes.list", "One row per provider route, with its operation id",
       responses={200: ("the routes", None, JSON)}),
    Op("GET", "/_sim/clock", clock, "clock.get", "Read the virtual clock",
       responses={200: ("clock state", None, JSON)}),
    Op("POST", "/_sim/clock", clock, "clock.change", "Advance, freeze or speed up the virtual clock",
       body=b.ClockChange, responses={200: ("clock state", None, JSON)}),
    Op("GET", "/_sim/pay/{token}", payment_page, "pay.page", "Checkout page behind a payment link",
       responses={200: ("the page", None, HTML)}, tag="pages"),
    Op("POST", "/_sim/pay/{token}", payment_page, "pay.confirm", "Confirm a payment link",
       responses={200: ("the page, or JSON with Accept: application/json", None, HTML)}, tag="pages"),
    Op("GET", "/_sim/invoices/{sub}", invoice, "invoices.get", "Invoice page of a subscription",
       responses={200: ("the page", None, HTML)}, tag="pages"),
    Op("GET", "/_sim/exports/{token}.csv", export_file, "exports.file", "CSV file of a completed export",
       responses={200: ("the CSV", None, "text/csv")}, tag="pages"),
]
