"""Zapmail Zap Sites (Tier C of the reference: paths and request fields from a doc-derived public
client; no answer observed). A site is generated on the clock (GENERATING -> READY) and deployed
on the clock (DEPLOYING -> DEPLOYED): the lifecycle and every answer are ours."""
from __future__ import annotations

from ...core.routing import READ, WRITE
from . import requests_zapsites as rq
from . import responses_zapsites as rs
from .declare import O, ok, r
from .handlers import zapsites

Z = "zapmail.v2.zap_sites."
SITE = ok("ZapSiteAnswer", rs.ZapSite)
OURS = "the answer and the site's lifecycle are ours (none observed)"

ROUTES = [
    r("GET", "/v2/zap-sites/scan", zapsites.scan, Z + "scan", "Scan A Site", provenance=O, kind=READ,
      ok=ok("ZapSiteScanAnswer", rs.SiteScan), query=rq.ScanQuery,
      notes=("url in the query, or in a JSON body as a doc-derived client sends it on this GET; what a scan "
             "finds is derived from the URL's host (ours)"),
      state="url must be sent, in the query string or a JSON body (400)."),
    r("POST", "/v2/zap-sites", zapsites.create, Z + "create", "Create a New Zapsite", provenance=O, kind=WRITE,
      ok=SITE, body=rq.CreateSite, notes="snake_case body as a doc-derived client sends it; " + OURS),
    r("GET", "/v2/zap-sites/{id}", zapsites.get, Z + "get", "Fetch A Zapsite", provenance=O, kind=READ, ok=SITE,
      notes=OURS, state="id must name a site of the workspace (404)."),
    r("PATCH", "/v2/zap-sites/{id}", zapsites.update, Z + "update", "Edit a Zapsite", provenance=O, kind=WRITE,
      ok=SITE, body=rq.UpdateSite,
      notes="the three fields the docs list, all required there; another field is a 400 naming the changeable ones; "
            "form field keys ours; " + OURS,
      state="id must name a site of the workspace (404)."),
    r("POST", "/v2/zap-sites/{id}/regenerate", zapsites.regenerate, Z + "regenerate", "Regenerate a Zapsite",
      provenance=O, kind=WRITE, ok=SITE, body=rq.RegenerateSite, notes=OURS,
      state="id must name a site of the workspace (404) that is not generating or deploying (400)."),
    r("GET", "/v2/zap-sites/{id}/deploy", zapsites.deploy, Z + "deploy", "Deploy a Zapsite", provenance=O,
      kind=WRITE, ok=SITE, query=rq.DeployQuery,
      notes=("a GET that deploys (it changes state, so it is a write); its settings in the query or, as a "
             "doc-derived client sends them, a JSON body; " + OURS),
      state=("id must name a site of the workspace (404) that is READY or DEPLOYED (400); domainIds, indexing, "
             "tracking and form_enabled are required, in the query or a JSON body (400); each domain must be of "
             "the workspace (404) and ACTIVE (400); form_enabled needs form fields (400).")),
]
