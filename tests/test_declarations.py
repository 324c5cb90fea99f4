"""One declaration per operation: the documents, the validation and the answers all come from the
route declarations, and outsiders' tools accept the documents."""
from __future__ import annotations

import pytest
from openapi_spec_validator import validate as validate_spec
from starlette.testclient import TestClient

from simulator import pipeline
from simulator.app import Simulator
from simulator.core.clock import VirtualClock
from simulator.core.routing import READ, Route, RouteTable
from simulator.core.store import World
from simulator.providers import all_dialects

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


@pytest.fixture(scope="module")
def client():
    with Simulator(World(seed=41, clock=VirtualClock(frozen=True))) as sim:
        yield TestClient(sim.app)


@pytest.mark.parametrize("doc", ["/_sim/openapi/zapmail.json", "/_sim/openapi/litemail.json", "/_sim/openapi.json"])
def test_served_documents_pass_openapi_spec_validator(client, doc):
    r = client.get(doc)
    assert r.status_code == 200
    validate_spec(r.json())


def test_a_route_must_declare_its_answer_and_class():
    with pytest.raises(ValueError, match="declares the shape of its success answer"):
        Route("GET", "/x", lambda call: None, "p.x.get", "X", "inferred", READ, {})
    with pytest.raises(ValueError, match="kind must be one of"):
        Route("GET", "/x", lambda call: None, "p.x.get", "X", "inferred", "maybe", {200: dict})


def _known_paths():
    for d in all_dialects():
        paths: dict[str, set] = {}
        for route in d.table.routes:
            paths.setdefault(route.path, set()).add(route.method)
        for path, methods in paths.items():
            concrete = path.replace("{", "x").replace("}", "")
            # a method no route answers on this concrete path (a pattern route may take some)
            other = next((m for m in METHODS if d.table.match(m, concrete)[0] is None), None)
            if other is not None:
                yield d, path, other, sorted(methods)


@pytest.mark.parametrize("dialect,path,method,allowed", list(_known_paths()),
                         ids=[f"{d.name} {m} {p}" for d, p, m, _ in _known_paths()])
def test_a_known_path_with_another_method_is_405_with_allow(client, dialect, path, method, allowed):
    concrete = path.replace("{", "x").replace("}", "")
    r = client.request(method, dialect.prefix + concrete)
    assert r.status_code == 405, r.text
    # a path parameter may make the concrete path match other routes' patterns too
    assert set(allowed) <= set(r.headers["allow"].split(", "))
    body = r.json()
    assert body["status"] == 405 and method in body["message"]


def test_an_answer_that_drifts_from_its_declared_shape_fails_loudly(client, monkeypatch):
    """The test suite runs with MAILSIM_CHECK_ANSWERS: a renderer adding a key the declaration does
    not have is a 500 naming the operation, never a silently different body."""
    assert pipeline.CHECK_ANSWERS
    from simulator.providers.zapmail.handlers import accounts

    real = accounts.get_user

    def drifting(call):
        reply = real(call)
        reply.body["data"]["nickname"] = "extra"
        return reply

    dialect = next(d for d in all_dialects() if d.name == "zapmail")
    route = dialect.table.route("zapmail.v2.users.get")
    patched = RouteTable("/api", [Route(**{**route.__dict__, "handler": drifting})])
    monkeypatch.setattr(dialect, "table", patched)
    with Simulator(World(seed=42, clock=VirtualClock(frozen=True)), dialects=[dialect]) as sim:
        c = TestClient(sim.app)
        key = c.post("/_sim/accounts", json={"provider": "zapmail"}).json()["apiKey"]
        r = c.get("/api/v2/users", headers={"x-auth-zapmail": key})
    assert r.status_code == 500
    assert "zapmail.v2.users.get" in r.json()["message"] and "declared shape" in r.json()["message"]


@pytest.mark.parametrize("value", ["", " GOOGLE", "google", "YAHOO"])
@pytest.mark.parametrize("provider,path,auth", [("zapmail", "/api/v2/users", "x-auth-zapmail"),
                                                ("litemail", "/v1/users", "x-api-key")])
def test_a_declared_header_outside_its_values_is_400(client, provider, path, auth, value):
    key = client.post("/_sim/accounts", json={"provider": provider}).json()["apiKey"]
    r = client.get(path, headers={auth: key, "x-service-provider": value})
    assert r.status_code == 400, r.text
    assert r.json()["message"] == "x-service-provider must be one of GOOGLE, MICROSOFT"
    ok = client.get(path, headers={auth: key, "x-service-provider": "MICROSOFT"})
    assert ok.status_code == 200


def test_an_alias_path_is_published_with_its_methods(client):
    doc = client.get("/_sim/openapi/zapmail.json").json()
    alias = doc["paths"]["/v2/dns"]["get"]
    assert alias["x-alias-of"] == "zapmail.v2.dns.list" and alias["operationId"] != "zapmail.v2.dns.list"
    r = client.request("PATCH", "/api/v2/dns")
    assert set(r.headers["allow"].split(", ")) == {m.upper() for m in doc["paths"]["/v2/dns"]}


def test_two_simulators_in_one_process_share_no_world_service():
    """Scheduled-event numbering, webhook formats and the deliverer belong to a world, so one
    simulator's restore or close never reaches another's."""
    from simulator.domain import webhooks

    with Simulator(World(seed=1)) as one, Simulator(World(seed=2)) as two:
        assert one.world.webhook_formats.keys() == two.world.webhook_formats.keys() == {"litemail", "zapmail"}
        assert webhooks.deliverer_of(one.world) is not webhooks.deliverer_of(two.world)
        a = one.create_account("zapmail")
        b = two.create_account("zapmail")
        one.world.accounts[a.id].event_seq = 10**6  # as a restore of a long run would leave it
        c = TestClient(two.app)
        made = c.post("/api/v2/mailboxes", headers={"x-auth-zapmail": b.api_key}, json={})
        assert made.status_code == 400  # nothing scheduled by a refused call
        before = len(two.world.accounts[b.id].events)
        seeded = two.seed({"accounts": [{"provider": "zapmail", "workspaces": [{"domains": [
            {"name": "seqcheck.com", "status": "ACTIVE", "platform": "GOOGLE",
             "mailboxes": [{"firstName": "A", "lastName": "B", "username": "ab", "status": "IN_PROGRESS"}]}]}]}]})
        fresh = two.world.accounts[seeded[0].id]
        assert fresh.events and sorted(e[1] for e in fresh.events) == list(range(len(fresh.events)))
        assert len(two.world.accounts[b.id].events) == before
        closed = webhooks.deliverer_of(one.world)
    assert one.world.deliverer is None and closed._stopped
