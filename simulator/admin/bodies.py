"""Request models of the control plane and the pages it answers. They validate input (unknown fields are
errors: a typo must not silently do nothing) and generate the OpenAPI schemas."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

from ..core.clock import MAX_EPOCH, MAX_RATE, MIN_EPOCH
from ..domain.wallet import MAX_BALANCE
# the answers' shapes are declared once, where the Python helpers return them
from ..results import AccountInfo, FaultRule, JournalEntry, ResetOutcome, StubRule, Verification  # noqa: F401

Number = Union[StrictInt, StrictFloat]
MAX_COUNT = 1_000_000_000  # counts, seeds and limits: far above any use, small enough for every JSON reader


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NewAccount(Body):
    provider: StrictStr = Field(description="a provider this simulator serves (GET /_sim/providers)")
    walletBalance: Optional[Number] = Field(None, ge=0, le=MAX_BALANCE)
    email: Optional[StrictStr] = None
    firstName: Optional[StrictStr] = None
    lastName: Optional[StrictStr] = None
    password: Optional[StrictStr] = None
    apiKey: Optional[StrictStr] = Field(None, min_length=1)
    fixture: Optional[dict[str, Any]] = Field(None, description="an account entry in the fixture format")


class ClockChange(Body):
    advanceSeconds: Optional[Number] = Field(None, ge=0, le=MAX_EPOCH - MIN_EPOCH,
                                             description="the clock stays before year 10000")
    freeze: Optional[StrictBool] = None
    rate: Optional[Number] = Field(None, gt=0, le=MAX_RATE, description="simulated seconds per real second")


class FaultAction(Body):
    status: Optional[StrictInt] = Field(None, ge=400, le=599,
                                        description="answer with this status in the provider's error format; "
                                                    "429 uses the provider's documented rate-limit body")
    retryAfter: Optional[StrictInt] = Field(None, ge=0, le=86_400, description="Retry-After seconds (429 default: 1)")
    message: Optional[StrictStr] = None
    latencyMs: Optional[StrictInt] = Field(None, ge=0, le=120_000, description="real milliseconds to wait first")
    drop: Optional[Literal["before", "after"]] = Field(
        None, description="close the connection with no response: before handling (nothing happens) "
                          "or after (the call took effect, its answer is lost)")


class FaultTrigger(Body):
    firstN: Optional[StrictInt] = Field(None, ge=1, le=MAX_COUNT, description="the first N matching calls")
    everyNth: Optional[StrictInt] = Field(None, ge=1, le=MAX_COUNT, description="matching calls N, 2N, 3N...")
    probability: Optional[Number] = Field(None, ge=0, le=1)
    seed: Optional[StrictInt] = Field(None, ge=0, le=MAX_COUNT, description="seed of the probability draws (default 0)")


class NewFault(Body):
    provider: Optional[StrictStr] = Field(None, description="default: the operation's provider, or every provider")
    operation: Optional[StrictStr] = Field(None, description="a route id from GET /_sim/routes; default: every one")
    account: Optional[StrictStr] = Field(None, description="only calls authenticated as this account")
    action: FaultAction
    trigger: FaultTrigger = Field(default_factory=FaultTrigger, description="default: every matching call")


class FaultList(BaseModel):
    faults: list[FaultRule]


class StubAnswer(Body):
    status: Optional[StrictInt] = Field(None, ge=100, le=599,
                                        description="default: 200 instead of the real answer; the real status "
                                                    "when merging. An error status without a body answers in the "
                                                    "provider's error envelope")
    body: Optional[Any] = Field(None, description="the JSON to answer; with merge, an object deep-merged into "
                                                  "the answer the simulator would have given")
    headers: Optional[dict[str, StrictStr]] = None
    merge: StrictBool = Field(False, description="false: answer instead of the operation (which does not run); "
                                                 "true: run it, then merge body, status and headers in")


class StubMatch(Body):
    body: Optional[Any] = Field(None, description="a JSON subset the request body must contain (object keys "
                                                  "present with matching values; list items found)")
    query: Optional[dict[str, Union[StrictStr, StrictInt, StrictFloat, StrictBool]]] = Field(
        None, description="query parameters the request must carry with these values")


class NewStub(Body):
    provider: Optional[StrictStr] = Field(None, description="default: the operation's provider")
    operation: StrictStr = Field(description="a route id from GET /_sim/routes")
    account: Optional[StrictStr] = Field(None, description="only calls authenticated as this account")
    answer: StubAnswer
    match: StubMatch = Field(default_factory=StubMatch, description="default: every call of the operation")
    trigger: FaultTrigger = Field(default_factory=FaultTrigger, description="default: every matching call")


class StubList(BaseModel):
    stubs: list[StubRule]


class CallPattern(Body):
    provider: Optional[StrictStr] = None
    method: Optional[StrictStr] = None
    path: Optional[StrictStr] = Field(None, description="exact path, or a glob with * and ?")
    routeId: Optional[StrictStr] = None
    account: Optional[StrictStr] = None
    status: Optional[Union[Annotated[StrictInt, Field(ge=100, le=599)], Annotated[StrictStr, Field(max_length=3)]]] = Field(
        None, description="429, or a class such as \"4xx\"")
    fault: Optional[StrictBool] = Field(None, description="true: only injected faults; false: only real answers")
    since: Optional[Union[Number, StrictStr]] = Field(None, description="simulated time, ISO 8601 or epoch seconds")
    until: Optional[Union[Number, StrictStr]] = None
    afterId: Optional[StrictInt] = Field(None, ge=0, le=2 ** 53, description="only entries with a larger id")


class Verify(CallPattern):
    exactly: Optional[StrictInt] = Field(None, ge=0, le=MAX_COUNT)
    atLeast: Optional[StrictInt] = Field(None, ge=0, le=MAX_COUNT)
    atMost: Optional[StrictInt] = Field(None, ge=0, le=MAX_COUNT)


class JournalPage(BaseModel):
    entries: list[JournalEntry]
    total: int = Field(description="entries matching the filters, before limit")
    size: int
    held: int
    recorded: int = Field(description="calls recorded since start; held < recorded once the ring is full")
    bodyLimit: int = Field(description="bytes kept of each request and response body; 0: bodies are not kept")


class JournalConfig(Body):
    size: StrictInt = Field(ge=1, le=10_000_000)


class Seed(Body):
    fixture: Optional[dict[str, Any]] = Field(None, description="{\"accounts\": [...]} or one account entry")
    path: Optional[StrictStr] = Field(None, description="a fixture file in the simulator's fixtures directory "
                                                        "(--fixtures-dir), relative to it")
    accountId: Optional[StrictStr] = Field(None, description="load one entry into this existing account")
    provider: Optional[StrictStr] = Field(None, description="provider of entries that do not name one")


class RateLimitChange(Body):
    provider: StrictStr
    enabled: Optional[StrictBool] = None
    limits: Optional[dict[str, Annotated[StrictInt, Field(le=MAX_COUNT)]]] = Field(None, description="limit id -> calls per window")


class AccountList(BaseModel):
    accounts: list[AccountInfo]
