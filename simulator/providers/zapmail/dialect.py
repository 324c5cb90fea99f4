"""Zapmail v2: x-auth-zapmail identifies the account; x-workspace-key and x-service-provider
choose the workspace and the mailbox platform."""
from __future__ import annotations

from ...core.dialect import Call, Dialect, Reply
from ...core.errors import Unauthorized
from ...domain.accounts import resolve_scope
from . import wire
from .routes import TABLE

NAME = "zapmail"


class ZapmailDialect(Dialect):
    name = NAME
    prefix = "/api"
    table = TABLE

    def authenticate(self, world, headers):
        key = headers.get("x-auth-zapmail")
        if not key:
            raise Unauthorized("API key is missing: send it in the x-auth-zapmail header")
        account = world.account_for_key(key)
        if account is None or account.dialect != NAME:
            raise Unauthorized("Invalid API key")
        return account

    def prepare(self, call: Call) -> None:
        # Some docs pages spell the workspace header x-workspace-id (observed); accept both.
        workspace = call.headers.get("x-workspace-key") or call.headers.get("x-workspace-id")
        call.scope = resolve_scope(call.world, call.account, workspace, call.headers.get("x-service-provider"))

    def error(self, status: int, message: str, errors=None) -> Reply:
        return wire.error(status, message)

    def account_defaults(self) -> dict:
        """A new account has a Growth plan for Google and a Starter plan for Microsoft, so
        mailboxes can be assigned at once (ours; a fixture can give any other set)."""
        return {"workspaces": [{"subscriptions": [
            {"plan": "Growth", "planKey": "zap_mail_growth", "price": 99, "quantity": 30, "platform": "GOOGLE"},
            {"plan": "Starter", "planKey": "zap_mail_starter", "price": 39, "quantity": 10, "platform": "MICROSOFT"},
        ]}]}
