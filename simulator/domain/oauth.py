"""Custom OAuth: connecting mailboxes to a sending tool's own OAuth app through per-mailbox
authorization links (docs: Custom OAuth). On Google domains the app's client id is added through
the domain's admin mailbox first. The connection runs as an export job on the clock: a public
client reads its id from the answer and polls the export status."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..core.errors import Invalid, NotFound
from . import exports
from .accounts import Scope
from .models import GOOGLE, ExportJob

# the job's target, as the export status shows it
TARGET = "CUSTOM_OAUTH"


@dataclass(frozen=True)
class Grant:
    """One mailbox to authorize, on the domain and platform it was listed under."""
    platform: str
    domain_id: str
    mailbox_id: str


def start(scope: Scope, grants: list[Grant], client_id: Optional[str], app_name: Optional[str]) -> ExportJob:
    """Everything is checked before anything changes (docs: structure, ids and links first)."""
    owner = scope.owner
    for g in grants:
        m = owner.mailboxes.get(g.mailbox_id)
        if m is None or m.workspace_id != scope.workspace.id or m.platform != g.platform or m.domain_id != g.domain_id:
            raise Invalid("Some mailboxes not found")
    domains = [owner.domains[i] for i in dict.fromkeys(g.domain_id for g in grants if g.platform == GOOGLE)]
    for d in domains:
        if d.client_id == client_id and d.client_app not in (None, app_name):
            raise Invalid(f"App name mismatch for client ID {client_id}: expected {app_name}, got {d.client_app}")
        if d.client_id != client_id and not d.admin_email:
            raise NotFound(f"Admin mailbox not found for domain {d.id}")
    for d in domains:
        d.client_id, d.client_app, d.updated_at = client_id, app_name, scope.now
    return exports.new_job(scope, [TARGET], list(dict.fromkeys(g.mailbox_id for g in grants)))
