"""Defects a review confirmed, each pinned by a test of the whole behaviour over HTTP."""
from __future__ import annotations

from datetime import datetime

from simulator.providers import bodies
from simulator.providers.litemail import requests as lite_requests
from simulator.providers.zapmail import requests as zap_requests

from .helpers import all_mailboxes, assign, buy_domain, envelope, error
from .test_zapmail_accounts import new_workspace_body

DAY = 24 * 3600
MS = {"x-service-provider": "MICROSOFT"}


def domain_names(api, platform=None):
    headers = {"x-service-provider": platform} if platform else None
    rows = envelope(api.get("/v2/domains", params={"limit": 100}, headers=headers))["domains"]
    return sorted(d["domain"] for d in rows)


def requests_by_status(api, status=None):
    params = {"limit": 100, **({"status": status} if status else {})}
    rows = envelope(api.get("/v2/domains/connection-requests", params=params))["data"]
    return {r["domainName"]: r["status"] for r in rows}


def availability(api, name):
    data = envelope(api.post("/v2/domains/available-bulk", json={"domainNames": [name]}))
    return data["domains"][0]["status"]


def buy(api, name):
    return api.post("/v2/domains/buy", json={"domains": [{"domainName": name}], "useWallet": True})


def seconds(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


# ---------------------------------------------------------------- 1. names are per account

def test_two_accounts_buy_and_connect_the_same_name_independently(harness):
    a, b = harness.account(walletBalance=100), harness.account(walletBalance=100)
    assert buy(a, "sharedname.com").status_code == 200
    # another account's name is invisible: available to b, and b buys it too
    assert availability(b, "sharedname.com") == "AVAILABLE"
    assert buy(b, "sharedname.com").status_code == 200
    harness.advance(301)
    assert domain_names(a) == domain_names(b) == ["sharedname.com"]
    # the calling account's own name stays unavailable to it, and is refused
    assert availability(a, "sharedname.com") == "UNAVAILABLE"
    error(buy(a, "sharedname.com"), 400, "sharedname.com")
    # both connect one fixed name at once; each ends with its own ACTIVE domain
    for api in (a, b):
        data = envelope(api.post("/v2/domains/connect-domain", json={"domainNames": ["sharedconnect.com"]}), 207)
        assert data["domains"]["sharedconnect.com"]["status"] == "PENDING"
    harness.advance(301)
    for api in (a, b):
        assert requests_by_status(api, "SUCCESS") == {"sharedconnect.com": "SUCCESS"}
        assert domain_names(api) == ["sharedconnect.com", "sharedname.com"]
        # and connecting a name the other account holds as well succeeds for each
        assert envelope(api.post("/v2/domains/connect-domain", json={"domainNames": ["sharedname.com"]})) == {
            "status": "COMPLETED",
            "domains": {"sharedname.com": {"status": "DOMAIN_ALREADY_CONNECTED", "dnsManagedBy": "ZAPMAILDNS"}}}
    # WORKSPACE_ALREADY_EXISTS comes from the workspace-exists-* prefix only
    envelope(a.post("/v2/domains/connect-domain", json={"domainNames": ["workspace-exists-x.com"]}), 207)
    harness.advance(301)
    assert requests_by_status(a) == {"workspace-exists-x.com": "WORKSPACE_ALREADY_EXISTS"}


def test_own_duplicate_bought_while_connecting_is_refused(harness):
    a = harness.account(walletBalance=100)
    envelope(a.post("/v2/domains/connect-domain", json={"domainNames": ["racing.com"]}), 207)
    harness.advance(120)
    assert buy(a, "racing.com").status_code == 200  # no domain yet: the request is still running
    harness.advance(400)
    # the connection found the account's own (purchased) domain: no second one
    assert requests_by_status(a, "DOMAIN_ALREADY_CONNECTED") == {"racing.com": "DOMAIN_ALREADY_CONNECTED"}
    rows = envelope(a.get("/v2/domains", params={"limit": 100}))["domains"]
    assert [(d["domain"], d["status"]) for d in rows] == [("racing.com", "ACTIVE")]


def test_own_name_connected_in_another_workspace_fails(harness):
    a = harness.account(walletBalance=100)
    buy_domain(a, harness, "twoplaces.com")
    ws = envelope(a.post("/v2/workspaces", json=new_workspace_body("Second")))["id"]
    other_ws = {"x-workspace-key": ws}
    r = a.post("/v2/domains/connect-domain", json={"domainNames": ["twoplaces.com"]}, headers=other_ws)
    assert envelope(r, 207)["domains"]["twoplaces.com"]["status"] == "PENDING"
    harness.advance(301)
    r = a.post("/v2/domains/connect-domain", json={"domainNames": ["twoplaces.com"]}, headers=other_ws)
    assert envelope(r) == {"status": "FAILED",
                           "domains": {"twoplaces.com": {"status": "FAILED", "dnsManagedBy": "ZAPMAILDNS"}}}
    assert envelope(a.get("/v2/domains", headers=other_ws))["domains"] == []
    assert domain_names(a) == ["twoplaces.com"]


# ---------------------------------------------------------------- 2. connect tells the truth

def test_old_body_connect_waits_for_propagation_and_reports_failures(harness, zap):
    envelope(zap.post("/v2/domains/name-servers", json={"domainName": "legacyslow.com", "maskForwarding": False}))
    error(zap.post("/v2/domains/connect-domain", json={"domainName": "legacyslow.com"}), 400,
          "Name servers have not propagated yet for legacyslow.com")
    assert requests_by_status(zap) == {}  # nothing was started
    harness.advance(300)
    r = zap.post("/v2/domains/connect-domain", json={"domainName": "legacyslow.com"})
    assert r.status_code == 200 and r.json() == {"status": 200, "message": "Domain Connected Successfully",
                                                 "data": None}
    assert requests_by_status(zap) == {"legacyslow.com": "PENDING"}
    # name servers that never propagate never connect
    envelope(zap.post("/v2/domains/name-servers", json={"domainName": "ns-not-changed-old.com",
                                                        "maskForwarding": False}))
    harness.advance(3600)
    error(zap.post("/v2/domains/connect-domain", json={"domainName": "ns-not-changed-old.com"}), 400,
          "have not propagated yet for ns-not-changed-old.com")
    # a request that ended in a failure answers 400 naming the state, not "connected"
    r = zap.post("/v2/domains/connect-domain", json={"domainName": "unregistered-old.com"})
    assert r.status_code == 200  # started
    harness.advance(120)
    error(zap.post("/v2/domains/connect-domain", json={"domainName": "unregistered-old.com"}), 400,
          "DOMAIN_NOT_REGISTERED")
    assert "unregistered-old.com" not in domain_names(zap)
    assert "legacyslow.com" in domain_names(zap)


def test_new_body_reports_failed_and_mixed_outcomes(harness, zap):
    failing = ["unregistered-n.com", "blacklisted-n.com"]
    mixed = ["goodone.com", "banned-n.com"]
    r = zap.post("/v2/domains/connect-domain", json={"domainNames": failing + mixed})
    assert r.status_code == 207 and envelope(r, 207)["status"] == "IN_PROGRESS"
    harness.advance(120)
    # one name already failed, the others still run: still in progress
    r = zap.post("/v2/domains/connect-domain", json={"domainNames": failing})
    assert r.status_code == 207 and envelope(r, 207)["status"] == "IN_PROGRESS"
    harness.advance(181)
    r = zap.post("/v2/domains/connect-domain", json={"domainNames": failing})
    assert r.json()["message"] == "Domain connection failed"
    assert envelope(r) == {"status": "FAILED", "domains": {
        "unregistered-n.com": {"status": "DOMAIN_NOT_REGISTERED", "dnsManagedBy": "ZAPMAILDNS"},
        "blacklisted-n.com": {"status": "BLACKLISTED_DOMAIN", "dnsManagedBy": "ZAPMAILDNS"}}}
    r = zap.post("/v2/domains/connect-domain", json={"domainNames": mixed})
    assert r.json()["message"] == "Domain connection completed with errors"
    assert envelope(r) == {"status": "COMPLETED_WITH_ERRORS", "domains": {
        "goodone.com": {"status": "SUCCESS", "dnsManagedBy": "ZAPMAILDNS"},
        "banned-n.com": {"status": "BANNED_DOMAIN", "dnsManagedBy": "ZAPMAILDNS"}}}
    r = zap.post("/v2/domains/connect-domain", json={"domainNames": ["goodone.com"]})
    assert r.json()["message"] == "Domain connection completed" and envelope(r)["status"] == "COMPLETED"
    assert domain_names(zap) == ["goodone.com"]


# ---------------------------------------------------------------- 3. platform-less domains read as GOOGLE

def test_platformless_domain_reads_as_google_and_moves_its_mail_records_to_microsoft(harness, zap):
    d = buy_domain(zap, harness, "noplatform.com")  # no x-service-provider
    assert domain_names(zap) == ["noplatform.com"] and domain_names(zap, "MICROSOFT") == []
    assignable = envelope(zap.get("/v2/domains/assignable", params={"limit": 100}, headers=MS))["domains"]
    assert assignable == []
    counts = envelope(zap.get("/v2/workspaces"))["currentWorkspace"]
    assert (counts["domainCountGoogle"], counts["domainCountMicrosoft"]) == ("1", "0")
    # Microsoft may still claim it with its first mailbox
    envelope(assign(zap, d, ["first"], platform="MICROSOFT"))
    assert domain_names(zap) == [] and domain_names(zap, "MICROSOFT") == ["noplatform.com"]
    records = envelope(zap.get("/v2/dns/", params={"id": d["id"]}, headers=MS))["records"]
    mail = sorted((r["host"], r["recordType"], r["value"] if not r["value"].startswith("v=DKIM1") else "DKIM",
                   r["priority"]) for r in records)
    assert mail == sorted([
        ("noplatform.com", "MX", "noplatform-com.mail.protection.outlook.com", 0),
        ("noplatform.com", "TXT", "v=spf1 include:spf.protection.outlook.com ~all", None),
        ("selector1._domainkey.noplatform.com", "TXT", "DKIM", None),
        ("_dmarc.noplatform.com", "TXT", "v=DMARC1; p=none;", None)])
    check = envelope(zap.post("/v2/domains/dns/check", json={"domainIds": [d["id"]]}, headers=MS))
    assert check == [{"id": d["id"], "domain": "noplatform.com", "mxRecords": True, "spfRecord": True,
                      "dkimRecords": True, "dmarcRecords": True}]


# ---------------------------------------------------------------- 4. expireOn follows renewals

def test_mailbox_expiry_moves_to_the_new_period_end_at_renewal(harness, zap):
    d = buy_domain(zap, harness, "renewing.com")
    envelope(assign(zap, d, ["stay"]))
    harness.advance(600)
    sub = envelope(zap.get("/v2/subscriptions"))[0]
    box = all_mailboxes(zap)[0]
    assert seconds(box["expireOn"]) > seconds(sub["periodEnd"])  # 30 days from assignment
    harness.advance(30 * DAY)
    renewed = envelope(zap.get("/v2/subscriptions"))[0]
    assert seconds(renewed["periodEnd"]) == seconds(sub["periodEnd"]) + 30 * DAY
    assert all_mailboxes(zap)[0]["expireOn"] == renewed["periodEnd"]
    harness.advance(30 * DAY)
    again = envelope(zap.get("/v2/subscriptions"))[0]
    assert all_mailboxes(zap)[0]["expireOn"] == again["periodEnd"] != renewed["periodEnd"]


# ---------------------------------------------------------------- 5. re-export limit

def _exportable(harness, zap, name, users):
    d = buy_domain(zap, harness, name)
    envelope(assign(zap, d, users))
    harness.advance(600)
    envelope(zap.post("/v2/exports/accounts/third-party",
                      json={"email": "me@tool.test", "password": "pw-123456", "app": "INSTANTLY"}))
    return {m["username"]: m["id"] for m in all_mailboxes(zap)}


def test_a_mailbox_is_exported_to_one_app_at_most_three_times_in_seven_days(harness, zap):
    ids = _exportable(harness, zap, "reexport.com", ["one", "two"])

    def export(app, *which):
        return zap.post("/v2/exports/mailboxes", json={"apps": [app], "ids": [ids[w] for w in which]})

    for _ in range(3):
        envelope(export("INSTANTLY", "one"))
        harness.advance(3600)
    refused = export("INSTANTLY", "one")
    assert refused.status_code == 429 and refused.json() == {"status": 429, "message": "Too many requests"}
    # any blocked mailbox blocks the request; nothing is started
    assert export("INSTANTLY", "two", "one").status_code == 429
    # another app, and another mailbox, are not limited
    envelope(export("MANUAL", "one"))
    envelope(export("INSTANTLY", "two"))
    # rolling 7 days: the first export leaves the window exactly 7 days after it was made
    harness.advance(7 * DAY - 3 * 3600 - 1)
    assert export("INSTANTLY", "one").status_code == 429
    harness.advance(1)
    envelope(export("INSTANTLY", "one"))
    assert export("INSTANTLY", "one").status_code == 429


def test_the_re_export_limit_is_a_world_setting(harness, zap):
    ids = _exportable(harness, zap, "manyexports.com", ["many"])
    harness.world.settings["export_limit_per_mailbox_app"] = 5
    for _ in range(5):
        envelope(zap.post("/v2/exports/mailboxes", json={"apps": ["INSTANTLY"], "ids": [ids["many"]]}))
    r = zap.post("/v2/exports/mailboxes", json={"apps": ["INSTANTLY"], "ids": [ids["many"]]})
    assert r.status_code == 429 and r.json() == {"status": 429, "message": "Too many requests"}


# ---------------------------------------------------------------- 6. a mailbox can fail

def test_a_fail_prefixed_mailbox_ends_failed_at_its_activation_time(harness, zap):
    d = buy_domain(zap, harness, "sometimesfails.com")
    envelope(assign(zap, d, ["fail-first", "works"]))
    harness.advance(599)
    assert {m["username"]: m["status"] for m in all_mailboxes(zap)} == {"fail-first": "IN_PROGRESS",
                                                                        "works": "IN_PROGRESS"}
    harness.advance(1)
    boxes = {m["username"]: m for m in all_mailboxes(zap)}
    assert {u: m["status"] for u, m in boxes.items()} == {"fail-first": "FAILED", "works": "ACTIVE"}
    assert boxes["fail-first"]["appPassword"] is None and boxes["fail-first"]["secret"] is None
    assert boxes["works"]["appPassword"] and boxes["works"]["secret"]
    got = envelope(zap.get("/v2/mailboxes", params={"id": boxes["fail-first"]["id"]}))["mailbox"]
    assert got["status"] == "FAILED" and got["appPassword"] is None and got["secret"] is None
    data = envelope(zap.get("/v2/mailboxes/list"))
    assert data["totalActiveMailboxes"] == 1 and data["totalAssignedMailboxes"] == 2
    # it stays FAILED
    harness.advance(DAY)
    assert {m["username"]: m["status"] for m in all_mailboxes(zap)}["fail-first"] == "FAILED"


# ---------------------------------------------------------------- 7. update a third-party account by id

def test_update_third_party_account_by_account_id_without_app(zap):
    envelope(zap.post("/v2/exports/accounts/third-party",
                      json={"email": "old@tool.test", "password": "pw-123456", "app": "SMARTLEAD"}))
    acc = envelope(zap.get("/v2/exports/accounts/third-party", params={"app": "SMARTLEAD"}))["accounts"][0]
    r = zap.put("/v2/exports/accounts/third-party", json={"accountId": acc["id"], "email": "new@tool.test"})
    assert envelope(r) is None and r.json()["message"] == "Account updated successfully"
    rows = envelope(zap.get("/v2/exports/accounts/third-party", params={"app": "SMARTLEAD"}))["accounts"]
    assert [(a["id"], a["email"], a["appName"]) for a in rows] == [(acc["id"], "new@tool.test", "SMARTLEAD")]
    # without accountId, app is still needed to find the account
    error(zap.put("/v2/exports/accounts/third-party", json={"email": "x@tool.test"}), 400, "app")
    error(zap.put("/v2/exports/accounts/third-party", json={"accountId": acc["id"], "app": 5}), 400, "app")


# ---------------------------------------------------------------- 8. one ExportMailboxes model

def test_both_dialects_share_one_export_mailboxes_model(zap):
    # Each dialect's model is the shared one with only its apps narrowed to its own list (an enum
    # the document publishes); every other field is the shared model's own.
    for dialect_requests in (zap_requests, lite_requests):
        assert issubclass(dialect_requests.ExportMailboxes, bodies.ExportMailboxes)
        own = {n for n, f in dialect_requests.ExportMailboxes.model_fields.items()
               if repr(f) != repr(bodies.ExportMailboxes.model_fields.get(n))}
        assert own == {"apps"}
        assert set(dialect_requests.ExportMailboxes.model_fields) == set(bodies.ExportMailboxes.model_fields)
    error(zap.post("/v2/exports/mailboxes", json={"apps": "INSTANTLY"}), 400, "apps")


# ---------------------------------------------------------------- 9. a large limit is clamped

def test_limit_above_the_maximum_is_clamped_to_it(harness):
    api = harness.account(fixture={"workspaces": [{"domains": [{"name": f"clamp{i:04d}.com"}
                                                               for i in range(1001)]}]})
    data = envelope(api.get("/v2/domains", params={"limit": "100000"}))
    assert len(data["domains"]) == 1000 and data["totalPages"] == 2 and data["totalSearchedCount"] == 1001
    rest = envelope(api.get("/v2/domains", params={"limit": "5000", "page": "2"}))
    assert [d["domain"] for d in rest["domains"]] == ["clamp1000.com"]
    error(api.get("/v2/domains", params={"limit": "-1"}), 400, "pagination")
    error(api.get("/v2/domains", params={"limit": "lots"}), 400, "pagination")
