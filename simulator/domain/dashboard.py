"""Dashboard numbers, computed from the account's state at the moment of the request."""
from __future__ import annotations

from typing import Optional

from . import subscriptions
from .accounts import Scope
from .domains import DOMAIN_STATUSES, listed_under
from .mailboxes import MAILBOX_STATUSES
from .models import PLATFORMS


def _platforms(platform: Optional[str]) -> tuple[str, ...]:
    return (platform,) if platform else PLATFORMS


def mailbox_counts(scope: Scope, platform: Optional[str] = None) -> dict:
    """Mailboxes of the workspace by status (every status present, zero when none), the total,
    and how many are flagged for removal at the next renewal. `platform` narrows to one."""
    plats = _platforms(platform)
    rows = [m for m in scope.owner.mailboxes.values() if m.workspace_id == scope.workspace.id and m.platform in plats]
    by_status = {s: 0 for s in MAILBOX_STATUSES}
    for m in rows:
        by_status[m.status] = by_status.get(m.status, 0) + 1
    return {"total": len(rows), "byStatus": by_status,
            "scheduledForRemoval": sum(1 for m in rows if m.scheduled_removal)}


def domain_counts(scope: Scope, platform: Optional[str] = None) -> dict:
    rows = [d for d in scope.owner.domains.values() if d.workspace_id == scope.workspace.id
            and (platform is None or listed_under(d, platform))]
    by_status = {s: 0 for s in DOMAIN_STATUSES}
    for d in rows:
        by_status[d.status] = by_status.get(d.status, 0) + 1
    return {"total": len(rows), "byStatus": by_status}


def overview(scope: Scope, platform: Optional[str] = None) -> dict:
    owner, ws = scope.owner, scope.workspace
    plats = _platforms(platform)
    subs = [s for s in owner.subscriptions.values() if s.workspace_id == ws.id and s.platform in plats]
    purchased = sum(subscriptions.purchased_slots(owner, ws.id, p) for p in plats)
    used = sum(subscriptions.used_slots(owner, ws.id, p) for p in plats)
    exports = [e for e in owner.exports.values() if e.workspace_id == ws.id]
    return {
        "domains": domain_counts(scope, platform),
        "mailboxes": mailbox_counts(scope, platform),
        "walletBalance": owner.wallet_balance,
        "subscriptions": {"active": sum(1 for s in subs if s.status in subscriptions.LIVE_STATUSES),
                          "total": len(subs)},
        "slots": {"purchased": purchased, "used": used, "available": max(purchased - used, 0)},
        "exports": {"total": len(exports), "completed": sum(1 for e in exports if e.status == "COMPLETED"),
                    "inProgress": sum(1 for e in exports if e.status in ("PENDING", "IN_PROGRESS")),
                    "failed": sum(1 for e in exports if e.status == "FAILED")},
        "tags": sum(1 for t in owner.tags.values() if t.workspace_id == ws.id),
        "placementTests": sum(1 for t in owner.placement_tests.values() if t.workspace_id == ws.id),
    }
