"""Per-key rate limits on sliding windows of simulated time.

Simulated time, not the wall clock: a test with a frozen clock sees the limit hold until it
advances the clock, which is how it checks a client's back-off without sleeping. Calls refused
with 429 do not count against the window (a client retrying too early is not punished twice).
"""
from __future__ import annotations

import math
import threading
from collections import deque
from dataclasses import dataclass
from typing import Optional


@dataclass
class LimitRule:
    id: str
    limit: int
    window_seconds: float
    operations: Optional[frozenset] = None  # None: every operation; else these share one bucket

    def view(self) -> dict:
        return {"id": self.id, "limit": self.limit, "windowSeconds": self.window_seconds,
                "operations": sorted(self.operations) if self.operations is not None else None}


class RateLimiter:
    def __init__(self, rules: list[LimitRule], enabled: bool = False):
        self._lock = threading.Lock()
        self.rules = {r.id: r for r in rules}
        self._defaults = {r.id: r.limit for r in rules}
        self.enabled = enabled
        self._windows: dict[tuple[str, str], deque] = {}

    def configure(self, enabled: Optional[bool] = None, limits: Optional[dict] = None) -> None:
        limits = limits or {}
        unknown = set(limits) - set(self.rules)
        if unknown:
            raise ValueError(f"unknown limit(s) {', '.join(sorted(unknown))}; known: {', '.join(self.rules)}")
        for rule_id, value in limits.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"limit {rule_id} must be an integer of at least 1")
        with self._lock:
            for rule_id, value in limits.items():
                self.rules[rule_id].limit = value
            if enabled is not None:
                self.enabled = bool(enabled)
            self._windows.clear()

    def restore_defaults(self, enabled: bool) -> None:
        self.configure(enabled, dict(self._defaults))

    def check(self, key: str, operation: str, now: float) -> Optional[tuple[str, int]]:
        """None if the call may go ahead (and it is counted); else (limit id, Retry-After seconds)."""
        if not self.enabled:
            return None
        with self._lock:
            windows = []
            for rule in self.rules.values():
                if rule.operations is not None and operation not in rule.operations:
                    continue
                window = self._windows.setdefault((key, rule.id), deque())
                while window and window[0] <= now - rule.window_seconds:
                    window.popleft()
                if len(window) >= rule.limit:
                    return rule.id, max(1, math.ceil(window[0] + rule.window_seconds - now))
                windows.append(window)
            for window in windows:
                window.append(now)
            return None

    def view(self) -> dict:
        with self._lock:
            return {"enabled": self.enabled, "limits": [r.view() for r in self.rules.values()]}
