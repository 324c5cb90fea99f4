"""Tier C: domain renewals, moves across workspaces, removing forwarding, and the workspaces of a
third-party app (observed: public clients, several checked live)."""
from __future__ import annotations

from ...core.routing import READ, SPEND, WRITE
from . import examples_domainsc as ex
from . import requests_domainsc as rq
from . import responses_domainsc as rs
from .declare import NULL, O, ok, r
from .handlers import renewals

_WINDOW = "domains registered through Zapmail (not connected, aged or pre-warmed) expiring within two months"

ROUTES = [
    r("POST", "/v2/workspaces/update-domain-renewal-settings", renewals.update_renewal_settings,
      "zapmail.v2.workspaces.update_domain_renewal_settings", "Update domain renewal settings", provenance=O,
      kind=WRITE, ok=ok("RenewalSettingsAnswer", rs.RenewalSettings), body=rq.UpdateRenewalSettings,
      notes=("the inner fields of domainRenewalSettings were not captured: autoRenew is ours; support: domains "
             "bought through the API renew only when the workspace default says so; the answer is ours"),
      state="sets the default of domains bought into the workspace from now on; existing domains keep theirs."),
    r("POST", "/v2/domains/renewal-soon", renewals.renewal_soon, "zapmail.v2.domains.renewal_soon",
      "Domains renewing soon", provenance=O, kind=READ, ok=ok("RenewingAnswer", rs.RenewingPage),
      query=rq.PageQuery, body=rq.RenewalFilter, examples=ex.DOMAINS_RENEWAL_SOON,
      notes=("page and limit in the query, filters in the body (live); a null filter is a 422 \"Invalid value\" "
             "(live)"),
      state=f"lists {_WINDOW}, on the request's platform."),
    r("POST", "/v2/domains/get-renewal-price", renewals.renewal_price, "zapmail.v2.domains.get_renewal_price",
      "Get renewal price", provenance=O, kind=READ, ok=ok("RenewalPriceAnswer", list[rs.RenewalPrice]),
      body=rq.GetRenewalPrice, notes="data is a list (live keys); an empty domainIds selects by contains/tagIds",
      state=("each domain must be of the workspace (404) and registered through Zapmail (400); an empty domainIds "
             "needs contains or tagIds (400).")),
    r("POST", "/v2/domains/renew", renewals.renew, "zapmail.v2.domains.renew", "Renew domains", provenance=O,
      kind=SPEND, ok=ok("RenewAnswer", rs.Renewal), body=rq.Renew,
      notes="the wallet is applied at once (client reference); each renewal adds a year at the TLD's renewal price",
      state=(f"only {_WINDOW} (400); the domains must be of the workspace (404); the wallet (or auto recharge) "
             "must cover the renewal prices (400 Insufficient wallet balance).")),
    r("POST", "/v2/domains/update-auto-renew", renewals.update_auto_renew, "zapmail.v2.domains.update_auto_renew",
      "Update auto renew", provenance=O, kind=WRITE, ok=NULL, body=rq.UpdateAutoRenew,
      notes="the answer was not observed: data null is ours",
      state=("each domain must be of the workspace (404) and registered through Zapmail, not aged or pre-warmed "
             "(400); an empty domainIds needs contains or tagIds (400).")),
    r("POST", "/v2/domains/move-workspace", renewals.move_workspace, "zapmail.v2.domains.move_workspace",
      "Move domains across workspace", provenance=O, kind=WRITE, ok=NULL, body=rq.MoveWorkspace,
      notes="the answer was not observed: data null is ours; serviceProvider may be sent in the body or the header",
      state=("workspaceId must be another workspace of the same account that the caller manages (404, 400); the "
             "domains must be of the request's workspace and platform (404, 400); their mailboxes move with them "
             "and need free slots there (400); tags stay behind.")),
    r("POST", "/v2/domains/remove-forwarding", renewals.remove_forwarding, "zapmail.v2.domains.remove_forwarding",
      "Remove domain forwarding", provenance=O, kind=WRITE, ok=NULL, body=rq.RemoveForwarding,
      examples=ex.DOMAINS_REMOVE_FORWARDING, notes="its docs page names the header x-workspace-id (both are read)",
      state="domainId must name a domain of the workspace (404); a domain without forwarding stays so."),
    r("GET", "/v2/exports/fetch-workspaces", renewals.fetch_workspaces, "zapmail.v2.export.fetch_workspaces",
      "Fetch workspaces by app", provenance=O, kind=READ, ok=ok("AppWorkspacesAnswer", rs.AppWorkspaces),
      query=rq.FetchWorkspacesQuery,
      notes=("SMARTLEAD is refused with the live 400 text; the answer's shape was not captured: one workspace per "
             "third-party account of the app (ours)"),
      state="accountId must name a third-party account of the workspace for that app (404)."),
]
