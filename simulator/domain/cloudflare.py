"""Cloudflare credentials of a workspace, and connecting a domain through them.

Stored tokens are never read back in full (readers mask all but the last four characters).
Connecting a domain with credentials starts an ordinary domain connection request, which walks
its statuses on the clock to an ACTIVE domain; the name is recorded as one of the credentials'
zones. A token starting with "invalid" is refused as Cloudflare would refuse a bad token, so a
test can reach that failure.
"""
from __future__ import annotations

import re

from ..core.errors import Invalid
from .accounts import Scope
from .connections import connect, requests_of
from .domains import held_in, normalise_name
from .models import CloudflareCredential, ConnectionRequest
from .lookup import in_workspace

MIN_TOKEN, MAX_TOKEN = 20, 200
MAX_CREDENTIALS = 20
_TOKEN = re.compile(r"^[A-Za-z0-9_\-]+$")
_ACCOUNT_ID = re.compile(r"^[0-9a-fA-F]{32}$")


def credentials_of(scope: Scope) -> list[CloudflareCredential]:
    rows = [c for c in scope.owner.cloudflare_credentials.values() if c.workspace_id == scope.workspace.id]
    return sorted(rows, key=lambda c: c.created_at)  # stable: creation order on ties


def get_credentials(scope: Scope, credentials_id, field: str = "credentialsId") -> CloudflareCredential:
    return in_workspace(scope, scope.owner.cloudflare_credentials, credentials_id, field, "Cloudflare credentials")


def check_token(token) -> str:
    if not isinstance(token, str) or not token.strip():
        raise Invalid("apiToken must be a non-empty string", field="apiToken")
    token = token.strip()
    if not MIN_TOKEN <= len(token) <= MAX_TOKEN or not _TOKEN.match(token):
        raise Invalid(f"apiToken must be {MIN_TOKEN}-{MAX_TOKEN} letters, digits, '-' or '_'", field="apiToken")
    if token.lower().startswith("invalid"):
        raise Invalid("Cloudflare rejected the API token: it is invalid or lacks the Zone:Edit and DNS:Edit "
                      "permissions", field="apiToken")
    return token


def save(scope: Scope, token, email=None, account_id=None, label=None) -> tuple[CloudflareCredential, bool]:
    """Store credentials (or refresh the stored ones with the same token); returns them and
    whether they are new."""
    token = check_token(token)
    if email is not None and (not isinstance(email, str) or "@" not in email or len(email) > 254):
        raise Invalid("email must be a valid email address", field="email")
    if account_id is not None and (not isinstance(account_id, str) or not _ACCOUNT_ID.match(account_id)):
        raise Invalid("accountId must be a 32-character hexadecimal Cloudflare account id", field="accountId")
    if label is not None and (not isinstance(label, str) or not label.strip() or len(label) > 100):
        raise Invalid("label must be a non-empty string of at most 100 characters", field="label")
    now = scope.now
    for c in credentials_of(scope):
        if c.api_token == token:
            c.email = email if email is not None else c.email
            c.external_account_id = account_id if account_id is not None else c.external_account_id
            c.label = label.strip() if label is not None else c.label
            c.updated_at = now
            return c, False
    if len(credentials_of(scope)) >= MAX_CREDENTIALS:
        raise Invalid(f"At most {MAX_CREDENTIALS} Cloudflare credentials can be stored", field="apiToken")
    c = CloudflareCredential(id=scope.world.ids.new(scope.owner.id_style), workspace_id=scope.workspace.id,
                             api_token=token, email=email, external_account_id=account_id,
                             label=label.strip() if label else None, created_at=now, updated_at=now)
    scope.owner.cloudflare_credentials[c.id] = c
    return c, True


def connect_domain(scope: Scope, domain_name, credentials: CloudflareCredential) -> ConnectionRequest:
    """Start (or report, when one exists) the connection request of `domain_name` through these
    credentials."""
    name = normalise_name(domain_name, "domainName")
    req = connect(scope, [name])[0]
    if name not in credentials.zones:
        credentials.zones = [*credentials.zones, name]
        credentials.updated_at = scope.now
    return req


def zones(scope: Scope, c: CloudflareCredential) -> list[dict]:
    """The credentials' zones: each connected name with its domain (when it exists) and its
    latest connection request."""
    out = []
    requests = requests_of(scope)
    for name in c.zones:
        d = held_in(scope.owner, scope.workspace.id, name)
        req = next((r for r in reversed(requests) if r.domain_name == name), None)
        out.append({"name": name, "domain": d, "request": req})
    return out
