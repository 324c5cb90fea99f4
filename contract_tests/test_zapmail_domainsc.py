"""Zapmail Tier C: renewals and moves, quick setup, domain search (AI finder, aged and pre-warmed
domains) and global search. Reads run against any target; the writes and purchases only against
the simulator the suite started itself (they would change or buy records of a real account)."""
from __future__ import annotations

from . import zapmail_plan as zp
from .test_settings_writes import own  # noqa: F401  (the fixture: only against its own simulator)

PROVIDER = "zapmail"  # conftest runs these tests against this provider only

Z = zp.Z
FINDER = {"keywords": ["data", "ingest", "pipeline"], "tlds": ["com"], "desiredCount": 10}


def _soon(target) -> list[dict]:
    return target.call(Z + "domains.renewal_soon", json={}, params={"page": 1, "limit": 100}).json()["data"]["domains"]


def _domain(target, name: str) -> dict:
    rows = target.call(Z + "domains.list", params={"contains": name, "limit": 10}).json()["data"]["domains"]
    return next((d for d in rows if d["domain"] == name), None)


def test_renewal_and_search_reads(provider, target):
    soon = _soon(target)
    if soon:
        rows = target.call(Z + "domains.get_renewal_price", json={"domainIds": [soon[0]["id"]]}).json()["data"]
        assert [r["domainId"] for r in rows] == [soon[0]["id"]]
    target.call(Z + "domains.renewal_soon", json={"contains": None}, expect="422")  # live: "Invalid value"
    target.call(Z + "export.fetch_workspaces", params={"app": "INSTANTLY"})
    target.call(Z + "export.fetch_workspaces", params={"app": "SMARTLEAD"}, expect="400")
    target.call(Z + "quick_setup.status", params={"domain": target.name("no-setup") + ".com"}, expect="404")


def test_the_ai_finder_starts_a_run(own):
    # a write: the first call starts a generation run on the account (free, but a change)
    run = own.call(Z + "domains.ai_finder", json=FINDER).json()["data"]
    assert run["status"] in ("generating", "completed") and run["totalDomains"] == len(run["domains"])


def test_renewals_change_the_domain(own):
    t = own
    renew = _domain(t, "contract-renew.com")
    assert renew["id"] in [d["id"] for d in _soon(t)]
    t.call(Z + "domains.update_auto_renew", json={"domainIds": [renew["id"]], "autoRenew": True})
    assert _domain(t, "contract-renew.com")["autoRenew"] is True
    done = t.call(Z + "domains.renew", json={"domainIds": [renew["id"]]}).json()["data"]
    assert done["domainIds"] == [renew["id"]] and _domain(t, "contract-renew.com")["expireOn"] > renew["expireOn"]
    assert renew["id"] not in [d["id"] for d in _soon(t)]
    settings = t.call(Z + "workspaces.update_domain_renewal_settings",
                      json={"domainRenewalSettings": {"autoRenew": False}}).json()["data"]
    assert settings == {"domainRenewalSettings": {"autoRenew": False}}


def test_forwarding_removed_and_a_domain_moved(own):
    t = own
    moved = _domain(t, "contract-move.com")
    t.call(Z + "domains.add_forwarding", json={"domainIds": [moved["id"]], "forwardTo": "https://example.com"})
    t.call(Z + "domains.remove_forwarding", json={"domainId": moved["id"]})
    assert _domain(t, "contract-move.com")["forwardTo"] is None
    other = t.call(Z + "workspaces.create", json={"name": t.name("move"), "billingDetails": {
        "company": "C", "firstName": "A", "lastName": "B", "addressLineOne": "1 Road", "city": "Leeds", "state": "W",
        "country": "GB", "postalCode": "LS1", "phoneCc": "+44", "phone": "1", "languagePreference": "en"}}).json()["data"]
    t.call(Z + "domains.move_workspace", json={"domainIds": [moved["id"]], "workspaceId": other["id"]})
    assert _domain(t, "contract-move.com") is None  # it left the workspace the suite reads
    workspaces = t.call(Z + "workspaces.list", params={"limit": 100}).json()["data"]["workspaces"]
    assert next(w for w in workspaces if w["id"] == other["id"])["domainCount"] == "1"


def test_quick_setup_starts_and_reports(own):
    t = own
    t.call(Z + "billing.add", json={"firstName": "Ada", "lastName": "Byron", "addressLineOne": "2 Side St",
                                    "city": "Leeds", "country": "GB", "postalCode": "LS1 1AA"})
    name = t.name("quick") + ".com"
    started = t.call(Z + "quick_setup.create", json={"domains": [{"domainName": name}], "mailboxes": {name: [
        {"username": "ada", "firstName": "Ada", "lastName": "Byron"}]}}).json()["data"]
    status = t.call(Z + "quick_setup.status", params={"domain": name}).json()["data"]
    assert status["quickSetupBatchId"] == started["quickSetupBatchId"] and status["status"] == "PENDING"


def test_aged_and_prewarmed_purchases(own):
    t = own
    aged = t.call(Z + "aged_domains.list", params={"limit": 100}).json()["data"]["domains"]
    cheapest = min(aged, key=lambda o: float(o["price"]))
    bought = t.call(Z + "aged_domains.purchase", json={"domains": [cheapest["domainName"]]}).json()["data"]
    assert _domain(t, cheapest["domainName"])["id"] == bought["domainIds"][0]
    warm = t.call(Z + "prewarmed.list", params={"page": 1, "limit": 100}).json()["data"]["domains"]
    offer = min((o for o in warm if not o["isSold"]), key=lambda o: float(o["price"]))
    before = t.call(Z + "prewarmed.count").json()["data"]["google"]
    t.call(Z + "prewarmed.assign", json={"domainIds": [offer["id"]]})
    assert t.call(Z + "prewarmed.count").json()["data"]["google"] == before - len(offer["preWarmedUpMailboxes"])
    assert t.call(Z + "prewarmed.purchase", params={"planType": "starter"}).json()["paymentLink"]
    subs = t.call(Z + "prewarmed.subscriptions").json()["data"]["subscriptions"]
    assert [s["plan"] for s in subs] == ["Starter Addon"]
