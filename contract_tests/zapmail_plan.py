"""What the suite knows about Zapmail v2 beyond its OpenAPI document: the account it seeds when
it starts the simulator itself and how to find ids for reads; which reads, lists and probes
there are is planned from the document (plan.py)."""
from __future__ import annotations

from simulator.openapi import document

from . import plan

Z = "zapmail.v2."

# The in-process account: enough state for every read to return rows (a domain with mailboxes and
# DNS records, more domains for paging, a third-party account, a subscription with free slots).
# (the wallet pays for placement and DNS Shield plans and the other Tier C purchases too; one
# domain is within two months of its expiry, so renew can succeed: issue 10)
SEED = {"walletBalance": 2000, "fixture": {"workspaces": [{"primary": True, "subscriptions": [
    {"plan": "Growth", "planKey": "zap_mail_growth", "price": 99, "quantity": 30, "platform": "GOOGLE"}], "domains": [
    {"name": "contract-alpha.com", "status": "ACTIVE", "platform": "GOOGLE", "daysAgo": 30,
     "mailboxes": [{"firstName": "Ann", "lastName": "Lee", "username": "ann.lee", "status": "ACTIVE", "daysAgo": 20},
                   {"firstName": "Bob", "lastName": "Roe", "username": "bob.roe", "status": "ACTIVE", "daysAgo": 20}],
     "dnsRecords": [{"host": "@", "value": "v=spf1 include:_spf.google.com ~all", "recordType": "TXT"}]},
    {"name": "contract-beta.com", "status": "ACTIVE", "platform": "GOOGLE", "daysAgo": 25,
     "mailboxes": [{"firstName": "Cy", "lastName": "Doe", "username": "cy.doe", "status": "ACTIVE", "daysAgo": 10}]},
    {"name": "contract-gamma.com", "status": "ACTIVE", "platform": "GOOGLE", "daysAgo": 20},
    {"name": "contract-spare.com", "status": "ACTIVE", "platform": "GOOGLE", "origin": "connected", "daysAgo": 15},
    {"name": "contract-renew.com", "status": "ACTIVE", "platform": "GOOGLE", "daysAgo": 330},  # domainsc
    {"name": "contract-move.com", "status": "ACTIVE", "platform": "GOOGLE", "daysAgo": 20},  # moved away by a test
], "thirdPartyAccounts": [{"app": "SMARTLEAD", "email": "ops@contract-alpha.com"}]}]}}

_DOC = document("zapmail")
PLAIN_READS = plan.plain_reads(_DOC)
# Paged lists: operation -> (key of the rows in data, key that identifies a row).
PAGED = {op: (p["rows"], p["id"]) for op, p in plan.paged(_DOC).items()}
# Reads whose query names one record: an id nobody has must be a 404. Export ids are integers
# (a non-integer exportId is a 400, not an unknown id).
ID_READS = plan.id_reads_by_query(_DOC)
# Query enums: a value outside the documented set must be a 400.
ENUM_READS = plan.enum_reads(_DOC)
PAGE_READS = list(PAGED)
# Domain searches share a limit of 10 calls per 30 minutes on the real API (root docs page): against
# a server the suite sends each of them one valid call and one probe, no more.
SCARCE = plan.scarce(_DOC)


def domain_ids(target) -> list[str]:
    data = target.call(Z + "domains.list", params={"limit": 100}).json()["data"]
    return [d["id"] for d in data["domains"]]


def mailbox_ids(target) -> list[str]:
    data = target.call(Z + "mailbox.list", params={"limit": 100}).json()["data"]
    return [m["id"] for g in data["domains"] for m in g["mailboxes"]]


def rows_of(op: str, body: dict) -> list:
    key, _ = PAGED[op]
    return body["data"][key]
