"""LiteMail: x-api-key (or Authorization: Bearer <key>, as the docs' DNS pages show) identifies
the account. No workspace or platform header is documented: requests act in the account's
primary workspace, on Google unless x-service-provider says MICROSOFT (ours, as for Zapmail)."""
from __future__ import annotations

from typing import Optional

from ...core.dialect import Call, Dialect, Reply
from ...core.errors import Unauthorized
from ...domain.accounts import resolve_scope
from . import wire
from .responses import ERRORS
from .routes import build_table

NAME = "litemail"
LOGIN_OPERATION = "litemail.apikeys.generate"


class LiteMailDialect(Dialect):
    name = NAME
    prefix = "/v1"
    auth_header = "x-api-key"
    errors = ERRORS
    all_errors = True  # a 400 names every bad field in errors[]

    @property
    def webhook_format(self):
        from .handlers.features_webhooks import FORMAT  # the handlers import this module's NAME

        return FORMAT

    def __init__(self, routes_override: Optional[dict] = None):
        self.table = build_table(routes_override)

    def api_key(self, headers) -> Optional[str]:
        key = headers.get("x-api-key")
        if key:
            return key
        auth = headers.get("authorization") or ""
        scheme, _, token = auth.partition(" ")
        return token.strip() if scheme.lower() == "bearer" and token.strip() else None

    def authenticate(self, world, headers):
        key = self.api_key(headers)
        if not key:
            raise Unauthorized("API key is missing: send it in the x-api-key header "
                               "(or Authorization: Bearer <key>)")
        account = world.account_for_key(key)
        if account is None or account.dialect != NAME:
            raise Unauthorized("Invalid API key")
        return account

    def identify(self, world, route, headers, body):
        """POST /v1/api-keys logs in with email and password (the first tree's "generate key by
        login first"); every other route takes the key."""
        if route.operation == LOGIN_OPERATION:
            from .handlers.accounts import login

            return login(world, body)
        return self.authenticate(world, headers)

    def prepare(self, call: Call) -> None:
        # the header's declared values were checked before (pipeline.check_headers)
        call.scope = resolve_scope(call.world, call.account, None, call.headers.get("x-service-provider"))

    def error(self, status: int, message: str, errors=None) -> Reply:
        return wire.error(status, message, errors)

    def account_defaults(self) -> dict:
        """cuid-style ids (documented samples); a Basic plan of 10 Google mailboxes and a Pro plan
        of 50 (plan names from the documented upgrade example Basic -> Pro; sizes and prices ours)."""
        return {"idStyle": "cuid", "workspaces": [{"subscriptions": [
            {"plan": "Basic", "planKey": "Basic", "price": 39, "quantity": 10, "platform": "GOOGLE"},
            {"plan": "Pro", "planKey": "Pro", "price": 149, "quantity": 50, "platform": "GOOGLE"},
        ]}]}
