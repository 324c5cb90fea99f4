"""Cloudflare group (newer tree; every route inferred). One POST both saves credentials and,
given a domainName, connects that domain through them (the docs title: 'Save Credentials or
Connect Domain')."""
from __future__ import annotations

from ....core.errors import Invalid
from ....domain import cloudflare
from .. import render_features as render
from .. import requests_features as rq
from .. import wire


def get_cloudflare(call):
    creds = cloudflare.credentials_of(call.scope)
    zones = [(c.id, z) for c in creds for z in cloudflare.zones(call.scope, c)]
    return wire.ok("Cloudflare credentials fetched successfully", render.cloudflare_state(creds, zones))


def save_cloudflare(call):
    body = rq.parse(call, rq.SaveCloudflare)
    scope = call.scope
    if body.credentialsId is not None and body.apiToken is not None:
        raise Invalid("Send credentialsId or apiToken, not both", field="credentialsId")
    if body.domainName is None:
        if body.credentialsId is not None:
            raise Invalid("domainName is required to connect a domain with stored credentials", field="domainName")
        if body.apiToken is None:
            raise Invalid("apiToken is required", field="apiToken")
    if body.credentialsId is not None:
        creds, new = cloudflare.get_credentials(scope, body.credentialsId), False
    elif body.apiToken is not None:
        creds, new = cloudflare.save(scope, body.apiToken, body.email, body.accountId, body.label)
    else:
        raise Invalid("credentialsId or apiToken is required to connect a domain", field="credentialsId")
    req = cloudflare.connect_domain(scope, body.domainName, creds) if body.domainName is not None else None
    data = render.cloudflare_saved(creds, req)
    if req is not None:
        return wire.created("Domain connection started", data)
    if new:
        return wire.created("Cloudflare credentials saved successfully", data)
    return wire.ok("Cloudflare credentials updated successfully", data)
