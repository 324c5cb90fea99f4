"""The LiteMail issue's flows end to end, each through the HTTP surface: buy -> assign ->
PENDING -> ACTIVE with dashboard numbers following; tag a domain and list by tag; a placement
test completing on the clock; the whole route table keyed and enveloped; a routes-override file
moving an inferred route."""
from __future__ import annotations

import pytest
import yaml
from starlette.testclient import TestClient

from simulator.app import Simulator
from simulator.providers.litemail.routes import load_override

from . import reference
from .test_litemail_core import Lite, buy, new_lite, ok, paged

REFERENCE = reference.path("litemail.yaml")


@pytest.fixture
def lite(harness) -> Lite:
    return new_lite(harness, walletBalance=300)


def test_buy_assign_activate_and_dashboard_follows(harness, lite):
    before = ok(lite.get("/dashboard/overview"))
    counts_before = ok(lite.get("/dashboard/mailbox-status-counts"))
    buy(lite, "dashflow.com", harness)
    body = {"mailboxes": [{"mailboxUsername": u, "domain": "dashflow.com", "firstName": u.title(), "lastName": "Q"}
                          for u in ("ann", "bob", "cy")]}
    ok(lite.post("/mailboxes/assign", json=body), 201)
    pending = ok(lite.get("/dashboard/mailbox-status-counts"))
    assert pending["counts"]["PENDING"] == counts_before["counts"]["PENDING"] + 3
    assert pending["total"] == counts_before["total"] + 3
    overview = ok(lite.get("/dashboard/overview"))
    assert overview["domains"]["total"] == before["domains"]["total"] + 1
    assert overview["walletBalance"] == pytest.approx(before["walletBalance"] - 12.99)
    harness.advance(601)
    active = ok(lite.get("/dashboard/mailbox-status-counts"))
    assert active["counts"]["PENDING"] == counts_before["counts"]["PENDING"]
    assert active["counts"]["ACTIVE"] == counts_before["counts"]["ACTIVE"] + 3
    assert ok(lite.get("/dashboard/overview"))["slots"]["used"] == before["slots"]["used"] + 3


def test_tag_a_domain_and_list_by_tag(harness, lite):
    tagged = buy(lite, "tagged-one.com", harness)
    other = buy(lite, "untagged-two.com", harness)
    tag = ok(lite.post("/tags", json={"name": "Outbound Q3", "color": "#00aa33", "domainIds": [tagged["id"]]}), 201)
    rows = paged(ok(lite.get("/domains", params={"tagId": tag["id"]})), "domains", 1)
    assert [r["id"] for r in rows] == [tagged["id"]]
    assert other["id"] not in [r["id"] for r in rows]
    ok(lite.post("/mailboxes/assign", json={"mailboxes": [
        {"mailboxUsername": "t1", "domain": "tagged-one.com", "firstName": "T", "lastName": "One"},
        {"mailboxUsername": "u1", "domain": "untagged-two.com", "firstName": "U", "lastName": "One"}]}), 201)
    boxes = paged(ok(lite.get("/mailboxes", params={"tagId": tag["id"]})), "mailboxes", 1)
    assert boxes[0]["username"] == "t1"
    # deleting the tag detaches it; listing by it is then a 404 naming tagId
    ok(lite.delete(f"/tags/{tag['id']}"))
    r = lite.get("/domains", params={"tagId": tag["id"]})
    assert r.status_code == 404 and r.json()["status"] == 404


def test_placement_test_completes_on_the_clock(harness, lite):
    buy(lite, "placement-flow.com", harness)
    data = ok(lite.post("/mailboxes/assign", json={"mailboxes": [
        {"mailboxUsername": "p1", "domain": "placement-flow.com", "firstName": "P", "lastName": "One"}]}), 201)
    harness.advance(601)
    test = ok(lite.post("/placement-tests", json={"mailboxIds": [data["mailboxes"][0]["id"]]}), 201)
    assert test["status"] == "PENDING"
    statuses = []
    for _ in range(3):
        harness.advance(300)
        row = next(t for t in paged(ok(lite.get("/placement-tests")), "placementTests", 1) if t["id"] == test["id"])
        statuses.append(row["status"])
    assert statuses[0] == "RUNNING" and statuses[-1] == "COMPLETED"
    providers = row["results"]["providers"]
    assert {p["provider"] for p in providers} >= {"GOOGLE", "MICROSOFT"}
    for p in providers:
        assert p["inbox"] + p["spam"] + p["missing"] == p["total"] > 0


def test_every_reference_route_is_listed_keyed_and_enveloped(harness, lite):
    ref = yaml.safe_load(open(REFERENCE))["endpoints"]
    listed = {r["operation"]: r for r in harness.client.get("/_sim/routes").json() if r["provider"] == "litemail"}
    assert {"litemail." + e["id"] for e in ref} == set(listed)
    for e in ref:
        row = listed["litemail." + e["id"]]
        assert (row["method"], row["path"], row["provenance"]) == (e["method"], e["path"], e["provenance"])
        path = e["path"].replace("{", "").replace("}", "")  # a made-up id: 404, 400 or the answer
        r = lite.request(e["method"], path[len("/v1"):])
        assert r.status_code < 500, (e["id"], r.text)
        body = r.json()
        assert set(body) >= {"status", "message", "data"} and body["status"] == r.status_code, (e["id"], body)
        unauth = lite.request(e["method"], path[len("/v1"):], auth=False)
        if e["id"] == "apikeys.generate":  # a login: it takes credentials, not a key
            unauth = lite.request("POST", "/api-keys", auth=False, json={"email": "no@one.test", "password": "x"})
        assert unauth.status_code == 401 and unauth.json()["status"] == 401, e["id"]


def test_routes_override_moves_an_inferred_route(tmp_path):
    override = tmp_path / "routes.yaml"
    override.write_text(yaml.safe_dump({"tags.list": {"path": "/v1/labels"},
                                        "litemail.dashboard.overview": {"method": "POST"}}))
    with Simulator(routes_override=load_override(override)) as sim:
        client = TestClient(sim.app)
        key = client.post("/_sim/accounts", json={"provider": "litemail"}).json()["apiKey"]
        h = {"x-api-key": key}
        assert client.get("/v1/labels", headers=h).status_code == 200
        # /v1/tags still takes POST (Create Tag), so a GET there is now the wrong method
        moved = client.get("/v1/tags", headers=h)
        assert moved.status_code == 405 and moved.headers["allow"] == "POST"
        assert client.post("/v1/dashboard/overview", headers=h).status_code == 200
        gone = client.get("/v1/dashboard/overview", headers=h)
        assert gone.status_code == 405 and gone.headers["allow"] == "POST"
        assert client.get("/v1/dashboards", headers=h).status_code == 404
        rows = {r["operation"]: r for r in client.get("/_sim/routes").json()}
        assert rows["litemail.tags.list"]["path"] == "/v1/labels"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"no.such.route": {"path": "/x"}}))
    with pytest.raises(ValueError, match="unknown route id"):
        Simulator(routes_override=load_override(bad))
