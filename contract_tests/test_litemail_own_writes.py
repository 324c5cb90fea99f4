"""LiteMail writes that change records the suite did not create, or spend: each answers its
documented success shape and the next read agrees. Only against the simulator the suite started
itself (see test_settings_writes.py for why)."""
from __future__ import annotations

import pytest

from . import litemail_plan as lp

PROVIDER = "litemail"  # conftest runs these tests against this provider only

L = lp.L


@pytest.fixture
def own(provider, target):
    if provider != "litemail":
        pytest.skip("LiteMail sequences")
    if not target.started_here:
        pytest.skip("changes records the suite did not create: only against its own simulator")
    return target


def domain(t, name: str) -> dict:
    return next(d for d in t.call(L + "domains.list", params={"limit": 100}).json()["data"]["domains"]
                if d["domain"] == name)


def mailboxes(t) -> list:
    return t.call(L + "mailboxes.list", params={"limit": 100}).json()["data"]["mailboxes"]


BILLING = {"firstName": "Ada", "lastName": "Byron", "addressLineOne": "2 Side St", "city": "Leeds", "country": "GB",
           "postalCode": "LS1 1AA"}


def test_workspace_and_billing(own):
    ws = own.call(L + "workspaces.create", json={"name": own.name("ws"), "billingDetails": BILLING}).json()["data"]
    renamed = own.call(L + "workspaces.update", path_params={"workspaceId": ws["id"]},
                       json={"name": own.name("ws2")}).json()["data"]
    listed = {w["id"]: w for w in own.call(L + "workspaces.list", params={"limit": 100}).json()["data"]["workspaces"]}
    assert listed[ws["id"]] == renamed
    billing = own.call(L + "billing.add", json={**BILLING, "city": "York"}).json()["data"]
    assert billing["city"] == "York"


def test_domain_settings(own):
    alpha = domain(own, "contract-lm-alpha.com")
    targets = {"domainIds": [alpha["id"]]}
    calls = [("domains.add_dmarc", {"email": "dmarc@example.com"}), ("domains.add_forwarding",
             {"forwardTo": "https://example.com"}), ("domains.enable_email_forwarding", {"email": "fw@example.com"}),
             ("domains.enable_catch_all", {"email": "all@example.com"})]
    for op, body in calls:
        answer = own.call(L + op, json={**targets, **body}).json()["data"]
        assert answer["updated"] == 1
    row = domain(own, "contract-lm-alpha.com")
    assert (row["dmarcEmail"], row["forwardTo"], row["forwardingEmail"], row["catchAllEmail"]) == (
        "dmarc@example.com", "https://example.com", "fw@example.com", "all@example.com")
    for op in ("domains.remove_forwarding", "domains.remove_email_forwarding", "domains.remove_catch_all"):
        own.call(L + op, json=targets)
    row = domain(own, "contract-lm-alpha.com")
    assert (row["forwardTo"], row["forwardingEmail"], row["catchAllEmail"]) == (None, None, None)
    gamma = domain(own, "contract-lm-gamma.com")
    assert own.call(L + "domains.remove_unused", path_params={"domainId": gamma["id"]}).json()["data"]["id"] == gamma["id"]
    own.call(L + "domains.get", path_params={"domainId": gamma["id"]}, expect="404")


def test_mailbox_lifecycle(own):
    assigned = own.call(L + "mailboxes.assign", json={"mailboxes": [
        {"mailboxUsername": "zoe", "domain": "contract-lm-beta.com", "firstName": "Zoe", "lastName": "Ray"}]}).json()
    row = assigned["data"]["mailboxes"][0]
    one = own.call(L + "mailboxes.get", path_params={"mailboxId": row["id"]}).json()["data"]
    assert {k: one[k] for k in row} == row
    beta = domain(own, "contract-lm-beta.com")
    made = own.call(L + "mailboxes.create", json={"domainId": beta["id"], "mailboxUsername": "yan", "firstName": "Yan",
                                                  "lastName": "Lo"}).json()["data"]
    updated = own.call(L + "mailboxes.update", path_params={"mailboxId": made["id"]},
                       json={"firstName": "Yang"}).json()["data"]
    assert updated["firstName"] == "Yang"
    removed = own.call(L + "mailboxes.remove", path_params={"mailboxId": made["id"]}).json()["data"]
    assert removed["scheduledForRemoval"] is True
    assert {m["id"]: m for m in mailboxes(own)}[made["id"]]["scheduledForRemoval"] is True


def test_exports_and_history(own):
    box = mailboxes(own)[0]
    acc = own.call(L + "exports.add_account", json={"app": "INSTANTLY", "email": f"{own.name('tp')}@example.com",
                                                    "password": "Secret-123"}).json()["data"]
    own.call(L + "exports.update_account", path_params={"accountId": acc["id"]}, json={"password": "Secret-456"})
    own.call(L + "exports.mailboxes", json={"apps": ["MANUAL"]})
    own.call(L + "exports.connect_inboxes", json={"app": "INSTANTLY", "mailboxIds": [box["id"]]})
    own.call(L + "connect_inbox", json={"app": "INSTANTLY", "mailboxIds": [box["id"]]})
    record = own.call(L + "export_history.create", json={"app": "SMARTLEAD", "mailboxIds": [box["id"]]}).json()["data"]
    history = own.call(L + "export_history.list", params={"limit": 100}).json()["data"]["exports"]
    assert record["id"] in {e["id"] for e in history}


def test_money_and_subscriptions(own):
    assert own.call(L + "wallet.add_balance", json={"amount": 25}).json()["data"]["paymentLink"]
    own.call(L + "wallet.auto_recharge", json={"enable": False})
    own.call(L + "wallet.add_credit", json={"amount": 10}, expect="400")  # no saved card yet
    sub = own.call(L + "subscriptions.list").json()["data"]["subscriptions"][0]
    upgraded = own.call(L + "subscriptions.upgrade", path_params={"subscriptionId": sub["id"]},
                        json={"newPlan": "Pro"}).json()["data"]
    assert (upgraded["id"], upgraded["oldPlan"], upgraded["newPlan"]) == (sub["id"], sub["plan"], "Pro")
    cancelled = own.call(L + "subscriptions.cancel", path_params={"subscriptionId": sub["id"]}).json()["data"]
    assert cancelled["cancelAtPeriodEnd"] is True


def test_domain_registration_and_connection(own):
    name = own.name("buy") + ".com"
    own.call(L + "domains.available", params={"domainName": name})
    own.call(L + "domains.payment_link", params={"domains": name})
    bought = own.call(L + "domains.purchase", json={"domains": [{"domainName": name, "years": 1}]}).json()["data"]
    assert [d["domain"] for d in bought["domains"]] == [name]
    other = own.name("conn") + ".com"
    assert own.call(L + "domains.name_servers", params={"domainName": other}).json()["data"]["nameServers"]
    own.call(L + "domains.verify_ns", params={"domainName": other})
    connecting = own.call(L + "domains.connect", json={"domainNames": [other]}).json()["data"]
    assert [r["domain"] for r in connecting["requests"]] == [other]


def test_features_writes(own):
    box = mailboxes(own)[0]
    own.call(L + "placement.create", json={"mailboxIds": [box["id"]]})
    saved = own.call(L + "cloudflare.save", json={"apiToken": "cf-" + own.name("token")}).json()["data"]
    assert saved["connection"] is None


def test_api_key_from_login_works(own):
    key = own.call(L + "apikeys.generate", json={**lp.LOGIN, "name": "contract"}).json()["data"]["apiKey"]
    answer = own.client.get("v1/users", headers={"x-api-key": key})
    assert answer.status_code == 200 and answer.json()["data"]["email"] == lp.LOGIN["email"]
