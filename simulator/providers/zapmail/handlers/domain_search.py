"""Domain search beyond availability: the AI domain finder, aged and pre-warmed domains, the
pre-warmed plans; and the global mailbox search."""
from __future__ import annotations

from ....core.pagination import paginate, parse_page_args
from ....domain import finder, offers, search
from .. import render, wire
from .. import render_domainsc as rd
from ..requests_domainsc import PREWARMED_PLANS
from .money import pay_url


def _page(call, rows):
    page, limit = parse_page_args(call.args.page, call.args.limit)
    return paginate(rows, page, limit)


def ai_finder(call):
    body = call.body
    job = finder.run(call.scope, body.keywords, body.tlds, body.desiredCount)
    return wire.ok("Domains generated successfully", rd.finder_run(*finder.view(call.scope, job)))


def aged_list(call):
    pg = _page(call, offers.aged_available(call.scope))
    return wire.ok("Aged domains fetched successfully", rd.aged_domains(pg.items))


def aged_purchase(call):
    link, made = offers.buy_aged(call.scope, call.body.domains)
    return wire.ok("Domains purchased", rd.domains_bought(pay_url(call, link), made))


def prewarmed_list(call):
    scope = call.scope
    listed = offers.prewarmed_listed(scope, call.args.contains)
    sold = {o.id for o in listed if offers.sold(scope.owner, o)}
    return wire.ok("Pre-warmed domains fetched successfully",
                   rd.prewarmed_page(_page(call, listed), sold, len(listed) - len(sold)))


def prewarmed_count(call):
    return wire.ok("Pre-warmed domain count fetched successfully",
                   rd.prewarmed_count(offers.prewarmed_stock(call.world, call.scope.owner)))


def prewarmed_purchase(call):
    name, price, size = PREWARMED_PLANS[call.args.planType]
    link, _ = offers.buy_prewarmed_plan(call.scope, offers.PrewarmedPlan(name=name, price=price, mailboxes=size))
    return wire.flat(render.payment_link("Pre-warmed subscription purchased successfully", pay_url(call, link)))


def prewarmed_assign(call):
    link, made = offers.assign_prewarmed(call.scope, call.body.domainIds)
    return wire.ok("Pre-warmed domains assigned successfully", rd.domains_bought(pay_url(call, link), made))


def prewarmed_subscriptions(call):
    rows = offers.prewarmed_plans_of(call.scope, call.args.status or "")
    return wire.ok("Pre-warmed subscriptions fetched successfully", rd.prewarmed_subscriptions(_page(call, rows)))


def global_search(call):
    rows = search.mailboxes_matching(call.scope, call.args.contains)
    return wire.ok("Search results fetched successfully", rd.found_mailboxes(call.world, _page(call, rows)))
