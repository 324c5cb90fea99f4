"""Renewals and moves: renewal settings, renewing soon, renewal price, renew, auto renew, moving
domains across workspaces, removing forwarding; and the workspaces of a third-party app."""
from __future__ import annotations

import dataclasses

from ....core.errors import Invalid, NotFound
from ....core.pagination import paginate, parse_page_args
from ....domain import domains, exports, renewals
from .. import render_domainsc as render
from .. import wire
from .money import pay_url


def update_renewal_settings(call):
    ws = renewals.set_workspace_default(call.scope, call.body.domainRenewalSettings.autoRenew)
    return wire.ok("Domain renewal settings updated successfully", render.renewal_settings(ws))


def renewal_soon(call):
    page, limit = parse_page_args(call.args.page, call.args.limit)
    rows = renewals.renewing_soon(call.scope, call.body.contains, call.body.tagIds)
    return wire.ok("Domains fetched successfully", render.renewing_page(call.scope.owner, paginate(rows, page, limit)))


def renewal_price(call):
    body = call.body
    rows = renewals.targets(call.scope, body.domainIds, body.contains, body.tagIds)
    return wire.ok("Renewal price fetched successfully", [render.renewal_price(d) for d in rows])


def renew(call):
    body = call.body
    link, renewed = renewals.renew(call.scope, body.domainIds, body.contains, body.tagIds)
    return wire.ok("Domains renewed successfully", render.renewal(pay_url(call, link), renewed))


def update_auto_renew(call):
    body = call.body
    renewals.set_auto_renew(call.scope, body.domainIds, body.contains, body.tagIds, body.autoRenew)
    return wire.ok("Auto renew updated successfully", None)


def move_workspace(call):
    body, scope = call.body, call.scope
    if body.serviceProvider is not None and body.serviceProvider != scope.platform:
        if scope.platform_explicit:
            raise Invalid("serviceProvider in the body differs from the x-service-provider header",
                          field="serviceProvider")
        scope = dataclasses.replace(scope, platform=body.serviceProvider, platform_explicit=True)
    renewals.move(scope, body.domainIds, body.workspaceId)
    return wire.ok("Domains moved successfully", None)


def remove_forwarding(call):
    d = domains.get_domain(call.scope, call.body.domainId, "domainId")
    domains.set_forwarding(call.scope, [d], None)
    return wire.ok("Domain forwarding removed successfully", None)


def fetch_workspaces(call):
    rows = exports.accounts_of(call.scope, call.args.app)
    if call.args.accountId is not None:
        rows = [a for a in rows if a.id == call.args.accountId]
        if not rows:
            raise NotFound("Third party account not found", field="accountId")
    return wire.ok("Workspaces fetched successfully", render.app_workspaces(rows))
