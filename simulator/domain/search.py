"""Search across workspaces: every mailbox the caller can manage, in each of its workspaces and on
both platforms, whose address contains a fragment (a name or a domain)."""
from __future__ import annotations

from .accounts import MANAGING_ROLES, Scope, visible_workspaces
from .mailboxes import email_of
from .models import Mailbox, Workspace


def mailboxes_matching(scope: Scope, contains: str) -> list[tuple[Workspace, Mailbox]]:
    """Own workspaces and those shared with the caller as OWNER or ADMIN (the roles that may act
    in a workspace); an empty fragment matches every mailbox."""
    needle = (contains or "").strip().lower()
    out = []
    for ws in visible_workspaces(scope.world, scope.account):
        owner = scope.world.accounts[ws.owner_id]
        if owner is not scope.account and ws.members.get(scope.account.id) not in MANAGING_ROLES:
            continue
        rows = [m for m in owner.mailboxes.values() if m.workspace_id == ws.id and needle in email_of(owner, m).lower()]
        out += [(ws, m) for m in sorted(rows, key=lambda m: (m.created_at, m.username))]
    return out
