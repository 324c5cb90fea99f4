"""Scheduled transitions on the virtual clock.

Each account keeps a heap of (due, seq, kind, ref). Before an account is read or changed, the
due events are applied in order (lazily, so a frozen or advanced clock needs no background
thread and a test sees exactly the transitions whose time has come). Handlers are registered
by kind by the domain layer.
"""
from __future__ import annotations

import heapq
import itertools
from typing import Any, Callable

Handler = Callable[[Any, Any, str, float], None]  # (world, account, ref, due)
_HANDLERS: dict[str, Handler] = {}
_seq = itertools.count()


def handler(kind: str):
    def register(fn: Handler) -> Handler:
        _HANDLERS[kind] = fn
        return fn
    return register


def known(kind) -> bool:
    return isinstance(kind, str) and kind in _HANDLERS


def ensure_seq_above(value: int) -> None:
    """Restored events carry tie-breaking numbers from another run; new events must sort after
    them, as they would have in that run."""
    global _seq
    _seq = itertools.count(max(next(_seq), int(value) + 1))


def schedule(account, due: float, kind: str, ref: str) -> None:
    if kind not in _HANDLERS:
        raise KeyError(f"no handler for scheduled event {kind!r}")
    heapq.heappush(account.events, (due, next(_seq), kind, ref))


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
