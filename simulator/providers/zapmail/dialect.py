"""Zapmail v2: x-auth-zapmail identifies the account; x-workspace-key and x-service-provider
choose the workspace and the mailbox platform."""
from __future__ import annotations

from ...core.dialect import Call, Dialect, Reply
from ...core.errors import Unauthorized
from ...core.ratelimit import LimitRule
from ...domain.accounts import resolve_scope
from ..wire_fields import wire_fields
from . import wire
from .responses import ERRORS
from .routes import DOMAIN_SEARCH, TABLE

NAME = "zapmail"
# the domain names the platform `platform`; Zapmail requests send it in this header
_PLATFORM_FIELD = wire_fields({"platform": "x-service-provider"}.get)


class ZapmailDialect(Dialect):
    name = NAME
    prefix = "/api"
    table = TABLE
    auth_header = "x-auth-zapmail"
    errors = ERRORS

    @property
    def webhook_format(self):
        from .handlers.webhooks import FORMAT  # group "webhooks" (issue 10)

        return FORMAT

    def authenticate(self, world, headers):
        key = headers.get(self.auth_header)
        if not key:
            raise Unauthorized("API key is missing: send it in the x-auth-zapmail header")
        account = world.account_for_key(key)
        if account is None or account.dialect != NAME:
            raise Unauthorized("Invalid API key")
        return account

    def prepare(self, call: Call) -> None:
        # Some docs pages spell the workspace header x-workspace-id (observed); accept both.
        workspace = call.headers.get("x-workspace-key") or call.headers.get("x-workspace-id")
        platform = call.headers.get("x-service-provider")
        with _PLATFORM_FIELD:
            call.scope = resolve_scope(call.world, call.account, workspace, platform)

    def error(self, status: int, message: str, errors=None) -> Reply:
        if status == 429:
            # Every Zapmail 429 has the documented body, without errorId (see too_many_requests,
            # which the app uses when it knows the Retry-After).
            return Reply(429, {"status": 429, "message": message})
        return wire.error(status, message)

    def too_many_requests(self, retry_after: int, message=None) -> Reply:
        # The docs' 429 body has no errorId (root page; the warmbly fixture agrees). Retry-After is
        # ours: clients (coldstack, warmbly) honour it, unconfirmed whether Zapmail sends it.
        return Reply(429, {"status": 429, "message": message or "Too many requests"},
                     headers={"retry-after": str(retry_after)})

    def rate_limits(self) -> list:
        """The docs root page's numbers: 5/s and 20/min per key, domain search 10 per 30 min. Support
        later said 200/min and 100 per 30 min (observed reference); both are configurable."""
        return [LimitRule("per-second", 5, 1.0), LimitRule("per-minute", 20, 60.0),
                LimitRule(DOMAIN_SEARCH, 10, 1800.0, self.table.group(DOMAIN_SEARCH))]

    def account_defaults(self) -> dict:
        """A new account has a Growth plan for Google and a Starter plan for Microsoft, so
        mailboxes can be assigned at once (ours; a fixture can give any other set)."""
        return {"workspaces": [{"subscriptions": [
            {"plan": "Growth", "planKey": "zap_mail_growth", "price": 99, "quantity": 30, "platform": "GOOGLE"},
            {"plan": "Starter", "planKey": "zap_mail_starter", "price": 39, "quantity": 10, "platform": "MICROSOFT"},
        ]}]}
