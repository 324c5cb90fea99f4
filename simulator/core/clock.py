"""The virtual clock: real time by default; can be frozen, sped up and advanced.

Every timestamp the simulator writes and every scheduled transition reads this clock, never
the wall clock, so a test advances time instead of sleeping.
"""
from __future__ import annotations

import functools
import math
import threading
import time
from datetime import datetime, timezone

from .errors import Invalid

# The clock stays within years 2000-9999: every timestamp must render as ISO 8601 (datetime
# stops at 9999) and settling work is bounded by how far the clock can move.
MIN_EPOCH = datetime(2000, 1, 1, tzinfo=timezone.utc).timestamp()
MAX_EPOCH = datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc).timestamp()
MAX_RATE = 1_000_000.0  # simulated seconds per real second


def check_epoch(value, field: str = "epochSeconds") -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not MIN_EPOCH <= value <= MAX_EPOCH:
        raise Invalid(f"{field} must be a number of seconds between {MIN_EPOCH:.0f} (year 2000) and "
                      f"{MAX_EPOCH:.0f} (year 9999)", field=field)
    return float(value)


def check_rate(value, field: str = "rate") -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= MAX_RATE:
        raise Invalid(f"{field} must be a number above 0 and at most {MAX_RATE:.0f}", field=field)
    return float(value)


class VirtualClock:
    """Its whole state is one tuple (virtual base, real base, rate, frozen), replaced at once
    under the lock by every change: `now`, read several times by every request, reads it
    without taking the lock and never sees half a change."""

    def __init__(self, rate: float = 1.0, frozen: bool = False, start: float | None = None):
        self._lock = threading.Lock()
        self._state = (check_epoch(time.time() if start is None else start, "start time"), time.monotonic(),
                       check_rate(rate, "clock rate"), bool(frozen))

    def now(self) -> float:
        """Seconds since the epoch, in simulated time."""
        base_virtual, base_real, rate, frozen = self._state
        if frozen:
            return base_virtual
        # a fast clock left running stops at the end of year 9999 rather than overflow
        return min(base_virtual + (time.monotonic() - base_real) * rate, MAX_EPOCH)

    def _rebased(self, virtual: float | None = None, rate: float | None = None, frozen: bool | None = None) -> None:
        """Under the lock: restart the count from now, changing what is given."""
        _, _, old_rate, old_frozen = self._state
        self._state = (self.now() if virtual is None else virtual, time.monotonic(),
                       old_rate if rate is None else rate, old_frozen if frozen is None else frozen)

    def room(self) -> float:
        """How many seconds the clock may still advance."""
        return MAX_EPOCH - self.now()

    def advance(self, seconds: float) -> float:
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 <= seconds <= MAX_EPOCH:
            raise Invalid("advanceSeconds must be a number of seconds, at least 0", field="advanceSeconds")
        with self._lock:
            now = self.now()
            if now + seconds > MAX_EPOCH:
                raise Invalid(f"advanceSeconds: the clock stays before year 10000, so it can advance at most "
                              f"{int(MAX_EPOCH - now)} seconds from now", field="advanceSeconds")
            self._rebased(virtual=now + seconds)
            return now + seconds

    def set_time(self, epoch_seconds: float) -> None:
        epoch_seconds = check_epoch(epoch_seconds)
        with self._lock:
            if epoch_seconds < self.now():
                raise ValueError("the clock only moves forward")
            self._rebased(virtual=epoch_seconds)

    def freeze(self, frozen: bool = True) -> None:
        with self._lock:
            self._rebased(frozen=bool(frozen))

    def set_rate(self, rate: float) -> None:
        rate = check_rate(rate)
        with self._lock:
            self._rebased(rate=rate)

    def restore(self, epoch_seconds: float, frozen: bool, rate: float) -> None:
        """Put the clock back to a recorded state; unlike set_time it may move backwards
        (a snapshot or a reset returns the world to an earlier moment)."""
        epoch_seconds, rate = check_epoch(epoch_seconds, "clock.epochSeconds"), check_rate(rate, "clock.rate")
        with self._lock:
            self._state = (epoch_seconds, time.monotonic(), rate, bool(frozen))

    def state(self) -> dict:
        with self._lock:  # no change lands between the time and the settings read with it
            now = self.now()
            _, _, rate, frozen = self._state
        return {"now": iso(now), "epochSeconds": now, "frozen": frozen, "rate": rate}


def to_datetime(epoch_seconds: float) -> datetime:
    """A UTC datetime; times past the end of year 9999 (a subscription that ends a month after a
    clock moved to December 9999) read as its last millisecond, since datetime stops there."""
    if epoch_seconds >= MAX_EPOCH + 1:
        return datetime(9999, 12, 31, 23, 59, 59, 999000, tzinfo=timezone.utc)
    return datetime.fromtimestamp(max(epoch_seconds, -62135596800.0), tz=timezone.utc)


# the same stored times are shown again and again (a list page shows hundreds, `/users` two on
# every call): each is formatted once; a new one (a create shows three) only formats its second
# anew when no other time of that second was shown
@functools.lru_cache(maxsize=16384)
def iso(epoch_seconds: float) -> str:
    """ISO 8601 with milliseconds and Z, the form both providers use (2026-05-24T15:10:54.000Z)."""
    split = _split(epoch_seconds)
    if split is not None:
        return f"{_second(split[0])}.{split[1] // 1000:03d}Z"
    dt = to_datetime(epoch_seconds)
    if dt.year >= 1000:  # isoformat pads the year to four digits where strftime's %Y does not
        return dt.isoformat(timespec="milliseconds")[:-6] + "Z"
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def iso_seconds(epoch_seconds: float) -> str:
    """The same time to the whole second (2026-05-24T15:10:54Z): iso's text without its milliseconds."""
    split = _split(epoch_seconds)
    if split is not None:
        return _second(split[0]) + "Z"
    return iso(epoch_seconds)[:19] + "Z"


_FAST_FROM, _FAST_UNTIL = datetime(1000, 1, 1, tzinfo=timezone.utc).timestamp(), MAX_EPOCH + 1


def _split(epoch_seconds: float):
    """(whole seconds, microseconds) as datetime.fromtimestamp rounds them (to the nearest
    microsecond, half to even), for the times the quick path formats; else None."""
    if not _FAST_FROM <= epoch_seconds < _FAST_UNTIL:
        return None
    frac, whole = math.modf(epoch_seconds)
    micros = round(frac * 1e6)
    if micros >= 1_000_000:
        whole, micros = whole + 1, micros - 1_000_000
    elif micros < 0:
        whole, micros = whole - 1, micros + 1_000_000
    if whole >= _FAST_UNTIL - 1:  # rounded up past the last second datetime can show
        return None
    return int(whole), micros


@functools.lru_cache(maxsize=4096)
def _second(whole: int) -> str:
    return datetime.fromtimestamp(whole, tz=timezone.utc).isoformat()[:19]


def parse_iso(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
