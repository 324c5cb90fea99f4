"""The shapes the control plane answers, as TypedDicts: the one declaration of each, read by the
control plane's OpenAPI document (admin/openapi.py) and returned by the Python helpers (still the
JSON itself, so `rule["id"]` works and they compare equal to plain dicts, but a type checker knows
their keys)."""
from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired, Optional

from pydantic import Field
# pydantic reads these for the document, and on Python < 3.12 only typing_extensions' TypedDict
from typing_extensions import TypedDict

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
    apiKey: Annotated[NotRequired[Optional[str]], Field(description="only when created, or listed with ?keys=true")]
    apiKeys: Annotated[NotRequired[list[str]], Field(description="only when created, or listed with ?keys=true")]
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


class StubMark(TypedDict):
    ruleId: str
    kind: Literal["replace", "merge"]


class StubRule(TypedDict):
    id: str
    provider: Optional[str]
    operation: Optional[str]
    account: Optional[str]
    answer: dict[str, Any]
    match: dict[str, Any]
    trigger: FaultTrigger
    matched: Annotated[int, Field(description="calls that reached the rule (operation, account and content matched)")]
    applied: Annotated[int, Field(description="calls it answered")]


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
    status: Annotated[Optional[int], Field(description="null when the connection was dropped")]
    durationMs: float
    fault: Optional[FaultMark]
    rateLimited: Optional[str]
    stub: Annotated[Optional[StubMark], Field(description="the stub rule that answered")]
    requestBody: Annotated[Optional[str], Field(description="redacted JSON text, cut at the body limit; only "
                                                            "when the simulator keeps bodies (--journal-bodies)")]
    responseBody: Optional[str]


class Closest(TypedDict):
    entry: JournalEntry
    differences: dict[str, dict[str, Any]]


class Verification(TypedDict):
    ok: bool
    count: int
    expected: dict[str, int]
    pattern: dict[str, Any]
    matches: list[JournalEntry]
    closest: NotRequired[list[Closest]]
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
