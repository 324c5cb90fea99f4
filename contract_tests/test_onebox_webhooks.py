"""Onebox and webhook endpoint sequences (Zapmail Tier C): what a write answers, the reads show.

Label and webhook calls are writes (skipped against a server unless --allow-writes). Sending an
email would send real mail from a real account, so that sequence runs only against the
simulator the suite started itself. The reference shows no webhook delete: against a server the
endpoint the suite registers is left DISABLED, its url naming the run (contract-test-<run>-...).
"""
from __future__ import annotations

import pytest

from . import zapmail_plan as zp

PROVIDER = "zapmail"  # conftest runs these tests against this provider only

Z = zp.Z


def _account(target) -> str:
    rows = target.call(Z + "onebox.connected_accounts").json()["data"]
    active = [r["emailAccount"] for r in rows if r["status"] == "ACTIVE"]
    if not active:
        pytest.skip("the account has no connected ACTIVE mailbox")
    return active[0]


def test_label_create_rename_delete(zapmail, target):
    target.require(Z + "onebox.create_label", Z + "onebox.rename_label", Z + "onebox.delete_label")
    account = _account(target)
    name, renamed = target.name("label"), target.name("label-renamed")
    made = target.call(Z + "onebox.create_label", json={"account": account, "labelName": name,
                                                        "color": "#FF5733"}).json()["data"]
    target.call(Z + "onebox.create_label", json={"account": account, "labelName": name, "color": "#FF5733"},
                expect="409")
    after = target.call(Z + "onebox.rename_label", json={"account": account, "oldLabelName": name,
                                                         "newLabelName": renamed, "color": "#00AA55"}).json()["data"]
    if made is not None and after is not None:  # the real answers are not captured: compared when both carry it
        assert after.get("id") == made.get("id")
    target.call(Z + "onebox.delete_label", json={"account": account, "labelName": renamed})
    target.call(Z + "onebox.delete_label", json={"account": account, "labelName": renamed}, expect="404")


def test_sent_mail_reads_back_and_attachments_download(zapmail, target):
    if not target.started_here:
        pytest.skip("sending mail from a real account: only against the suite's own simulator")
    account = _account(target)
    subject = target.name("mail")
    sent = target.call(Z + "onebox.send_email", json={"account": account, "to": "contract@example.com",
                                                      "subject": subject, "body": "contract test"}).json()["data"]
    thread = target.call(Z + "onebox.thread_emails", params={"threadId": sent["threadId"]}).json()["data"]
    assert [m["id"] for m in thread["emails"]] == [sent["messageId"]]
    rows = target.call(Z + "onebox.search_emails", params={"query": subject}).json()["data"]["emails"]
    assert [m["id"] for m in rows] == [sent["messageId"]]
    target.call(Z + "onebox.thread_emails", params={"threadId": "contract-probe-unknown-id"}, expect="404")
    mail = [m for m in target.call(Z + "onebox.search_emails", params={"limit": 100}).json()["data"]["emails"]
            if m["attachments"]]
    if not mail:
        pytest.skip("no message with an attachment in the seeded mailboxes")
    a = mail[0]["attachments"][0]
    body = {"attachmentId": a["attachmentId"], "provider": "GOOGLE", "messageId": mail[0]["id"],
            "account": mail[0]["account"], "filename": a["filename"]}
    assert target.call(Z + "onebox.download_attachment", json=body).json()["data"]["size"] == a["size"]
    target.call(Z + "onebox.download_attachment", json={**body, "attachmentId": "contract-probe-unknown-id"},
                expect="404")


def test_webhook_endpoint_create_list_update(zapmail, target):
    target.require(Z + "webhooks.create_endpoint", Z + "webhooks.update_endpoint")
    # the simulator calls local receivers only; a real API wants a public https url
    base = "http://127.0.0.1:9" if target.started_here else "https://example.com"
    url = f"{base}/{target.name('webhook')}"
    target.call(Z + "webhooks.create_endpoint", json={"url": url, "enabled_events": ["mailbox.created"]},
                expect="422")
    made = target.call(Z + "webhooks.create_endpoint",
                       json={"url": url, "enabled_events": ["domain.updated"]}).json()["data"]
    listed = {r["id"]: r for r in target.call(Z + "webhooks.list_endpoints").json()["data"]}
    assert listed[made["id"]]["url"] == url and "secret" not in listed[made["id"]]
    target.call(Z + "webhooks.update_endpoint", path_params={"id": made["id"]}, json={"status": "DISABLED"})
    listed = {r["id"]: r for r in target.call(Z + "webhooks.list_endpoints").json()["data"]}
    assert listed[made["id"]]["status"] == "DISABLED"
    target.call(Z + "webhooks.update_endpoint", path_params={"id": "contract-probe-unknown-id"},
                json={"status": "DISABLED"}, expect="404")
