"""Helpers over the control plane, the same for an in-process simulator and a server.

Everything goes through the HTTP control plane (in-process it is an ASGI call, no socket), so a
test written against `simulator` behaves the same against `simulator_server` or a container.
"""
from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING, Any, Callable, Literal, Optional, Self, Union, cast

from .admin.guard import TOKEN_HEADER, env_token
from .results import (AccountInfo, ClockState, FaultRule, JournalEntry, ProviderInfo, RateLimitState, ResetOutcome,
                      RouteInfo, Snapshot, StubRule, Verification)

if TYPE_CHECKING:
    import httpx

IN_PROCESS_URL = "http://simulator"  # the base URL of an in-process simulator's clients (inprocess.py)

# httpx is imported where a client is made: a server (`serve`) never makes one, and the import
# was a third of its start-up.


class SimulatorError(AssertionError):
    """The control plane refused a helper's request (the message is the simulator's)."""

    def __init__(self, response: httpx.Response) -> None:
        try:
            message = response.json().get("error", response.text)
        except ValueError:
            message = response.text
        super().__init__(f"{response.request.method} {response.request.url.path} -> {response.status_code}: "
                         f"{message}")
        self.response = response


class SimAccount:
    """An account of the simulator with a ready client: base URL and API key header set."""

    def __init__(self, sim: "ControlAPI", data: AccountInfo) -> None:
        self.sim = sim
        self.data = data
        self.id: str = data["id"]
        self.provider: str = data["provider"]
        # accounts made or seeded through the helpers always answer with their first key
        self.api_key: str = data.get("apiKey") or ""
        self.email: Optional[str] = data.get("email")
        self.base_url: str = sim.base_url(self.provider)
        self.headers: dict[str, str] = {sim.providers[self.provider]["authHeader"]: self.api_key}
        self.client: httpx.Client = sim.client(self.provider, api_key=self.api_key)

    def async_client(self, **kwargs: Any) -> httpx.AsyncClient:
        """An httpx.AsyncClient on the account's base URL with its key; closed with the fixture."""
        return self.sim.async_client(self.provider, api_key=self.api_key, **kwargs)

    def snapshot(self) -> Snapshot:
        return self.sim.snapshot(account=self)

    def reset(self) -> str:
        return self.sim.reset_account(self)

    def __repr__(self) -> str:
        return f"SimAccount({self.provider}, {self.id})"


AccountRef = Union[str, SimAccount, None]


def _id(account: AccountRef) -> Optional[str]:
    return account.id if isinstance(account, SimAccount) else account


class ControlAPI:
    """Subclasses set `url` and provide `_transport_for_clients` (and the async one)."""

    url: str
    control_token: Optional[str] = None  # sent on every control-plane call when set

    def __init__(self) -> None:
        self._providers: Optional[dict[str, ProviderInfo]] = None
        self._clients: list[httpx.Client] = []
        self._async_clients: list[httpx.AsyncClient] = []
        self._control: Optional[httpx.Client] = None

    # ------------------------------------------------------------------ plumbing

    def _transport_for_clients(self) -> Optional[httpx.BaseTransport]:
        return None

    def _async_transport_for_clients(self) -> Optional[httpx.AsyncBaseTransport]:
        return None

    def _http(self) -> httpx.Client:
        if self._control is None:
            import httpx

            headers = {TOKEN_HEADER: self.control_token} if self.control_token else {}
            self._control = httpx.Client(base_url=self.url, transport=self._transport_for_clients(), timeout=30,
                                         headers=headers)
        return self._control

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._http().request(method, path, **kwargs)
        if response.status_code >= 400:
            raise SimulatorError(response)
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    def close_clients(self) -> None:
        """Close the clients this helper handed out (accounts' clients included, async ones too)."""
        for client in self._clients:
            client.close()
        self._clients.clear()
        pending = [c for c in self._async_clients if not c.is_closed]
        self._async_clients.clear()
        if pending:
            _close_async(pending)

    def close(self) -> None:
        self.close_clients()
        if self._control is not None:
            self._control.close()
            self._control = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ providers and clients

    @property
    def providers(self) -> dict[str, ProviderInfo]:
        """name -> {"prefix", "authHeader", "basePath", "baseUrl"} for every provider served."""
        if self._providers is None:
            self._providers = {p["name"]: p for p in self._call("GET", "/_sim/providers")["providers"]}
        return self._providers

    def routes(self) -> list[RouteInfo]:
        """Every provider route: provider, method, path, operation (the id fault rules take)."""
        return cast(list[RouteInfo], self._call("GET", "/_sim/routes"))

    def base_url(self, provider: str) -> str:
        """The base URL a client of `provider` uses (Zapmail: .../api; LiteMail: the server root,
        as its paths carry /v1)."""
        info = self._provider(provider)
        return self.url + info.get("basePath", info["prefix"])

    def _provider(self, provider: str) -> ProviderInfo:
        if provider not in self.providers:
            raise KeyError(f"this simulator serves no provider {provider!r} (it serves {', '.join(self.providers)})")
        return self.providers[provider]

    def client(self, provider: str, api_key: Optional[str] = None, **kwargs: Any) -> httpx.Client:
        """An httpx client on the provider's base URL, with the key's auth header if given."""
        headers = dict(kwargs.pop("headers", None) or {})
        if api_key is not None:
            headers[self._provider(provider)["authHeader"]] = api_key
        kwargs.setdefault("timeout", 30)
        import httpx

        client = httpx.Client(base_url=self.base_url(provider), headers=headers,
                              transport=self._transport_for_clients(), **kwargs)
        self._clients.append(client)
        return client

    def async_client(self, provider: str, api_key: Optional[str] = None, **kwargs: Any) -> httpx.AsyncClient:
        """The same as an httpx.AsyncClient; timeouts apply in-process too, and the helper closes
        it with the others (the fixtures do at teardown) if the test did not."""
        headers = dict(kwargs.pop("headers", None) or {})
        if api_key is not None:
            headers[self._provider(provider)["authHeader"]] = api_key
        kwargs.setdefault("timeout", 30)
        import httpx

        client = httpx.AsyncClient(base_url=self.base_url(provider), headers=headers,
                                   transport=self._async_transport_for_clients(), **kwargs)
        self._async_clients.append(client)
        return client

    # ------------------------------------------------------------------ accounts

    def create_account(self, provider: str = "zapmail", **fields: Any) -> SimAccount:
        """A fresh, isolated account. Fields as POST /_sim/accounts takes them: walletBalance,
        email, firstName, lastName, password, apiKey, fixture."""
        return SimAccount(self, self._call("POST", "/_sim/accounts", json={"provider": provider, **fields}))

    def accounts(self, keys: bool = False) -> list[AccountInfo]:
        """Every account; their API keys only with keys=True."""
        return cast(list[AccountInfo], self._call("GET", "/_sim/accounts", params={"keys": "true"} if keys else None))

    # ------------------------------------------------------------------ clock

    def clock(self) -> ClockState:
        return cast(ClockState, self._call("GET", "/_sim/clock"))

    def advance(self, seconds: float) -> ClockState:
        """Move the virtual clock on; every transition due by then happens, in order."""
        return cast(ClockState, self._call("POST", "/_sim/clock", json={"advanceSeconds": seconds}))

    def freeze(self, frozen: bool = True) -> ClockState:
        return cast(ClockState, self._call("POST", "/_sim/clock", json={"freeze": frozen}))

    def set_clock_rate(self, rate: float) -> ClockState:
        return cast(ClockState, self._call("POST", "/_sim/clock", json={"rate": rate}))

    # ------------------------------------------------------------------ faults

    @staticmethod
    def _trigger(first_n: Optional[int] = None, every_nth: Optional[int] = None, probability: Optional[float] = None,
                 seed: Optional[int] = None) -> dict[str, Any]:
        trigger = {"firstN": first_n, "everyNth": every_nth, "probability": probability, "seed": seed}
        return {k: v for k, v in trigger.items() if v is not None}

    def add_fault(self, operation: Optional[str] = None, *, provider: Optional[str] = None,
                  account: AccountRef = None, status: Optional[int] = None, retry_after: Optional[int] = None,
                  message: Optional[str] = None, latency_ms: Optional[int] = None,
                  drop: Optional[Literal["before", "after"]] = None, first_n: Optional[int] = None,
                  every_nth: Optional[int] = None, probability: Optional[float] = None,
                  seed: Optional[int] = None) -> FaultRule:
        """Add a fault rule; `operation` is a route id (GET /_sim/routes). Returns the rule."""
        action = {"status": status, "retryAfter": retry_after, "message": message, "latencyMs": latency_ms,
                  "drop": drop}
        body = {"provider": provider, "operation": operation, "account": _id(account),
                "action": {k: v for k, v in action.items() if v is not None},
                "trigger": self._trigger(first_n, every_nth, probability, seed)}
        return cast(FaultRule, self._call("POST", "/_sim/faults",
                                          json={k: v for k, v in body.items() if v is not None}))

    def faults(self) -> list[FaultRule]:
        return cast(list[FaultRule], self._call("GET", "/_sim/faults")["faults"])

    def remove_fault(self, rule: Union[str, FaultRule]) -> None:
        self._call("DELETE", f"/_sim/faults/{rule['id'] if isinstance(rule, dict) else rule}")

    def clear_faults(self) -> None:
        self._call("DELETE", "/_sim/faults")

    # ------------------------------------------------------------------ stubs

    def add_stub(self, operation: str, *, status: Optional[int] = None, body: Any = None,
                 headers: Optional[dict[str, str]] = None, merge: bool = False, account: AccountRef = None,
                 provider: Optional[str] = None, match_body: Any = None,
                 match_query: Optional[dict[str, Union[str, int, float, bool]]] = None,
                 first_n: Optional[int] = None, every_nth: Optional[int] = None,
                 probability: Optional[float] = None, seed: Optional[int] = None) -> StubRule:
        """Make `operation` (a route id) answer `status`, `body` and `headers`: instead of its own
        answer, or (merge=True) merged into it. Only for requests whose body / query contain
        `match_body` / `match_query`, when the trigger picks them. Returns the rule."""
        answer = {"status": status, "body": body, "headers": headers, "merge": merge}
        match = {"body": match_body, "query": match_query}
        rule = {"provider": provider, "operation": operation, "account": _id(account),
                "answer": {k: v for k, v in answer.items() if v is not None},
                "match": {k: v for k, v in match.items() if v is not None},
                "trigger": self._trigger(first_n, every_nth, probability, seed)}
        return cast(StubRule, self._call("POST", "/_sim/stubs", json={k: v for k, v in rule.items() if v is not None}))

    def stubs(self) -> list[StubRule]:
        return cast(list[StubRule], self._call("GET", "/_sim/stubs")["stubs"])

    def remove_stub(self, rule: Union[str, StubRule]) -> None:
        self._call("DELETE", f"/_sim/stubs/{rule['id'] if isinstance(rule, dict) else rule}")

    def clear_stubs(self) -> None:
        self._call("DELETE", "/_sim/stubs")

    # ------------------------------------------------------------------ journal

    @staticmethod
    def _pattern(provider: Optional[str] = None, method: Optional[str] = None, path: Optional[str] = None,
                 route_id: Optional[str] = None, account: AccountRef = None, status: Union[int, str, None] = None,
                 fault: Optional[bool] = None, since: Union[str, float, None] = None,
                 until: Union[str, float, None] = None, after_id: Optional[int] = None) -> dict[str, Any]:
        wire = {"provider": provider, "method": method, "path": path, "routeId": route_id, "account": _id(account),
                "status": status, "fault": fault, "since": since, "until": until, "afterId": after_id}
        return {k: v for k, v in wire.items() if v is not None}

    def journal(self, *, limit: Optional[int] = None, **pattern: Any) -> list[JournalEntry]:
        """Journal entries, oldest first. Filters: provider, method, path (glob), route_id, account,
        status (429 or "4xx"), fault, since, until, after_id."""
        params = self._pattern(**pattern)
        if "fault" in params:
            params["fault"] = str(params["fault"]).lower()
        if limit is not None:
            params["limit"] = limit
        return cast(list[JournalEntry], self._call("GET", "/_sim/journal", params=params)["entries"])

    def clear_journal(self) -> None:
        self._call("DELETE", "/_sim/journal")

    def verify(self, *, exactly: Optional[int] = None, at_least: Optional[int] = None,
               at_most: Optional[int] = None, **pattern: Any) -> Verification:
        body = {**self._pattern(**pattern), "exactly": exactly, "atLeast": at_least, "atMost": at_most}
        return cast(Verification, self._call("POST", "/_sim/journal/verify",
                                             json={k: v for k, v in body.items() if v is not None}))

    def assert_called(self, times: Optional[int] = None, *, at_least: Optional[int] = None,
                      **pattern: Any) -> Verification:
        """Fail the test, naming the closest calls, unless the pattern was called `times` times
        (or at least `at_least` times; at least once if neither is given)."""
        if times is None and at_least is None:
            at_least = 1
        answer = self.verify(exactly=times, at_least=at_least, **pattern)
        if not answer["ok"]:
            raise AssertionError(answer["message"])
        return answer

    # ------------------------------------------------------------------ state

    def reset(self) -> ResetOutcome:
        """Everything back to the start state: accounts, clock, ids; faults, stubs and journal cleared."""
        return cast(ResetOutcome, self._call("POST", "/_sim/reset"))

    def reset_account(self, account: AccountRef) -> Literal["restored", "removed"]:
        return cast(Literal["restored", "removed"], self._call("POST", f"/_sim/accounts/{_id(account)}/reset")["outcome"])

    def snapshot(self, account: AccountRef = None) -> Snapshot:
        params = {"account": _id(account)} if account is not None else None
        return cast(Snapshot, self._call("GET", "/_sim/snapshot", params=params))

    def restore(self, snapshot: Snapshot) -> dict[str, Any]:
        return cast(dict[str, Any], self._call("POST", "/_sim/snapshot", json=snapshot))

    def seed(self, fixture: Optional[dict[str, Any]] = None, *, path: Optional[str] = None,
             account: AccountRef = None, provider: Optional[str] = None) -> list[SimAccount]:
        """Load a fixture (the default world's format) as new accounts, or into `account`."""
        body = {"fixture": fixture, "path": path, "accountId": _id(account), "provider": provider}
        data = self._call("POST", "/_sim/seed", json={k: v for k, v in body.items() if v is not None})
        return [SimAccount(self, a) for a in data["accounts"]]

    def rate_limits(self) -> dict[str, RateLimitState]:
        return cast(dict[str, RateLimitState], self._call("GET", "/_sim/rate-limits")["providers"])

    def set_rate_limits(self, provider: str = "zapmail", *, enabled: Optional[bool] = None,
                        limits: Optional[dict[str, int]] = None) -> RateLimitState:
        body = {"provider": provider, "enabled": enabled, "limits": limits}
        return cast(RateLimitState, self._call("POST", "/_sim/rate-limits",
                                               json={k: v for k, v in body.items() if v is not None}))


class RemoteSimulator(ControlAPI):
    """The helpers, for a simulator reached over HTTP (a server thread, the CLI, a container)."""

    def __init__(self, url: str, on_close: Optional[Callable[[], None]] = None, *,
                 control_token: Optional[str] = None) -> None:
        """`control_token` defaults to the environment's MAILSIM_CONTROL_TOKEN."""
        super().__init__()
        self.url = url.rstrip("/")
        self.control_token = control_token or env_token()
        self._on_close = on_close

    def close(self) -> None:
        super().close()
        if self._on_close is not None:
            self._on_close()
            self._on_close = None


def _close_async(clients: list[httpx.AsyncClient]) -> None:
    """Close async clients from synchronous code (a fixture's teardown): on a loop of their own in
    a short-lived thread, since the test's loop is gone or busy. A client whose connections
    belonged to that loop may fail to close them cleanly; it is marked closed all the same."""
    async def close_all() -> None:
        for client in clients:
            try:
                await client.aclose()
            except Exception:  # noqa: BLE001 - best effort: the loop that owned its sockets is gone
                pass

    thread = threading.Thread(target=lambda: asyncio.run(close_all()), name="simulator-close-async", daemon=True)
    thread.start()
    thread.join(timeout=10)
