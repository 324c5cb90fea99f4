"""Zap Sites (Tier C): scan a URL, create a site (generated on the clock), read, edit,
regenerate and deploy it on domains of the workspace. Renderers of the group's answers included."""
from __future__ import annotations

from ....core.errors import Invalid
from ....core.parsing import validate
from ....domain import sites
from ....domain.models import Account, Site
from .. import render, wire
from .. import requests_zapsites as rq
from .. import responses_zapsites as rs


def query_or_body(call, model, query: dict):
    """The fields of a GET whose docs list them as body fields: from the query string, or from
    the JSON body a doc-derived client sends (a query value wins), checked by `model`."""
    sent = call.raw_body if isinstance(call.raw_body, dict) else {}
    return validate({**sent, **{k: v for k, v in query.items() if v is not None}}, model)


# ---------------------------------------------------------------- renderers

def site(account: Account, s: Site) -> rs.ZapSite:
    content = None if s.status == "GENERATING" else rs.SiteContent(**sites.content(s))
    deployment = None
    if s.domain_ids:
        names = [account.domains[i].name for i in s.domain_ids if i in account.domains]
        deployment = rs.SiteDeployment(domain_ids=list(s.domain_ids), urls=[f"https://{n}" for n in names],
                                   indexing=s.indexing, tracking=s.tracking, form_enabled=s.form_enabled,
                                   deployed_at=render.ts(s.deployed_at))
    return rs.ZapSite(id=s.id, workspace_id=s.workspace_id, name=s.name, destination_url=s.destination_url,
                   status=s.status, version=s.version, campaign_context=s.campaign_context, audience=list(s.audience),
                   cta_label=s.cta_label, theme=s.theme, notify_email=s.notify_email,
                   form_fields=[rs.SiteFormField(name=f["name"], label=f.get("label"), type=f.get("type") or "text",
                                             required=bool(f.get("required"))) for f in s.form_fields],
                   content=content, deployment=deployment, created_at=render.ts(s.created_at),
                   updated_at=render.ts(s.updated_at))


# ---------------------------------------------------------------- handlers

def scan(call):
    if call.args.url is None and not (isinstance(call.raw_body, dict) and "url" in call.raw_body):
        raise Invalid("url is required (in the query string or a JSON body)", field="url")
    body = query_or_body(call, rq.Scan, {"url": call.args.url})
    return wire.ok("Site scanned successfully", rs.SiteScan(**sites.scan(body.url)))


def create(call):
    b = call.body
    s = sites.create(call.scope, b.destination_url, b.name, b.campaign_context, b.audience, b.cta_label, b.theme)
    return wire.ok("Zapsite created successfully", site(call.scope.owner, s))


def _site(call) -> Site:
    return sites.get_site(call.scope, call.path_params["id"])


def get(call):
    return wire.ok("Zapsite fetched successfully", site(call.scope.owner, _site(call)))


def update(call):
    b = call.body
    fields = [f.model_dump(include={"name", "label", "type", "required"}, exclude_none=True) for f in b.form_fields]
    s = sites.update(call.scope, _site(call), b.name, b.notify_email, fields)
    return wire.ok("Zapsite updated successfully", site(call.scope.owner, s))


def regenerate(call):
    s = sites.regenerate(call.scope, _site(call), call.body.notes)
    return wire.ok("Zapsite regeneration started", site(call.scope.owner, s))


def deploy(call):
    s = _site(call)  # an unknown site is a 404 before the settings are read
    a = call.args
    ids = [i.strip() for i in a.domainIds.split(",") if i.strip()] if a.domainIds is not None else None
    b = query_or_body(call, rq.Deploy, {"domainIds": ids, "indexing": a.indexing, "tracking": a.tracking,
                                        "form_enabled": a.form_enabled})
    sites.deploy(call.scope, s, b.domainIds, b.indexing, b.tracking, b.form_enabled)
    return wire.ok("Zapsite deployment started", site(call.scope.owner, s))
