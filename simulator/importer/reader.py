"""Reading a provider's API for an import: read operations only, every page, rate limits honoured.

The reader knows operations by their route id, takes method and path from the simulator's own
route table, and refuses any operation outside the contract suite's read class, so a copy can
never change (or charge) the account it copies.
"""
from __future__ import annotations

import sys
import time
from typing import Any, Callable, Optional

import httpx

DEFAULT_PAGE_SIZE = 100  # rows per page of every list read


def read_operations(provider: str) -> set[str]:
    """The provider's read class (the contract suite's): the only operations an import calls."""
    from ..core.routing import READ

    routes, _ = _routes(provider)
    return {op for op, route in routes.items() if route.kind == READ}


def _routes(provider: str) -> dict:
    from ..providers import all_dialects

    dialect = next(d for d in all_dialects() if d.name == provider)
    return {r.operation: r for r in dialect.table.routes}, dialect.auth_header


class ImportFailed(RuntimeError):
    """The source answered something an import cannot go on from (the message says what)."""


class Reader:
    def __init__(self, provider: str, api_key: str, base_url: str, *, progress: Callable[[str], None] = None,
                 transport: Optional[httpx.BaseTransport] = None, max_wait: float = 120.0,
                 sleep: Callable[[float], None] = time.sleep, page_size: Optional[int] = None):
        self.provider = provider
        self.allowed = read_operations(provider)
        self.routes, auth_header = _routes(provider)
        self.http = httpx.Client(base_url=base_url.rstrip("/"), headers={auth_header: api_key}, timeout=60,
                                 transport=transport)
        self.progress = progress or (lambda text: print(text, file=sys.stderr, flush=True))
        self.max_wait, self.sleep, self.page_size = max_wait, sleep, page_size or DEFAULT_PAGE_SIZE
        self.calls = 0
        self.waited = 0.0

    def close(self) -> None:
        self.http.close()

    def get(self, operation: str, *, params: Optional[dict] = None, headers: Optional[dict] = None,
            path_params: Optional[dict] = None, json: Any = None, allow: tuple = ()) -> Any:
        """The JSON answer of one read; a status in `allow` answers None instead of failing."""
        if operation not in self.allowed:
            raise ValueError(f"{operation} is not a read operation: an import never calls it")
        route = self.routes[operation]
        path = route.path.format(**(path_params or {}))
        while True:
            self.calls += 1
            answer = self.http.request(route.method, path, params=params, headers=headers, json=json)
            if answer.status_code != 429:
                break
            wait = _retry_after(answer.headers.get("retry-after"))
            if self.waited + wait > self.max_wait:
                raise ImportFailed(f"{operation}: still rate limited after waiting {self.waited:.0f}s in all")
            self.progress(f"  rate limited: waiting {wait:g}s as the provider asks (Retry-After)")
            self.sleep(wait)
            self.waited += wait
        if answer.status_code in allow:
            return None
        if answer.status_code >= 400:
            raise ImportFailed(f"{operation}: {route.method} {path} answered {answer.status_code}: "
                               f"{answer.text[:300]}")
        return answer.json()

    def pages(self, operation: str, rows: Callable[[Any], list], last_page: Callable[[Any], int], *,
              params: Optional[dict] = None, headers: Optional[dict] = None, what: str = "rows") -> list:
        """Every row of a paged list, page after page until the last."""
        out, page = [], 1
        while True:
            body = self.get(operation, params={**(params or {}), "page": page, "limit": self.page_size}, headers=headers)
            out += rows(body)
            pages = last_page(body)
            if pages > 1:
                self.progress(f"  {what}: page {page} of {pages}")
            if page >= pages:
                return out
            page += 1


def _retry_after(value: Optional[str]) -> float:
    try:
        return max(0.0, float(value)) if value is not None else 1.0
    except ValueError:
        return 1.0
