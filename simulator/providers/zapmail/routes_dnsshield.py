"""Zapmail DNS Shield (Tier C of the reference: paths from public client code, several read
live). A slot protects one domain: protection is the domain's dnsShieldEnabled flag."""
from __future__ import annotations

from ...core.routing import READ, SPEND, WRITE, Paging
from . import requests_dnsshield as rq
from . import responses_dnsshield as rs
from .declare import O, ok, r
from .handlers import dnsshield

Z = "zapmail.v2.dns_shield."

ROUTES = [
    r("GET", "/v2/dns-shield/eligible-domains", dnsshield.eligible_domains, Z + "eligible_domains",
      "DNS Shield eligible domains", provenance=O, kind=READ, ok=ok("ShieldEligibleAnswer", rs.ShieldEligiblePage),
      query=rq.EligibleDomainsQuery, paging=Paging("domains"),
      notes=("paged data.domains (live); eligible means ACTIVE on the request's platform, protected ones "
             "included (the live count equalled the ACTIVE count); rows are GET /v2/domains rows (ours)")),
    r("GET", "/v2/dns-shield/available-slots", dnsshield.available_slots, Z + "available_slots",
      "DNS Shield available slots", provenance=O, kind=READ, ok=ok("ShieldSlotsAnswer", rs.ShieldSlots),
      examples={200: rs.SLOTS_EXAMPLE}, notes="keys live; the subscription rows ours"),
    r("GET", "/v2/dns-shield/subscriptions", dnsshield.list_subscriptions, Z + "subscriptions",
      "DNS Shield subscriptions", provenance=O, kind=READ,
      ok=ok("ShieldSubscriptionsAnswer", list[rs.ShieldSubscription]),
      notes="a list (live); its first eight keys are the live ones, the rest ours"),
    r("GET", "/v2/dns-shield/allocated-domains", dnsshield.allocated_domains, Z + "allocated_domains",
      "DNS Shield allocated domains", provenance=O, kind=READ, ok=ok("ShieldAllocatedAnswer", rs.ShieldAllocated),
      query=rq.AllocatedQuery, notes="query from a client's copy of the docs; the answer ours",
      state="subscriptionId must name a DNS Shield plan of the workspace (404)."),
    r("POST", "/v2/dns-shield/allocate-domains", dnsshield.allocate_domains, Z + "allocate_domains",
      "Allocate domains to DNS Shield", provenance=O, kind=WRITE, ok=ok("ShieldAllocateAnswer", rs.ShieldProtected),
      body=rq.AllocateDomains, notes="body from a client's copy of the docs; the answer ours",
      state=("every domain must be of the workspace (404) and ACTIVE (400); the ones not yet protected need a "
             "free slot each (400 Insufficient DNS Shield slots), lifetime plans' first.")),
    r("POST", "/v2/dns-shield/purchase", dnsshield.purchase, Z + "purchase", "Purchase DNS Shield",
      provenance=O, kind=SPEND, ok=ok("ShieldPurchaseAnswer", rs.ShieldProtected), body=rq.PurchaseShield,
      notes=("body from client code; paid from the wallet at the reference's prices (3 USD per domain a month; "
             "LTD 299 / 999 / 2999 USD); LTD slot counts and the answer ours"),
      state=("named domains must be of the workspace (404) and ACTIVE (400) and fit the plan's slots (400); LTD "
             "needs planName (400); EXISTING needs free slots (400); the wallet must cover the price (400).")),
    r("POST", "/v2/dns-shield/upgrade-plan", dnsshield.upgrade_plan, Z + "upgrade_plan", "Upgrade DNS Shield plan",
      provenance=O, kind=SPEND, ok=ok("ShieldUpgradeAnswer", rs.ShieldSubscription), body=rq.UpgradeShield,
      notes="body from a client's copy of the docs (marked testing there); the wallet pays the difference (ours)",
      state=("subscriptionId must name a DNS Shield plan of the workspace (404), a live LTD plan moving to a "
             "larger one (400); the wallet must cover the difference (400).")),
    r("POST", "/v2/dns-shield/cancel-subscription", dnsshield.cancel_subscription, Z + "cancel_subscription",
      "Cancel DNS Shield subscription", provenance=O, kind=WRITE, ok=ok("ShieldCancelAnswer", rs.ShieldSubscription),
      body=rq.CancelShield,
      notes=("a MONTHLY plan ends with its period, an LTD plan at once; its domains then lose protection "
             "unless another plan holds them (ours)"),
      state="subscriptionId must name a live DNS Shield plan of the workspace (404) not already cancelled (400)."),
]
