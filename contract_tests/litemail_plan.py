"""What the suite knows about LiteMail beyond its OpenAPI document (see zapmail_plan.py). Every
LiteMail list has one shape: data {<rows>: [...], pagination: {page, limit, total, totalPages}}."""
from __future__ import annotations

L = "litemail."

LOGIN = {"email": "contract@litemail.test", "password": "Contract-Pass-1"}
SEED = {"walletBalance": 300, **LOGIN, "fixture": {"workspaces": [{"primary": True, "subscriptions": [
    {"plan": "Basic", "planKey": "Basic", "price": 39, "quantity": 10, "platform": "GOOGLE"}], "domains": [
    {"name": "contract-lm-alpha.com", "status": "ACTIVE", "platform": "GOOGLE", "daysAgo": 30,
     "mailboxes": [{"firstName": "Ann", "lastName": "Lee", "username": "ann.lee", "status": "ACTIVE", "daysAgo": 20},
                   {"firstName": "Bob", "lastName": "Roe", "username": "bob.roe", "status": "ACTIVE", "daysAgo": 20}],
     "dnsRecords": [{"host": "@", "value": "v=spf1 include:_spf.google.com ~all", "recordType": "TXT"}]},
    {"name": "contract-lm-beta.com", "status": "ACTIVE", "platform": "GOOGLE", "daysAgo": 25,
     "mailboxes": [{"firstName": "Cy", "lastName": "Doe", "username": "cy.doe", "status": "ACTIVE", "daysAgo": 10}]},
    {"name": "contract-lm-gamma.com", "status": "ACTIVE", "platform": "GOOGLE", "origin": "connected", "daysAgo": 20},
]}]}}

PLAIN_READS = [L + op for op in (
    "users.get", "workspaces.list", "billing.invoices", "mailboxes.list", "mailboxes.warmup", "wallet.balance",
    "subscriptions.list", "domains.list", "domains.assignable", "tags.list", "placement.list", "dashboard.overview",
    "dashboard.status_counts", "export_history.list", "cloudflare.get", "webhooks.list")]

# Paged lists: operation -> key of the rows in data.
PAGED = {L + "domains.list": "domains", L + "domains.assignable": "domains", L + "mailboxes.list": "mailboxes",
         L + "workspaces.list": "workspaces", L + "subscriptions.list": "subscriptions"}
# Every list's rows key, paged or used by a sequence.
ROWS = {**PAGED, L + "dns.list": "records", L + "tags.list": "tags", L + "webhooks.list": "webhooks"}

# Reads of one record by path id: an unknown id is a 404.
ID_READS = [(L + "mailboxes.get", "mailboxId"), (L + "domains.get", "domainId")]
ENUM_READS = [(L + "mailboxes.list", "status")]
