"""What the suite knows about LiteMail beyond its OpenAPI document (see zapmail_plan.py). Every
LiteMail list has one shape: data {<rows>: [...], pagination: {page, limit, total, totalPages}}."""
from __future__ import annotations

from simulator.openapi import document

from . import plan

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

_DOC = document("litemail")
PLAIN_READS = plan.plain_reads(_DOC)
# Paged lists: operation -> key of the rows in data.
PAGED = {op: p["rows"] for op, p in plan.paged(_DOC).items()}
IDS = {op: p["id"] for op, p in plan.lists(_DOC).items()}
# Every list's rows key, paged or used by a sequence.
ROWS = {op: p["rows"] for op, p in plan.lists(_DOC).items()}
# Reads of one record by path id: an unknown id is a 404.
ID_READS = plan.id_reads_by_path(_DOC)
ENUM_READS = plan.enum_reads(_DOC)
