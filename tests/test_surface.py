"""The whole Zapmail surface: every Tier A route is served, keyed, enveloped; bad input is a 4xx."""
from __future__ import annotations

import pytest

from simulator.openapi import document

from .helpers import envelope, error
from .reference import zapmail_tier

# Tier A of shared/reference/zapmail-v2-endpoints.md: 46 documented endpoints on 45 routes
# (the two Connect Domain pages share POST /v2/domains/connect-domain).
TIER_A = zapmail_tier("A")


def _flat() -> set[tuple[str, str]]:
    """Operations whose success answer is flat (no status/data envelope) by design of the real
    API, as their declarations say."""
    doc = document("zapmail")
    schemas = doc["components"]["schemas"]
    out = set()
    for path, methods in doc["paths"].items():
        for method, entry in methods.items():
            schema = entry["responses"]["200"]["content"]["application/json"]["schema"]
            if "$ref" in schema:
                schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
            if "status" not in schema.get("properties", {}):
                out.add((method.upper(), path))
    return out


# Operations that answer a flat body (no status/data) by design of the real API.
FLAT = _flat()


def test_tier_a_is_complete_in_route_listing(harness):
    rows = harness.client.get("/_sim/routes").json()
    listed = {(r["method"], r["path"]) for r in rows if r["provider"] == "zapmail"}
    assert TIER_A  # the reference lists them
    for method, path in TIER_A:
        assert (method, "/api" + path) in listed, (method, path)
    for r in rows:
        assert set(r) >= {"provider", "method", "path", "operation", "provenance"}
        assert r["provenance"] in ("documented", "observed", "method-doc", "inferred")
    assert len({r["operation"] for r in rows}) == len(rows)


@pytest.mark.parametrize("method,path", TIER_A)
def test_every_route_needs_a_key(harness, method, path):
    r = harness.client.request(method, "/api" + path)
    error(r, 401, "x-auth-zapmail")
    r = harness.client.request(method, "/api" + path, headers={"x-auth-zapmail": "not-a-key"})
    error(r, 401, "invalid api key")


@pytest.mark.parametrize("method,path", TIER_A)
def test_every_route_answers_a_keyed_request_in_its_envelope(harness, zap, method, path):
    """With a key and no body or query, each route answers: a success in its envelope, or a 4xx
    in the error envelope (most writes need a body) - never a 5xx or a bare page."""
    r = zap.request(method, path)
    assert r.status_code < 500, r.text
    body = r.json()
    if r.status_code >= 400:
        error(r, r.status_code)
    elif (method, path) in FLAT:
        assert isinstance(body, dict) and ("message" in body or body == {})
    else:
        envelope(r, r.status_code)


def test_unknown_route_gets_the_envelope_404_and_a_known_path_405(zap):
    error(zap.get("/v2/nothing-here"), 404, "cannot get")
    wrong = zap.request("PATCH", "/v2/domains")
    error(wrong, 405, "cannot patch")
    assert wrong.headers["allow"] == "DELETE, GET, POST"  # POST: Retrieve All Domains (With filters), Tier B


@pytest.mark.parametrize("path", ["/v2/users%00", "/v2/users%0d%0aX-Injected:%201", "/v2/%7f", "/v2/users/%1b[31m"])
def test_paths_with_encoded_control_characters_answer_in_the_envelope(zap, path):
    r = zap.get(path)
    error(r, 404, "cannot get")
    assert all(c.isprintable() for c in r.json()["message"])
    assert "x-injected" not in r.headers


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2", b'{"a": }'])
def test_malformed_json_is_400(zap, content):
    r = zap.request("POST", "/v2/workspaces", content=content, headers={"content-type": "application/json"})
    error(r, 400, "malformed json")


@pytest.mark.parametrize("body", [[], [1, 2], "text", 3, True])
def test_non_object_bodies_are_400(zap, body):
    error(zap.post("/v2/wallet/balance", json=body), 400)
    error(zap.post("/v2/mailboxes", json=body), 400)


def test_huge_body_is_413_and_changes_nothing(zap):
    before = zap.get("/v2/workspaces").json()["data"]["totalWorkspacesCount"]
    big = b'{"name": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    r = zap.request("POST", "/v2/workspaces", content=big, headers={"content-type": "application/json"})
    error(r, 413, "too large")
    assert zap.get("/v2/workspaces").json()["data"]["totalWorkspacesCount"] == before


def test_invalid_service_provider_header_is_400(zap):
    error(zap.get("/v2/domains", headers={"x-service-provider": "YAHOO"}), 400, "x-service-provider")


def test_health_and_clock(harness):
    assert harness.client.get("/_sim/health").json()["status"] == "ok"
    before = harness.client.get("/_sim/clock").json()
    after = harness.client.post("/_sim/clock", json={"advanceSeconds": 3600}).json()
    assert after["epochSeconds"] == pytest.approx(before["epochSeconds"] + 3600)
    assert harness.client.post("/_sim/clock", json={"advanceSeconds": -5}).status_code == 400
    state = harness.client.post("/_sim/clock", json={"freeze": False, "rate": 60}).json()
    assert state["frozen"] is False and state["rate"] == 60


def test_control_plane_account_creation(harness):
    r = harness.client.post("/_sim/accounts", json={"provider": "zapmail", "walletBalance": 42.5})
    assert r.status_code == 201
    body = r.json()
    assert {"id", "provider", "apiKey"} <= set(body) and body["provider"] == "zapmail"
    wallet = harness.client.get("/api/v2/wallet/balance", headers={"x-auth-zapmail": body["apiKey"]}).json()
    assert wallet["walletBalance"] == 42.5
    assert harness.client.post("/_sim/accounts", json={"provider": "nope"}).status_code == 400
    assert harness.client.post("/_sim/accounts", content=b"{oops").status_code == 400
# to append to tests/test_surface.py after the merges
TIER_BC = zapmail_tier("B") + zapmail_tier("C")


def test_tiers_b_and_c_are_complete_in_route_listing_with_sources(harness):
    """Every later endpoint of the reference is served, each with the provenance its source gives."""
    rows = {(r["method"], r["path"]): r for r in harness.client.get("/_sim/routes").json() if r["provider"] == "zapmail"}
    assert len(TIER_BC) == 77
    missing = [(m, p) for m, p in TIER_BC if (m, "/api" + p) not in rows]
    assert not missing, missing
    assert {rows[(m, "/api" + p)]["provenance"] for m, p in TIER_BC} <= {"documented", "observed"}


def test_tiers_b_and_c_appear_in_the_document_with_their_bodies():
    doc = document("zapmail")
    for method, path in TIER_BC:
        entry = doc["paths"][path][method.lower()]
        assert entry["x-provenance"] in ("documented", "observed"), (method, path)
        if method in ("POST", "PUT", "PATCH"):  # what the write takes: a body, or its query parameters
            inputs = [p for p in entry.get("parameters", []) if p["in"] in ("query", "path")]
            assert "requestBody" in entry or inputs, (method, path)
        assert "401" in entry["responses"], (method, path)


@pytest.mark.parametrize("method,path", TIER_BC)
def test_every_later_route_needs_a_key(harness, method, path):
    error(harness.client.request(method, "/api" + path), 401, "x-auth-zapmail")


@pytest.mark.parametrize("method,path", TIER_BC)
def test_every_later_route_answers_a_keyed_request_in_its_envelope(zap, method, path):
    r = zap.request(method, path)
    assert r.status_code < 500, r.text
    if r.status_code >= 400:
        error(r, r.status_code)
    elif (method, path) in FLAT:
        assert isinstance(r.json(), dict)
    else:
        envelope(r, r.status_code)
