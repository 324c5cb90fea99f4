"""What types alone cannot say about a restored account (a snapshot or a state file): it refers
to its own workspaces and domains, its deliveries to its webhooks, and its scheduled events have
handlers. The core checks types and number ranges; these rules are the domain's."""
from __future__ import annotations

from ..core import scheduler
from ..core.errors import Invalid
from .models import Account

# the account's collections of resources keyed by their ids
KEYED = ("workspaces", "subscriptions", "domains", "mailboxes", "dns_records", "connection_requests",
         "third_party_accounts", "exports", "tags", "placement_tests", "cloudflare_credentials", "webhooks",
         "webhook_deliveries",
         # issue 10's groups
         "mail_labels", "sent_mail", "scheduled_mailboxes", "service_plans", "placement_orders", "sites",
         "quick_setups", "prewarmed_subscriptions")  # (finder_jobs are keyed by their request)


def check_account(account: Account, where: str) -> None:
    if account.primary_workspace_id not in account.workspaces:
        raise Invalid(f"{where}.primary_workspace_id: no such workspace in the account")
    for name in KEYED:
        for key, item in getattr(account, name).items():
            if getattr(item, "id", key) != key:
                raise Invalid(f"{where}.{name}: key {key!r} differs from the id of its item")
            ws = getattr(item, "workspace_id", None)
            if ws is not None and name != "workspaces" and ws not in account.workspaces:
                raise Invalid(f"{where}.{name}[{key!r}]: workspace {ws} is not one of the account's")
    for name in ("mailboxes", "dns_records"):
        for key, item in getattr(account, name).items():
            if item.domain_id not in account.domains:
                raise Invalid(f"{where}.{name}[{key!r}]: domain {item.domain_id} is not one of the account's")
    for key, d in account.webhook_deliveries.items():
        if d.webhook_id not in account.webhooks:
            raise Invalid(f"{where}.webhook_deliveries[{key!r}]: no webhook {d.webhook_id}")
    for i, event in enumerate(account.events):
        if not scheduler.known(event[2]):
            raise Invalid(f"{where}.events[{i}]: no scheduled event kind {event[2]!r}")
