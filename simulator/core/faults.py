"""Fault rules: make chosen calls fail, slow down or lose their connection, deterministically.

A rule names a provider, optionally an operation (route id) and an account, an action and a
trigger. Rules are indexed by (provider, operation), so a request looks at the few rules that can
apply to it, not at every rule.
"""
from __future__ import annotations

import itertools
import random
import threading
from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class Action:
    status: Optional[int] = None  # answer with this status, in the provider's error format
    retry_after: Optional[int] = None  # seconds, sent as Retry-After with the status
    message: Optional[str] = None
    latency_ms: int = 0  # wait this long first (real time: client timeouts are what it tests)
    drop: Optional[str] = None  # "before": close with no answer, nothing done; "after": done, answer lost

    def __post_init__(self):
        if self.status is None and self.drop is None and not self.latency_ms:
            raise ValueError("action needs a status, a drop or a latencyMs")
        if self.status is not None and self.drop is not None:
            raise ValueError("action takes a status or a drop, not both")
        if self.status is not None and not 400 <= self.status <= 599:
            raise ValueError("status must be between 400 and 599")
        if self.drop not in (None, "before", "after"):
            raise ValueError('drop must be "before" or "after"')
        if self.retry_after is not None and self.status is None:
            raise ValueError("retryAfter goes with a status")

    @property
    def kind(self) -> str:
        return "drop" if self.drop else "status" if self.status is not None else "latency"

    def view(self) -> dict:
        out = {"status": self.status, "retryAfter": self.retry_after, "message": self.message,
               "latencyMs": self.latency_ms or None, "drop": self.drop}
        return {k: v for k, v in out.items() if v is not None}


@dataclass(frozen=True)
class Trigger:
    first_n: Optional[int] = None  # the first N matching calls
    every_nth: Optional[int] = None  # calls N, 2N, 3N...
    probability: Optional[float] = None  # each call with this chance, drawn from `seed`
    seed: int = 0

    def __post_init__(self):
        given = [x for x in (self.first_n, self.every_nth, self.probability) if x is not None]
        if len(given) > 1:
            raise ValueError("trigger takes one of firstN, everyNth, probability")
        if self.first_n is not None and self.first_n < 1 or self.every_nth is not None and self.every_nth < 1:
            raise ValueError("firstN and everyNth must be at least 1")
        if self.probability is not None and not 0 <= self.probability <= 1:
            raise ValueError("probability must be between 0 and 1")

    def view(self) -> dict:
        if self.first_n is not None:
            return {"firstN": self.first_n}
        if self.every_nth is not None:
            return {"everyNth": self.every_nth}
        if self.probability is not None:
            return {"probability": self.probability, "seed": self.seed}
        return {"always": True}


@dataclass
class Rule:
    id: str
    provider: Optional[str]
    operation: Optional[str]
    account: Optional[str]
    action: Action
    trigger: Trigger
    matched: int = 0
    injected: int = 0
    _rng: random.Random = field(default=None, repr=False)

    def __post_init__(self):
        self._rng = random.Random(self.trigger.seed)

    def fires(self) -> bool:
        """Count one matching call; True when the trigger picks it."""
        self.matched += 1
        t, n = self.trigger, self.matched
        if t.first_n is not None:
            hit = n <= t.first_n
        elif t.every_nth is not None:
            hit = n % t.every_nth == 0
        elif t.probability is not None:
            hit = self._rng.random() < t.probability
        else:
            hit = True
        return hit

    def applies(self, request) -> bool:
        """Whether the call's content (query, body) is one this rule is about; any, for a fault."""
        return True

    def view(self) -> dict:
        return {"id": self.id, "provider": self.provider, "operation": self.operation, "account": self.account,
                "action": self.action.view(), "trigger": self.trigger.view(), "matched": self.matched,
                "injected": self.injected}


class FaultBook:
    """Rules of one kind (fault rules here; stub rules, core/stubs.py, use the same book)."""

    def __init__(self, prefix: str = "fault", rule_type: type = Rule):
        self._lock = threading.Lock()
        self._rules: dict[str, Rule] = {}
        self._index: dict[tuple, list[Rule]] = {}
        self._numbers = itertools.count(1)
        self._prefix, self._rule_type = prefix, rule_type

    def __bool__(self) -> bool:
        return bool(self._rules)

    def add(self, provider: Optional[str], operation: Optional[str], account: Optional[str], action,
            trigger: Trigger, **extra) -> Rule:
        with self._lock:
            rule = self._rule_type(f"{self._prefix}-{next(self._numbers)}", provider, operation, account, action,
                                   trigger, **extra)
            self._rules[rule.id] = rule
            self._index.setdefault((provider, operation), []).append(rule)
            return rule

    def remove(self, rule_id: str) -> bool:
        with self._lock:
            rule = self._rules.pop(rule_id, None)
            if rule is None:
                return False
            bucket = self._index[(rule.provider, rule.operation)]
            bucket.remove(rule)
            if not bucket:
                del self._index[(rule.provider, rule.operation)]
            return True

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()
            self._index.clear()

    def rules(self) -> list[Rule]:
        with self._lock:
            return list(self._rules.values())

    def decide(self, provider: str, operation: Optional[str], account: Optional[str],
               request=None) -> Optional[Rule]:
        """Count the call against every rule it matches; the oldest rule that fires wins.
        `request` is what content-matching rules look at (see Rule.applies)."""
        with self._lock:
            index = self._index
            candidates = [*index.get((provider, operation), ()), *index.get((provider, None), ()),
                          *index.get((None, None), ())]
            if not candidates:
                return None
            if len(candidates) > 1:
                candidates.sort(key=lambda r: int(r.id.rsplit("-", 1)[1]))
            chosen = None
            for rule in candidates:
                if rule.account is not None and rule.account != account or not rule.applies(request):
                    continue
                if rule.fires() and chosen is None:
                    chosen = rule
            if chosen is not None:
                chosen.injected += 1
            return chosen
