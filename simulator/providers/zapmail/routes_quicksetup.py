"""Tier C: quick setup (observed: a public client's notes of support answers, checked live)."""
from __future__ import annotations

from ...core.routing import READ, SPEND
from . import requests_domainsc as rq
from . import responses_domainsc as rs
from .declare import O, ok, r
from .handlers import quick_setup

ROUTES = [
    r("POST", "/v2/quick-setup", quick_setup.start, "zapmail.v2.quick_setup.create", "Quick Setup", provenance=O,
      kind=SPEND, ok=ok("QuickSetupAnswer", rs.QuickSetupStarted), body=rq.QuickSetup,
      notes=("support's answer keys (quickSetupBatchId, slotsNeeded, invoiceUrl) inside the envelope's data; "
             "mailbox specs take username or mailboxUsername (two clients); each domain then walks PENDING, "
             "DOMAIN_SUCCESS, MAILBOX_IN_PROGRESS, MAILBOX_SUCCESS, [EXPORT_IN_PROGRESS,] COMPLETED on the clock"),
      state=("every name must be free to register (400); mailboxes keys must be among the domains, at most 5 "
             "mailboxes a domain (400); the workspace needs billing details and a live subscription on the "
             "request's platform (400); exportApp needs exactly one account of that app (400, MANUAL aside); the "
             "wallet (or auto recharge) must cover the domains and the missing slots (400 \"Insufficient wallet "
             "balance. Required: $X, Available: $Y\").")),
    r("GET", "/v2/quick-setup", quick_setup.status, "zapmail.v2.quick_setup.status", "Quick setup status",
      provenance=O, kind=READ, ok=ok("QuickSetupStatusAnswer", rs.QuickSetupProgress), query=rq.QuickSetupQuery,
      notes="statuses from support; the rest of the answer is ours",
      state="domain must name a domain of a quick setup of the workspace (404)."),
]
