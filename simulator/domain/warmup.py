"""Warmup analytics: what each ACTIVE mailbox has sent while warming up, where it landed, and
the reputation it built, all derived from the virtual clock and the mailbox's age.

Nothing is stored: a mailbox's warmup profile (starting volume, daily ramp, ceiling, how fast
its inbox rate climbs) comes from a hash of its id, and each day's numbers from a hash of its id
and the day, so the same mailbox at the same simulated time always reports the same numbers, and
they grow as the clock moves. Warmup starts when the mailbox turns ACTIVE; a mailbox delivered
already warmed up starts WARMED_UP_HEAD_START days in.
"""
from __future__ import annotations

import hashlib
import math
from typing import Optional

from ..core.clock import to_datetime
from ..core.errors import Invalid
from .accounts import Scope
from .models import Mailbox

DAY = 24 * 3600
WARMED_UP_AFTER_DAYS = 14
WARMED_UP_HEAD_START = 30
MAX_HISTORY_DAYS = 90
EXACT_DAYS = 365  # days with their own numbers; later ones repeat a cycle (see plateau_day)
PLATEAU_CYCLE = 28


def unit(*parts) -> float:
    """A number in [0, 1) fixed by its parts (stable across runs and processes)."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2 ** 64


def _profile(m: Mailbox) -> dict:
    return {"base": 2 + int(3 * unit(m.id, "base")),  # first day's sends: 2-4
            "step": 1 + int(3 * unit(m.id, "step")),  # more per day: 1-3
            "cap": 30 + int(16 * unit(m.id, "cap")),  # ceiling: 30-45 a day
            "tau": 6 + 8 * unit(m.id, "tau")}  # days for the inbox rate to climb most of the way


def started_at(m: Mailbox) -> Optional[float]:
    if m.status != "ACTIVE":
        return None
    start = m.activated_at if m.activated_at is not None else m.assigned_on
    # Whole seconds: LiteMail's wire times have no fraction, so a copy of an account made from its
    # answers (the importer) must report the same numbers as the source, not one point off at a boundary.
    start = float(math.floor(start))
    return start - WARMED_UP_HEAD_START * DAY if m.is_warmed_up else start


def age_days(m: Mailbox, now: float) -> float:
    start = started_at(m)
    return 0.0 if start is None else max(now - start, 0.0) / DAY


def plateau_day(k: int) -> int:
    """The day whose numbers day k repeats: a year in, every profile is long on its plateau, so
    later days cycle through PLATEAU_CYCLE days. Totals over any age are then bounded work (a
    clock moved by centuries must not hash one value per day)."""
    return k if k < EXACT_DAYS else EXACT_DAYS + (k - EXACT_DAYS) % PLATEAU_CYCLE


def day_sent(m: Mailbox, k: int) -> int:
    p = _profile(m)
    return min(p["cap"], p["base"] + p["step"] * plateau_day(k))


def day_inbox_rate(m: Mailbox, k: int) -> float:
    p = _profile(m)
    k = plateau_day(k)
    rate = 0.62 + 0.36 * (1 - math.exp(-k / p["tau"])) + 0.04 * (unit(m.id, "day", k) - 0.5)
    return min(max(rate, 0.0), 1.0)


def day_numbers(m: Mailbox, k: int, fraction: float = 1.0) -> tuple[int, int, int]:
    """(sent, inbox, spam) of warmup day k (0 = the first), `fraction` of it elapsed."""
    sent = int(day_sent(m, k) * fraction)
    inbox = min(sent, round(sent * day_inbox_rate(m, k)))
    return sent, inbox, sent - inbox


def reputation(m: Mailbox, now: float) -> int:
    """0-100: 0 before the mailbox is active, then 30 rising towards 98 with its age."""
    if started_at(m) is None:
        return 0
    tau = _profile(m)["tau"] * 1.5
    return int(30 + 68 * (1 - math.exp(-age_days(m, now) / tau)))


def status(m: Mailbox, now: float) -> str:
    if started_at(m) is None:
        return "NOT_STARTED"
    return "WARMED_UP" if age_days(m, now) >= WARMED_UP_AFTER_DAYS else "WARMING"


def analytics(m: Mailbox, now: float, history_days: int = 7) -> dict:
    """Totals since warmup started, and the last `history_days` days (today partly elapsed)."""
    start = started_at(m)
    row = {"status": status(m, now), "days": 0, "sent": 0, "inbox": 0, "spam": 0, "inboxRate": 0.0,
           "reputation": reputation(m, now), "daily": []}
    if start is None:
        return row
    elapsed = max(now - start, 0.0) / DAY
    full = int(elapsed)
    totals = [0, 0, 0]
    daily = []
    for k, times in _complete_days(full):
        numbers = day_numbers(m, k)
        for i in range(3):
            totals[i] += numbers[i] * times
    for k in range(max(full - history_days + 1, 0), full + 1):
        numbers = day_numbers(m, k, 1.0 if k < full else elapsed - full)
        if k == full:
            for i in range(3):
                totals[i] += numbers[i]
        daily.append({"date": _date(start + k * DAY), "sent": numbers[0], "inbox": numbers[1],
                      "spam": numbers[2]})
    row.update(days=full, sent=totals[0], inbox=totals[1], spam=totals[2],
               inboxRate=round(100 * totals[1] / totals[0], 1) if totals[0] else 0.0, daily=daily)
    return row


def _complete_days(full: int):
    """(day, how many of days 0..full-1 have its numbers), at most EXACT_DAYS + PLATEAU_CYCLE pairs."""
    for k in range(min(full, EXACT_DAYS)):
        yield k, 1
    later = full - EXACT_DAYS
    if later > 0:
        rounds, rest = divmod(later, PLATEAU_CYCLE)
        for r in range(min(later, PLATEAU_CYCLE)):
            yield EXACT_DAYS + r, rounds + (1 if r < rest else 0)


def _date(epoch: float) -> str:
    return to_datetime(epoch).strftime("%Y-%m-%d")


def check_days(value) -> int:
    if value in (None, ""):
        return 7
    try:
        days = int(str(value).strip())
    except ValueError:
        raise Invalid(f"days must be an integer from 1 to {MAX_HISTORY_DAYS}", field="days") from None
    if not 1 <= days <= MAX_HISTORY_DAYS:
        raise Invalid(f"days must be an integer from 1 to {MAX_HISTORY_DAYS}", field="days")
    return days


def report(scope: Scope, mailboxes: list[Mailbox], history_days: int = 7) -> dict:
    """Per-mailbox analytics and a summary over the ACTIVE ones."""
    now = scope.now
    rows = [(m, analytics(m, now, history_days)) for m in mailboxes]
    active = [r for m, r in rows if r["status"] != "NOT_STARTED"]
    sent = sum(r["sent"] for r in active)
    inbox = sum(r["inbox"] for r in active)
    summary = {"mailboxes": len(rows), "warmingUp": sum(1 for r in active if r["status"] == "WARMING"),
               "warmedUp": sum(1 for r in active if r["status"] == "WARMED_UP"), "sent": sent, "inbox": inbox,
               "spam": sum(r["spam"] for r in active),
               "inboxRate": round(100 * inbox / sent, 1) if sent else 0.0,
               "averageReputation": round(sum(r["reputation"] for r in active) / len(active), 1) if active else 0.0}
    return {"summary": summary, "rows": rows}
