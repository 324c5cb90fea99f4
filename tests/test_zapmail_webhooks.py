"""Zapmail v2 webhooks (Tier C), driven over HTTP as a client would: event types, endpoints
(list, create with the secret once, update), the live 422 for unknown event names, and deliveries
to a real HTTP receiver on 127.0.0.1 signed `X-Zapmail-Signature: t=<unix>,v1=<hex>` (verified
here as infra-bot does), retried with back-off when the receiver fails, every attempt visible at
/_sim/webhooks/deliveries. Shapes are compared with the observed reference (source named)."""
from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import datetime

import pytest
import yaml

from .helpers import assert_shape, assign, buy_domain, envelope, error
from .reference import path as reference_path
from .test_litemail_features import Receiver, receiver  # noqa: F401  (receiver: the fixture)

with open(reference_path("zapmail-v2-observed.yaml")) as _fh:
    _OBSERVED = yaml.safe_load(_fh)
DELIVERIES = _OBSERVED["webhook_deliveries"]
ENDPOINTS = {op["id"]: op for op in _OBSERVED["endpoints"] if op["id"].startswith("zapmail.v2.webhooks.")}
# zapmail-v2-observed.yaml, zapmail.v2.webhooks.list_endpoints, 200 (live on two accounts: data [])
LIVE_LIST = ENDPOINTS["zapmail.v2.webhooks.list_endpoints"]["responses"][0]["example"]
# zapmail.v2.webhooks.create_endpoint: the body example (infra-bot) and the 200 (reconstructed from client reads)
CREATE_BODY = ENDPOINTS["zapmail.v2.webhooks.create_endpoint"]["body"]["example"]
CREATED = ENDPOINTS["zapmail.v2.webhooks.create_endpoint"]["responses"][0]["example"]
# webhook_deliveries: the live allowed list (a live 422 listed it), the two names it refused, the
# event envelope of infra-bot's dev sender and its payload fixtures
ALLOWED = DELIVERIES["allowed_event_types_live"]
REJECTED = DELIVERIES["rejected_event_types_live"]
ENVELOPE = DELIVERIES["event_envelope_fixture"]
PAYLOADS = DELIVERIES["payload_fixtures"]
ROUTES = [("GET", "/v2/webhook/events"), ("GET", "/v2/webhooks/endpoints"), ("POST", "/v2/webhooks/endpoints"),
          ("PATCH", "/v2/webhooks/endpoints/some-id")]


def create(api, url, events, status=200):
    return envelope(api.post("/v2/webhooks/endpoints", json={"url": url, "enabled_events": events}), status)


def patch(api, endpoint_id, body):
    return api.request("PATCH", f"/v2/webhooks/endpoints/{endpoint_id}", json=body)


def verify(secret: str, header: str, raw: bytes) -> int:
    """infra-bot's check: t and v1 from the header, v1 == hex HMAC-SHA256(secret, "t.body"),
    compared in constant time. Returns t."""
    parts = dict(item.split("=", 1) for item in header.split(","))
    assert set(parts) == {"t", "v1"}, header
    expected = hmac.new(secret.encode(), f"{parts['t']}.".encode() + raw, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(expected, parts["v1"]), header
    return int(parts["t"])


def deliveries(harness, done=lambda rows: True, timeout=10.0):
    """The control plane's view of every delivery, once `done` holds (or the time is up)."""
    deadline = time.monotonic() + timeout
    while True:
        rows = harness.client.get("/_sim/webhooks/deliveries").json()["deliveries"]
        if done(rows) or time.monotonic() > deadline:
            return rows
        time.sleep(0.02)


def active_mailbox(harness, api, name="hooked.com", user="ada"):
    d = buy_domain(api, harness, name)
    envelope(assign(api, d, [user]))
    harness.advance(601)
    return d


# ---------------------------------------------------------------- endpoints

@pytest.mark.parametrize("method,path", ROUTES)
def test_every_webhook_route_needs_the_key(zap, method, path):
    error(zap.request(method, path, json={} if method != "GET" else None, auth=False), 401, "API key is missing")


def test_event_types_are_the_live_allowed_list(zap):
    r = zap.get("/v2/webhook/events")
    assert sorted(envelope(r)) == sorted(ALLOWED) and not set(REJECTED) & set(envelope(r))
    assert r.json()["message"] == "Event types fetched successfully"
    # the plural path is the endpoints'; the singular one has nothing else
    error(zap.get("/v2/webhooks/events"), 404)


def test_create_answers_the_secret_once_and_lists_the_live_shape(zap):
    r = zap.get("/v2/webhooks/endpoints")
    assert set(r.json()) == set(LIVE_LIST) and envelope(r) == LIVE_LIST["data"] == []
    body = {**CREATE_BODY, "url": "http://127.0.0.1:9/webhooks/zapmail/primary"}
    made = envelope(zap.post("/v2/webhooks/endpoints", json=body))
    assert_shape(made, CREATED["data"])  # id, url, status, enabled_events, secret
    assert (made["url"], made["enabled_events"], made["status"]) == (body["url"], CREATE_BODY["enabled_events"], "ACTIVE")
    assert made["secret"].startswith("whsec_") and len(made["secret"]) == 38
    listed = zap.get("/v2/webhooks/endpoints")
    assert envelope(listed) == [{k: v for k, v in made.items() if k != "secret"}]
    assert made["secret"] not in listed.text
    # the wildcard family the live list has
    star = create(zap, "http://127.0.0.1:9/ws", ["workspace.*", "workspace.*"])
    assert star["enabled_events"] == ["workspace.*"]
    assert [e["id"] for e in envelope(zap.get("/v2/webhooks/endpoints"))] == [made["id"], star["id"]]


def test_endpoints_belong_to_their_workspace(harness, zap):
    create(zap, "http://127.0.0.1:9/mine", ["domain.updated"])
    assert envelope(harness.account().get("/v2/webhooks/endpoints")) == []
    second = envelope(zap.post("/v2/workspaces", json={"name": "Second brand", "billingDetails": {
        "firstName": "Ada", "lastName": "Lovelace", "company": "Engines", "addressLineOne": "12 Square",
        "city": "London", "state": "London", "country": "GB", "postalCode": "SW1Y", "phoneCc": "+44",
        "phone": "2079460000", "languagePreference": "en"}}))
    assert envelope(zap.get("/v2/webhooks/endpoints", headers={"x-workspace-key": second["id"]})) == []


def test_create_errors(harness, zap):
    url = "http://127.0.0.1:9/hooks"
    for names in (["mailbox.created"], REJECTED, ["domain.updated", "nope.event"]):
        message = error(zap.post("/v2/webhooks/endpoints", json={"url": url, "enabled_events": names}), 422)
        assert all(name in message for name in ALLOWED), message  # the 422 lists the allowed names
    cases = [({"url": url, "enabled_events": []}, "enabled_events"),
             ({"url": url, "enabled_events": "domain.updated"}, "enabled_events"),
             ({"enabled_events": ["domain.updated"]}, "url"),
             ({"url": "ftp://127.0.0.1/x", "enabled_events": ["domain.updated"]}, "url"),
             # a public host is refused unless the simulator allows it (setting webhook_allowed_hosts)
             ({**CREATE_BODY}, "not allowed")]
    for body, text in cases:
        error(zap.post("/v2/webhooks/endpoints", json=body), 400, text)
    create(zap, url, ["domain.updated"])
    error(zap.post("/v2/webhooks/endpoints", json={"url": url, "enabled_events": ["mailbox.updated"]}), 400,
          "already registered")
    assert len(envelope(zap.get("/v2/webhooks/endpoints"))) == 1  # nothing half-made
    harness.world.settings["webhook_allowed_hosts"] = ["example.com"]
    assert create(zap, CREATE_BODY["url"], CREATE_BODY["enabled_events"])["url"] == CREATE_BODY["url"]


def test_update_changes_what_it_names_and_lists_the_changeable_fields(harness, zap):
    made = create(zap, "http://127.0.0.1:9/a", ["domain.updated"])
    message = error(patch(zap, made["id"], {}), 400, "Nothing to update")
    assert "url, enabled_events, status" in message
    error(patch(zap, made["id"], {"status": None}), 400, "status")
    error(patch(zap, made["id"], {"status": "DISABLED", "secret": "x"}), 400, "Unknown field(s): secret")
    error(patch(zap, made["id"], {"enabled_events": ["mailbox.status_changed"]}), 422, "mailbox.updated")
    error(patch(zap, made["id"], {"status": "PAUSED"}), 400, "status")
    error(patch(zap, "no-such-endpoint", {"status": "DISABLED"}), 404, "Webhook not found")
    error(patch(harness.account(), made["id"], {"status": "DISABLED"}), 404)
    other = create(zap, "http://127.0.0.1:9/b", ["mailbox.updated"])
    error(patch(zap, made["id"], {"url": other["url"]}), 400, "already registered")
    r = patch(zap, made["id"], {"status": "DISABLED"})
    assert envelope(r) == {**{k: v for k, v in made.items() if k != "secret"}, "status": "DISABLED"}
    assert r.json()["message"] == "Webhook endpoint updated successfully"
    changed = envelope(patch(zap, made["id"], {"url": "http://127.0.0.1:9/c", "status": "ACTIVE",
                                               "enabled_events": ["export.failed", "mailbox.updated"]}))
    assert changed == {"id": made["id"], "url": "http://127.0.0.1:9/c", "status": "ACTIVE",
                       "enabled_events": ["export.failed", "mailbox.updated"]}
    assert envelope(zap.get("/v2/webhooks/endpoints"))[0] == changed


# ---------------------------------------------------------------- deliveries

def test_a_state_change_is_delivered_signed_to_a_local_receiver(harness, zap, receiver):  # noqa: F811
    rx = receiver()
    hook = create(zap, rx.url, ["mailbox.updated", "domain.updated"])
    quiet = create(zap, rx.url + "/quiet", ["export.failed"])  # subscribed to nothing that happens here
    active_mailbox(harness, zap)
    received = rx.wait_for(2)
    by_type = {}
    for headers, raw in received:
        t = verify(hook["secret"], headers["x-zapmail-signature"], raw)
        event = json.loads(raw)
        assert abs(t - event["created"]) <= 1 + 601  # signed at the attempt, within the clock's step
        by_type[event["type"]] = (headers, event)
        # the dev sender's envelope: id, created, api_version, type, data (data by type, below)
        assert_shape({**event, "data": {}}, {**ENVELOPE, "data": {}})
        assert event["id"].startswith("evt_") and event["api_version"] == ENVELOPE["api_version"]
        assert headers["x-zapmail-event"] == event["type"] and headers["content-type"] == "application/json"
        with pytest.raises(AssertionError):  # another secret does not verify
            verify("whsec_wrong", headers["x-zapmail-signature"], raw)
    # mailbox.updated: the dev sender's fixture keys (mailboxDetails username/domain/status and
    # previousState), plus id and email (ours)
    mailbox = by_type["mailbox.updated"][1]["data"]
    assert_shape(mailbox, ENVELOPE["data"], exact=False)
    assert mailbox == {"mailboxDetails": {"id": mailbox["mailboxDetails"]["id"], "username": "ada",
                                          "email": "ada@hooked.com", "domain": "hooked.com", "status": "ACTIVE"},
                       "previousState": {"status": "IN_PROGRESS"}}
    # domain.updated: payload_fixtures["domain.updated"] but healthScore (not modelled on events), plus id (ours)
    domain = by_type["domain.updated"][1]["data"]
    fixture = {**PAYLOADS["domain.updated"], "domainDetails": {k: v for k, v in PAYLOADS["domain.updated"][
        "domainDetails"].items() if k != "healthScore"}}
    assert_shape(domain, fixture, exact=False)
    assert (domain["domainDetails"]["domain"], domain["domainDetails"]["status"], domain["previousState"]) == \
        ("hooked.com", "ACTIVE", {"status": "PENDING"})
    # the control plane shows each delivery with its one attempt
    rows = deliveries(harness, lambda rows: all(r["status"] == "DELIVERED" for r in rows) and len(rows) == 2)
    assert sorted((r["event"], r["status"], r["webhookId"], r["provider"]) for r in rows) == [
        ("domain.updated", "DELIVERED", hook["id"], "zapmail"), ("mailbox.updated", "DELIVERED", hook["id"], "zapmail")]
    assert all([(a["attempt"], a["statusCode"]) for a in r["attempts"]] == [(1, 200)] for r in rows)
    assert {r["eventId"] for r in rows} == {e["id"] for _, e in by_type.values()}
    assert {h["x-zapmail-delivery"] for h, _ in by_type.values()} == {r["id"] for r in rows}
    assert quiet["id"] not in {r["webhookId"] for r in rows} and len(rx.received) == 2


def test_a_failing_receiver_is_retried_with_back_off(harness, zap, receiver):  # noqa: F811
    delays = [0.3, 0.6]
    harness.world.settings["webhook_retry_delays_seconds"] = delays
    rx = receiver(statuses=(500, 503, 200))
    hook = create(zap, rx.url, ["domain.updated"])
    buy_domain(zap, harness, "retried.com")
    harness.client.post("/_sim/clock", json={"freeze": False})  # attempts' times are then real ones
    received = rx.wait_for(3)
    assert len({raw for _, raw in received}) == 1  # the same event each time...
    assert len({h["x-zapmail-delivery"] for h, _ in received}) == 1
    for headers, raw in received:  # ...signed afresh for each attempt, every signature valid
        verify(hook["secret"], headers["x-zapmail-signature"], raw)
    [row] = deliveries(harness, lambda rows: rows and rows[0]["status"] == "DELIVERED")
    assert row["status"] == "DELIVERED" and row["event"] == "domain.updated"
    attempts = row["attempts"]
    assert [(a["attempt"], a["statusCode"], a["error"]) for a in attempts] == [(1, 500, None), (2, 503, None),
                                                                                (3, 200, None)]
    seconds = [datetime.fromisoformat(a["at"].replace("Z", "+00:00")).timestamp() for a in attempts]
    gaps = [b - a for a, b in zip(seconds, seconds[1:])]
    assert all(gap >= delay * 0.9 for gap, delay in zip(gaps, delays)), (gaps, delays)  # the back-off waited


def test_a_receiver_that_keeps_failing_ends_failed_and_a_disabled_endpoint_gets_nothing(harness, zap,
                                                                                        receiver):  # noqa: F811
    harness.world.settings["webhook_retry_delays_seconds"] = [0.05]
    down = receiver(statuses=(500,))
    failing = create(zap, down.url, ["domain.updated"])
    off = create(zap, down.url + "/off", ["domain.updated"])
    envelope(patch(zap, off["id"], {"status": "DISABLED"}))
    buy_domain(zap, harness, "keepsfailing.com")
    rows = deliveries(harness, lambda rows: rows and rows[0]["status"] == "FAILED")
    assert [(r["webhookId"], r["status"], [a["statusCode"] for a in r["attempts"]]) for r in rows] == [
        (failing["id"], "FAILED", [500, 500])]
    assert len(down.received) == 2


def test_exports_and_subscriptions_are_delivered(harness, zap, receiver):  # noqa: F811
    rx = receiver()
    hook = create(zap, rx.url, ["export.started", "export.completed", "subscription.billing_changed",
                                "subscription.status_changed"])
    active_mailbox(harness, zap)
    [m] = [m for g in envelope(zap.get("/v2/mailboxes/list"))["domains"] for m in g["mailboxes"]]
    started = envelope(zap.post("/v2/exports/mailboxes", json={"apps": ["MANUAL"], "ids": [m["id"]]}))
    harness.advance(121)
    subs = envelope(zap.get("/v2/subscriptions"))
    growth = next(s for s in subs if s["plan"] == "Growth")
    assert zap.post("/v2/subscriptions/upgrade", json={"subscriptionId": growth["subscriptionId"],
                                                      "lookupKey": "zap_mail_pro"}).status_code == 200
    envelope(zap.post("/v2/subscriptions/cancel", json={"subscriptionId": growth["subscriptionId"],
                                                        "revertCancellation": False}))
    harness.advance(31 * 86400)  # the cancelled subscription ends with its period
    events = []
    for headers, raw in rx.wait_for(4):
        verify(hook["secret"], headers["x-zapmail-signature"], raw)
        events.append(json.loads(raw))
    by_type = {e["type"]: e["data"] for e in events}
    assert set(by_type) == {"export.started", "export.completed", "subscription.billing_changed",
                            "subscription.status_changed"}
    # export: the fixture's keys (export_id as a string, app_name, export_status, mailboxes)
    assert_shape(by_type["export.completed"], {k: v for k, v in PAYLOADS["export.failed"].items() if k != "error"})
    assert by_type["export.completed"] == {"export_id": str(started["exportId"]), "app_name": "MANUAL",
                                           "export_status": "COMPLETED", "mailboxes": ["ada@hooked.com"]}
    assert by_type["export.started"]["export_status"] == "IN_PROGRESS"
    # subscription.billing_changed: the fixture's {subscription_id, changes.price.previous/current}
    billing = by_type["subscription.billing_changed"]
    assert set(billing) == set(PAYLOADS["subscription.billing_changed"]) and set(billing["changes"]["price"]) == \
        {"previous", "current"}
    assert billing["subscription_id"] == growth["subscriptionId"]
    assert billing["changes"]["price"]["current"] > billing["changes"]["price"]["previous"]
    assert by_type["subscription.status_changed"] == {"subscription_id": growth["subscriptionId"],
                                                      "status": "CANCELLED", "previous_status": "ACTIVE"}


def test_twenty_failed_attempts_in_a_row_disable_the_endpoint(harness, zap, receiver):  # noqa: F811
    """infra-bot's notes of the live policy: 20 consecutive failures disable the endpoint; here it
    can be re-enabled with PATCH status ACTIVE, and what was pending is sent then."""
    harness.world.settings["webhook_retry_delays_seconds"] = [0.01] * 30
    rx = receiver(statuses=(500,) * 20 + (200,))
    hook = create(zap, rx.url, ["domain.updated"])
    buy_domain(zap, harness, "flaky.com")
    rx.wait_for(20)
    rows = deliveries(harness, lambda rows: rows and len(rows[0]["attempts"]) == 20)
    assert [a["statusCode"] for a in rows[0]["attempts"]] == [500] * 20 and rows[0]["status"] == "PENDING"
    deadline = time.monotonic() + 10
    while envelope(zap.get("/v2/webhooks/endpoints"))[0]["status"] != "DISABLED" and time.monotonic() < deadline:
        time.sleep(0.02)
    assert envelope(zap.get("/v2/webhooks/endpoints"))[0]["status"] == "DISABLED"
    time.sleep(0.1)
    assert len(rx.received) == 20  # no attempt while disabled
    envelope(patch(zap, hook["id"], {"status": "ACTIVE"}))
    rx.wait_for(21)
    [row] = deliveries(harness, lambda rows: rows[0]["status"] == "DELIVERED")
    assert row["status"] == "DELIVERED" and [a["statusCode"] for a in row["attempts"]][-1] == 200
