"""Random sequences of control calls, with random and often invalid bodies, against a served
simulator. After every call: the server answered within a second, a refused call changed nothing
(world snapshot, fault rules, journal and rate-limit settings, drift), and a snapshot restores to
itself (the round trip is lossless)."""
from __future__ import annotations

import copy

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.app import Simulator

ZAP_KEY = "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10 ** 30), 10 ** 30)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=6)
numbers = st.one_of(st.integers(-(10 ** 20), 10 ** 20), st.floats(allow_nan=False, allow_infinity=False),
                    st.sampled_from([0, 1, 60, 600, 3e11, 1e15, 1e308, -1, 2 ** 64, 100 * 365 * 86400]))
maybe = lambda strategy: st.one_of(strategy, json_values)  # noqa: E731 - mostly right, sometimes junk


def fields(**strategies):
    """Dicts with any subset of these keys, now and then an unknown one."""
    return st.fixed_dictionaries({}, optional={**strategies, "surprise": json_values})


clock = fields(advanceSeconds=maybe(numbers), rate=maybe(numbers), freeze=maybe(st.booleans()))
account = fields(provider=st.sampled_from(["zapmail", "litemail", "nope"]), walletBalance=maybe(numbers),
                 apiKey=maybe(st.sampled_from([ZAP_KEY, "fresh-key-1", ""])), email=maybe(st.just("p@example.test")),
                 fixture=maybe(st.just({"workspaces": [{"domains": [{"name": "prop-test.com"}]}]})))
domain = fields(name=maybe(st.sampled_from(["prop-one.com", "bad name", "x"])),
                status=maybe(st.sampled_from(["ACTIVE", "PENDING", "NOPE"])), years=maybe(numbers),
                mailboxes=maybe(st.just([{"firstName": "A", "lastName": "B", "username": "ab"}])))
entry = fields(provider=st.sampled_from(["zapmail", "litemail", 7]), walletBalance=maybe(numbers),
               apiKey=maybe(st.sampled_from([ZAP_KEY, "seed-key-2"])),
               workspaces=st.lists(fields(name=maybe(st.text(max_size=5)), domains=st.lists(domain, max_size=2),
                                          subscriptions=st.lists(fields(plan=maybe(st.just("P")),
                                                                        quantity=maybe(numbers)), max_size=1)),
                                   max_size=2))
seed = fields(fixture=st.one_of(entry, st.fixed_dictionaries({"accounts": st.lists(entry, max_size=2)}), json_values),
              path=maybe(st.sampled_from(["/etc/passwd", "x.json"])), accountId=maybe(st.just("nobody")))
fault = fields(operation=maybe(st.sampled_from(["zapmail.v2.users.get", "nope"])),
               action=maybe(fields(status=maybe(numbers), retryAfter=maybe(numbers), latencyMs=maybe(numbers))),
               trigger=maybe(fields(firstN=maybe(numbers), everyNth=maybe(numbers), probability=maybe(numbers))))
limits = fields(provider=maybe(st.sampled_from(["zapmail", "litemail"])), enabled=maybe(st.booleans()),
                limits=maybe(st.dictionaries(st.sampled_from(["per-second", "per-minute", "x"]), numbers, max_size=2)))

CALLS = st.one_of(
    st.tuples(st.just("POST"), st.just("/_sim/clock"), clock),
    st.tuples(st.just("POST"), st.just("/_sim/accounts"), account),
    st.tuples(st.just("POST"), st.just("/_sim/seed"), seed),
    st.tuples(st.just("POST"), st.just("/_sim/faults"), fault),
    st.tuples(st.just("POST"), st.just("/_sim/journal/config"), fields(size=maybe(numbers))),
    st.tuples(st.just("POST"), st.just("/_sim/rate-limits"), limits),
    st.tuples(st.just("POST"), st.just("/_sim/drift"), fields(profile=maybe(st.sampled_from(["renamed-field", None])))),
    st.tuples(st.just("POST"), st.just("/_sim/reset"), st.none()),
    st.tuples(st.just("POST"), st.just("/_sim/snapshot"), st.just("mutated snapshot")),
    st.tuples(st.just("POST"), st.just("/_sim/clock"), json_values),
)


@pytest.fixture(scope="module")
def server():
    sim = Simulator(default_world=True, freeze_clock=True, seed=9)
    remote = sim.serve()
    client = httpx.Client(base_url=remote.url, timeout=1.0)  # every answer within a second
    yield client
    client.close()
    sim.close()


def state(client) -> dict:
    return {path: client.get(path).json() for path in
            ("/_sim/snapshot", "/_sim/faults", "/_sim/journal/config", "/_sim/rate-limits", "/_sim/drift")}


def mutate(snapshot: dict, data) -> dict:
    """The current snapshot with one value somewhere replaced by something random."""
    doc = copy.deepcopy(snapshot)
    node = doc
    for _ in range(data.draw(st.integers(1, 4), label="depth")):
        if isinstance(node, dict) and node:
            key = data.draw(st.sampled_from(sorted(node)), label="key")
            if not isinstance(node[key], (dict, list)) or not node[key]:
                node[key] = data.draw(json_values, label="value")
                return doc
            node = node[key]
        elif isinstance(node, list) and node:
            i = data.draw(st.integers(0, len(node) - 1), label="index")
            if not isinstance(node[i], (dict, list)) or not node[i]:
                node[i] = data.draw(json_values, label="value")
                return doc
            node = node[i]
    if isinstance(node, dict):
        node[data.draw(st.text(max_size=6), label="new key")] = data.draw(json_values, label="value")
    elif isinstance(node, list):
        node.append(data.draw(json_values, label="value"))
    return doc


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=st.data())
def test_random_control_calls_never_hang_half_apply_or_lose_state(server, data):
    assert server.post("/_sim/reset").status_code == 200
    for _ in range(data.draw(st.integers(1, 6), label="calls")):
        method, path, body = data.draw(CALLS, label="call")
        before = state(server)
        if body == "mutated snapshot":
            body = mutate(before["/_sim/snapshot"], data)
        response = server.request(method, path, json=body) if body is not None else server.request(method, path)
        assert response.status_code < 500, (path, body, response.text)
        assert response.headers["content-type"] == "application/json"
        if response.status_code >= 400:
            assert set(response.json()) == {"error"}
            assert state(server) == before, (path, body, response.text)
        # keep the clock still between calls, so snapshots compare exactly
        assert server.post("/_sim/clock", json={"freeze": True}).status_code == 200
        snapshot = server.get("/_sim/snapshot").json()
        restored = server.post("/_sim/snapshot", json=snapshot)
        assert restored.status_code == 200, restored.text
        assert server.get("/_sim/snapshot").json() == snapshot
        assert server.get("/api/v2/users", headers={"x-auth-zapmail": ZAP_KEY}).status_code in (200, 401, 404)
