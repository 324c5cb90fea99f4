"""Zapmail Tier C: quick setup. One call buys domains, creates mailboxes and optionally exports;
each domain walks the statuses support listed (zapmail-v2-observed.yaml, status_enums.quick_setup)
on the clock. Driven over HTTP; the money, domains, mailboxes and exports read back; refusals
change nothing."""
from __future__ import annotations

import re

import pytest

from .helpers import all_mailboxes, assert_shape, envelope, error, wallet
from .observed import _observed, error_where, example

BILLING = {"firstName": "Ada", "lastName": "Lovelace", "addressLineOne": "12 Square", "city": "London",
           "country": "GB", "postalCode": "SW1"}
STATUSES = _observed()["status_enums"]["quick_setup"]["values"]



def billed(harness, balance=500, **fixture):
    api = harness.account(walletBalance=balance, **({"fixture": fixture} if fixture else {}))
    envelope(api.post("/v2/billing", json=BILLING))
    return api


def setup_body(name="quickstart.com", users=("ada",), export=None, key="username"):
    body = {"domains": [{"domainName": name}],
            "mailboxes": {name: [{key: u, "firstName": u.title(), "lastName": "Tester"} for u in users]},
            "enableDnsShield": False}
    if export:
        body["exportApp"] = export
    return body


def status(api, name="quickstart.com"):
    return envelope(api.get("/v2/quick-setup", params={"domain": name}))


def walk(api, harness, name="quickstart.com", step=10, limit=400):
    """Every status the domain shows, in order, polling every `step` seconds of the clock."""
    seen = [status(api, name)["status"]]
    for _ in range(limit):
        if seen[-1] in ("COMPLETED", "DOMAIN_FAILED", "MAILBOX_FAILED", "EXPORT_FAILED"):
            break
        harness.advance(step)
        now = status(api, name)["status"]
        if now != seen[-1]:
            seen.append(now)
    return seen


@pytest.mark.parametrize("method,path", [("POST", "/v2/quick-setup"), ("GET", "/v2/quick-setup")])
def test_quick_setup_needs_a_key(harness, method, path):
    error(harness.client.request(method, "/api" + path), 401, "x-auth-zapmail")


def test_a_quick_setup_with_export_runs_to_completion_on_the_clock(harness):
    api = billed(harness)
    r = api.post("/v2/quick-setup", json=setup_body(users=("ada", "bob"), export="MANUAL"))
    data = envelope(r)
    # zapmail-v2-observed.yaml, zapmail.v2.quick_setup.create, 200 (support's keys; inside data here)
    assert_shape(data, example("zapmail.v2.quick_setup.create"))
    assert data["slotsNeeded"] == 0 and data["invoiceUrl"].startswith("http")
    assert wallet(api) == round(500 - 12.99, 2)
    first = status(api)
    assert first["quickSetupBatchId"] == data["quickSetupBatchId"] and first["status"] == "PENDING"
    seen = walk(api, harness)
    # every status support listed, the success path in order
    assert seen == ["PENDING", "DOMAIN_SUCCESS", "MAILBOX_IN_PROGRESS", "MAILBOX_SUCCESS", "EXPORT_IN_PROGRESS",
                    "COMPLETED"]
    assert set(seen) <= set(STATUSES)
    done = status(api)
    rows = envelope(api.get("/v2/domains", params={"contains": "quickstart"}))["domains"]
    assert [(d["domain"], d["status"], d["id"]) for d in rows] == [("quickstart.com", "ACTIVE", done["domainId"])]
    boxes = {m["username"]: m for m in all_mailboxes(api)}
    assert set(boxes) == {"ada", "bob"} and all(m["status"] == "ACTIVE" for m in boxes.values())
    assert sorted(m["email"] for m in done["mailboxes"]) == ["ada@quickstart.com", "bob@quickstart.com"]
    export = envelope(api.get("/v2/exports/status", params={"exportId": done["exportId"]}))
    assert export["status"] == "COMPLETED" and done["exportApp"] == "MANUAL" and done["failureReason"] is None


def test_without_export_it_completes_once_the_mailboxes_are_active(harness):
    api = billed(harness)
    envelope(api.post("/v2/quick-setup", json=setup_body(key="mailboxUsername")))
    assert walk(api, harness) == ["PENDING", "DOMAIN_SUCCESS", "MAILBOX_IN_PROGRESS", "MAILBOX_SUCCESS", "COMPLETED"]
    assert status(api)["exportId"] is None


def test_an_export_to_a_sending_tool_needs_its_account(harness):
    api = billed(harness)
    error(api.post("/v2/quick-setup", json=setup_body(export="SMARTLEAD")), 400, "SMARTLEAD")
    envelope(api.post("/v2/exports/accounts/third-party", json={"email": "ops@example.com", "password": "pw-123456",
                                                                "app": "SMARTLEAD"}))
    envelope(api.post("/v2/quick-setup", json=setup_body(export="SMARTLEAD")))
    assert walk(api, harness)[-1] == "COMPLETED"


def test_a_failing_mailbox_stops_at_mailbox_failed(harness):
    api = billed(harness)
    envelope(api.post("/v2/quick-setup", json=setup_body(users=("fail-ada",), export="MANUAL")))
    assert walk(api, harness)[-1] == "MAILBOX_FAILED"
    assert status(api)["failureReason"]


def test_missing_slots_are_bought_with_the_setup(harness):
    api = billed(harness, workspaces=[{"subscriptions": [
        {"plan": "Starter", "planKey": "zap_mail_starter", "price": 39, "quantity": 1, "platform": "GOOGLE"}]}])
    data = envelope(api.post("/v2/quick-setup", json=setup_body(users=("ada", "bob", "cy"))))
    assert data["slotsNeeded"] == 2
    assert wallet(api) == round(500 - 12.99 - 2 * 3.50, 2)  # two Starter add-on slots (docs price)
    [sub] = envelope(api.get("/v2/subscriptions"))
    assert sub["totalMailboxQuantity"] == 3
    assert walk(api, harness)[-1] == "COMPLETED"
    assert len(all_mailboxes(api)) == 3


def test_an_insufficient_balance_is_the_documented_400_and_buys_nothing(harness):
    api = billed(harness, balance=5)
    text = error(api.post("/v2/quick-setup", json=setup_body()), 400)
    # zapmail-v2-observed.yaml errors_observed, POST /v2/quick-setup: the support-quoted template
    template = error_where("quick-setup")["message"]
    pattern = re.escape(template).replace(r"\$X", r"\$[0-9]+\.[0-9]{2}").replace(r"\$Y", r"\$[0-9]+\.[0-9]{2}")
    assert re.fullmatch(pattern, text), text
    assert text == "Insufficient wallet balance. Required: $12.99, Available: $5.00"
    assert wallet(api) == 5
    assert envelope(api.get("/v2/domains"))["domains"] == []
    error(api.get("/v2/quick-setup", params={"domain": "quickstart.com"}), 404)


def test_a_name_the_registry_refuses_is_charged_then_refunded_and_stops_at_domain_failed(harness):
    """No registry check before charging (zapmail-v2-observed.yaml, domains.buy.behavior): the name
    is paid with the setup, refused at registration, refunded to the wallet and removed."""
    api = billed(harness)
    envelope(api.post("/v2/quick-setup", json=setup_body(name="taken-name.com")))
    assert wallet(api) == round(500 - 12.99, 2)
    assert walk(api, harness, name="taken-name.com")[-1] == "DOMAIN_FAILED"
    assert status(api, "taken-name.com")["failureReason"]
    assert wallet(api) == 500
    assert envelope(api.get("/v2/domains"))["domains"] == [] and all_mailboxes(api) == []


@pytest.mark.parametrize("body,needle", [
    ({"domains": [{"domainName": "workspace-name.com"}], "mailboxes": {}}, "google or microsoft workspace"),
    ({"domains": [{"domainName": "fine-name.com"}], "mailboxes": {"other.com": []}}, "not among the domains"),
    ({"domains": [{"domainName": "fine-name.com"}], "mailboxes": {"fine-name.com": [
        {"username": u, "firstName": "A", "lastName": "B"} for u in "abcdef"]}}, "at most 5"),
    ({"domains": [{"domainName": "fine-name.com"}], "mailboxes": {"fine-name.com": [
        {"username": "a", "firstName": "A", "lastName": "B"}, {"username": "a", "firstName": "C", "lastName": "D"}]}},
     "twice"),
    ({"domains": [], "mailboxes": {}}, "domains"),
    ({"mailboxes": {}}, "domains"),
    ({"domains": [{"domainName": "fine-name.com"}], "mailboxes": {}, "exportApp": "NOPE"}, "Invalid app"),
    ({"domains": [{"domainName": "fine-name.com"}], "mailboxes": {"fine-name.com": [
        {"username": "bad name", "firstName": "A", "lastName": "B"}]}}, "username"),
])
def test_bad_requests_are_400_and_change_nothing(harness, body, needle):
    api = billed(harness)
    error(api.post("/v2/quick-setup", json=body), 400, needle)
    assert wallet(api) == 500 and envelope(api.get("/v2/domains"))["domains"] == []


def test_billing_details_and_a_live_plan_are_needed(harness):
    nobill = harness.account(walletBalance=500)
    error(nobill.post("/v2/quick-setup", json=setup_body()), 400, "billing")
    noplan = billed(harness, workspaces=[{"subscriptions": []}])
    error(noplan.post("/v2/quick-setup", json=setup_body()), 400, "subscription")
    assert wallet(nobill) == 500 and wallet(noplan) == 500


def test_status_query_is_validated(harness):
    api = billed(harness)
    error(api.get("/v2/quick-setup"), 400, "domain")
    error(api.get("/v2/quick-setup", params={"domain": "not a domain"}), 400, "domain")
    error(api.get("/v2/quick-setup", params={"domain": "never-set-up.com"}), 404)


def test_a_quick_setup_survives_a_snapshot_and_restore(harness):
    from .conftest import Harness

    api = billed(harness)
    envelope(api.post("/v2/quick-setup", json=setup_body(export="MANUAL")))
    envelope(api.post("/v2/domains/ai-finder", json={"keywords": ["snap"], "tlds": ["com"], "desiredCount": 3}))
    assert api.post("/v2/prewarmed-domains/purchase", params={"planType": "starter"}).status_code == 200
    harness.advance(340)
    assert status(api)["status"] == "MAILBOX_IN_PROGRESS"
    snap = harness.client.get("/_sim/snapshot")
    assert snap.status_code == 200
    other = Harness()
    assert other.client.post("/_sim/snapshot", content=snap.content,
                             headers={"content-type": "application/json"}).status_code == 200
    again = type(api)(other.client, api.key, api.account)
    assert status(again) == status(api)
    assert walk(again, other)[-1] == "COMPLETED"
    assert envelope(again.get("/v2/prewarmed-domains/subscriptions"))["total"] == 1
