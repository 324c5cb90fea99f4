"""The shapes the control helpers return, as TypedDicts: still the JSON the control plane
answers (so `rule["id"]` works and they compare equal to plain dicts), but a type checker knows
their keys."""
from __future__ import annotations

from typing import Any, Literal, NotRequired, Optional, TypedDict

# A whole world (or one account) as GET /_sim/snapshot answers it; opaque, restored as is.
Snapshot = dict[str, Any]


class ProviderInfo(TypedDict):
    name: str
    prefix: str  # where the provider's routes live on the server
    authHeader: str
    basePath: str  # what a client's base URL ends with
    baseUrl: str


class AccountInfo(TypedDict):
    id: str
    provider: str
    apiKey: str
    apiKeys: list[str]
    email: Optional[str]
    workspaceId: Optional[str]
    walletBalance: float


class RouteInfo(TypedDict):
    provider: str
    method: str
    path: str
    operation: str  # the route id fault rules and the journal use
    title: str
    provenance: Literal["documented", "observed", "method-doc", "inferred"]
    aliases: list[str]


class ClockState(TypedDict):
    now: str
    epochSeconds: float
    frozen: bool
    rate: float


class FaultAction(TypedDict, total=False):
    status: int
    retryAfter: int
    message: str
    latencyMs: int
    drop: Literal["before", "after"]


class FaultTrigger(TypedDict, total=False):
    firstN: int
    everyNth: int
    probability: float
    seed: int


class FaultRule(TypedDict):
    id: str
    provider: Optional[str]
    operation: Optional[str]
    account: Optional[str]
    action: FaultAction
    trigger: FaultTrigger
    matched: int
    injected: int


class FaultMark(TypedDict):
    ruleId: str
    action: str


class JournalEntry(TypedDict):
    id: int
    time: str
    epochSeconds: float
    provider: Optional[str]
    method: str
    path: str
    query: dict[str, str]
    routeId: Optional[str]
    accountId: Optional[str]
    status: Optional[int]  # None: the connection was dropped
    durationMs: float
    fault: Optional[FaultMark]
    rateLimited: Optional[str]


class Verification(TypedDict):
    ok: bool
    count: int
    expected: dict[str, int]
    pattern: dict[str, Any]
    matches: list[JournalEntry]
    closest: NotRequired[list[dict[str, Any]]]
    message: NotRequired[str]


class ResetOutcome(TypedDict):
    accountsRestored: int
    accountsRemoved: int


class RateLimitRule(TypedDict):
    id: str
    limit: int
    windowSeconds: float
    operations: Optional[list[str]]


class RateLimitState(TypedDict):
    enabled: bool
    limits: list[RateLimitRule]
