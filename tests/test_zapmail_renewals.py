"""Zapmail Tier C: renewals (renewing soon, price, renew, auto renew, workspace renewal settings),
moving domains across workspaces, removing forwarding, and the workspaces of a third-party app.
Driven over HTTP; answers compared with the observed reference (operation named); state read back;
refusals change nothing."""
from __future__ import annotations

from datetime import datetime

import pytest

from .helpers import all_mailboxes, assert_shape, assign, buy_domain, domain_row, envelope, error, wallet
from .observed import error_where, example

DAY = 24 * 3600
# a bought domain expires a year on; two months before, it is renewing soon
INTO_WINDOW = 310 * DAY
BILLING = {"company": "Engines Ltd", "firstName": "Ada", "lastName": "Lovelace", "addressLineOne": "12 Square",
           "city": "London", "state": "London", "country": "GB", "postalCode": "SW1", "phoneCc": "+44",
           "phone": "2079460000", "languagePreference": "en"}
ROUTES = [("POST", "/v2/workspaces/update-domain-renewal-settings"), ("POST", "/v2/domains/renewal-soon"),
          ("POST", "/v2/domains/get-renewal-price"), ("POST", "/v2/domains/renew"),
          ("POST", "/v2/domains/update-auto-renew"), ("POST", "/v2/domains/move-workspace"),
          ("POST", "/v2/domains/remove-forwarding"), ("GET", "/v2/exports/fetch-workspaces")]


def at(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()




def soon(api, body=None, **params):
    return envelope(api.post("/v2/domains/renewal-soon", json=body or {}, params=params or None))


@pytest.mark.parametrize("method,path", ROUTES)
def test_every_route_needs_a_key(harness, method, path):
    error(harness.client.request(method, "/api" + path), 401, "x-auth-zapmail")
    error(harness.client.request(method, "/api" + path, headers={"x-auth-zapmail": "nope"}), 401, "invalid api key")


# ---------------------------------------------------------------- renewing soon and price

def test_renewal_soon_lists_domains_in_the_two_month_window_in_the_live_shape(harness, zap):
    d = buy_domain(zap, harness, "renewsoon.com")
    envelope(assign(zap, d, ["ada", "bob"]))
    envelope(zap.post("/v2/domains/connect-domain", json={"domainNames": ["connected-one.com"]}), 207)
    harness.advance(301)
    assert soon(zap)["domains"] == []  # a year away
    harness.advance(INTO_WINDOW)
    data = soon(zap, page=1, limit=10)
    # zapmail-v2-observed.yaml, zapmail.v2.domains.renewal_soon, 200 (live key list)
    assert_shape(data, example("zapmail.v2.domains.renewal_soon")["data"])
    [row] = data["domains"]  # the connected domain is not renewed through Zapmail
    assert (row["id"], row["domain"], row["serviceProvider"], row["assignedMailboxesCount"]) == (
        d["id"], "renewsoon.com", "GOOGLE", 2)
    assert row["expireOn"] == d["expireOn"] and row["registeredOn"] == d["registeredOn"]
    assert (data["totalSearchedCount"], data["totalCount"], data["currentPage"], data["nextPage"]) == (1, 1, 1, 2)
    assert soon(zap, {"contains": "nothing-like-it"})["domains"] == []
    assert soon(zap, {"contains": "renew"})["totalCount"] == 1


def test_renewal_soon_refuses_null_filters_with_the_live_422(zap):
    # zapmail-v2-observed.yaml errors_observed: null contains/tagIds -> 422 "Invalid value" (live)
    text = error_where("renewal-soon")["message"]
    for body in ({"contains": None}, {"tagIds": None}, {"contains": None, "tagIds": None}):
        assert error(zap.post("/v2/domains/renewal-soon", json=body), 422) == text
    for path in ("/v2/domains/get-renewal-price", "/v2/domains/update-auto-renew"):
        assert error(zap.post(path, json={"domainIds": [], "contains": None}), 422) == text
    # a wrong type is an ordinary 400 naming the field
    error(zap.post("/v2/domains/renewal-soon", json={"contains": 5}), 400, "contains must be a string")


def test_renewal_soon_filters_by_tag(harness, zap):
    a, b = buy_domain(zap, harness, "tagged-renew.com"), buy_domain(zap, harness, "plain-renew.com")
    tag = envelope(zap.post("/v2/domains/tags", json=[{"name": "Renew"}]))["tagIds"][0]
    envelope(zap.post("/v2/domains/assign-tag", json={"tagIds": [tag], "domainIds": [a["id"]]}))
    harness.advance(INTO_WINDOW)
    assert [r["domain"] for r in soon(zap, {"tagIds": [tag]})["domains"]] == ["tagged-renew.com"]
    assert {r["domain"] for r in soon(zap)["domains"]} == {"tagged-renew.com", b["domain"]}


def test_renewal_price_rows_carry_the_live_keys(harness, zap):
    d = buy_domain(zap, harness, "priceme.net")
    rows = envelope(zap.post("/v2/domains/get-renewal-price", json={"domainIds": [d["id"]]}))
    # zapmail-v2-observed.yaml, zapmail.v2.domains.get_renewal_price, 200 (live key list)
    assert_shape(rows, example("zapmail.v2.domains.get_renewal_price")["data"])
    assert rows == [{"domainId": d["id"], "domainName": "priceme.net", "domainPrice": "14.99",
                     "isPremiumDomain": False, "renewPrice": "22.99", "status": "ACTIVE"}]
    # an empty id list selects by filter
    assert [r["domainName"] for r in envelope(zap.post("/v2/domains/get-renewal-price",
                                                       json={"domainIds": [], "contains": "priceme"}))] == ["priceme.net"]


def test_renewal_price_errors(harness, zap):
    error(zap.post("/v2/domains/get-renewal-price", json={"domainIds": ["nope"]}), 404, "Domain not found")
    error(zap.post("/v2/domains/get-renewal-price", json={"domainIds": []}), 400, "domainIds")
    error(zap.post("/v2/domains/get-renewal-price", json={}), 400, "domainIds")
    envelope(zap.post("/v2/domains/connect-domain", json={"domainNames": ["connected-two.com"]}), 207)
    harness.advance(301)
    connected = domain_row(zap, "connected-two.com")
    error(zap.post("/v2/domains/get-renewal-price", json={"domainIds": [connected["id"]]}), 400, "cannot be renewed here")


# ---------------------------------------------------------------- renew

def test_renew_spends_the_wallet_and_moves_the_expiry_a_year(harness, zap):
    d = buy_domain(zap, harness, "renewnow.com")
    spent = wallet(zap)
    # outside the window: refused, nothing charged
    error(zap.post("/v2/domains/renew", json={"domainIds": [d["id"]]}), 400, "within two months")
    assert wallet(zap) == spent and domain_row(zap, "renewnow.com")["expireOn"] == d["expireOn"]
    harness.advance(INTO_WINDOW)
    r = zap.post("/v2/domains/renew", json={"domainIds": [d["id"]]})
    data = envelope(r)
    # the client reference's keys (zapmail-v2-observed.yaml, zapmail.v2.domains.renew): inside data here
    assert set(data) == set(example("zapmail.v2.domains.renew"))
    assert data["domainIds"] == [d["id"]] and data["useWallet"] is True and data["paymentLink"]
    assert wallet(zap) == round(spent - 20.99, 2)
    after = domain_row(zap, "renewnow.com")
    assert at(after["expireOn"]) - at(d["expireOn"]) == 365 * DAY
    assert data["domains"] == [{"id": d["id"], "domain": "renewnow.com", "expireOn": after["expireOn"]}]
    assert soon(zap)["domains"] == []  # renewed: out of the window


def test_renew_refusals_change_nothing(harness):
    poor = harness.account(walletBalance=15)
    d = buy_domain(poor, harness, "poorrenew.com")
    harness.advance(INTO_WINDOW)
    text = error(poor.post("/v2/domains/renew", json={"domainIds": [d["id"]]}), 400)
    assert text == "Insufficient wallet balance. Required: $20.99, Available: $2.01"
    assert domain_row(poor, "poorrenew.com")["expireOn"] == d["expireOn"] and wallet(poor) == 2.01
    error(poor.post("/v2/domains/renew", json={"domainIds": ["unknown"]}), 404)
    error(poor.post("/v2/domains/renew", json={}), 400, "domainIds")
    error(poor.post("/v2/domains/renew", json={"domainIds": None}), 422, "Invalid value")


# ---------------------------------------------------------------- auto renew

def test_auto_renew_per_domain_and_the_workspace_default(harness, zap):
    d = buy_domain(zap, harness, "autorenew.com")
    assert d["autoRenew"] is False  # API purchases default to off (support)
    envelope(zap.post("/v2/domains/update-auto-renew", json={"domainIds": [d["id"]], "autoRenew": True}))
    assert domain_row(zap, "autorenew.com")["autoRenew"] is True
    envelope(zap.post("/v2/domains/update-auto-renew", json={"domainIds": [], "contains": "autorenew",
                                                             "autoRenew": False}))
    assert domain_row(zap, "autorenew.com")["autoRenew"] is False
    data = envelope(zap.post("/v2/workspaces/update-domain-renewal-settings",
                             json={"domainRenewalSettings": {"autoRenew": True}}))
    assert data == {"domainRenewalSettings": {"autoRenew": True}}
    assert buy_domain(zap, harness, "bought-after.com")["autoRenew"] is True
    assert domain_row(zap, "autorenew.com")["autoRenew"] is False  # existing domains keep theirs


def test_auto_renew_errors(harness, zap):
    error(zap.post("/v2/domains/update-auto-renew", json={"domainIds": ["nope"], "autoRenew": True}), 404)
    error(zap.post("/v2/domains/update-auto-renew", json={"domainIds": []}), 400, "autoRenew")
    error(zap.post("/v2/workspaces/update-domain-renewal-settings", json={"domainRenewalSettings": {}}), 400,
          "autoRenew")
    error(zap.post("/v2/workspaces/update-domain-renewal-settings", json={}), 400, "domainRenewalSettings")


# ---------------------------------------------------------------- moves

def _second_workspace(api, name="Second brand"):
    return envelope(api.post("/v2/workspaces", json={"name": name, "billingDetails": BILLING}))["id"]


def test_a_moved_domain_is_in_the_other_workspace_with_its_mailboxes(harness, zap):
    home = zap.account["workspaceId"]
    d = buy_domain(zap, harness, "moveme.com")
    other = _second_workspace(zap)
    bought = zap.post("/v2/subscriptions/purchase", params={"planName": "Starter"}, headers={"x-workspace-key": other})
    assert bought.status_code == 200, bought.text
    envelope(assign(zap, d, ["ada"]))
    tag = envelope(zap.post("/v2/domains/tags", json=[{"name": "Home only"}]))["tagIds"][0]
    envelope(zap.post("/v2/domains/assign-tag", json={"tagIds": [tag], "domainIds": [d["id"]]}))
    r = zap.post("/v2/domains/move-workspace", json={"domainIds": [d["id"]], "workspaceId": other,
                                                    "serviceProvider": "GOOGLE"})
    assert envelope(r) is None
    assert domain_row(zap, "moveme.com") is None
    moved = domain_row(zap, "moveme.com", other)
    assert moved["id"] == d["id"] and moved["workspaceId"] == other and moved["tags"] == []
    assert [m["username"] for m in moved["mailboxes"]] == ["ada"]
    assert all_mailboxes(zap) == []
    there = envelope(zap.get("/v2/mailboxes/list", headers={"x-workspace-key": other}))
    assert [m["username"] for g in there["domains"] for m in g["mailboxes"]] == ["ada"]
    assert int(envelope(zap.get("/v2/workspaces"))["currentWorkspace"]["mailboxCount"]) == 0
    # and back again
    envelope(zap.post("/v2/domains/move-workspace", json={"domainIds": [d["id"]], "workspaceId": home},
                      headers={"x-workspace-key": other}))
    assert domain_row(zap, "moveme.com")["workspaceId"] == home


def test_move_refusals_change_nothing(harness, zap):
    d = buy_domain(zap, harness, "staysput.com")
    envelope(assign(zap, d, ["ada"]))
    other = _second_workspace(zap)  # no subscription there: no slot for the mailbox
    error(zap.post("/v2/domains/move-workspace", json={"domainIds": [d["id"]], "workspaceId": other}), 400,
          "Not enough GOOGLE mailbox slots")
    error(zap.post("/v2/domains/move-workspace", json={"domainIds": [d["id"]], "workspaceId": "nowhere"}), 404,
          "Workspace not found")
    error(zap.post("/v2/domains/move-workspace", json={"domainIds": [d["id"]],
                                                      "workspaceId": zap.account["workspaceId"]}), 400, "already")
    error(zap.post("/v2/domains/move-workspace", json={"domainIds": ["nope"], "workspaceId": other}), 404)
    error(zap.post("/v2/domains/move-workspace", json={"domainIds": [d["id"]], "workspaceId": other},
                   headers={"x-service-provider": "MICROSOFT"}), 400, "GOOGLE")
    error(zap.post("/v2/domains/move-workspace", json={"domainIds": [d["id"]], "workspaceId": other,
                                                      "serviceProvider": "MICROSOFT"},
                   headers={"x-service-provider": "GOOGLE"}), 400, "serviceProvider")
    theirs = harness.account(walletBalance=50)
    error(zap.post("/v2/domains/move-workspace", json={"domainIds": [d["id"]],
                                                      "workspaceId": theirs.account["workspaceId"]}), 404)
    assert domain_row(zap, "staysput.com")["workspaceId"] == zap.account["workspaceId"]
    error(zap.post("/v2/domains/move-workspace", json={"domainIds": [], "workspaceId": other}), 400, "domainIds")


# ---------------------------------------------------------------- remove forwarding

def test_remove_forwarding_in_the_fixture_shape(harness, zap):
    d = buy_domain(zap, harness, "forwarded.com")
    envelope(zap.post("/v2/domains/forwarding", json={"domainIds": [d["id"]], "forwardTo": "https://example.org"}))
    assert domain_row(zap, "forwarded.com")["forwardTo"] == "https://example.org"
    r = zap.post("/v2/domains/remove-forwarding", json={"domainId": d["id"]},
                 headers={"x-workspace-id": zap.account["workspaceId"]})
    # zapmail-v2-observed.yaml, zapmail.v2.domains.remove_forwarding, 200 (warmbly fixture)
    assert_shape(r.json(), example("zapmail.v2.domains.remove_forwarding"))
    row = domain_row(zap, "forwarded.com")
    assert row["forwardTo"] is None and row["forwardToAddedOnReseller"] is False
    error(zap.post("/v2/domains/remove-forwarding", json={"domainId": "nope"}), 404)
    error(zap.post("/v2/domains/remove-forwarding", json={"domainId": [d["id"]]}), 400, "domainId")


# ---------------------------------------------------------------- fetch workspaces by app

def test_fetch_workspaces_refuses_smartlead_with_the_live_text(zap):
    # zapmail-v2-observed.yaml, zapmail.v2.export.fetch_workspaces, 400 (live, cut off by the recorder)
    live = example("zapmail.v2.export.fetch_workspaces", 400)["message"].rstrip("…")
    text = error(zap.get("/v2/exports/fetch-workspaces", params={"app": "SMARTLEAD"}), 400)
    assert text.startswith(live) and "SMARTLEAD" not in text
    error(zap.get("/v2/exports/fetch-workspaces"), 400, "Invalid app parameter")


def test_fetch_workspaces_lists_one_per_account_of_the_app(zap):
    assert envelope(zap.get("/v2/exports/fetch-workspaces", params={"app": "INSTANTLY"})) == {"workspaces": []}
    envelope(zap.post("/v2/exports/accounts/third-party", json={"email": "ops@example.com", "password": "pw-123456",
                                                                "app": "INSTANTLY"}))
    [acc] = envelope(zap.get("/v2/exports/accounts/third-party", params={"app": "INSTANTLY"}))["accounts"]
    data = envelope(zap.get("/v2/exports/fetch-workspaces", params={"app": "INSTANTLY", "accountId": acc["id"]}))
    [ws] = data["workspaces"]
    assert ws["accountId"] == acc["id"] and ws["email"] == "ops@example.com" and ws["id"] and ws["name"]
    assert envelope(zap.get("/v2/exports/fetch-workspaces", params={"app": "QUICKMAIL"})) == {"workspaces": []}
    error(zap.get("/v2/exports/fetch-workspaces", params={"app": "INSTANTLY", "accountId": "nope"}), 404)


def test_a_null_key_the_body_does_not_take_is_ignored(zap):
    # renewal-soon takes no domainIds: unknown keys are ignored, as everywhere
    assert envelope(zap.post("/v2/domains/renewal-soon", json={"domainIds": None}))["domains"] == []
