"""Inbox-placement tests on the clock: PENDING -> RUNNING -> COMPLETED (or FAILED when every
tested mailbox is gone by then).

Each tested mailbox sends one message to each of `seeds_per_provider` seed inboxes at every
chosen mailbox provider. Where a message lands is computed when the test completes, from the
mailbox's warmup reputation at that moment (an older, warmed-up mailbox reaches the inbox more),
how strict the receiving provider is, and whether it is the mailbox's own platform; a small
per-mailbox offset from a hash keeps results from looking uniform. No randomness: the same
mailboxes tested at the same simulated time give the same results.
"""
from __future__ import annotations

from typing import Optional

from ..core import scheduler
from ..core.errors import Invalid
from ..core.store import World
from .models import Account
from . import warmup, webhooks
from .accounts import Scope
from .export_history import workspace_mailboxes
from .models import PlacementTest
from .lookup import in_workspace

PROVIDERS = ("GOOGLE", "MICROSOFT", "YAHOO")
STATUSES = ("PENDING", "RUNNING", "COMPLETED", "FAILED")
# How readily each provider delivers to the inbox, relative to the best (Microsoft filters
# hardest; Yahoo sits between).
STRICTNESS = {"GOOGLE": 1.0, "MICROSOFT": 0.86, "YAHOO": 0.94}
SAME_PLATFORM_BONUS = 0.05
MAX_MAILBOXES = 100
MAX_NAME = 100


def tests_of(scope: Scope, status: Optional[str] = None) -> list[PlacementTest]:
    if status not in (None, "") and status not in STATUSES:
        raise Invalid(f"status must be one of {', '.join(STATUSES)}", field="status")
    rows = [t for t in reversed(scope.owner.placement_tests.values()) if t.workspace_id == scope.workspace.id
            and (not status or t.status == status)]
    return sorted(rows, key=lambda t: t.created_at, reverse=True)  # newest first, later-created first on ties


def get_test(scope: Scope, test_id, field: str = "testId") -> PlacementTest:
    return in_workspace(scope, scope.owner.placement_tests, test_id, field, "Placement test")


def create(scope: Scope, mailbox_ids, name=None, providers=None) -> PlacementTest:
    if not isinstance(mailbox_ids, list) or not mailbox_ids:
        raise Invalid("mailboxIds must be a non-empty array", field="mailboxIds")
    if len(mailbox_ids) > MAX_MAILBOXES:
        raise Invalid(f"At most {MAX_MAILBOXES} mailboxes per placement test", field="mailboxIds")
    chosen = [m.id for m in workspace_mailboxes(scope, mailbox_ids, check=_active)]
    if providers is None:
        providers = list(PROVIDERS)
    elif not isinstance(providers, list) or not providers:
        raise Invalid("providers must be a non-empty array", field="providers")
    for i, p in enumerate(providers):
        if p not in PROVIDERS:
            raise Invalid(f"providers[{i}] must be one of {', '.join(PROVIDERS)}", field=f"providers[{i}]")
    providers = [p for p in PROVIDERS if p in providers]
    if name is not None and (not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME):
        raise Invalid(f"name must be a non-empty string of at most {MAX_NAME} characters", field="name")
    world, owner, now = scope.world, scope.owner, scope.now
    t = PlacementTest(id=world.ids.new(owner.id_style), workspace_id=scope.workspace.id,
                      name=name.strip() if name else f"Placement test {len(tests_of(scope)) + 1}",
                      mailbox_ids=chosen, providers=providers,
                      seeds_per_provider=int(world.settings["placement_seeds_per_provider"]),
                      status="PENDING", created_at=now, updated_at=now)
    owner.placement_tests[t.id] = t
    scheduler.schedule(owner, now + world.settings["placement_start_seconds"], "placement.start", t.id)
    scheduler.schedule(owner, now + world.settings["placement_finish_seconds"], "placement.finish", t.id)
    return t


def _active(m, where: str) -> None:
    if m.status != "ACTIVE":
        raise Invalid(f"Mailbox {m.id} is not active yet; only active mailboxes can be tested", field=where)


@scheduler.handler("placement.start")
def _start(world: World, account: Account, ref: str, due: float) -> None:
    t = account.placement_tests.get(ref)
    if t is not None and t.status == "PENDING":
        t.status, t.started_at, t.updated_at = "RUNNING", due, due
        webhooks.emit(world, account, "placement.status", t, due, previous="PENDING")


@scheduler.handler("placement.finish")
def _finish(world: World, account: Account, ref: str, due: float) -> None:
    t = account.placement_tests.get(ref)
    if t is None or t.status not in ("PENDING", "RUNNING"):
        return
    t.started_at, previous = t.started_at or due, t.status
    boxes = [account.mailboxes[i] for i in t.mailbox_ids if i in account.mailboxes]
    if not boxes:
        t.status, t.failure_reason = "FAILED", "Every tested mailbox was removed before the test ran"
    else:
        per_mailbox = {m.id: {p: landing(m, p, t.seeds_per_provider, due) for p in t.providers} for m in boxes}
        totals = {p: {"inbox": 0, "spam": 0, "missing": 0} for p in t.providers}
        for result in per_mailbox.values():
            for p, counts in result.items():
                for k in counts:
                    totals[p][k] += counts[k]
        t.status, t.results, t.mailbox_results = "COMPLETED", totals, per_mailbox
    t.completed_at = t.updated_at = due
    webhooks.emit(world, account, "placement.status", t, due, previous=previous)


def landing(m, provider: str, seeds: int, at: float) -> dict:
    """Where `seeds` messages from mailbox `m` to `provider` land, at time `at`."""
    rep = warmup.reputation(m, at) / 100
    offset = 0.06 * (warmup.unit(m.id, "placement", provider) - 0.5)
    bonus = SAME_PLATFORM_BONUS if m.platform == provider else 0.0
    p_inbox = min(max((0.2 + 0.78 * rep) * STRICTNESS[provider] + bonus + offset, 0.0), 1.0)
    p_missing = 0.02 + 0.1 * (1 - rep)
    inbox = min(seeds, round(seeds * p_inbox))
    missing = min(seeds - inbox, round(seeds * p_missing))
    return {"inbox": inbox, "spam": seeds - inbox - missing, "missing": missing}
