"""Writes that change records the suite did not create (domain settings, billing, mailboxes,
subscriptions, payments): each answers its documented success shape and the next read shows the
change. They run only against the simulator the suite started itself: on a real account they
would alter the user's own domains and mailboxes, which --allow-writes does not license.
"""
from __future__ import annotations

import pytest

from . import zapmail_plan as zp

PROVIDER = "zapmail"  # conftest runs these tests against this provider only

Z = zp.Z


@pytest.fixture
def own(provider, target):
    if provider != "zapmail":
        pytest.skip("Zapmail sequences")
    if not target.started_here:
        pytest.skip("changes records the suite did not create: only against its own simulator")
    return target


def domain(target, name: str) -> dict:
    rows = target.call(Z + "domains.list", params={"contains": name, "limit": 10}).json()["data"]["domains"]
    return next(d for d in rows if d["domain"] == name)


def test_domain_settings_show_in_the_domain_list(own):
    t = own
    alpha = domain(t, "contract-alpha.com")
    t.call(Z + "domains.add_dmarc", json={"domainIds": [alpha["id"]], "email": "dmarc@contract-alpha.com"})
    t.call(Z + "domains.add_forwarding", json={"domainIds": [alpha["id"]], "forwardTo": "https://example.com"})
    t.call(Z + "domains.enable_email_forwarding", json={"domainIds": [alpha["id"]], "email": "fw@example.com"})
    t.call(Z + "domains.enable_catch_all", json={"domainIds": [alpha["id"]], "email": "all@example.com"})
    row = domain(t, "contract-alpha.com")
    assert (row["dmarcEmail"], row["forwardTo"], row["forwardingEmail"], row["catchAllEmail"]) == (
        "dmarc@contract-alpha.com", "https://example.com", "fw@example.com", "all@example.com")
    t.call(Z + "domains.remove_email_forwarding", json={"domainIds": [alpha["id"]]})
    t.call(Z + "domains.remove_catch_all", json={"domainIds": [alpha["id"]]})
    row = domain(t, "contract-alpha.com")
    assert row["forwardingEmail"] is None and row["catchAllEmail"] is None
    t.call(Z + "domains.add_google_client_id", json={"domainIds": [alpha["id"]],
                                                     "clientId": "123.apps.googleusercontent.com", "app": "INSTANTLY"})


def test_remove_unused_domain_leaves_the_list(own):
    spare = domain(own, "contract-spare.com")
    removed = own.call(Z + "domains.remove_unused", json={"ids": [spare["id"]]}).json()["data"]
    assert removed == {"removedCount": 1}
    rows = own.call(Z + "domains.list", params={"contains": "contract-spare", "limit": 10}).json()["data"]["domains"]
    assert rows == []


def test_billing_shows_in_the_current_workspace(own):
    billing = {"firstName": "Ada", "lastName": "Byron", "addressLineOne": "2 Side St", "city": "Leeds",
               "country": "GB", "postalCode": "LS1 1AA"}
    own.call(Z + "billing.add", json=billing)
    own.call(Z + "billing.update", json={**billing, "city": "York"})
    current = own.call(Z + "workspaces.list").json()["data"]["currentWorkspace"]["billingDetails"]
    assert (current["firstName"], current["city"]) == ("Ada", "York")


def test_mailbox_update_and_removal_flags(own):
    t = own
    groups = t.call(Z + "mailbox.list", params={"contains": "contract-alpha", "limit": 10}).json()["data"]["domains"]
    first = groups[0]["mailboxes"][0]
    rows = t.call(Z + "mailbox.update", json={"mailboxData": [{"mailboxId": first["id"], "firstName": "Renamed"}]})
    assert [r["mailboxId"] for r in rows.json()["data"]] == [first["id"]]
    assert t.call(Z + "mailbox.get", params={"id": first["id"]}).json()["data"]["mailbox"]["firstName"] == "Renamed"
    before = t.call(Z + "mailbox.list").json()["data"]["scheduledMailboxes"]
    t.call(Z + "mailbox.scheduled_removal", json={"mailboxIds": [first["id"]], "remove": True})
    assert t.call(Z + "mailbox.list").json()["data"]["scheduledMailboxes"] == before + 1
    t.call(Z + "mailbox.scheduled_removal", json={"mailboxIds": [first["id"]], "remove": False})
    assert t.call(Z + "mailbox.list").json()["data"]["scheduledMailboxes"] == before


def test_export_then_status(own):
    started = own.call(Z + "export.mailboxes", json={"apps": ["MANUAL"]}).json()["data"]
    status = own.call(Z + "export.status", params={"exportId": str(started["exportId"])}).json()["data"]
    assert status["export_id"] == started["exportId"] and status["status"] == started["status"]


def test_remove_instantly_queues_the_mailbox(own):
    groups = own.call(Z + "mailbox.list", params={"contains": "contract-beta", "limit": 10}).json()["data"]["domains"]
    box = groups[0]["mailboxes"][0]
    queued = own.call(Z + "mailbox.remove_instantly", json={"mailboxIds": [box["id"]], "remove": True}).json()["data"]
    assert queued == {"totalMailboxesQueued": 1}


def test_subscription_cancel_and_revert_show_in_the_list(own):
    def subs():
        return {s["id"]: s for s in own.call(Z + "subscriptions.list").json()["data"]}

    sub = next(iter(subs().values()))
    own.call(Z + "subscriptions.cancel", json={"subscriptionId": sub["id"], "revertCancellation": False})
    assert subs()[sub["id"]]["planUpgradeCancelPossible"] is False  # its cancellation is pending
    own.call(Z + "subscriptions.cancel", json={"subscriptionId": sub["id"], "revertCancellation": True})
    assert subs()[sub["id"]]["planUpgradeCancelPossible"] is True


def test_money_calls_answer_payment_links(own):
    t = own
    assert t.call(Z + "wallet.add_balance", json={"amount": 50}).json()["paymentLink"]
    t.call(Z + "wallet.enable_auto_recharge", json={"enable": False})
    bought = t.call(Z + "domains.buy", json={"domains": [{"domainName": t.name("buy") + ".com", "years": 1}],
                                             "useWallet": False}).json()
    assert bought["paymentLink"]
    sub = t.call(Z + "subscriptions.list").json()["data"][0]
    t.call(Z + "subscriptions.upgrade", json={"subscriptionId": sub["id"], "lookupKey": "zap_mail_pro"})


def test_connection_request_lifecycle(own):
    t = own
    name = t.name("conn") + ".com"
    ns = t.call(Z + "domains.get_nameservers", json={"domainName": name}).json()["data"]["nameServers"]
    assert ns
    t.call(Z + "domains.verify_nameservers", json={"domainName": name})
    answer = t.call(Z + "domains.connect", json={"domainNames": [name]}).json()["data"]
    assert name in answer["domains"]
    listed = t.call(Z + "domains.list_connection_requests", params={"contains": name}).json()["data"]["data"]
    if answer["status"] == "IN_PROGRESS":
        assert [r["domainName"] for r in listed] == [name]
        removed = t.call(Z + "domains.remove_connection_requests", json={"domainNames": [name]}).json()["data"]
        assert removed == {"removedCount": 1}


def test_invitation_lifecycle_and_member_lookup(own):
    t = own
    email = t.name("invite") + "@example.com"
    made = t.call(Z + "workspaces.invitations.create", json={"email": email, "role": "VIEWER"}).json()["data"]

    def statuses():
        rows = t.call(Z + "workspaces.invitations.list", params={"limit": 100}).json()["data"]["invitations"]
        return {i["id"]: i["status"] for i in rows}

    assert statuses()[made["id"]] == "PENDING"
    t.call(Z + "workspaces.invitations.revoke", params={"invitationId": made["id"]})
    assert statuses()[made["id"]] == "REVOKED"
    t.call(Z + "workspaces.invitations.revoke", params={"invitationId": made["id"]}, expect="400")
    t.call(Z + "workspaces.members.revoke", params={"memberId": "contract-probe-unknown-id"}, expect="404")


def test_addon_mailboxes_and_subscription_purchase_answer_invoices(own):
    t = own

    def slots():
        return sum(s["totalMailboxQuantity"] for s in t.call(Z + "subscriptions.list").json()["data"])

    before = slots()
    assert t.call(Z + "wallet.buy_addon_mailboxes", params={"quantity": 1}).json()["paymentLink"]
    assert slots() == before + 1
    assert t.call(Z + "subscriptions.purchase", params={"planName": "Starter"}).json()["paymentLink"]
    assert slots() == before + 11
