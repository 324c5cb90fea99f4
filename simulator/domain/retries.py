"""Retrying the creation of mailboxes that failed: they go back IN_PROGRESS and are created on
the clock, as a new mailbox is."""
from __future__ import annotations

from ..core import scheduler
from .accounts import Scope
from .domains import get_domain
from .models import Mailbox


def retry_failed(scope: Scope, domain_ids: list) -> list[Mailbox]:
    """The FAILED mailboxes of the named domains (all looked up first: 404 for one not of the
    workspace) on the request's platform; none failed is not an error."""
    found = {get_domain(scope, i, f"domainIds[{n}]").id for n, i in enumerate(domain_ids)}
    owner, now = scope.owner, scope.now
    due = now + scope.world.settings["mailbox_activation_seconds"][scope.platform]
    again = [m for m in owner.mailboxes.values()
             if m.domain_id in found and m.platform == scope.platform and m.status == "FAILED"]
    for m in again:
        owner.mailboxes.set_status(m, "IN_PROGRESS")
        m.updated_at, m.retries = now, m.retries + 1
        scheduler.schedule(owner, due, "mailbox.activate", m.id)
    return again
