"""Placement tests, DNS Shield and Zap Sites (Tier C, issue 10): each operation answers its
documented success shape in a sequence a client would run, and the next read shows the change.
Buying plans and tests spends money and the sites are new records, so the sequences run only
against the simulator the suite started itself, whose clock they move (the reports and sites
finish on it); the scan is a read, sent to any target."""
from __future__ import annotations

import pytest

from simulator.admin.guard import TOKEN_HEADER

from . import zapmail_plan as zp

PROVIDER = "zapmail"  # conftest runs these tests against this provider only

Z = zp.Z


@pytest.fixture
def own(provider, target):
    if not target.started_here:
        pytest.skip("spends money and makes records: only against its own simulator")
    return target


def advance(target, pytestconfig, seconds: float) -> None:
    token = pytestconfig.getoption("--control-token")
    root = str(target.client.base_url).rstrip("/").removesuffix("/api")
    r = target.client.post(root + "/_sim/clock", json={"advanceSeconds": seconds},
                           headers={TOKEN_HEADER: token} if token else None)
    assert r.status_code == 200, r.text


def domain_id(target, name: str) -> str:
    rows = target.call(Z + "domains.list", params={"contains": name, "limit": 10}).json()["data"]["domains"]
    return next(d["id"] for d in rows if d["domain"] == name)


def test_scan_a_site_and_an_unknown_site(provider, target):
    data = target.call(Z + "zap_sites.scan", params={"url": "https://example.com"}).json()["data"]
    assert data["url"] == "https://example.com"
    target.call(Z + "zap_sites.get", path_params={"id": "contract-probe-unknown-id"}, expect="404")


def test_placement_plan_test_and_report(own, pytestconfig):
    t = own
    plan = t.call(Z + "placement.purchase_plan", json={"planName": "Starter"}).json()["data"]
    assert plan["id"] in [p["id"] for p in t.call(Z + "placement.subscriptions").json()["data"]]
    before = t.call(Z + "placement.available_slots").json()["data"]["totalAvailableCredits"]
    groups = t.call(Z + "placement.eligible_mailboxes", params={"page": 1, "limit": 10}).json()["data"]["domains"]
    box = groups[0]["mailboxes"][0]["id"]
    group = t.call(Z + "placement.purchase", json={"placementType": "MONTHLY", "testName": "contract check",
                                                    "mailboxIds": [box], "seedAccounts": ["google"]}).json()["data"]
    assert t.call(Z + "placement.available_slots").json()["data"]["totalAvailableCredits"] == before - 1
    listed = t.call(Z + "placement.orders").json()["data"]["testGroups"]
    assert group["cartOrderId"] in [g["cartOrderId"] for g in listed]
    advance(t, pytestconfig, 601)
    report = t.call(Z + "placement.report", params={"cartOrderId": group["cartOrderId"]}).json()["data"]
    assert report["status"] == "COMPLETED" and report["mailboxes"][0]["mailboxId"] == box
    assert t.call(Z + "placement.overall_report").json()["data"]["successfulTestsCount"] >= 1
    row = t.call(Z + "placement.cancel_subscription", json={"subscriptionId": plan["id"],
                                                           "revertCancellation": False}).json()["data"]
    assert row["cancelledByUser"] is True


def test_dns_shield_plan_allocation_upgrade_and_cancel(own):
    t = own
    alpha, beta = domain_id(t, "contract-alpha.com"), domain_id(t, "contract-beta.com")
    eligible = t.call(Z + "dns_shield.eligible_domains", params={"limit": 100}).json()["data"]["domains"]
    assert {alpha, beta} <= {d["id"] for d in eligible}
    bought = t.call(Z + "dns_shield.purchase", json={"planType": "LTD", "planName": "Starter",
                                                     "domainIds": [alpha]}).json()["data"]
    sub = bought["subscription"]["id"]
    t.call(Z + "dns_shield.allocate_domains", json={"domainIds": [beta]})
    held = t.call(Z + "dns_shield.allocated_domains", params={"subscriptionId": sub}).json()["data"]
    assert {d["id"] for d in held["domains"]} == {alpha, beta} and all(d["dnsShieldEnabled"] for d in held["domains"])
    up = t.call(Z + "dns_shield.upgrade_plan", json={"subscriptionId": sub, "newPlanName": "Growth"}).json()["data"]
    assert up["planName"] == "Growth"
    slots = t.call(Z + "dns_shield.available_slots").json()["data"]
    assert slots["totalAvailableSlots"] == up["totalSlots"] - 2
    assert sub in [s["id"] for s in t.call(Z + "dns_shield.subscriptions").json()["data"]]
    assert t.call(Z + "dns_shield.cancel_subscription", json={"subscriptionId": sub}).json()["data"]["status"] == \
        "CANCELLED"
    assert not any(d["dnsShieldEnabled"] for d in t.call(Z + "domains.list", params={"limit": 100}).json()["data"][
        "domains"] if d["id"] in (alpha, beta))


def test_zap_site_lifecycle(own, pytestconfig):
    t = own
    site = t.call(Z + "zap_sites.create", json={"destination_url": "https://acme.example", "name": "Acme"}).json()["data"]
    ids = {"id": site["id"]}
    assert t.call(Z + "zap_sites.get", path_params=ids).json()["data"]["status"] == "GENERATING"
    advance(t, pytestconfig, 121)
    edited = t.call(Z + "zap_sites.update", path_params=ids, json={
        "name": "Acme demo", "notify_email": "leads@acme.example", "form_fields": [{"name": "email"}]}).json()["data"]
    assert edited["name"] == "Acme demo" and edited["status"] == "READY"
    assert t.call(Z + "zap_sites.regenerate", path_params=ids, json={"notes": "shorter"}).json()["data"]["version"] == 2
    advance(t, pytestconfig, 121)
    gamma = domain_id(t, "contract-gamma.com")
    t.call(Z + "zap_sites.deploy", path_params=ids, params={"domainIds": gamma, "indexing": "true", "tracking": "false",
                                                            "form_enabled": "true"})
    advance(t, pytestconfig, 301)
    assert t.call(Z + "zap_sites.get", path_params=ids).json()["data"]["status"] == "DEPLOYED"
