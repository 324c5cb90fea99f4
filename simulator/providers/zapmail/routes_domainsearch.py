"""Tier C: the AI domain finder, aged (high-reputation) and pre-warmed domains, and the global
mailbox search (observed: public clients, several checked live)."""
from __future__ import annotations

from ...core.routing import READ, SPEND, WRITE, Paging
from . import examples_domainsc as ex
from . import requests_domainsc as rq
from . import responses as base
from . import responses_domainsc as rs
from .declare import O, ok, r
from .handlers import domain_search as h

ROUTES = [
    # free and under the general limit only, not the domain-search one (support, observed reference);
    # a write, though a search: the first call starts a generation run the later ones poll
    r("POST", "/v2/domains/ai-finder", h.ai_finder, "zapmail.v2.domains.ai_finder", "AI Domain Finder",
      provenance=O, kind=WRITE, ok=ok("FinderAnswer", rs.FinderRun), body=rq.AiFinder, examples=ex.DOMAINS_AI_FINDER,
      notes=("the first call starts a run, the same body polls it (the same batch for 5 minutes); progress grows "
             "over 20 s of the clock, then status is completed; fewer names than asked; names are drawn from the "
             "keywords and the account's id (which the world's seed draws)")),
    r("GET", "/v2/aged-domains/available-domains", h.aged_list, "zapmail.v2.aged_domains.list",
      "List high-reputation (aged) domains", provenance=O, kind=READ, ok=ok("AgedDomainsAnswer", rs.AgedDomains),
      query=rq.PageQuery,
      notes=("row keys from a client reference; the offers are the account's own, drawn from its id (which the "
             "world's seed draws)")),
    r("POST", "/v2/aged-domains/purchase", h.aged_purchase, "zapmail.v2.aged_domains.purchase",
      "Purchase high-reputation domains", provenance=O, kind=SPEND, ok=ok("AgedPurchaseAnswer", rs.DomainsBought),
      body=rq.AgedPurchase, notes="the answer was not observed: the paid invoice and the new domains' ids are ours",
      state=("each name must be an unsold offer of the aged list (404); the wallet (or auto recharge) must cover "
             "the prices (400 Insufficient wallet balance); the domains register on the clock.")),
    r("GET", "/v2/prewarmed-domains/get-domains", h.prewarmed_list, "zapmail.v2.prewarmed.list",
      "Get pre-warmed domains", provenance=O, kind=READ, ok=ok("PrewarmedAnswer", rs.PrewarmedPage),
      query=rq.PrewarmedQuery, examples=ex.PREWARMED_LIST,
      notes=("the offers of the request's platform, the account's own, drawn from its id (which the world's seed "
             "draws)")),
    r("POST", "/v2/prewarmed-domains/purchase", h.prewarmed_purchase, "zapmail.v2.prewarmed.purchase",
      "Purchase pre-warmed subscription", provenance=O, kind=SPEND, ok=base.PaymentLink,
      query=rq.PrewarmedPlanQuery,
      notes=("planType in the query, no body (client reference); paid from the wallet, answered flat with the "
             "paid invoice as Purchase subscription is (ours)"),
      state="the wallet (or auto recharge) must cover the plan's price (400 Insufficient wallet balance)."),
    r("POST", "/v2/prewarmed-domains/assign", h.prewarmed_assign, "zapmail.v2.prewarmed.assign",
      "Assign pre-warmed domains", provenance=O, kind=SPEND, ok=ok("PrewarmedAssignAnswer", rs.DomainsBought),
      body=rq.PrewarmedAssign,
      notes=("no plan needed, the wallet is charged (support); the answer is ours; each domain arrives ACTIVE "
             "with its warmed-up mailboxes"),
      state=("each id must be an offer of the pre-warmed list on the request's platform (404) not yet sold (400); "
             "the wallet (or auto recharge) must cover the prices (400 Insufficient wallet balance).")),
    r("GET", "/v2/prewarmed-domains/count", h.prewarmed_count, "zapmail.v2.prewarmed.count",
      "Pre-warmed domain count", provenance=O, kind=READ, ok=ok("PrewarmedCountAnswer", rs.PrewarmedCount),
      examples=ex.PREWARMED_COUNT, notes="unsold warmed-up mailboxes per platform (live values)"),
    r("GET", "/v2/prewarmed-domains/subscriptions", h.prewarmed_subscriptions, "zapmail.v2.prewarmed.subscriptions",
      "Pre-warmed subscriptions", provenance=O, kind=READ,
      ok=ok("PrewarmedSubscriptionsAnswer", rs.PrewarmedSubscriptions), query=rq.PrewarmedSubscriptionsQuery,
      examples=ex.PREWARMED_SUBSCRIPTIONS),
    r("GET", "/v2/global/mailbox-domain-search", h.global_search, "zapmail.v2.global.mailbox_domain_search",
      "Global mailbox/domain search", provenance=O, kind=READ, ok=ok("GlobalSearchAnswer", rs.FoundMailboxes),
      query=rq.GlobalSearchQuery, paging=Paging("mailboxes"),
      notes=("mailboxes of every workspace the caller manages, on both platforms, whose address contains the "
             "fragment; the shape is ours but for the credentials, workspace and platform a client names")),
]
