"""Stateful sequences agree with themselves: what a write answers, the reads return; an update
shows in the next read; a delete makes the record unknown. Every record the suite creates is
named contract-test-<run>-..., so in a real account it can be found (and removed) again.

These send writes (and, for mailboxes, a spend): skipped against a server unless
--allow-writes / --allow-spend say so.
"""
from __future__ import annotations

import pytest

from . import zapmail_plan as zp

PROVIDER = "zapmail"  # conftest runs these tests against this provider only

Z = zp.Z


def _active_domain(target) -> dict:
    rows = target.call(Z + "domains.list", params={"limit": 100, "status": "ACTIVE"}).json()["data"]["domains"]
    if not rows:
        pytest.skip("the account has no ACTIVE domain to work on")
    return rows[0]


def test_dns_record_create_read_list_update_delete(zapmail, target):
    target.require(Z + "dns.add", Z + "dns.update", Z + "dns.delete")
    domain = _active_domain(target)
    host = target.name("txt")
    created = target.call(Z + "dns.add", json={"assignedDomainId": domain["id"], "records": [
        {"host": host, "value": "contract-test=1", "recordType": "TXT"}]}).json()["data"]
    assert len(created) == 1 and created[0]["value"] == "contract-test=1"
    record = created[0]

    def listed():
        rows = target.call(Z + "dns.list", params={"id": domain["id"]}).json()["data"]["records"]
        return {r["id"]: r for r in rows}

    assert listed().get(record["id"]) == record, "the created record reads back as created"
    updated = target.call(Z + "dns.update", json={"assignedDomainId": domain["id"], "dnsRecordId": record["id"],
                                                  "value": "contract-test=2"}).json()["data"]
    assert updated["id"] == record["id"] and updated["value"] == "contract-test=2"
    assert listed().get(record["id"]) == updated, "the update shows in the next read"
    target.call(Z + "dns.delete", params={"id": record["id"], "assignedDomainId": domain["id"]})
    assert record["id"] not in listed(), "a deleted record is gone from the list"
    target.call(Z + "dns.delete", params={"id": record["id"], "assignedDomainId": domain["id"]}, expect="404")


def test_workspace_create_list_rename(zapmail, target):
    """Zapmail v2 has no workspace delete: the workspace stays, found again by its name."""
    target.require(Z + "workspaces.create", Z + "workspaces.update")
    name = target.name("ws")
    billing = {"firstName": "Contract", "lastName": "Test", "company": "Contract Tests", "addressLineOne": "1 Main St",
               "city": "Springfield", "state": "Oregon", "country": "US", "postalCode": "97477", "phoneCc": "1",
               "phone": "5550100", "languagePreference": "en"}
    created = target.call(Z + "workspaces.create", json={"name": name, "billingDetails": billing}).json()["data"]
    assert created["name"] == name

    def find(needle):
        rows = target.call(Z + "workspaces.list", params={"contains": needle, "limit": 100}).json()["data"]["workspaces"]
        return {w["id"]: w for w in rows}

    found = find(name)
    assert created["id"] in found and found[created["id"]]["name"] == name
    assert found[created["id"]]["billingDetails"]["company"] == "Contract Tests"
    renamed = target.call(Z + "workspaces.update", json={"id": created["id"], "name": name + "-renamed"}).json()["data"]
    assert renamed["id"] == created["id"] and renamed["name"] == name + "-renamed"
    assert find(name + "-renamed")[created["id"]]["name"] == name + "-renamed"


def test_third_party_account_add_list_update(zapmail, target):
    target.require(Z + "export.third_party.add", Z + "export.third_party.update")
    email = f"{target.name('tp')}@example.com"
    target.call(Z + "export.third_party.add", json={"email": email, "password": "Secret-123", "app": "INSTANTLY"})
    rows = target.call(Z + "export.third_party.list", params={"app": "INSTANTLY"}).json()["data"]["accounts"]
    mine = [r for r in rows if r["email"] == email]
    assert len(mine) == 1 and mine[0]["appName"] == "INSTANTLY"
    target.call(Z + "export.third_party.update", json={"email": email, "password": "Secret-456", "app": "INSTANTLY"})
    again = target.call(Z + "export.third_party.list", params={"app": "INSTANTLY"}).json()["data"]["accounts"]
    assert [r for r in again if r["email"] == email] == mine, "an update keeps the one account"


def test_assigned_mailbox_shows_in_list_and_get(zapmail, target):
    target.require(Z + "mailbox.assign")
    rows = target.call(Z + "domains.list_assignable", params={"limit": 100}).json()["data"]["domains"]
    if not rows:
        pytest.skip("no assignable domain")
    domain = rows[0]
    username = target.name("mb").replace("-", ".")
    target.call(Z + "mailbox.assign", json={domain["id"]: [
        {"firstName": "Contract", "lastName": "Test", "mailboxUsername": username, "domainName": domain["domain"]}]})
    groups = target.call(Z + "mailbox.list", params={"contains": username, "limit": 100}).json()["data"]["domains"]
    boxes = [m for g in groups for m in g["mailboxes"] if m["username"] == username]
    assert len(boxes) == 1 and boxes[0]["domainId"] == domain["id"]
    one = target.call(Z + "mailbox.get", params={"id": boxes[0]["id"]}).json()["data"]["mailbox"]
    assert one == boxes[0]


def test_authenticator_code_of_an_active_mailbox(zapmail, target):
    active = [m["id"] for g in target.call(Z + "mailbox.list", params={"limit": 100}).json()["data"]["domains"]
              for m in g["mailboxes"] if m["status"] == "ACTIVE"]
    if not active:
        pytest.skip("no ACTIVE mailbox")
    code = target.call(Z + "mailbox.authenticator_code", params={"mailboxId": active[0]}).json()["data"]
    assert code["code"].isdigit() and 0 < code["expiresIn"] <= 30
