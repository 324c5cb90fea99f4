"""Zapmail v2 onebox (Tier C), driven over HTTP as a client would: connected accounts, the mail
generated for each mailbox (stable per account and mailbox, arriving on the clock), threads,
search, sending, attachments and labels. Shapes are compared with the reference (source named);
every write is read back."""
from __future__ import annotations

import base64
import subprocess
import sys
from datetime import datetime

import pytest
import yaml

from .conftest import Harness
from .helpers import assert_shape, assign, buy_domain, envelope, error
from .reference import path as reference_path

DAY = 86400


def iso_seconds(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def observed(operation: str) -> dict:
    with open(reference_path("zapmail-v2-observed.yaml")) as fh:
        ops = yaml.safe_load(fh)["endpoints"]
    return next(op for op in ops if op["id"] == operation)


# zapmail-v2-observed.yaml, zapmail.v2.onebox.connected_accounts, 200 example (reconstructed from the
# printing-press live acceptance run: 30 accounts, the address under emailAccount)
CONNECTED = observed("zapmail.v2.onebox.connected_accounts")["responses"][0]["example"]
PAGE_KEYS = {"totalSearchedCount", "currentPage", "nextPage", "totalPages", "emails"}
EMAIL = {"id": "s", "messageId": "s", "threadId": "s", "account": "s", "from": "s", "fromName": "s", "to": ["s"],
         "cc": [], "subject": "s", "snippet": "s", "body": "s", "date": "s", "labels": ["s"], "isRead": True,
         "isWarmUp": False, "attachments": []}
ONEBOX_ROUTES = [("GET", "/v2/onebox/connected-accounts"), ("GET", "/v2/onebox/top-emails"),
                 ("GET", "/v2/onebox/thread-emails"), ("GET", "/v2/onebox/search-emails"),
                 ("POST", "/v2/onebox/send-email"), ("POST", "/v2/onebox/download-attachment"),
                 ("POST", "/v2/onebox/create-new-label"), ("POST", "/v2/onebox/delete-label"),
                 ("POST", "/v2/onebox/rename-label")]


def inbox(harness, api, name="inboxco.com", users=("ada", "bob"), days=0):
    """A domain with ACTIVE mailboxes, the clock `days` past their activation."""
    d = buy_domain(api, harness, name)
    envelope(assign(api, d, list(users)))
    harness.advance(601)
    if days:
        harness.advance(days * DAY)
    return [f"{u}@{name}" for u in users]


def emails(api, **params):
    return envelope(api.get("/v2/onebox/top-emails", params={"limit": 1000, **params}))["emails"]


def found(api, **params):
    return envelope(api.get("/v2/onebox/search-emails", params={"limit": 1000, **params}))["emails"]


# ---------------------------------------------------------------- connected accounts

def test_connected_accounts_are_the_workspace_mailboxes_in_the_live_shape(harness, zap):
    assert envelope(zap.get("/v2/onebox/connected-accounts")) == []
    ada, bob = inbox(harness, zap)
    d = buy_domain(zap, harness, "later.com")
    envelope(assign(zap, d, ["cy"]))  # still IN_PROGRESS
    r = zap.get("/v2/onebox/connected-accounts")
    rows = envelope(r)
    assert r.json()["message"] == "Connected accounts fetched successfully"
    for row in rows:  # the reference's keys and types (its values are placeholders), plus labels (ours)
        assert_shape({k: v for k, v in row.items() if k != "labels"}, CONNECTED["data"][0])
        assert row["labels"] == [] and row["provider"] == "GOOGLE"
    assert [(r["emailAccount"], r["status"]) for r in rows] == [(ada, "ACTIVE"), (bob, "ACTIVE"),
                                                                ("cy@later.com", "IN_PROGRESS")]
    # the platform header scopes them, as every mailbox read
    assert envelope(zap.get("/v2/onebox/connected-accounts", headers={"x-service-provider": "MICROSOFT"})) == []
    # another account sees none of them
    assert envelope(harness.account().get("/v2/onebox/connected-accounts")) == []


@pytest.mark.parametrize("method,path", ONEBOX_ROUTES)
def test_every_onebox_route_needs_the_key(zap, method, path):
    r = zap.request(method, path, json={} if method == "POST" else None, auth=False)
    error(r, 401, "API key is missing")


# ---------------------------------------------------------------- generated mail

def test_mail_arrives_on_the_clock_and_is_stable_per_mailbox():
    def run(days):
        h = Harness()
        z = h.account(walletBalance=500)
        ada, _ = inbox(h, z)
        first = emails(z, account=ada)
        h.advance(days * DAY)
        return first, emails(z, account=ada), emails(z)

    def relative(rows, start):
        """Each harness's clock starts at its own wall time: dates compared as offsets."""
        return [{**m, "date": iso_seconds(m["date"]) - start} for m in rows]

    first, later, everyone = run(5)
    # an ACTIVE mailbox shows one message at first; threads follow hours and days apart
    assert [(m["subject"], m["from"], m["labels"]) for m in first] == [
        ("Your mailbox is ready", "postmaster@inboxco.com", ["INBOX"])]
    assert len(later) > len(first)
    for m in later:
        assert_shape(m, EMAIL, nullable=())
    dates = [m["date"] for m in later]
    assert dates == sorted(dates, reverse=True) and len({m["threadId"] for m in later}) == len(later)
    # the same world seed and requests give the same mail; the two mailboxes' mail differs
    again = run(5)
    start, start_again = iso_seconds(first[0]["date"]), iso_seconds(again[0][0]["date"])
    assert [relative(rows, start_again) for rows in again] == [relative(rows, start) for rows in (first, later, everyone)]
    assert iso_seconds(later[0]["date"]) - start > DAY  # days of mail, not one burst
    bob_threads = {m["threadId"] for m in everyone if m["account"] == "bob@inboxco.com"}
    assert bob_threads and not bob_threads & {m["threadId"] for m in later}
    assert {m["account"] for m in everyone} == {"ada@inboxco.com", "bob@inboxco.com"}


def test_mail_is_generated_without_faker():
    code = ("import sys; from tests.conftest import Harness; from tests.test_zapmail_onebox import inbox, emails\n"
            "h = Harness(); z = h.account(walletBalance=500); inbox(h, z, days=3)\n"
            "assert len(emails(z)) > 3, emails(z)\n"
            "assert not [m for m in sys.modules if m.split('.')[0] == 'faker'], 'faker imported'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def test_top_emails_pages_filters_folders_and_warmup(harness, zap):
    ada, _ = inbox(harness, zap, days=6)
    every = emails(zap, account=ada)
    r = zap.get("/v2/onebox/top-emails", params={"account": ada, "limit": 2, "page": 2})
    page = envelope(r)
    assert set(page) == PAGE_KEYS and r.json()["message"] == "Emails fetched successfully"
    assert (page["totalSearchedCount"], page["currentPage"], page["nextPage"]) == (len(every), 2, 3)
    assert page["totalPages"] == -(-len(every) // 2) and page["emails"] == every[2:4]
    # the default page is 25 rows (a public client's default limit)
    assert envelope(zap.get("/v2/onebox/top-emails", params={"account": ada}))["emails"] == every[:25]
    sent = emails(zap, account=ada, folder="SENT")
    inboxed = emails(zap, account=ada, folder="inbox")
    assert all("SENT" in m["labels"] for m in sent) and all("INBOX" in m["labels"] for m in inboxed)
    assert not [m for m in every if m["isWarmUp"]]
    warm = [m for m in emails(zap, account=ada, includeWarmUp="true") if m["isWarmUp"]]
    assert len(warm) == 3 and all(m["to"] == [ada] for m in warm)
    assert emails(zap, account=ada, folder="Nothing-here") == []
    # an address in any case, or the account's id, names it
    [row] = [a for a in envelope(zap.get("/v2/onebox/connected-accounts")) if a["emailAccount"] == ada]
    assert emails(zap, account=ada.upper()) == every == emails(zap, account=row["id"])


def test_unknown_or_foreign_accounts_and_bad_pages(harness, zap):
    ada, _ = inbox(harness, zap)
    other = harness.account(walletBalance=500)
    error(other.get("/v2/onebox/top-emails", params={"account": ada}), 404, "Account not found")
    error(other.get("/v2/onebox/search-emails", params={"account": ada}), 404, "Account not found")
    error(zap.get("/v2/onebox/top-emails", params={"account": ada, "page": 0}), 400)
    error(zap.get("/v2/onebox/top-emails", params={"includeWarmUp": "sometimes"}), 400, "includeWarmUp")


def test_thread_reads_every_message_oldest_first(harness, zap):
    ada, _ = inbox(harness, zap, days=10)
    longest = max(emails(zap, account=ada), key=lambda m: m["subject"].startswith("Re: "))
    r = zap.get("/v2/onebox/thread-emails", params={"threadId": longest["threadId"]})
    thread = envelope(r)
    assert set(thread) == {"threadId", "subject", "emails"} and thread["threadId"] == longest["threadId"]
    dates = [m["date"] for m in thread["emails"]]
    assert dates == sorted(dates) and thread["emails"][-1] == longest
    assert {m["threadId"] for m in thread["emails"]} == {longest["threadId"]}
    error(zap.get("/v2/onebox/thread-emails", params={"threadId": "no-such-thread"}), 404, "Thread not found")
    error(zap.get("/v2/onebox/thread-emails"), 400, "threadId")
    error(harness.account().get("/v2/onebox/thread-emails", params={"threadId": longest["threadId"]}), 404)


def test_search_matches_subject_body_and_people(harness, zap):
    ada, bob = inbox(harness, zap, days=8)
    every = found(zap)
    assert {m["account"] for m in every} == {ada, bob} and not [m for m in every if m["isWarmUp"]]
    hit = every[-1]
    word = hit["subject"].split()[-1].upper()
    matches = found(zap, query=word)
    assert hit in matches
    assert all(word.lower() in " ".join([m["subject"], m["body"], m["from"], m["fromName"], *m["to"]]).lower()
               for m in matches)
    people = found(zap, query=hit["from"], account=hit["account"])
    assert hit in people and all(hit["from"] in [m["from"], *m["to"]] or hit["from"] in m["body"] for m in people)
    assert found(zap, query="zzz-nothing-matches") == []
    assert all(m["account"] == bob for m in found(zap, account=bob))


# ---------------------------------------------------------------- sending

def test_send_starts_a_thread_and_replies_join_one(harness, zap):
    ada, _ = inbox(harness, zap, days=2)
    r = zap.post("/v2/onebox/send-email", json={"account": ada, "to": "maya@example.com", "subject": "Intro call",
                                                 "body": "Hi Maya, are you free on Tuesday?",
                                                 "cc": ["lee@example.com"], "bcc": ["audit@example.com"]})
    sent = envelope(r)
    assert set(sent) == {"messageId", "threadId"} and r.json()["message"] == "Email sent successfully"
    thread = envelope(zap.get("/v2/onebox/thread-emails", params={"threadId": sent["threadId"]}))
    [mine] = thread["emails"]
    assert (mine["id"], mine["from"], mine["to"], mine["cc"], mine["subject"], mine["labels"]) == \
        (sent["messageId"], ada, ["maya@example.com"], ["lee@example.com"], "Intro call", ["SENT"])
    assert emails(zap, account=ada, folder="SENT")[0] == mine
    assert found(zap, query="free on tuesday") == [mine]
    # a reply in a received thread, a minute later
    harness.advance(60)
    received = next(m for m in emails(zap, account=ada, folder="INBOX") if m["from"] != ada)
    reply = envelope(zap.post("/v2/onebox/send-email", json={
        "account": ada, "to": received["from"], "subject": "Re: " + received["subject"], "body": "Thanks!",
        "threadId": received["threadId"], "messageId": received["messageId"]}))
    assert reply["threadId"] == received["threadId"]
    thread = envelope(zap.get("/v2/onebox/thread-emails", params={"threadId": received["threadId"]}))
    assert thread["emails"][-1]["id"] == reply["messageId"] and thread["emails"][-1]["body"] == "Thanks!"
    assert emails(zap, account=ada)[0]["id"] == reply["messageId"]  # the thread's latest message now


def test_send_errors(harness, zap):
    ada, bob = inbox(harness, zap, days=1)
    d = buy_domain(zap, harness, "pending.com")
    envelope(assign(zap, d, ["cy"]))
    base = {"account": ada, "to": "maya@example.com", "subject": "Hi", "body": "Hello-zq-never-sent"}
    bob_thread = emails(zap, account=bob)[0]["threadId"]
    ada_mail = emails(zap, account=ada)[0]
    cases = [({**base, "to": "not-an-address"}, 400, "to"),
             ({k: v for k, v in base.items() if k != "subject"}, 400, "subject"),
             ({**base, "cc": ["fine@example.com", "nope"]}, 400, "cc"),
             ({**base, "account": "nobody@inboxco.com"}, 404, "Account not found"),
             ({**base, "account": "cy@pending.com"}, 400, "not active"),
             ({**base, "threadId": bob_thread}, 404, "Thread not found"),
             ({**base, "threadId": ada_mail["threadId"], "messageId": "other"}, 404, "Message not found"),
             ({**base, "messageId": ada_mail["messageId"]}, 400, "threadId")]
    for body, status, text in cases:
        error(zap.post("/v2/onebox/send-email", json=body), status, text)
    assert found(zap, account=ada, query="Hello-zq-never-sent") == []  # nothing half-sent


# ---------------------------------------------------------------- attachments

def test_download_attachment_returns_the_file(harness, zap):
    inbox(harness, zap, days=14)
    mail = next(m for m in found(zap) if m["attachments"])
    a = mail["attachments"][0]
    body = {"attachmentId": a["attachmentId"], "provider": "GOOGLE", "messageId": mail["id"],
            "account": mail["account"], "filename": a["filename"]}
    r = zap.post("/v2/onebox/download-attachment", json=body)
    data = envelope(r)
    content = base64.b64decode(data["content"])
    assert (data["attachmentId"], data["filename"], data["mimeType"], data["size"]) == \
        (a["attachmentId"], a["filename"], a["mimeType"], a["size"]) and len(content) == a["size"]
    first_line = {".pdf": b"%PDF-1.4", ".csv": b"item,quantity,price", ".txt": b"Notes on "}
    assert content.split(b"\n")[0].startswith(first_line[a["filename"][-4:]]), content
    # the Message-ID names the message too; the same file each time
    assert envelope(zap.post("/v2/onebox/download-attachment", json={**body, "messageId": mail["messageId"]})) == data
    error(zap.post("/v2/onebox/download-attachment", json={**body, "attachmentId": "nope"}), 404, "Attachment")
    error(zap.post("/v2/onebox/download-attachment", json={**body, "messageId": "nope"}), 404, "Message not found")
    error(zap.post("/v2/onebox/download-attachment", json={**body, "provider": "YAHOO"}), 400, "provider")
    error(zap.post("/v2/onebox/download-attachment", json={k: v for k, v in body.items() if k != "filename"}),
          400, "filename")


# ---------------------------------------------------------------- labels

def labels(api, address):
    [row] = [a for a in envelope(api.get("/v2/onebox/connected-accounts")) if a["emailAccount"] == address]
    return [(x["name"], x["color"]) for x in row["labels"]]


def test_labels_are_created_renamed_and_deleted(harness, zap):
    ada, bob = inbox(harness, zap)
    r = zap.post("/v2/onebox/create-new-label", json={"account": ada, "labelName": " Leads ", "color": "#FF5733"})
    made = envelope(r)
    assert set(made) == {"id", "name", "color"} and (made["name"], made["color"]) == ("Leads", "#FF5733")
    assert r.json()["message"] == "Label created successfully"
    envelope(zap.post("/v2/onebox/create-new-label", json={"account": ada, "labelName": "Later", "color": "#000"}))
    # the same name on another mailbox is another label
    envelope(zap.post("/v2/onebox/create-new-label", json={"account": bob, "labelName": "Leads", "color": "#111"}))
    assert labels(zap, ada) == [("Leads", "#FF5733"), ("Later", "#000")]
    renamed = envelope(zap.post("/v2/onebox/rename-label", json={"account": ada, "oldLabelName": "leads",
                                                                 "newLabelName": "Hot leads", "color": "#00AA55"}))
    assert (renamed["id"], renamed["name"], renamed["color"]) == (made["id"], "Hot leads", "#00AA55")
    # renaming to its own name in another case is allowed
    envelope(zap.post("/v2/onebox/rename-label", json={"account": ada, "oldLabelName": "Hot leads",
                                                       "newLabelName": "HOT LEADS", "color": "#00AA55"}))
    assert envelope(zap.post("/v2/onebox/delete-label", json={"account": ada, "labelName": "later"})) is None
    assert labels(zap, ada) == [("HOT LEADS", "#00AA55")] and labels(zap, bob) == [("Leads", "#111")]


def test_label_errors(harness, zap):
    ada, _ = inbox(harness, zap)
    create = {"account": ada, "labelName": "Leads", "color": "#FF5733"}
    envelope(zap.post("/v2/onebox/create-new-label", json=create))
    envelope(zap.post("/v2/onebox/create-new-label", json={**create, "labelName": "Other"}))
    cases = [("create-new-label", {**create, "labelName": "LEADS"}, 409, "already exists"),
             ("create-new-label", {**create, "labelName": "inbox"}, 409, "system label"),
             ("create-new-label", {**create, "color": "red"}, 400, "color"),
             ("create-new-label", {**create, "labelName": "  "}, 400, "labelName"),
             ("create-new-label", {**create, "account": "nobody@inboxco.com"}, 404, "Account not found"),
             ("delete-label", {"account": ada, "labelName": "Missing"}, 404, "Label not found"),
             ("rename-label", {"account": ada, "oldLabelName": "Missing", "newLabelName": "X", "color": "#000"},
              404, "Label not found"),
             ("rename-label", {"account": ada, "oldLabelName": "Leads", "newLabelName": "other", "color": "#000"},
              409, "already exists"),
             ("rename-label", {"account": ada, "oldLabelName": "Leads", "newLabelName": "X"}, 400, "color")]
    for op, body, status, text in cases:
        error(zap.post(f"/v2/onebox/{op}", json=body), status, text)
    assert labels(zap, ada) == [("Leads", "#FF5733"), ("Other", "#FF5733")]
    # another account cannot reach them
    error(harness.account().post("/v2/onebox/delete-label", json={"account": ada, "labelName": "Leads"}), 404)


def test_labels_and_sent_mail_survive_a_snapshot(harness, zap):
    ada, _ = inbox(harness, zap)
    envelope(zap.post("/v2/onebox/create-new-label", json={"account": ada, "labelName": "Keep", "color": "#123"}))
    sent = envelope(zap.post("/v2/onebox/send-email", json={"account": ada, "to": "a@example.com", "subject": "Kept",
                                                            "body": "still here"}))
    before = (labels(zap, ada), envelope(zap.get("/v2/onebox/thread-emails", params={"threadId": sent["threadId"]})))
    snapshot = harness.client.get("/_sim/snapshot").json()
    assert harness.client.post("/_sim/reset").status_code == 200
    error(zap.get("/v2/onebox/connected-accounts"), 401)  # the account is gone with the reset
    assert harness.client.post("/_sim/snapshot", json=snapshot).status_code == 200
    assert (labels(zap, ada), envelope(zap.get("/v2/onebox/thread-emails", params={"threadId": sent["threadId"]}))) \
        == before
