"""Scheduled mailbox creation: mailboxes checked now as an assignment is, and created when the
clock reaches the workspace's next subscription renewal (docs: schedule mailbox creation).
Until then they take subscription slots (docs: they count against the quota Assign New Mailboxes
checks), their domain's room and their usernames."""
from __future__ import annotations

from ..core import scheduler
from ..core.errors import Invalid
from ..core.store import World
from . import subscriptions
from .accounts import Scope
from .domains import mailbox_count
from .mailboxes import NewMailbox, create_mailbox, plan_batch
from .models import Account, ScheduledMailbox


def waiting(account: Account, domain_id: str) -> list[ScheduledMailbox]:
    return [s for s in account.scheduled_mailboxes.values() if s.domain_id == domain_id]


def next_renewal(scope: Scope) -> float:
    ends = [s.period_end for s in subscriptions.list_for(scope.owner, scope.workspace.id, scope.platform)
            if s.status in subscriptions.LIVE_STATUSES]
    if not ends:
        raise Invalid(f"No active {scope.platform} subscription in this workspace; purchase a subscription first")
    return min(ends)


def schedule(scope: Scope, wanted: list[NewMailbox]) -> tuple[float, list[ScheduledMailbox]]:
    """Every mailbox or none; errors name entry i's fields as mailboxes[i].<field> (mailboxes.py)."""
    plan = plan_batch(scope, wanted)
    due = next_renewal(scope)
    owner, limit = scope.owner, scope.world.settings["mailboxes_per_domain"]
    asked: dict[str, int] = {}
    for i, (d, spec) in enumerate(plan):
        queued = waiting(owner, d.id)
        if spec["username"] in {s.username for s in queued}:
            raise Invalid(f"Mailbox {spec['username']}@{d.name} is already scheduled", field=f"mailboxes[{i}].username")
        asked[d.id] = asked.get(d.id, 0) + 1
        if mailbox_count(owner, d.id) + len(queued) + asked[d.id] > limit:
            raise Invalid(f"A domain can have at most {limit} mailboxes; {d.name} has {mailbox_count(owner, d.id)} "
                          f"and {len(queued)} scheduled", field=f"mailboxes[{i}].domainId")
    rows = []
    for d, spec in plan:
        row = ScheduledMailbox(id=scope.world.ids.new(owner.id_style), workspace_id=d.workspace_id, domain_id=d.id,
                               platform=scope.platform, username=spec["username"], first_name=spec["first"],
                               last_name=spec["last"], due=due, created_at=scope.now)
        owner.scheduled_mailboxes[row.id] = row
        scheduler.schedule(owner, due, "mailbox.scheduled", row.id)
        rows.append(row)
    return due, rows


@scheduler.handler("mailbox.scheduled")
def _create_due(world: World, account: Account, ref: str, due: float) -> None:
    """Created IN_PROGRESS (ACTIVE on the clock), unless its domain has gone or its username was
    taken meanwhile: then the entry is dropped."""
    s = account.scheduled_mailboxes.pop(ref, None)
    d = account.domains.get(s.domain_id) if s is not None else None
    if d is None or d.workspace_id != s.workspace_id or \
            any(m.username == s.username for m in account.mailboxes.in_domain(d.id).values()):
        return
    create_mailbox(world, account, d, s.platform, first=s.first_name, last=s.last_name, username=s.username,
                   created_at=due)
