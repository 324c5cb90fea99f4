"""The server under test, seen through its OpenAPI document: every call names its operation, is
refused unless the safety policy allows it, and every answer is checked against the documented
status codes and shapes, the divergence going to the report."""
from __future__ import annotations

import time
from typing import Any, Callable, Optional

import httpx

from simulator.openapi import operation_index, response_schema

from .report import Report
from .schema_check import first_difference

READ, WRITE, SPEND = "read", "write", "spend"


class Divergence(AssertionError):
    """The server answered something the documents say it should not."""


class NotAllowed(Exception):
    """The suite tried to send a call the safety policy forbids: a bug in the suite, never sent."""


class Target:
    def __init__(self, provider: str, client: httpx.Client, doc: dict, *, allow_writes: bool, allow_spend: bool,
                 started_here: bool, label: str, run_id: str, max_examples: int,
                 progress: Optional[Callable[[str], None]] = None):
        self.provider, self.client, self.doc = provider, client, doc
        self.allow_writes, self.allow_spend = allow_writes, allow_spend
        self.started_here, self.run_id, self.max_examples = started_here, run_id, max_examples
        self.ops = operation_index(doc)
        self.report = Report(provider, label, self.ops)
        self.progress = progress  # a line to the terminal as the run moves on (long runs against a server)
        self._groups: set[str] = set()
        self._last_line = time.monotonic()
        for op in self.ops:
            if not self.allows(op):
                self.report.withhold(op, self._needs(op))

    # ------------------------------------------------------------------ policy

    def op_class(self, op: str) -> str:
        return self.ops[op]["entry"].get("x-operation-class", SPEND)  # unknown: assume the worst

    def allows(self, op: str) -> bool:
        kind = self.op_class(op)
        return kind == READ or (kind == WRITE and self.allow_writes) or (kind == SPEND and self.allow_spend)

    # ------------------------------------------------------------------ calls

    def call(self, op: str, *, path_params: Optional[dict] = None, params: Optional[dict] = None,
             json: Any = None, expect: str = "success", probe: bool = False) -> httpx.Response:
        """Send one request for `op` and check the answer.

        expect: "success" (a documented 2xx), or the 4xx status(es) the documents give for this input
        ("400", or "400|404").
        probe: a validation probe the API must reject before acting; the only way a write or spend
        is sent without --allow-writes/--allow-spend (the caller guarantees it is invalid)."""
        if not self.allows(op) and not probe:
            raise NotAllowed(f"{op} is a {self.op_class(op)}; not sent")
        info = self.ops[op]
        self._announce(op)
        path = info["path"].format(**(path_params or {}))
        response = self._send(op, info["method"], path, params, json)
        request = {"method": info["method"], "url": _relative(response.request.url, self.client.base_url),
                   "body": json}
        self.report.exercised(op, response.status_code)
        self.check(op, response, expect, request)
        return response

    def _announce(self, op: str) -> None:
        """A progress line when the run reaches a group of operations it had not called yet, and
        at least every 30 s, so a long run is never silent."""
        if self.progress is None:
            return
        group = (self.ops[op]["entry"].get("tags") or [op.rsplit(".", 2)[0]])[0]
        if group in self._groups and time.monotonic() - self._last_line < 30:
            return
        self._groups.add(group)
        self._say(f"{group}: {sum(self.report.calls.values())} calls so far, "
                  f"{len(self.report.divergences)} diverging operations")

    def _say(self, line: str) -> None:
        if self.progress is not None:
            self.progress(line)
            self._last_line = time.monotonic()

    def _send(self, op: str, method: str, path: str, params, body) -> httpx.Response:
        # A real API limits the rate (Zapmail: 5/s, 20/min); wait as told instead of reporting a 429.
        for attempt in range(6):
            response = self.client.request(method, path.lstrip("/"), params=params, json=body)
            if response.status_code != 429 or self.started_here:
                return response
            wait = min(_seconds(response.headers.get("retry-after")), 60.0)
            self._say(f"waiting {wait:g} s for Retry-After ({op})")
            time.sleep(wait)
        return response

    def check(self, op: str, response: httpx.Response, expect: str, request: dict) -> None:
        status = response.status_code

        def fail(where: str, message: str):
            self.report.diverged(op, where, message, request, status)
            raise Divergence(f"{op}: {where}: {message} (request {request['method']} {request['url']}, "
                             f"status {status}, body {response.text[:200]})")

        if status >= 500:
            fail("status", f"server error {status}")
        if expect == "success" and not 200 <= status < 300:
            fail("status", f"expected a documented success, got {status}")
        if expect != "success" and str(status) not in expect.split("|"):
            fail("status", f"expected {expect}, got {status}")
        schema = response_schema(self.doc, op, status)
        if schema is None:
            fail("status", f"status {status} is not documented for this operation")
        try:
            body = response.json()
        except ValueError:
            fail("$", f"not JSON: {response.text[:80]!r}")
        hit = first_difference(body, schema, self.doc)
        if hit:
            fail(*hit)
        if isinstance(body, dict) and isinstance(body.get("status"), int) and body["status"] != status:
            # every enveloped answer of both providers mirrors the HTTP status in `status`
            fail("$.status", f"envelope says {body['status']}, HTTP says {status}")

    # ------------------------------------------------------------------ helpers

    def require(self, *ops: str) -> None:
        """Skip the calling test unless every op may be sent; note why in the report."""
        import pytest

        for op in ops:
            if not self.allows(op):
                self.report.withhold(op, self._needs(op))
                pytest.skip(f"{op} is a {self.op_class(op)} (pass --allow-writes / --allow-spend)")

    def examples(self, count: Optional[int] = None):
        """Hypothesis settings for one property: few examples (every one is a request), and
        against the suite's own simulator derandomized, so a CI run is repeatable."""
        from hypothesis import HealthCheck, settings

        # print_blob off: under CI=... Hypothesis's ci profile would add a reproduce_failure line to
        # every divergence, and a divergence is reported as its one precise line
        return settings(max_examples=count or self.max_examples, deadline=None, database=None,
                        derandomize=self.started_here, suppress_health_check=list(HealthCheck),
                        print_blob=False)

    def _needs(self, op: str) -> str:
        flag = "--allow-spend" if self.op_class(op) == SPEND else "--allow-writes"
        return f"{self.op_class(op)}: only rejected probes are sent without {flag}"

    def name(self, label: str) -> str:
        """A name the suite can find again in a real account: contract-test-<run>-<label>."""
        return f"contract-test-{self.run_id}-{label}"


def _seconds(retry_after: Optional[str]) -> float:
    try:
        return max(float(retry_after or 3), 0.0)
    except ValueError:  # an HTTP date, or garbage: wait a little rather than fail
        return 3.0


def _relative(url: httpx.URL, base: httpx.URL) -> str:
    text, root = str(url), str(base).rstrip("/")
    return text[len(root):] if text.startswith(root) else text
