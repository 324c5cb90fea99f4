"""End-to-end flows of the Zapmail issue, driven through the HTTP surface."""
from __future__ import annotations

import csv
import io
import re

from simulator.core import totp

from .helpers import all_mailboxes, assign, buy_domain, envelope, error


def test_buy_assign_activate_rename_schedule_removal(harness, zap):
    balance = zap.get("/v2/wallet/balance").json()["walletBalance"]
    r = zap.post("/v2/domains/buy", json={"domains": [{"domainName": "acmeoutbound.com", "years": 1}],
                                         "useWallet": True, "enableDnsShield": False})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"message", "invoiceLink"} and body["message"] == "Domains purchased"
    # registration is asynchronous: PENDING first, ACTIVE on the clock
    row = zap.get("/v2/domains", params={"contains": "acmeoutbound"}).json()["data"]["domains"][0]
    assert row["status"] == "PENDING"
    harness.advance(300)
    row = zap.get("/v2/domains", params={"contains": "acmeoutbound"}).json()["data"]["domains"][0]
    assert row["status"] == "ACTIVE"
    assert zap.get("/v2/wallet/balance").json()["walletBalance"] == round(balance - 12.99, 2)

    r = assign(zap, row, ["ada", "grace", "linus"])
    assert envelope(r) is None and r.json()["message"] == "Mailboxes will be assigned shortly"
    data = envelope(zap.get("/v2/mailboxes/list"))
    group = next(g for g in data["domains"] if g["id"] == row["id"])
    assert sorted(m["username"] for m in group["mailboxes"]) == ["ada", "grace", "linus"]
    assert {m["status"] for m in group["mailboxes"]} == {"IN_PROGRESS"}
    assert all(m["appPassword"] is None and m["secret"] is None for m in group["mailboxes"])
    assert data["totalAssignedMailboxes"] == 3 and data["availableMailboxes"] == 27

    harness.advance(600)
    group = next(g for g in envelope(zap.get("/v2/mailboxes/list"))["domains"] if g["id"] == row["id"])
    assert {m["status"] for m in group["mailboxes"]} == {"ACTIVE"}
    ada = next(m for m in group["mailboxes"] if m["username"] == "ada")
    assert re.fullmatch(r"[a-z]{4}( [a-z]{4}){3}", ada["appPassword"])

    r = zap.put("/v2/mailboxes", json={"mailboxData": [{"mailboxId": ada["id"], "username": "ada.l",
                                                        "firstName": "Augusta"}]})
    assert envelope(r) == [{"mailboxId": ada["id"], "profileUrl": "", "failureDetails": []}]
    got = envelope(zap.get("/v2/mailboxes", params={"id": ada["id"]}))["mailbox"]
    assert got["username"] == "ada.l" and got["firstName"] == "Augusta"
    assert got["email"] == "ada.l@acmeoutbound.com"

    r = zap.put("/v2/mailboxes/scheduled-removal", json={"mailboxIds": [ada["id"]], "remove": True})
    assert r.status_code == 200
    assert r.json() == {"message": "Mailbox will be removed on next renewal", "data": None}
    assert envelope(zap.get("/v2/mailboxes/list"))["scheduledMailboxes"] == 1
    # still there until the subscription renews (30 simulated days)
    assert any(m["id"] == ada["id"] for m in all_mailboxes(zap))
    harness.advance(31 * 24 * 3600)
    assert not any(m["id"] == ada["id"] for m in all_mailboxes(zap))
    assert len(all_mailboxes(zap)) == 2


def test_connect_domain_walks_statuses_to_active(harness, zap):
    r = zap.post("/v2/domains/connect-domain", json={"domainNames": ["ownedbrand.com"]})
    assert r.status_code == 207
    data = envelope(r, 207)
    assert data == {"status": "IN_PROGRESS", "domains": {"ownedbrand.com": {"status": "PENDING",
                                                                             "dnsManagedBy": "ZAPMAILDNS"}}}
    seen = []
    for _ in range(8):
        rows = envelope(zap.get("/v2/domains/connection-requests"))["data"]
        if rows:
            seen.append(rows[0]["status"])
        harness.advance(60)
    assert seen[:5] == ["PENDING", "CHECKING_IF_DOMAIN_IS_REGISTERED", "CHECKING_EXISTING_WORKSPACE_STATUS",
                        "CHECKING_NS_IN_WHOIS", "CHECKING_BLACKLISTED_STATUS"]
    # connected: it left the pending list and lists as ACTIVE
    assert envelope(zap.get("/v2/domains/connection-requests"))["data"] == []
    row = envelope(zap.get("/v2/domains", params={"contains": "ownedbrand"}))["domains"][0]
    assert row["status"] == "ACTIVE"
    # polling the same name again answers 200 with the final state
    r = zap.post("/v2/domains/connect-domain", json={"domainNames": ["ownedbrand.com"]})
    assert envelope(r)["domains"]["ownedbrand.com"]["status"] == "SUCCESS"
    # a connected domain gets the mail records and passes the DNS check
    check = envelope(zap.post("/v2/domains/dns/check", json={"domainIds": [row["id"]]}))
    assert check == [{"id": row["id"], "domain": "ownedbrand.com", "mxRecords": True, "spfRecord": True,
                      "dkimRecords": True, "dmarcRecords": True}]


def test_connect_failure_states_are_reached(harness, zap):
    names = ["unregistered-x.com", "blacklisted-y.com", "ns-not-changed-z.com"]
    envelope(zap.post("/v2/domains/connect-domain", json={"domainNames": names}), 207)
    harness.advance(10 * 60)
    final = {r["domainName"]: r["status"] for r in envelope(zap.get("/v2/domains/connection-requests"))["data"]}
    assert final == {"unregistered-x.com": "DOMAIN_NOT_REGISTERED", "blacklisted-y.com": "BLACKLISTED_DOMAIN",
                     "ns-not-changed-z.com": "NS_NOT_CHANGED"}
    # polling reports the final failures; NS_NOT_CHANGED is re-checked for 48 h, so still 207
    r = zap.post("/v2/domains/connect-domain", json={"domainNames": names})
    assert r.status_code == 207
    assert {n: v["status"] for n, v in envelope(r, 207)["domains"].items()} == final
    harness.advance(49 * 3600)
    r = zap.post("/v2/domains/connect-domain", json={"domainNames": ["ns-not-changed-z.com"]})
    assert r.status_code == 200 and envelope(r)["domains"]["ns-not-changed-z.com"]["status"] == "NS_NOT_CHANGED"
    assert envelope(zap.get("/v2/domains"))["domains"] == []
    # removing a failed request and connecting again starts over
    r = zap.delete("/v2/domains/connection-requests", json={"domainNames": ["unregistered-x.com"]})
    assert envelope(r) == {"removedCount": 1}
    r = zap.post("/v2/domains/connect-domain", json={"domainNames": ["unregistered-x.com"]})
    assert envelope(r, 207)["domains"]["unregistered-x.com"]["status"] == "PENDING"


def test_dns_add_list_update_delete(harness, zap):
    d = buy_domain(zap, harness, "dnsplay.com")
    r = zap.post("/v2/dns", json={"assignedDomainId": d["id"], "records": [
        {"host": "@", "value": "203.0.113.1", "recordType": "A"},
        {"host": "blog", "value": "example.com", "recordType": "CNAME"}]})
    created = envelope(r)
    assert [c["host"] for c in created] == ["dnsplay.com", "blog.dnsplay.com"]
    assert created[0]["cdfResponse"] == {"id": created[0]["cdfRecordId"], "name": "dnsplay.com", "type": "A",
                                         "content": "203.0.113.1"}
    listed = envelope(zap.get("/v2/dns/", params={"id": d["id"]}))
    ids = [x["id"] for x in listed["records"]]
    assert created[0]["id"] in ids and created[1]["id"] in ids
    assert listed["records"] == listed["domainDnsRecords"]

    r = zap.put("/v2/dns", json={"assignedDomainId": d["id"], "dnsRecordId": created[1]["id"],
                                 "value": "blog.example.net"})
    assert envelope(r)["value"] == "blog.example.net"
    rec = next(x for x in envelope(zap.get("/v2/dns", params={"id": d["id"]}))["records"] if x["id"] == created[1]["id"])
    assert rec["value"] == "blog.example.net" and rec["recordType"] == "CNAME"

    r = zap.delete("/v2/dns", params={"id": created[0]["id"], "assignedDomainId": d["id"]})
    assert envelope(r) is None
    ids = [x["id"] for x in envelope(zap.get("/v2/dns/", params={"id": d["id"]}))["records"]]
    assert created[0]["id"] not in ids and created[1]["id"] in ids
    error(zap.delete("/v2/dns", params={"id": created[0]["id"], "assignedDomainId": d["id"]}), 404)

    # the DNS check reflects the zone: drop the DMARC record and it fails that line only
    dmarc = next(x for x in envelope(zap.get("/v2/dns/", params={"id": d["id"]}))["records"]
                 if x["host"].startswith("_dmarc"))
    envelope(zap.delete("/v2/dns", params={"id": dmarc["id"], "assignedDomainId": d["id"]}))
    check = envelope(zap.post("/v2/domains/dns/check", json={"domainIds": [d["id"]]}))[0]
    assert (check["mxRecords"], check["spfRecord"], check["dkimRecords"], check["dmarcRecords"]) == \
        (True, True, True, False)


def test_export_to_third_party_completes_on_the_clock(harness, zap):
    d = buy_domain(zap, harness, "exportable.com")
    assign(zap, d, ["one", "two"])
    harness.advance(600)
    envelope(zap.post("/v2/exports/accounts/third-party",
                      json={"email": "me@seq.test", "password": "pw-123456", "app": "INSTANTLY"}))
    r = zap.post("/v2/exports/mailboxes", json={"apps": ["INSTANTLY"], "ids": [], "excludeIds": [], "tagIds": [],
                                                "status": "", "contains": "exportable"})
    started = envelope(r)
    assert started["status"] == "PENDING"
    status = envelope(zap.get("/v2/exports/status", params={"exportId": started["exportId"]}))
    assert status["export_id"] == started["exportId"] and status["status"] == "PENDING"
    harness.advance(30)
    assert envelope(zap.get("/v2/exports/status", params={"exportId": started["exportId"]}))["status"] == "IN_PROGRESS"
    harness.advance(90)
    done = envelope(zap.get("/v2/exports/status", params={"exportId": started["exportId"]}))
    assert done["status"] == "COMPLETED" and done["failure_reason"] is None


def test_manual_export_serves_a_real_csv(harness, zap):
    d = buy_domain(zap, harness, "csvexport.com")
    assign(zap, d, ["alpha", "beta"])
    harness.advance(600)
    started = envelope(zap.post("/v2/exports/mailboxes", json={"apps": ["MANUAL"], "contains": "csvexport"}))
    # where the CSV is delivered is not documented: the status's csv_link (ours) names it
    link = envelope(zap.get("/v2/exports/status", params={"exportId": started["exportId"]}))["csv_link"]
    assert harness.client.get(link).status_code == 409  # not finished yet
    harness.advance(120)
    r = harness.client.get(link)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert sorted(row["Email"] for row in rows) == ["alpha@csvexport.com", "beta@csvexport.com"]
    mailbox = next(m for m in all_mailboxes(zap) if m["username"] == "alpha")
    row = next(row for row in rows if row["Email"] == "alpha@csvexport.com")
    assert row["Password"] == mailbox["password"] and row["App Password"] == mailbox["appPassword"]


def test_payment_link_opened_and_confirmed_credits_wallet(harness, zap):
    before = zap.get("/v2/wallet/balance").json()["walletBalance"]
    r = zap.post("/v2/wallet/balance", json={"amount": 100.0})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"message", "paymentLink"}
    page = harness.client.get(body["paymentLink"])
    assert page.status_code == 200 and "text/html" in page.headers["content-type"] and "$100.00" in page.text
    assert zap.get("/v2/wallet/balance").json()["walletBalance"] == before  # not credited until paid
    paid = harness.client.post(body["paymentLink"])
    assert paid.status_code == 200 and "paid" in paid.text
    assert zap.get("/v2/wallet/balance").json()["walletBalance"] == before + 100
    # a link pays once
    assert harness.client.post(body["paymentLink"]).status_code == 400
    assert zap.get("/v2/wallet/balance").json()["walletBalance"] == before + 100


def test_domain_bought_by_payment_link_registers_once_paid(harness, zap):
    balance = zap.get("/v2/wallet/balance").json()["walletBalance"]
    r = zap.post("/v2/domains/buy", json={"domains": [{"domainName": "cardpaid.net", "years": 2}], "useWallet": False})
    link = r.json()["paymentLink"]
    assert envelope(zap.get("/v2/domains", params={"contains": "cardpaid"}))["domains"] == []
    assert "$29.98" in harness.client.get(link).text  # 2 years of .net at 14.99
    harness.client.post(link)
    harness.advance(300)
    row = envelope(zap.get("/v2/domains", params={"contains": "cardpaid"}))["domains"][0]
    assert row["status"] == "ACTIVE"
    assert zap.get("/v2/wallet/balance").json()["walletBalance"] == balance  # the card paid, not the wallet


def test_authenticator_code_is_a_real_totp_of_the_secret(harness, zap):
    d = buy_domain(zap, harness, "totpcheck.com")
    assign(zap, d, ["otp"])
    mailbox = all_mailboxes(zap)[0]
    error(zap.get("/v2/mailboxes/authenticator-code", params={"mailboxId": mailbox["id"]}), 400)
    harness.advance(600)
    mailbox = envelope(zap.get("/v2/mailboxes", params={"id": mailbox["id"]}))["mailbox"]
    data = envelope(zap.get("/v2/mailboxes/authenticator-code", params={"mailboxId": mailbox["id"]}))
    now = harness.world.now()
    assert data["code"] == totp.totp(mailbox["secret"], now)
    assert 1 <= data["expiresIn"] <= 30
    # an independent RFC 6238 computation agrees (secret shown in groups of four, lower case)
    import base64
    import hashlib
    import hmac
    import struct
    key = base64.b32decode(mailbox["secret"].replace(" ", "").upper())
    digest = hmac.new(key, struct.pack(">Q", int(now // 30)), hashlib.sha1).digest()
    off = digest[-1] & 15
    expected = (struct.unpack(">I", digest[off:off + 4])[0] & 0x7FFFFFFF) % 10 ** 6
    assert data["code"] == f"{expected:06d}"
