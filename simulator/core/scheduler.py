"""Scheduled transitions on the virtual clock.

Each account keeps a heap of (due, seq, kind, ref). Before an account is read or changed, the
due events are applied in order (lazily, so a frozen or advanced clock needs no background
thread and a test sees exactly the transitions whose time has come). Handlers are registered
by kind by the domain layer.
"""
from __future__ import annotations

import heapq
from typing import Any, Callable

Handler = Callable[[Any, Any, str, float], None]  # (world, account, ref, due)
# kind -> handler: code, registered once at import by the domain modules; no state of any world
_HANDLERS: dict[str, Handler] = {}


def handler(kind: str):
    def register(fn: Handler) -> Handler:
        _HANDLERS[kind] = fn
        return fn
    return register


def known(kind) -> bool:
    return isinstance(kind, str) and kind in _HANDLERS


def ensure_seq_above(account, value: int) -> None:
    """Restored events carry tie-breaking numbers from another run; new events must sort after
    them, as they would have in that run."""
    account.event_seq = max(account.event_seq, int(value) + 1)


def schedule(account, due: float, kind: str, ref: str) -> None:
    """Events are numbered per account (their heap is the account's), so two simulators in one
    process, or a restore in one of them, never touch each other's numbering."""
    if kind not in _HANDLERS:
        raise KeyError(f"no handler for scheduled event {kind!r}")
    seq = account.event_seq
    account.event_seq = seq + 1
    heapq.heappush(account.events, (due, seq, kind, ref))


def settle(world, account, now: float) -> int:
    """Apply every event due at or before `now`; returns how many ran. A handler may schedule
    follow-ups; those due by `now` run in the same pass, in time order."""
    ran = 0
    events = account.events
    while events and events[0][0] <= now:
        due, _, kind, ref = heapq.heappop(events)
        _HANDLERS[kind](world, account, ref, due)
        ran += 1
    return ran
