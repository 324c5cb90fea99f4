"""The virtual clock: real time by default; can be frozen, sped up and advanced.

Every timestamp the simulator writes and every scheduled transition reads this clock, never
the wall clock, so a test advances time instead of sleeping.
"""
from __future__ import annotations

import threading
import time
from datetime import datetime, timezone


class VirtualClock:
    def __init__(self, rate: float = 1.0, frozen: bool = False, start: float | None = None):
        self._lock = threading.Lock()
        self._base_virtual = time.time() if start is None else float(start)
        self._base_real = time.monotonic()
        self._rate = float(rate)
        self._frozen = bool(frozen)

    def now(self) -> float:
        """Seconds since the epoch, in simulated time."""
        with self._lock:
            return self._now_locked()

    def _now_locked(self) -> float:
        if self._frozen:
            return self._base_virtual
        return self._base_virtual + (time.monotonic() - self._base_real) * self._rate

    def _rebase(self) -> None:
        self._base_virtual = self._now_locked()
        self._base_real = time.monotonic()

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        with self._lock:
            self._rebase()
            self._base_virtual += seconds
            return self._base_virtual

    def set_time(self, epoch_seconds: float) -> None:
        with self._lock:
            self._rebase()
            if epoch_seconds < self._base_virtual:
                raise ValueError("the clock only moves forward")
            self._base_virtual = float(epoch_seconds)

    def freeze(self, frozen: bool = True) -> None:
        with self._lock:
            self._rebase()
            self._frozen = bool(frozen)

    def set_rate(self, rate: float) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        with self._lock:
            self._rebase()
            self._rate = float(rate)

    def restore(self, epoch_seconds: float, frozen: bool, rate: float) -> None:
        """Put the clock back to a recorded state; unlike set_time it may move backwards
        (a snapshot or a reset returns the world to an earlier moment)."""
        if rate <= 0:
            raise ValueError("rate must be positive")
        with self._lock:
            self._base_virtual = float(epoch_seconds)
            self._base_real = time.monotonic()
            self._frozen = bool(frozen)
            self._rate = float(rate)

    def state(self) -> dict:
        with self._lock:
            now = self._now_locked()
            return {"now": iso(now), "epochSeconds": now, "frozen": self._frozen, "rate": self._rate}


def iso(epoch_seconds: float) -> str:
    """ISO 8601 with milliseconds and Z, the form both providers use (2026-05-24T15:10:54.000Z)."""
    dt = datetime.fromtimestamp(epoch_seconds, tz=timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def parse_iso(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
