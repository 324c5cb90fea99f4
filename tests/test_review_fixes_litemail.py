"""Review fixes on the LiteMail side and the shared machinery, driven over HTTP: journal redaction
of percent-encoded secret names, webhook hosts, drift and reset, the routes override, the field
an unknown mailbox is reported under, one check for "mailboxes of this workspace", and webhook
deliveries that resume after a restore."""
from __future__ import annotations

import time
from pathlib import Path

import orjson
import pytest
import yaml
from starlette.testclient import TestClient

from simulator.app import Simulator
from simulator.core.routing import Route, RouteTable
from simulator.domain import webhooks
from simulator.providers.litemail.routes import load_override

from .conftest import Harness
from .helpers import envelope
from .test_litemail_features import (  # noqa: F401 - lite and receiver are fixtures
    ids, lite, lite_account, lite_error, receiver, wait_for_webhook)

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- journal redaction

def test_journal_redacts_secret_names_even_when_percent_encoded(lite, harness):
    secrets = {"p%61ssword": "hunter2", "key": "k-123456", "authorization": "Bearer%20x-secret",
               "%73ession": "sess-42", "totp": "123456", "x-signature": "sig-99", "cookie": "c=1",
               "client_credential": "cred-7", "pwd": "pw-8", "otp": "otp-9", "user_token": "tok-1",
               "Secret": "sh", "passwd": "pw-10", "x-auth": "au-11"}
    query = "&".join(f"{k}={v}" for k, v in secrets.items()) + "&limit=5"
    r = lite.client.get(f"/v1/users?{query}", headers={"x-api-key": lite.key})
    assert r.status_code == 200, r.text
    journal = harness.client.get("/_sim/journal", params={"routeId": "litemail.users.get"})
    [entry] = journal.json()["entries"]
    decoded = {"password", "key", "authorization", "session", "totp", "x-signature", "cookie",
               "client_credential", "pwd", "otp", "user_token", "Secret", "passwd", "x-auth"}
    assert entry["query"] == {**{name: "[REDACTED]" for name in decoded}, "limit": "5"}
    text = harness.client.get("/_sim/journal").text
    for value in ("hunter2", "k-123456", "x-secret", "sess-42", "123456", "sig-99", "cred-7", "pw-8", "otp-9",
                  "tok-1", "pw-10", "au-11"):
        assert value not in text, value


# ---------------------------------------------------------------- webhook hosts

@pytest.mark.parametrize("url", [
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.7:8080/hook",
    "https://hooks.example.com/h",
    "http://2852039166/",  # 169.254.169.254 written as one number
    "http://0xa9fea9fe/",  # ...and in hex
    "http://[fd00::1]/h",
    "http://0.0.0.0:9/h",
])
def test_webhooks_to_other_hosts_are_refused_naming_the_url_field(lite, url):
    body = lite_error(lite.post("/webhooks", json={"url": url}), 400, "url", "not allowed")
    assert "webhook_allowed_hosts" in body["message"]
    assert envelope(lite.get("/webhooks"))["webhooks"] == []


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/h", "http://127.0.0.53/h", "http://[::1]:9/h", "http://localhost:8080/h",
    "https://LOCALHOST/h", "http://app:3000/webhooks", "http://my-service/h",
])
def test_webhooks_to_loopback_localhost_and_service_names_are_accepted(lite, url):
    hook = envelope(lite.post("/webhooks", json={"url": url}), 201)
    assert hook["url"] == url


def test_the_allowed_hosts_setting_lets_named_hosts_or_any_host_through():
    harness = Harness()
    harness.world.settings["webhook_allowed_hosts"] = ["hooks.example.com"]
    api = lite_account(harness)
    envelope(api.post("/webhooks", json={"url": "https://hooks.example.com/h"}), 201)
    envelope(api.post("/webhooks", json={"url": "https://HOOKS.example.com./other"}), 201)
    lite_error(api.post("/webhooks", json={"url": "https://other.example.com/h"}), 400, "url")
    lite_error(api.post("/webhooks", json={"url": "http://169.254.169.254/"}), 400, "url")
    harness.world.settings["webhook_allowed_hosts"] = ["*"]
    envelope(api.post("/webhooks", json={"url": "http://169.254.169.254/"}), 201)


def test_the_host_is_checked_again_when_a_delivery_is_sent(lite, harness):
    harness.world.settings["webhook_allowed_hosts"] = ["hooks.example.invalid"]
    harness.world.settings["webhook_retry_delays_seconds"] = [0.05, 0.05]
    hook = envelope(lite.post("/webhooks", json={"url": "https://hooks.example.invalid/h"}), 201)
    harness.world.settings["webhook_allowed_hosts"] = []  # the simulator no longer allows it
    harness.advance(600)  # 'fresh' turns ACTIVE: one delivery
    envelope(lite.get("/webhooks"))
    row = wait_for_webhook(lite, hook["id"], lambda w: w["deliveryStats"]["failed"] == 1)
    assert row["deliveryStats"] == {"total": 1, "pending": 0, "delivered": 0, "failed": 1}
    [attempt] = row["recentDeliveries"][0]["attempts"]  # refused, not retried
    assert attempt["statusCode"] is None and "not allowed" in attempt["error"], attempt


# ---------------------------------------------------------------- drift and reset

def test_reset_returns_drift_to_none_when_it_started_without():
    harness = Harness()
    api = lite_account(harness)
    http = harness.client
    assert http.post("/_sim/drift", json={"profile": "litemail-renamed-field"}).json()["active"] \
        == "litemail-renamed-field"
    assert "name" in envelope(api.get("/users"))
    assert http.post("/_sim/reset").status_code == 200
    assert http.get("/_sim/drift").json()["active"] is None
    api = lite_account(harness)  # the reset removed the account made after start
    user = envelope(api.get("/users"))
    assert "fullName" in user and "name" not in user


def test_reset_returns_drift_to_the_start_up_profile():
    from simulator.cli import build_parser, make_simulator

    sim, _ = make_simulator(build_parser().parse_args(["serve", "--no-default-world", "--drift", "changed-enum"]))
    http = TestClient(sim.app)
    assert http.post("/_sim/drift", json={"profile": "litemail-created-status"}).json()["active"] \
        == "litemail-created-status"
    http.post("/_sim/reset")
    assert http.get("/_sim/drift").json()["active"] == "changed-enum"
    http.post("/_sim/drift", json={"profile": None})
    http.post("/_sim/reset")
    assert http.get("/_sim/drift").json()["active"] == "changed-enum"
    # marking a new start state takes the drift profile with it
    http.post("/_sim/drift", json={"profile": "wrong-status"})
    assert http.post("/_sim/baseline").status_code == 200
    http.post("/_sim/drift", json={"profile": None})
    http.post("/_sim/reset")
    assert http.get("/_sim/drift").json()["active"] == "wrong-status"


# ---------------------------------------------------------------- routes override

def _override(tmp_path, doc) -> dict:
    path = tmp_path / "routes.yaml"
    path.write_text(yaml.safe_dump(doc))
    return load_override(path)


def test_an_override_must_keep_the_routes_path_parameter_names(tmp_path):
    with pytest.raises(ValueError, match=r"\{tagId\}"):
        Simulator(routes_override=_override(tmp_path, {"tags.delete": {"path": "/labels/{id}"}}))
    with pytest.raises(ValueError, match=r"\{tagId\}"):
        Simulator(routes_override=_override(tmp_path, {"tags.delete": {"path": "/labels"}}))
    with pytest.raises(ValueError, match="tags.list"):
        Simulator(routes_override=_override(tmp_path, {"tags.list": {"path": "/labels/{tagId}"}}))


def test_an_override_keeping_the_names_moves_the_route_and_the_handler_gets_its_id(tmp_path):
    with Simulator(routes_override=_override(tmp_path, {"tags.delete": {"path": "/v1/labels/{tagId}"}})) as sim:
        client = TestClient(sim.app)
        key = client.post("/_sim/accounts", json={"provider": "litemail"}).json()["apiKey"]
        h = {"x-api-key": key}
        tag = client.post("/v1/tags", headers=h, json={"name": "vip"}).json()["data"]
        r = client.delete(f"/v1/labels/{tag['id']}", headers=h)
        assert r.status_code == 200, r.text
        assert client.get("/v1/tags", headers=h).json()["data"]["tags"] == []


def test_an_override_taking_another_routes_shape_fails_at_start_up(tmp_path):
    # /webhooks/{tagId} matches exactly the requests of DELETE /webhooks/{webhookId}
    with pytest.raises(ValueError, match=r"two routes claim DELETE /v1/webhooks/\{\}") as failed:
        Simulator(routes_override=_override(tmp_path, {"tags.delete": {"path": "/webhooks/{tagId}"}}))
    assert "litemail.webhooks.delete" in str(failed.value) and "litemail.tags.delete" in str(failed.value)


def test_the_cli_refuses_a_shadowing_override(tmp_path):
    from simulator.cli import build_parser, make_simulator

    path = tmp_path / "routes.yaml"
    path.write_text(yaml.safe_dump({"tags.delete": {"path": "/webhooks/{tagId}"}}))
    with pytest.raises(SystemExit, match="two routes claim"):
        make_simulator(build_parser().parse_args(["serve", "--no-default-world", "--routes-override", str(path)]))


def test_a_route_table_refuses_two_patterns_of_the_same_shape():
    def route(op, path, method="GET"):
        return Route(method, path, lambda call: None, op, op, "inferred", "read", {200: dict})

    with pytest.raises(ValueError, match=r"two routes claim GET /p/things/\{\}: a and b"):
        RouteTable("/p", [route("a", "/things/{thingId}"), route("b", "/things/{id}")])
    RouteTable("/p", [route("a", "/things/{id}"), route("b", "/things/{id}", "DELETE"),
                      route("c", "/things/export")])  # other methods and exact paths are fine


# ---------------------------------------------------------------- unknown mailbox field

def test_removing_an_unknown_mailbox_names_the_path_parameter(lite):
    body = lite_error(lite.delete("/mailboxes/no-such-mailbox"), 404, "mailboxId")
    assert [e["field"] for e in body["errors"]] == ["mailboxId"]
    other = lite_account(lite.harness, [{"name": "other.com", "status": "ACTIVE",
                                         "mailboxes": [{"username": "x", "firstName": "X", "lastName": "Y"}]}])
    theirs = next(iter(other.state.mailboxes))
    lite_error(lite.delete(f"/mailboxes/{theirs}"), 404, "mailboxId")  # another account's: unknown here
    old = ids(lite)["old"]
    removed = envelope(lite.delete(f"/mailboxes/{old}"))
    assert removed["id"] == old


# ---------------------------------------------------------------- mailboxes of this workspace, once

def test_placement_export_history_and_tags_check_mailbox_ids_the_same_way(lite):
    m = ids(lite)
    for path, extra in (("/placement-tests", {}), ("/export-history", {"app": "instantly"}), ("/tags", {"name": "t"})):
        body = lite_error(lite.post(path, json={"mailboxIds": [m["old"], "nope"], **extra}), 404, "mailboxIds[1]")
        assert "Mailbox not found: nope" in body["message"]
    # an inactive mailbox is refused by placement, at its own index, before a later unknown id
    lite_error(lite.post("/placement-tests", json={"mailboxIds": [m["fresh"], "nope"]}), 400, "mailboxIds[0]")
    test = envelope(lite.post("/placement-tests", json={"mailboxIds": [m["old"], m["young"], m["old"]]}), 201)
    record = envelope(lite.post("/export-history", json={"app": "instantly",
                                                         "mailboxIds": [m["young"], m["fresh"], m["young"]]}), 201)
    assert test["mailboxIds"] == [m["old"], m["young"]]
    assert record["mailboxIds"] == [m["young"], m["fresh"]]
    tag = envelope(lite.post("/tags", json={"name": "t", "mailboxIds": [m["mid"], m["old"], m["mid"]]}), 201)
    tagged = envelope(lite.get("/mailboxes", params={"tagId": tag["id"]}))["mailboxes"]
    assert sorted(x["id"] for x in tagged) == sorted([m["mid"], m["old"]])


def test_the_mailboxes_of_a_workspace_loop_is_written_once():
    domain = ROOT / "simulator" / "domain"
    holders = [p.name for p in sorted(domain.glob("*.py")) if 'f"Mailbox not found: {' in p.read_text()]
    assert holders == ["export_history.py"], holders


# ---------------------------------------------------------------- deliveries after a restore

def _pending_delivery(lite, harness, receiver_):
    """A delivery whose first attempt failed and whose retry is an hour away."""
    harness.world.settings["webhook_retry_delays_seconds"] = [3600]
    rx = receiver_(statuses=(500, 200))
    hook = envelope(lite.post("/webhooks", json={"url": rx.url}), 201)
    harness.advance(600)
    envelope(lite.get("/webhooks"))
    row = wait_for_webhook(lite, hook["id"], lambda w: w["recentDeliveries"] and w["recentDeliveries"][0]["attempts"])
    assert row["deliveryStats"]["pending"] == 1 and len(row["recentDeliveries"][0]["attempts"]) == 1
    return rx, hook


def test_pending_deliveries_resume_after_a_snapshot_is_restored(lite, harness, receiver):
    rx, hook = _pending_delivery(lite, harness, receiver)
    snapshot = harness.client.get("/_sim/snapshot").json()
    harness.sim.control.close()  # the first simulator is done: no retry in an hour
    assert webhooks.deliverer_of(harness.world).queued(harness.world) == 0
    fresh = Harness()
    assert fresh.client.post("/_sim/snapshot", json=snapshot).status_code == 200
    rx.wait_for(2)
    restored = lite_account(fresh)  # any key will do to read...
    restored.key = lite.key  # ...but the restored account's is the one
    row = wait_for_webhook(restored, hook["id"], lambda w: w["deliveryStats"]["delivered"] == 1)
    assert [a["statusCode"] for a in row["recentDeliveries"][0]["attempts"]] == [500, 200]
    assert row["deliveryStats"] == {"total": 1, "pending": 0, "delivered": 1, "failed": 0}
    fresh.sim.control.close()


def test_pending_deliveries_resume_after_a_state_file_restart(lite, harness, receiver, tmp_path):
    from simulator.cli import build_parser, make_simulator, write_state

    rx, hook = _pending_delivery(lite, harness, receiver)
    state = tmp_path / "state.json"
    write_state(harness.sim, str(state))
    harness.sim.control.close()
    assert orjson.loads(state.read_bytes())["scope"] == "world"
    sim, _ = make_simulator(build_parser().parse_args(["serve", "--no-default-world", "--state-file", str(state)]))
    rx.wait_for(2)
    client = TestClient(sim.app)
    deadline = time.monotonic() + 10
    while True:
        rows = client.get("/v1/webhooks", headers={"x-api-key": lite.key}).json()["data"]["webhooks"]
        row = next(w for w in rows if w["id"] == hook["id"])
        if row["deliveryStats"]["delivered"] == 1 or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert row["deliveryStats"] == {"total": 1, "pending": 0, "delivered": 1, "failed": 0}
    sim.control.close()


def test_closing_a_simulator_stops_its_retries(lite, harness, receiver):
    harness.world.settings["webhook_retry_delays_seconds"] = [0.2, 0.2, 0.2]
    rx = receiver(statuses=(500,))
    hook = envelope(lite.post("/webhooks", json={"url": rx.url}), 201)
    harness.advance(600)
    envelope(lite.get("/webhooks"))
    rx.wait_for(1)
    harness.sim.close()  # Simulator.close() stops this world's retries
    assert webhooks.deliverer_of(harness.world).queued(harness.world) == 0
    time.sleep(1.0)  # three retries would have gone out by now
    assert len(rx.received) == 1
    row = next(w for w in envelope(lite.get("/webhooks"))["webhooks"] if w["id"] == hook["id"])
    assert row["deliveryStats"]["pending"] == 1  # left as it was, not failed
