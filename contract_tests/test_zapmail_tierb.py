"""The later Tier B routes (tierb): the filtered domain list, a subscription's invoice and
mailboxes (reads, on any target), custom OAuth and scheduled mailbox creation (writes on records
the suite did not create: only against the simulator it started itself)."""
from __future__ import annotations

import pytest

from . import zapmail_plan as zp
from .test_settings_writes import own  # noqa: F401  (the fixture)

PROVIDER = "zapmail"  # conftest runs these tests against this provider only

Z = zp.Z


def zapmail_only(provider):
    if provider != "zapmail":
        pytest.skip("Zapmail-specific plan")


def test_filtered_domain_list_agrees_with_the_plain_list(provider, target):
    zapmail_only(provider)
    plain = target.call(Z + "domains.list", params={"status": "ACTIVE", "limit": 100}).json()["data"]
    filtered = target.call(Z + "domains.list_filtered", json={"status": ["ACTIVE"], "limit": 100}).json()["data"]
    assert [d["id"] for d in filtered["domains"]] == [d["id"] for d in plain["domains"]]
    assert filtered["totalSearchedCount"] == plain["totalSearchedCount"]
    target.call(Z + "domains.list_filtered", json={"status": "LAPSED"}, expect="400")


def test_subscription_invoice_and_mailboxes(provider, target):
    zapmail_only(provider)
    subs = target.call(Z + "subscriptions.list").json()["data"]
    assert subs or not target.started_here, "the seeded account has a subscription"
    for sub in subs[:2]:
        url = target.call(Z + "payment.invoices", json={"subscriptionId": sub["subscriptionId"]}).json()["data"]
        assert url["invoiceUrl"]
        rows = target.call(Z + "subscriptions.mailboxes", json={"subscriptionId": sub["subscriptionId"]}).json()["data"]
        assert isinstance(rows, list)
    target.call(Z + "payment.invoices", json={"subscriptionId": "sub_contract_probe_unknown"}, expect="404")
    target.call(Z + "subscriptions.mailboxes", json={"subscriptionId": "sub_contract_probe_unknown"}, expect="404")


def test_custom_oauth_and_scheduled_creation(own):  # noqa: F811
    t = own
    groups = t.call(Z + "mailbox.list", params={"contains": "contract-alpha", "limit": 10}).json()["data"]["domains"]
    group = groups[0]
    body = {"google": {"appName": "Contract App", "clientId": "contract.apps.googleusercontent.com", "mailboxesPerDomain": {
        group["id"]: [{"mailboxId": group["mailboxes"][0]["id"], "oauthLink": "https://accounts.example.com/o"}]}}}
    job = t.call(Z + "mailbox.custom_oauth", json=body).json()["data"]
    status = t.call(Z + "export.status", params={"exportId": str(job["exportId"])}).json()["data"]
    assert status["export_id"] == job["exportId"]
    gamma = next(d for d in t.call(Z + "domains.list", params={"contains": "contract-gamma", "limit": 10}).json()[
        "data"]["domains"] if d["domain"] == "contract-gamma.com")
    before = t.call(Z + "mailbox.list", params={"limit": 1}).json()["data"]["availableMailboxes"]
    t.call(Z + "mailbox.schedule_creation", json={gamma["id"]: [
        {"firstName": "Sam", "lastName": "Later", "mailboxUsername": "sam.later", "domainName": "contract-gamma.com"}]})
    assert t.call(Z + "mailbox.list", params={"limit": 1}).json()["data"]["availableMailboxes"] == before - 1
