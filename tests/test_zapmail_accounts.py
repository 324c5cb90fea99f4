"""Zapmail v2 accounts-side routes, driven over HTTP as a client would: users, workspaces,
billing, payments & wallet, subscriptions.

Each success body is compared with the reference example it emulates (copied below, one line
naming its source); state changes are proven by later reads; every validation error is checked
for status, the Zapmail error body, and that it changed nothing.
"""
from __future__ import annotations

import copy

import pytest

from .helpers import assert_shape, buy_domain, envelope, error

DAY = 24 * 3600

# ---------------------------------------------------------------- reference examples

# zapmail-v2-accounts.yaml, zapmail.v2.users.get, 200 example
DOCS_USER = {
    "status": 200,
    "message": "User details fetched successfully",
    "data": {
        "id": "12345678-abcd-4efg-90hi-1234567890jk",
        "email": "example@domain.com",
        "firstName": "John",
        "lastName": "Doe",
        "activePlan": "Premium",
        "planEndsOn": "2025-03-10T15:00:00.000Z",
        "purchasedMailboxes": 120,
        "assignedMailboxes": 85,
        "userCreatedAt": "2023-01-15T08:30:00.000Z",
        "walletBalance": 100.5,
    },
}

# zapmail-v2-observed.yaml, zapmail.v2.users.get, 200 example (reconstructed from a live read)
OBSERVED_USER = {
    "status": 200,
    "message": "<not captured>",
    "data": {
        "id": "<uuid, per spec copy>",
        "email": "owner@example.com",
        "firstName": "Jane",
        "lastName": "Doe",
        "activePlan": "Growth",
        "planEndsOn": "2026-05-24T15:10:54.000Z",
        "purchasedMailboxes": 48,
        "assignedMailboxes": 48,
        "userCreatedAt": "2025-12-11T15:09:59.345Z",
        "walletBalance": 0,
    },
}

# zapmail-v2-observed.yaml, zapmail.v2.workspaces.list, 200 example (live shape: infra-bot + coldstack)
OBSERVED_WORKSPACES = {
    "status": 200,
    "message": "<not captured>",
    "data": {
        "totalSearchedCount": 2,
        "currentPage": 1,
        "nextPage": 2,
        "totalPages": 1,
        "totalWorkspacesCount": 2,
        "totalDomainsCountGoogle": 193,
        "totalDomainsCountMicrosoft": 20,
        "totalPurchasedMailboxesCountGoogle": 54,
        "totalPurchasedMailboxesCountMicrosoft": 15,
        "currentWorkspace": {
            "id": "<uuid>",
            "name": "<name>",
            "domainCountGoogle": "10",
            "domainCountMicrosoft": "0",
            "totalMailboxesPurchasedGoogle": "<string count>",
            "totalMailboxesPurchasedMicrosoft": "<string count>",
        },
        "workspaces": [{
            "id": "<uuid>",
            "name": "<name>",
            "domainCountGoogle": "<string>",
            "domainCountMicrosoft": "<string>",
            "totalMailboxesPurchasedGoogle": "<string>",
            "totalMailboxesPurchasedMicrosoft": "<string>",
        }],
    },
}

# zapmail-v2-accounts.yaml, zapmail.v2.workspaces.list, 200 example, data[0] (the docs' row)
DOCS_WORKSPACE_ROW = {
    "id": "123e4567-e89b-12d3-a456-426614174000",
    "name": "John's Workspace",
    "domainCount": "15",
    "mailboxCount": "8",
    "billingDetails": {
        "id": "987f6543-b21a-43c8-9876-543210fedcba",
        "userId": "123e4567-e89b-12d3-a456-426614174000",
        "firstName": "John",
        "lastName": "Doe",
        "workspaceId": "123e4567-e89b-12d3-a456-426614174000",
        "company": "TechCorp",
        "addressLineOne": "123 Main Street",
        "addressLineTwo": "Suite 400",
        "addressLineThree": None,
        "city": "Metropolis",
        "state": "California",
        "country": "US",
        "postalCode": "90210",
        "phoneCc": "1",
        "phone": "5551234567",
        "languagePreference": "en",
    },
}

# zapmail-v2-accounts.yaml, zapmail.v2.workspaces.create, request body example
DOCS_CREATE_WORKSPACE_BODY = {
    "name": "New Workspace",
    "billingDetails": {
        "company": "Tech Solutions Ltd.",
        "firstName": "John",
        "lastName": "Doe",
        "addressLineOne": "1234 Elm Street",
        "addressLineTwo": "Apt 567",
        "addressLineThree": None,
        "city": "San Francisco",
        "state": "California",
        "country": "USA",
        "postalCode": "94107",
        "phoneCc": "+1",
        "phone": "4151234567",
        "languagePreference": "en",
    },
}

# zapmail-v2-accounts.yaml, zapmail.v2.workspaces.create, 200 example
DOCS_CREATE_WORKSPACE = {
    "status": 200,
    "message": "Workspace created successfully",
    "data": {
        "id": "f69cde69-ab43-4168-b78b-77a50a02b8dd",
        "name": "New Workspace",
        "userId": "fbf34af0-be3b-4add-bd97-462e2471f65d",
        "updatedAt": "2024-08-09T06:10:04.855Z",
        "createdAt": "2024-08-09T06:10:04.855Z",
        "deletedAt": None,
    },
}

# zapmail-v2-accounts.yaml, zapmail.v2.workspaces.update, 200 example
DOCS_UPDATE_WORKSPACE = {
    "status": 200,
    "message": "Workspace updated successfully",
    "data": {
        "id": "b9085239-6bb1-479b-8a30-271f7d6f904e",
        "userId": "fbf34af0-be3b-4add-bd97-462e2471f65d",
        "name": "New Workspace",
        "createdAt": "2024-08-09T06:08:47.459Z",
        "updatedAt": "2024-08-09T06:17:20.331Z",
        "deletedAt": None,
    },
}

# zapmail-v2-accounts.yaml, zapmail.v2.billing.add, example_v1 request body
DOCS_BILLING_BODY = {
    "firstName": "Michael",
    "lastName": "Johnson",
    "company": "Tech Innovations",
    "addressLineOne": "2207 Maple Avenue, Suite 500",
    "addressLineTwo": "Building B",
    "addressLineThree": None,
    "city": "Dallas",
    "state": "Texas",
    "country": "US",
    "postalCode": "75201",
    "phoneCc": "1",
    "phone": "2149876543",
}

# zapmail-v2-accounts.yaml, zapmail.v2.billing.add, 200 example
DOCS_BILLING_ADDED = {"status": 200, "message": "Billing details added successfully", "data": None}

# zapmail-v2-accounts.yaml, zapmail.v2.wallet.add_balance, 200 example
DOCS_ADD_BALANCE = {"message": "Checkout session created successfully",
                    "paymentLink": "https://example.com/payment-link/12345"}

# zapmail-v2-observed.yaml, zapmail.v2.wallet.get_balance, 200 example (flat, live values)
OBSERVED_BALANCE = {
    "message": "<not captured>",
    "walletBalance": 64,
    "autoRechargeEnabled": True,
    "autoRechargeDetails": {"amount": 50},
}

# zapmail-v2-accounts.yaml, zapmail.v2.wallet.enable_auto_recharge, 200 example (no card yet)
DOCS_AUTO_RECHARGE_LINK = {"message": "Add your payment method to enable auto-recharge",
                           "paymentLink": "https://example.com/payment-link/12345"}

# zapmail-v2-accounts.yaml, zapmail.v2.subscriptions.list, 200 example (truncated: one row kept)
DOCS_SUBSCRIPTIONS = {
    "status": 200,
    "message": "User subscriptions",
    "data": [{
        "id": "abcd1234-5678-90ef-ghij-klmn12345678",
        "subscriptionId": "sub_1XYZabc1234567890QWERTY",
        "subscriptionStatus": "ACTIVE",
        "plan": "ENTERPRISE",
        "price": 199,
        "totalMailboxQuantity": 500,
        "periodStart": "2025-01-01T08:00:00.000Z",
        "periodEnd": "2025-02-01T08:00:00.000Z",
        "subscriptionCreationDate": "2024-12-01T08:00:00.000Z",
        "planUpgradeCancelPossible": False,
        "paymentFailureMessage": None,
        "invoiceDetails": "https://invoice.example.com/i/test_invoicenumber_1",
    }],
}

# zapmail-v2-accounts.yaml, zapmail.v2.subscriptions.upgrade, 200 example
DOCS_UPGRADE = {}


# ---------------------------------------------------------------- helpers

def new_workspace_body(name, **billing):
    body = copy.deepcopy(DOCS_CREATE_WORKSPACE_BODY)
    body["name"] = name
    body["billingDetails"].update(billing)
    return body


def workspaces(api, headers=None, **params):
    return envelope(api.get("/v2/workspaces", params={"limit": 100, **params}, headers=headers))


def all_workspace_rows(api, headers=None):
    data = workspaces(api, headers)
    return [data["currentWorkspace"], *data["workspaces"]]


def workspace_row(api, ws_id, headers=None):
    return next(w for w in all_workspace_rows(api, headers) if w["id"] == ws_id)


def subs(api, platform=None, headers=None):
    h = dict(headers or {})
    if platform:
        h["x-service-provider"] = platform
    return envelope(api.get("/v2/subscriptions", headers=h))


def sub_of(api, platform="GOOGLE", headers=None):
    rows = subs(api, platform, headers)
    assert len(rows) == 1, rows
    return rows[0]


def user(api, platform=None, headers=None):
    h = dict(headers or {})
    if platform:
        h["x-service-provider"] = platform
    return envelope(api.get("/v2/users", headers=h))


def balance(api, headers=None):
    r = api.get("/v2/wallet/balance", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


def state(api, headers=None):
    """Everything these route groups can show about an account, read through the API."""
    return {
        "user": {p: user(api, p, headers) for p in ("GOOGLE", "MICROSOFT")},
        "workspaces": workspaces(api, headers),
        "subscriptions": {p: subs(api, p, headers) for p in ("GOOGLE", "MICROSOFT")},
        "wallet": balance(api, headers),
    }


def pay(harness, link, accept_json=True):
    assert link.startswith("http://testserver/_sim/pay/"), link
    path = link[len("http://testserver"):]
    headers = {"accept": "application/json"} if accept_json else {}
    return harness.client.post(path, headers=headers)


def save_card(harness, api, amount=5):
    """A paid checkout saves a card (Stripe keeps the payment method): top up a little."""
    link = api.post("/v2/wallet/balance", json={"amount": amount}).json()["paymentLink"]
    assert pay(harness, link).status_code == 200


GROWTH_GOOGLE = {"plan": "Growth", "planKey": "zap_mail_growth", "price": 99, "quantity": 30, "platform": "GOOGLE"}


def shared(harness, role, **owner):
    """Member account B first, then owner A whose primary workspace lists B in `role`.
    Returns (A, B, headers for B acting in A's workspace)."""
    b = harness.account(walletBalance=7)
    a = harness.account(walletBalance=owner.pop("walletBalance", 500), fixture={"workspaces": [{
        "name": "Owner HQ", "members": [{"accountId": b.account["id"], "role": role}],
        "subscriptions": [dict(GROWTH_GOOGLE)]}]})
    return a, b, {"x-workspace-key": a.account["workspaceId"]}


# Every route of these groups, with a body that would succeed for a fresh default account
# (subscription ids are filled in per test).
def route_calls(sub_id):
    return [
        ("GET", "/v2/users", None),
        ("GET", "/v2/workspaces", None),
        ("POST", "/v2/workspaces", new_workspace_body("Blocked")),
        ("PUT", "/v2/workspaces", {"id": "placeholder", "name": "Blocked"}),
        ("POST", "/v2/billing", DOCS_BILLING_BODY),
        ("PUT", "/v2/billing", DOCS_BILLING_BODY),
        ("POST", "/v2/wallet/balance", {"amount": 10}),
        ("GET", "/v2/wallet/balance", None),
        ("POST", "/v2/wallet/enable-auto-recharge", {"enable": True}),
        ("GET", "/v2/subscriptions", None),
        ("POST", "/v2/subscriptions/cancel", {"subscriptionId": sub_id, "revertCancellation": False}),
        ("POST", "/v2/subscriptions/upgrade", {"subscriptionId": sub_id, "lookupKey": "zap_mail_pro"}),
    ]


ROUTE_IDS = [f"{m} {p}" for m, p, _ in route_calls("x")]


# ================================================================ users

def test_user_matches_docs_and_observed_examples(harness, zap):
    r = zap.get("/v2/users")
    body = r.json()
    envelope(r)
    assert_shape(body, DOCS_USER, exact=True)
    assert_shape(body, OBSERVED_USER, exact=True)
    data = body["data"]
    assert body["message"] == "User details fetched successfully"
    assert data["id"] == zap.account["id"] and data["email"] == zap.account["email"]
    assert (data["firstName"], data["lastName"]) == ("Test", "User")
    assert isinstance(data["purchasedMailboxes"], int) and isinstance(data["assignedMailboxes"], int)
    assert data["activePlan"] == "Growth" and data["purchasedMailboxes"] == 30 and data["assignedMailboxes"] == 0
    assert data["walletBalance"] == 500
    assert data["planEndsOn"] == sub_of(zap)["periodEnd"]


def test_user_is_scoped_by_service_provider_and_workspace(harness, zap):
    ms = user(zap, "MICROSOFT")
    assert ms["activePlan"] == "Starter" and ms["purchasedMailboxes"] == 10
    assert ms["planEndsOn"] == sub_of(zap, "MICROSOFT")["periodEnd"]
    ws = envelope(zap.post("/v2/workspaces", json=new_workspace_body("Empty")))
    empty = user(zap, headers={"x-workspace-key": ws["id"]})
    # no plan in a workspace without subscriptions: nullable plan fields, zero counts
    assert empty["activePlan"] is None and empty["planEndsOn"] is None
    assert empty["purchasedMailboxes"] == 0 and empty["assignedMailboxes"] == 0
    assert empty["id"] == zap.account["id"] and empty["walletBalance"] == 500
    assert_shape(empty, DOCS_USER["data"], exact=True, nullable=("$.activePlan", "$.planEndsOn"))


def test_user_assigned_mailboxes_follow_assignments(harness, zap):
    from .helpers import assign
    d = buy_domain(zap, harness, "usercount.com")
    assert assign(zap, d, ["ann", "bob"]).status_code == 200
    u = user(zap)
    assert u["assignedMailboxes"] == 2 and u["purchasedMailboxes"] == 30
    assert u["walletBalance"] == round(500 - 12.99, 2)


def test_user_requires_a_valid_api_key(harness, zap):
    r = harness.client.get("/api/v2/users")
    error(r, 401)
    r = harness.client.get("/api/v2/users", headers={"x-auth-zapmail": "not-a-key"})
    error(r, 401, "invalid api key")


# ================================================================ workspaces: list

def test_workspaces_list_matches_observed_live_shape(harness, zap):
    envelope(zap.post("/v2/workspaces", json=new_workspace_body("Second")))
    r = zap.get("/v2/workspaces", params={"page": "1", "limit": "10"})
    body = r.json()
    data = envelope(r)
    assert body["message"] == "Workspaces fetched successfully"
    # Top level: exactly the live keys.
    assert set(data) == set(OBSERVED_WORKSPACES["data"])
    # Rows: exact=False because the renderer deliberately adds the docs example's platform-less
    # domainCount/mailboxCount and billingDetails to the live per-provider keys.
    assert_shape(body, OBSERVED_WORKSPACES, exact=False)
    docs_extra = {"domainCount", "mailboxCount", "billingDetails"}
    assert set(data["currentWorkspace"]) == set(OBSERVED_WORKSPACES["data"]["currentWorkspace"]) | docs_extra
    for row in data["workspaces"]:
        assert set(row) == set(OBSERVED_WORKSPACES["data"]["workspaces"][0]) | docs_extra
        assert_shape(row, DOCS_WORKSPACE_ROW, exact=False)
    # Live: two workspaces -> totalWorkspacesCount 2, the current one apart, workspaces[] holds 1.
    assert data["totalWorkspacesCount"] == 2 and len(data["workspaces"]) == 1
    assert data["currentWorkspace"]["id"] == zap.account["workspaceId"]
    assert data["currentPage"] == 1 and data["nextPage"] == 2 and data["totalPages"] == 1
    assert data["totalPurchasedMailboxesCountGoogle"] == 30
    assert data["totalPurchasedMailboxesCountMicrosoft"] == 10
    cur = data["currentWorkspace"]
    assert (cur["totalMailboxesPurchasedGoogle"], cur["totalMailboxesPurchasedMicrosoft"]) == ("30", "10")
    assert cur["billingDetails"] is None


def test_one_workspace_account_lists_no_other_workspaces(zap):
    data = workspaces(zap)
    assert data["workspaces"] == [] and data["totalWorkspacesCount"] == 1
    assert data["totalSearchedCount"] == 0 and data["totalPages"] == 0


def test_workspaces_list_counts_domains_and_mailboxes_as_strings(harness, zap):
    from .helpers import assign
    d = buy_domain(zap, harness, "countme.com")
    assert assign(zap, d, ["ann", "bob", "cy"]).status_code == 200
    data = workspaces(zap)
    cur = data["currentWorkspace"]
    assert cur["domainCountGoogle"] == "1" and cur["domainCountMicrosoft"] == "0"
    assert cur["domainCount"] == "1" and cur["mailboxCount"] == "3"
    assert data["totalDomainsCountGoogle"] == 1 and data["totalDomainsCountMicrosoft"] == 0


def test_workspaces_list_paginates_and_filters_by_name(harness, zap):
    for name in ("Alpha Sales", "Beta Sales", "Gamma Ops"):
        envelope(zap.post("/v2/workspaces", json=new_workspace_body(name)))
    page1 = workspaces(zap, page="1", limit="2")
    page2 = workspaces(zap, page="2", limit="2")
    assert page1["totalSearchedCount"] == 3 and page1["totalPages"] == 2
    assert len(page1["workspaces"]) == 2 and len(page2["workspaces"]) == 1
    assert page2["currentPage"] == 2 and page2["nextPage"] == 3
    names = [w["name"] for w in page1["workspaces"] + page2["workspaces"]]
    assert sorted(names) == ["Alpha Sales", "Beta Sales", "Gamma Ops"]
    assert page1["totalWorkspacesCount"] == 4
    hits = workspaces(zap, contains="sales")
    assert sorted(w["name"] for w in hits["workspaces"]) == ["Alpha Sales", "Beta Sales"]
    assert hits["totalSearchedCount"] == 2


@pytest.mark.parametrize("params", [{"page": "0"}, {"limit": "-1"}, {"page": "abc"}, {"limit": "x"}])
def test_workspaces_list_rejects_bad_pagination(zap, params):
    error(zap.get("/v2/workspaces", params=params), 400, "Invalid pagination parameters")


# ================================================================ workspaces: create

def test_create_workspace_matches_docs_and_shows_in_list(harness, zap):
    r = zap.post("/v2/workspaces", json=DOCS_CREATE_WORKSPACE_BODY)
    body = r.json()
    data = envelope(r)
    assert_shape(body, DOCS_CREATE_WORKSPACE, exact=True)
    assert body["message"] == "Workspace created successfully"
    assert data["name"] == "New Workspace" and data["userId"] == zap.account["id"]
    assert data["createdAt"] == data["updatedAt"] and data["deletedAt"] is None
    assert data["id"] != zap.account["workspaceId"]

    listed = workspaces(zap)
    assert listed["totalWorkspacesCount"] == 2
    row = next(w for w in listed["workspaces"] if w["id"] == data["id"])
    assert row["name"] == "New Workspace"
    assert (row["domainCount"], row["mailboxCount"]) == ("0", "0")
    assert (row["totalMailboxesPurchasedGoogle"], row["totalMailboxesPurchasedMicrosoft"]) == ("0", "0")
    # the billing details sent with it are stored on the new workspace
    assert_shape(row["billingDetails"], DOCS_WORKSPACE_ROW["billingDetails"], exact=True)
    expected = {k: v for k, v in DOCS_CREATE_WORKSPACE_BODY["billingDetails"].items()}
    assert {k: row["billingDetails"][k] for k in expected} == expected
    assert row["billingDetails"]["workspaceId"] == data["id"]
    assert row["billingDetails"]["userId"] == zap.account["id"]
    # the primary workspace is untouched
    assert listed["currentWorkspace"]["billingDetails"] is None
    # the new workspace can be addressed by x-workspace-key
    scoped = workspaces(zap, headers={"x-workspace-key": data["id"]})
    assert scoped["currentWorkspace"]["id"] == data["id"]
    assert [w["id"] for w in scoped["workspaces"]] == [zap.account["workspaceId"]]


def test_create_workspace_trims_name_and_billing_values(zap):
    body = new_workspace_body("  Trimmed  ", city="  Austin ")
    data = envelope(zap.post("/v2/workspaces", json=body))
    assert data["name"] == "Trimmed"
    row = workspace_row(zap, data["id"])
    assert row["name"] == "Trimmed" and row["billingDetails"]["city"] == "Austin"


def _without(field):
    body = new_workspace_body("Missing field")
    del body["billingDetails"][field]
    return body


BAD_CREATE_BODIES = [
    ("missing name", {"billingDetails": DOCS_CREATE_WORKSPACE_BODY["billingDetails"]}, "name is required"),
    ("name not a string", {**DOCS_CREATE_WORKSPACE_BODY, "name": 123}, "name must be a string"),
    ("name null", {**DOCS_CREATE_WORKSPACE_BODY, "name": None}, "name"),
    ("empty name", {**DOCS_CREATE_WORKSPACE_BODY, "name": ""}, "name must not be empty"),
    ("blank name", {**DOCS_CREATE_WORKSPACE_BODY, "name": "   "}, "name must not be empty"),
    ("name too long", {**DOCS_CREATE_WORKSPACE_BODY, "name": "x" * 101}, "name"),
    ("missing billingDetails", {"name": "No billing"}, "billingDetails is required"),
    ("billingDetails not an object", {"name": "Bad billing", "billingDetails": "x"}, "billingDetails"),
    ("missing billing company", _without("company"), "billingDetails.company is required"),
    ("missing billing firstName", _without("firstName"), "billingDetails.firstName is required"),
    ("missing billing postalCode", _without("postalCode"), "billingDetails.postalCode is required"),
    ("missing billing languagePreference", _without("languagePreference"), "languagePreference"),
    ("billing phone a number", new_workspace_body("Typed", phone=4151234567), "billingDetails.phone must be a string"),
    ("billing country null", new_workspace_body("Typed", country=None), "billingDetails.country"),
    ("empty billing firstName", new_workspace_body("Empty first", firstName=""), "firstName must not be empty"),
    ("blank billing city", new_workspace_body("Blank city", city="  "), "city must not be empty"),
    ("empty billing company", new_workspace_body("Empty company", company=""), "company must not be empty"),
]


@pytest.mark.parametrize("body,message", [(b, m) for _, b, m in BAD_CREATE_BODIES],
                         ids=[i for i, _, _ in BAD_CREATE_BODIES])
def test_create_workspace_validation(zap, body, message):
    before = state(zap)
    error(zap.post("/v2/workspaces", json=body), 400, message)
    assert state(zap) == before


def test_create_workspace_rejects_duplicate_names(zap):
    envelope(zap.post("/v2/workspaces", json=new_workspace_body("Outbound")))
    before = state(zap)
    for dup in ("Outbound", "outbound", "  OUTBOUND "):
        error(zap.post("/v2/workspaces", json=new_workspace_body(dup)), 400, "already exists")
    # the primary workspace's name clashes too
    primary = workspaces(zap)["currentWorkspace"]["name"]
    error(zap.post("/v2/workspaces", json=new_workspace_body(primary)), 400, "already exists")
    assert state(zap) == before


def test_workspace_names_are_unique_per_account_only(harness, zap):
    other = harness.account()
    mine = envelope(zap.post("/v2/workspaces", json=new_workspace_body("Shared Name")))["id"]
    theirs = envelope(other.post("/v2/workspaces", json=new_workspace_body("Shared Name")))["id"]
    assert mine != theirs
    # and neither account sees the other's workspace
    assert {w["id"] for w in all_workspace_rows(zap)} == {zap.account["workspaceId"], mine}
    assert {w["id"] for w in all_workspace_rows(other)} == {other.account["workspaceId"], theirs}


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'"a string"', b"42", b"null"],
                         ids=["malformed", "array", "string", "number", "null"])
@pytest.mark.parametrize("method,path", [("POST", "/v2/workspaces"), ("PUT", "/v2/workspaces"),
                                         ("POST", "/v2/billing"), ("PUT", "/v2/billing"),
                                         ("POST", "/v2/wallet/balance"),
                                         ("POST", "/v2/wallet/enable-auto-recharge"),
                                         ("POST", "/v2/subscriptions/cancel"),
                                         ("POST", "/v2/subscriptions/upgrade")])
def test_bodies_that_are_not_a_json_object_are_rejected(zap, method, path, content):
    before = state(zap)
    r = zap.request(method, path, content=content, headers={"content-type": "application/json"})
    if content == b"{not json":
        error(r, 400, "Malformed JSON")
    elif content == b"null":
        # JSON null is no body at all: the first required field is reported missing
        error(r, 400, "is required")
    else:
        error(r, 400, "must be a JSON object")
    assert state(zap) == before


@pytest.mark.parametrize("method,path", [("POST", "/v2/workspaces"), ("PUT", "/v2/workspaces"),
                                         ("POST", "/v2/billing"), ("PUT", "/v2/billing"),
                                         ("POST", "/v2/wallet/balance"),
                                         ("POST", "/v2/wallet/enable-auto-recharge"),
                                         ("POST", "/v2/subscriptions/cancel"),
                                         ("POST", "/v2/subscriptions/upgrade")])
def test_empty_bodies_report_the_missing_field(zap, method, path):
    before = state(zap)
    error(zap.request(method, path), 400, "is required")
    error(zap.request(method, path, json={}), 400, "is required")
    assert state(zap) == before


# ================================================================ workspaces: update

def test_rename_workspace_matches_docs_and_shows_new_name(harness, zap):
    created = envelope(zap.post("/v2/workspaces", json=new_workspace_body("Old Name")))
    harness.advance(90)
    r = zap.put("/v2/workspaces", json={"id": created["id"], "name": "Fresh Name"})
    body = r.json()
    data = envelope(r)
    assert_shape(body, DOCS_UPDATE_WORKSPACE, exact=True)
    assert body["message"] == "Workspace updated successfully"
    assert data["id"] == created["id"] and data["name"] == "Fresh Name"
    assert data["userId"] == zap.account["id"] and data["deletedAt"] is None
    assert data["createdAt"] == created["createdAt"] and data["updatedAt"] > created["updatedAt"]
    names = {w["id"]: w["name"] for w in all_workspace_rows(zap)}
    assert names[created["id"]] == "Fresh Name"
    assert "Old Name" not in names.values()
    # billing details survive a rename
    assert workspace_row(zap, created["id"])["billingDetails"]["company"] == "Tech Solutions Ltd."
    # the old name is free again
    envelope(zap.post("/v2/workspaces", json=new_workspace_body("Old Name")))


def test_rename_primary_workspace_and_change_case_of_own_name(zap):
    ws_id = zap.account["workspaceId"]
    envelope(zap.put("/v2/workspaces", json={"id": ws_id, "name": "Main"}))
    assert workspaces(zap)["currentWorkspace"]["name"] == "Main"
    # renaming to its own name in another case is no clash
    data = envelope(zap.put("/v2/workspaces", json={"id": ws_id, "name": "MAIN"}))
    assert data["name"] == "MAIN" and workspaces(zap)["currentWorkspace"]["name"] == "MAIN"


def test_rename_workspace_validation(harness, zap):
    other = harness.account()
    mine = envelope(zap.post("/v2/workspaces", json=new_workspace_body("Taken")))["id"]
    primary = zap.account["workspaceId"]
    cases = [
        ({"name": "No id"}, 400, "id is required"),
        ({"id": primary}, 400, "name is required"),
        ({"id": 42, "name": "Typed"}, 400, "id must be a string"),
        ({"id": primary, "name": ["x"]}, 400, "name must be a string"),
        ({"id": primary, "name": ""}, 400, "name must not be empty"),
        ({"id": primary, "name": "   "}, 400, "name must not be empty"),
        ({"id": primary, "name": "y" * 101}, 400, "name"),
        ({"id": "", "name": "Empty id"}, 400, "id must not be empty"),
        ({"id": "  ", "name": "Blank id"}, 400, "id must not be empty"),
        ({"id": "b9085239-6bb1-479b-8a30-271f7d6f904e", "name": "Unknown"}, 404, "Workspace not found"),
        # another account's workspace is not found, not renamed
        ({"id": other.account["workspaceId"], "name": "Hijack"}, 404, "Workspace not found"),
        ({"id": primary, "name": "taken"}, 400, "already exists"),
        ({"id": mine, "name": workspaces(zap)["currentWorkspace"]["name"]}, 400, "already exists"),
    ]
    before, other_before = state(zap), state(other)
    for body, status, message in cases:
        error(zap.put("/v2/workspaces", json=body), status, message)
    assert state(zap) == before and state(other) == other_before


# ================================================================ billing

def test_add_billing_matches_docs_and_appears_under_workspace(zap):
    r = zap.post("/v2/billing", json=DOCS_BILLING_BODY)
    assert r.status_code == 200
    assert_shape(r.json(), DOCS_BILLING_ADDED, exact=True)
    assert r.json() == DOCS_BILLING_ADDED
    b = workspaces(zap)["currentWorkspace"]["billingDetails"]
    assert_shape(b, DOCS_WORKSPACE_ROW["billingDetails"], exact=True)
    assert {k: b[k] for k in DOCS_BILLING_BODY} == DOCS_BILLING_BODY
    assert b["workspaceId"] == zap.account["workspaceId"] and b["userId"] == zap.account["id"]
    assert b["languagePreference"] == "en"  # default when not sent


def test_update_billing_overwrites_the_same_record(zap):
    envelope(zap.post("/v2/billing", json=DOCS_BILLING_BODY))
    first = workspaces(zap)["currentWorkspace"]["billingDetails"]
    changed = {**DOCS_BILLING_BODY, "city": "Houston", "postalCode": "77001", "company": "Tech Two",
               "languagePreference": "fr"}
    r = zap.put("/v2/billing", json=changed)
    body = r.json()
    envelope(r)
    assert_shape(body, DOCS_BILLING_ADDED, exact=True)
    assert body == {"status": 200, "message": "Billing details updated successfully", "data": None}
    b = workspaces(zap)["currentWorkspace"]["billingDetails"]
    assert b["id"] == first["id"]  # an upsert of the workspace's one record (v3 docs)
    assert (b["city"], b["postalCode"], b["company"], b["languagePreference"]) == ("Houston", "77001", "Tech Two", "fr")
    assert b["firstName"] == "Michael"


def test_update_billing_without_earlier_add_creates_it(zap):
    envelope(zap.put("/v2/billing", json=DOCS_BILLING_BODY))
    b = workspaces(zap)["currentWorkspace"]["billingDetails"]
    assert b is not None and b["city"] == "Dallas"


def test_billing_goes_to_the_x_workspace_key_workspace(zap):
    ws = envelope(zap.post("/v2/workspaces", json=new_workspace_body("Billed")))["id"]
    envelope(zap.post("/v2/billing", json={**DOCS_BILLING_BODY, "city": "Reno"},
                      headers={"x-workspace-key": ws}))
    assert workspace_row(zap, ws)["billingDetails"]["city"] == "Reno"
    assert workspace_row(zap, ws)["billingDetails"]["workspaceId"] == ws
    assert workspaces(zap)["currentWorkspace"]["billingDetails"] is None


BILLING_REQUIRED = ("firstName", "lastName", "addressLineOne", "city", "country", "postalCode")


@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_billing_validation(zap, method):
    cases = []
    for f in BILLING_REQUIRED:
        cases.append(({k: v for k, v in DOCS_BILLING_BODY.items() if k != f}, f"{f} is required"))
        cases.append(({**DOCS_BILLING_BODY, f: ""}, f"{f} must not be empty"))
        cases.append(({**DOCS_BILLING_BODY, f: "   "}, f"{f} must not be empty"))
        cases.append(({**DOCS_BILLING_BODY, f: None}, f"{f} must be a string"))
    cases += [
        ({**DOCS_BILLING_BODY, "phone": 2149876543}, "phone must be a string"),
        ({**DOCS_BILLING_BODY, "company": ["x"]}, "company must be a string"),
        ({**DOCS_BILLING_BODY, "postalCode": 75201}, "postalCode must be a string"),
    ]
    envelope(zap.post("/v2/billing", json={**DOCS_BILLING_BODY, "city": "Original"}))
    before = state(zap)
    for body, message in cases:
        error(zap.request(method, "/v2/billing", json=body), 400, message)
    assert state(zap) == before
    assert workspaces(zap)["currentWorkspace"]["billingDetails"]["city"] == "Original"


def test_billing_validation_on_a_workspace_without_billing_stores_nothing(zap):
    error(zap.post("/v2/billing", json={**DOCS_BILLING_BODY, "firstName": ""}), 400, "firstName")
    assert workspaces(zap)["currentWorkspace"]["billingDetails"] is None


# ================================================================ wallet

def test_get_balance_matches_observed_flat_shape(zap):
    body = balance(zap)
    # Top level: exactly the live keys (flat, no status/data).
    assert set(body) == set(OBSERVED_BALANCE)
    # exact=False: autoRechargeDetails carries threshold beside amount (the docs schema's
    # further props were truncated; the live account read "recharge $50 when below $25").
    assert_shape(body, OBSERVED_BALANCE, exact=False)
    assert set(body["autoRechargeDetails"]) == {"amount", "threshold"}
    assert body["message"] == "Wallet balance fetched successfully"
    assert body["walletBalance"] == 500 and body["autoRechargeEnabled"] is False
    # documented defaults: threshold 20, minimumRechargeAmount 50
    assert body["autoRechargeDetails"] == {"amount": 50, "threshold": 20}


def test_whole_wallet_amounts_are_json_integers(harness, zap):
    # The docs type walletBalance (and autoRechargeDetails.amount) as integer and live reads
    # showed 64 and 0: a JavaScript server never writes 500.0, and a client decoding an int fails on it.
    r = zap.get("/v2/wallet/balance")
    assert '"walletBalance":500,' in r.text.replace(" ", "")
    body = r.json()
    assert type(body["walletBalance"]) is int
    assert all(type(v) is int for v in body["autoRechargeDetails"].values())
    assert type(user(zap)["walletBalance"]) is int
    buy_domain(zap, harness, "fractional.com")
    assert balance(zap)["walletBalance"] == 487.01 and user(zap)["walletBalance"] == 487.01


def test_add_balance_returns_link_and_paying_it_credits_the_wallet(harness, zap):
    r = zap.post("/v2/wallet/balance", json={"amount": 100.00})
    assert r.status_code == 200, r.text
    assert_shape(r.json(), DOCS_ADD_BALANCE, exact=True)
    assert r.json()["message"] == "Checkout session created successfully"
    link = r.json()["paymentLink"]
    # the link does not credit anything by itself
    assert balance(zap)["walletBalance"] == 500
    page = harness.client.get(link[len("http://testserver"):])
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "100.00" in page.text
    paid = pay(harness, link)
    assert paid.status_code == 200 and paid.json() == {"status": "paid", "amount": 100.0, "purpose": "wallet_topup"}
    assert balance(zap)["walletBalance"] == 600
    assert user(zap)["walletBalance"] == 600
    # a paid link cannot be paid twice
    assert pay(harness, link).status_code == 400
    assert balance(zap)["walletBalance"] == 600


def test_top_up_links_are_independent_and_take_fractions(harness, zap):
    l1 = zap.post("/v2/wallet/balance", json={"amount": 10.5}).json()["paymentLink"]
    l2 = zap.post("/v2/wallet/balance", json={"amount": 25}).json()["paymentLink"]
    assert l1 != l2
    assert pay(harness, l2, accept_json=False).status_code == 200  # the HTML form post
    assert balance(zap)["walletBalance"] == 525
    pay(harness, l1)
    assert balance(zap)["walletBalance"] == 535.5


@pytest.mark.parametrize("body,message", [
    ({"amount": 0}, "amount must be greater than 0"),
    ({"amount": -5}, "amount must be greater than 0"),
    ({"amount": -0.01}, "amount must be greater than 0"),
    ({"amount": "100"}, "amount must be a number"),
    ({"amount": ""}, "amount must be a number"),
    ({"amount": True}, "amount must be a number"),
    ({"amount": None}, "amount must be a number"),
    ({"amount": [100]}, "amount must be a number"),
    ({"amount": 100000.01}, "amount must be at most"),
    ({"amt": 100}, "amount is required"),
], ids=["zero", "negative", "negative-cent", "string", "empty-string", "bool", "null", "array", "too-large",
        "missing"])
def test_add_balance_validation(zap, body, message):
    before = state(zap)
    error(zap.post("/v2/wallet/balance", json=body), 400, message)
    assert state(zap) == before


def test_auto_recharge_without_card_returns_link_then_enables_once_paid(harness, zap):
    r = zap.post("/v2/wallet/enable-auto-recharge", json={"enable": True, "threshold": 25, "minimumRechargeAmount": 100})
    assert r.status_code == 200, r.text
    assert_shape(r.json(), DOCS_AUTO_RECHARGE_LINK, exact=True)
    assert r.json()["message"] == "Add your payment method to enable auto-recharge"
    b = balance(zap)
    assert b["autoRechargeEnabled"] is False  # not until a card is saved
    assert b["autoRechargeDetails"] == {"amount": 100, "threshold": 25}
    paid = pay(harness, r.json()["paymentLink"])
    assert paid.status_code == 200 and paid.json()["purpose"] == "payment_method"
    b = balance(zap)
    assert b["autoRechargeEnabled"] is True
    assert b["autoRechargeDetails"] == {"amount": 100, "threshold": 25}
    assert b["walletBalance"] == 500  # above the threshold: nothing charged


def test_auto_recharge_with_saved_card_enables_immediately(harness, zap):
    save_card(harness, zap, amount=5)
    assert balance(zap)["walletBalance"] == 505
    r = zap.post("/v2/wallet/enable-auto-recharge", json={"enable": True, "threshold": 30, "minimumRechargeAmount": 60})
    assert r.status_code == 200
    assert r.json() == {"message": "Auto recharge enabled successfully"}
    b = balance(zap)
    assert b["autoRechargeEnabled"] is True and b["autoRechargeDetails"] == {"amount": 60, "threshold": 30}
    assert b["walletBalance"] == 505


def test_auto_recharge_defaults_and_disable(harness, zap):
    save_card(harness, zap)
    r = zap.post("/v2/wallet/enable-auto-recharge", json={"enable": True})
    assert r.json() == {"message": "Auto recharge enabled successfully"}
    assert balance(zap)["autoRechargeDetails"] == {"amount": 50, "threshold": 20}
    r = zap.post("/v2/wallet/enable-auto-recharge", json={"enable": False})
    assert r.status_code == 200 and r.json() == {"message": "Auto recharge disabled successfully"}
    assert balance(zap)["autoRechargeEnabled"] is False
    # disabling without a card needs no checkout either
    fresh = harness.account()
    r = fresh.post("/v2/wallet/enable-auto-recharge", json={"enable": False})
    assert r.json() == {"message": "Auto recharge disabled successfully"}
    assert balance(fresh)["autoRechargeEnabled"] is False


def test_wallet_debit_below_threshold_triggers_auto_recharge(harness):
    api = harness.account(walletBalance=30)
    save_card(harness, api, amount=5)  # 35
    r = api.post("/v2/wallet/enable-auto-recharge",
                             json={"enable": True, "threshold": 25, "minimumRechargeAmount": 50})
    assert r.json() == {"message": "Auto recharge enabled successfully"}
    assert balance(api)["walletBalance"] == 35  # still above the threshold
    buy_domain(api, harness, "rechargeme.com")  # 12.99 from the wallet -> 22.01 < 25
    assert balance(api)["walletBalance"] == round(35 - 12.99 + 50, 2)
    # a debit that stays above the threshold charges nothing extra
    buy_domain(api, harness, "norecharge.com")
    assert balance(api)["walletBalance"] == round(35 - 12.99 + 50 - 12.99, 2)


def test_auto_recharge_covers_a_debit_larger_than_the_balance(harness):
    api = harness.account(walletBalance=0)
    save_card(harness, api, amount=5)
    api.post("/v2/wallet/enable-auto-recharge", json={"enable": True, "threshold": 1, "minimumRechargeAmount": 50})
    buy_domain(api, harness, "coveredbuy.com")
    assert balance(api)["walletBalance"] == round(5 + 50 - 12.99, 2)


def test_without_auto_recharge_an_uncovered_debit_fails_and_changes_nothing(harness):
    api = harness.account(walletBalance=5)
    before = state(api)
    # a subscription purchase (a short wallet on Buy domains is an unpaid invoice instead: issue 10)
    r = api.post("/v2/subscriptions/purchase", params={"planName": "Starter"})
    error(r, 400, "Insufficient wallet balance. Required: $39.00, Available: $5.00")
    assert state(api) == before


@pytest.mark.parametrize("body,message", [
    ({}, "enable is required"),
    ({"threshold": 25}, "enable is required"),
    ({"enable": "true"}, "enable must be a boolean"),
    ({"enable": 1}, "enable must be a boolean"),
    ({"enable": None}, "enable must be a boolean"),
    ({"enable": True, "threshold": "25"}, "threshold must be a number"),
    ({"enable": True, "threshold": -1}, "threshold"),
    ({"enable": True, "threshold": True}, "threshold must be a number"),
    ({"enable": True, "minimumRechargeAmount": "50"}, "minimumRechargeAmount must be a number"),
    ({"enable": True, "minimumRechargeAmount": 0}, "minimumRechargeAmount must be greater than 0"),
    ({"enable": True, "minimumRechargeAmount": -10}, "minimumRechargeAmount must be greater than 0"),
    ({"enable": False, "threshold": -5}, "threshold"),
], ids=["empty", "missing-enable", "enable-string", "enable-int", "enable-null", "threshold-string",
        "threshold-negative", "threshold-bool", "amount-string", "amount-zero", "amount-negative",
        "disable-bad-threshold"])
def test_auto_recharge_validation(harness, zap, body, message):
    save_card(harness, zap)
    r = zap.post("/v2/wallet/enable-auto-recharge", json={"enable": True, "threshold": 15, "minimumRechargeAmount": 40})
    assert r.status_code == 200
    before = state(zap)
    error(zap.post("/v2/wallet/enable-auto-recharge", json=body), 400, message)
    assert state(zap) == before
    assert balance(zap)["autoRechargeDetails"] == {"amount": 40, "threshold": 15}


# ================================================================ subscriptions: list

def test_subscriptions_list_matches_docs(zap):
    r = zap.get("/v2/subscriptions")
    body = r.json()
    rows = envelope(r)
    assert body["message"] == "User subscriptions"
    # exactly the docs example's keys (cancelAtPeriodEnd, which no source shows, is gone: issue 10;
    # a pending cancellation shows as planUpgradeCancelPossible false on an ACTIVE row)
    assert_shape(body, DOCS_SUBSCRIPTIONS, exact=True)
    for row in rows:
        assert set(row) == set(DOCS_SUBSCRIPTIONS["data"][0])
    assert len(rows) == 1  # x-service-provider defaults to GOOGLE
    g = rows[0]
    assert g["subscriptionId"].startswith("sub_") and g["subscriptionStatus"] == "ACTIVE"
    assert (g["plan"], g["price"], g["totalMailboxQuantity"]) == ("Growth", 99, 30)
    assert g["planUpgradeCancelPossible"] is True
    assert g["paymentFailureMessage"] is None
    assert g["periodStart"] < g["periodEnd"]
    ms = sub_of(zap, "MICROSOFT")
    assert (ms["plan"], ms["price"], ms["totalMailboxQuantity"]) == ("Starter", 39, 10)


def test_subscription_invoice_link_is_a_page(harness, zap):
    link = sub_of(zap)["invoiceDetails"]
    assert link.startswith("http://testserver/")
    page = harness.client.get(link[len("http://testserver"):])
    assert page.status_code == 200 and sub_of(zap)["subscriptionId"] in page.text


def test_subscriptions_are_scoped_by_workspace(zap):
    ws = envelope(zap.post("/v2/workspaces", json=new_workspace_body("No plans")))["id"]
    assert subs(zap, headers={"x-workspace-key": ws}) == []
    assert subs(zap, "MICROSOFT", headers={"x-workspace-key": ws}) == []
    # a subscription of another workspace cannot be cancelled from this one
    sid = sub_of(zap)["subscriptionId"]
    before = state(zap)
    error(zap.post("/v2/subscriptions/cancel", json={"subscriptionId": sid, "revertCancellation": False},
                   headers={"x-workspace-key": ws}), 404, "Subscription not found")
    error(zap.post("/v2/subscriptions/upgrade", json={"subscriptionId": sid, "lookupKey": "zap_mail_pro"},
                   headers={"x-workspace-key": ws}), 404, "Subscription not found")
    assert state(zap) == before


# ================================================================ subscriptions: cancel

def test_cancel_takes_effect_at_period_end(harness, zap):
    sub = sub_of(zap)
    r = zap.post("/v2/subscriptions/cancel", json={"subscriptionId": sub["subscriptionId"], "revertCancellation": False})
    assert envelope(r) is None
    assert r.json()["message"] == "Subscription will be cancelled at the end of the current period"
    now = sub_of(zap)
    assert now["subscriptionStatus"] == "ACTIVE"
    assert now["planUpgradeCancelPossible"] is False
    assert now["periodEnd"] == sub["periodEnd"]
    # still counts until the period ends
    assert user(zap)["purchasedMailboxes"] == 30
    # the other platform's subscription is untouched
    assert sub_of(zap, "MICROSOFT")["planUpgradeCancelPossible"] is True

    harness.advance(31 * DAY)
    ended = sub_of(zap)
    assert ended["subscriptionStatus"] == "CANCELLED"
    assert ended["planUpgradeCancelPossible"] is False
    assert ended["periodEnd"] == sub["periodEnd"]  # no renewal
    u = user(zap)
    assert u["purchasedMailboxes"] == 0 and u["activePlan"] is None and u["planEndsOn"] is None
    assert workspaces(zap)["currentWorkspace"]["totalMailboxesPurchasedGoogle"] == "0"
    assert envelope(zap.get("/v2/subscriptions", params={"status": "CANCELLED"}))[0]["id"] == sub["id"]
    assert envelope(zap.get("/v2/subscriptions", params={"status": "ACTIVE"})) == []
    # the Microsoft subscription renewed instead
    ms = sub_of(zap, "MICROSOFT")
    assert ms["subscriptionStatus"] == "ACTIVE" and ms["periodStart"] == sub["periodEnd"]


def test_revert_cancellation_undoes_it(harness, zap):
    sub = sub_of(zap)
    sid = sub["subscriptionId"]
    envelope(zap.post("/v2/subscriptions/cancel", json={"subscriptionId": sid, "revertCancellation": False}))
    r = zap.post("/v2/subscriptions/cancel", json={"subscriptionId": sid, "revertCancellation": True})
    assert envelope(r) is None
    assert r.json()["message"] == "Subscription cancellation reverted successfully"
    now = sub_of(zap)
    assert now["planUpgradeCancelPossible"] is True
    harness.advance(31 * DAY)
    renewed = sub_of(zap)
    assert renewed["subscriptionStatus"] == "ACTIVE"
    assert renewed["periodStart"] == sub["periodEnd"] and renewed["periodEnd"] > sub["periodEnd"]
    assert user(zap)["purchasedMailboxes"] == 30


def test_cancel_state_errors(harness, zap):
    sid = sub_of(zap)["subscriptionId"]
    before = state(zap)
    # nothing to revert yet
    error(zap.post("/v2/subscriptions/cancel", json={"subscriptionId": sid, "revertCancellation": True}),
          400, "not cancelled")
    assert state(zap) == before
    envelope(zap.post("/v2/subscriptions/cancel", json={"subscriptionId": sid, "revertCancellation": False}))
    pending = state(zap)
    error(zap.post("/v2/subscriptions/cancel", json={"subscriptionId": sid, "revertCancellation": False}),
          400, "already cancelled")
    assert state(zap) == pending
    harness.advance(31 * DAY)
    ended = state(zap)
    error(zap.post("/v2/subscriptions/cancel", json={"subscriptionId": sid, "revertCancellation": True}),
          400, "cannot be reactivated")
    error(zap.post("/v2/subscriptions/cancel", json={"subscriptionId": sid, "revertCancellation": False}),
          400, "already cancelled")
    assert state(zap) == ended


def test_cancel_validation(harness, zap):
    other = harness.account()
    sid = sub_of(zap)["subscriptionId"]
    foreign = sub_of(other)["subscriptionId"]
    cases = [
        ({"revertCancellation": False}, 400, "subscriptionId is required"),
        ({"subscriptionId": sid}, 400, "revertCancellation is required"),
        ({"subscriptionId": 123, "revertCancellation": False}, 400, "subscriptionId must be a string"),
        ({"subscriptionId": None, "revertCancellation": False}, 400, "subscriptionId must be a string"),
        ({"subscriptionId": sid, "revertCancellation": "false"}, 400, "revertCancellation must be a boolean"),
        ({"subscriptionId": sid, "revertCancellation": 0}, 400, "revertCancellation must be a boolean"),
        ({"subscriptionId": "", "revertCancellation": False}, 400, "subscriptionId must not be empty"),
        ({"subscriptionId": "   ", "revertCancellation": False}, 400, "subscriptionId must not be empty"),
        ({"subscriptionId": "sub_1XYZabc1234567890QWERTY", "revertCancellation": False}, 404, "Subscription not found"),
        ({"subscriptionId": foreign, "revertCancellation": False}, 404, "Subscription not found"),
    ]
    before, other_before = state(zap), state(other)
    for body, status, message in cases:
        error(zap.post("/v2/subscriptions/cancel", json=body), status, message)
    assert state(zap) == before and state(other) == other_before


# ================================================================ subscriptions: upgrade

def test_upgrade_matches_docs_and_changes_plan(zap):
    sub = sub_of(zap)
    r = zap.post("/v2/subscriptions/upgrade", json={"subscriptionId": sub["subscriptionId"], "lookupKey": "zap_mail_pro"})
    assert r.status_code == 200, r.text
    assert_shape(r.json(), DOCS_UPGRADE, exact=True)
    assert r.json() == DOCS_UPGRADE
    now = sub_of(zap)
    assert (now["plan"], now["price"], now["totalMailboxQuantity"]) == ("Pro", 299, 100)
    assert now["id"] == sub["id"] and now["subscriptionId"] == sub["subscriptionId"]
    assert now["periodEnd"] == sub["periodEnd"] and now["planUpgradeCancelPossible"] is True
    u = user(zap)
    assert u["purchasedMailboxes"] == 100 and u["activePlan"] == "Pro"
    data = workspaces(zap)
    assert data["currentWorkspace"]["totalMailboxesPurchasedGoogle"] == "100"
    assert data["totalPurchasedMailboxesCountGoogle"] == 100
    # Microsoft is untouched
    assert user(zap, "MICROSOFT")["purchasedMailboxes"] == 10


def test_upgrade_accepts_unique_plan_key_and_the_docs_empty_lookup_key(zap):
    # the docs' table names uniquePlanKey; its curl example sends lookupKey "" beside it
    ms = sub_of(zap, "MICROSOFT")
    r = zap.post("/v2/subscriptions/upgrade", json={"subscriptionId": ms["subscriptionId"],
                                                    "uniquePlanKey": "zap_mail_growth"})
    assert r.status_code == 200 and r.json() == {}
    assert sub_of(zap, "MICROSOFT")["totalMailboxQuantity"] == 30
    u = user(zap, "MICROSOFT")
    assert u["purchasedMailboxes"] == 30 and u["activePlan"] == "Growth"
    r = zap.post("/v2/subscriptions/upgrade", json={"subscriptionId": ms["subscriptionId"], "lookupKey": "",
                                                    "uniquePlanKey": "zap_mail_pro"})
    assert r.status_code == 200 and r.json() == {}
    assert sub_of(zap, "MICROSOFT")["plan"] == "Pro"


def test_upgrade_validation(harness, zap):
    other = harness.account()
    sid = sub_of(zap)["subscriptionId"]
    foreign = sub_of(other)["subscriptionId"]
    cases = [
        ({"lookupKey": "zap_mail_pro"}, 400, "subscriptionId is required"),
        ({"subscriptionId": 5, "lookupKey": "zap_mail_pro"}, 400, "subscriptionId must be a string"),
        ({"subscriptionId": sid, "lookupKey": 7}, 400, "lookupKey must be a string"),
        ({"subscriptionId": sid, "uniquePlanKey": ["zap_mail_pro"]}, 400, "uniquePlanKey must be a string"),
        ({"subscriptionId": "", "lookupKey": "zap_mail_pro"}, 400, "subscriptionId must not be empty"),
        ({"subscriptionId": sid}, 400, "Invalid plan key"),
        ({"subscriptionId": sid, "lookupKey": ""}, 400, "Invalid plan key"),
        ({"subscriptionId": sid, "lookupKey": "premium-plan-2024"}, 400, "Invalid plan key"),
        ({"subscriptionId": sid, "lookupKey": "ZAP_MAIL_PRO"}, 400, "Invalid plan key"),
        ({"subscriptionId": sid, "lookupKey": "zap_mail_growth"}, 400, "more mailboxes"),  # same plan
        ({"subscriptionId": sid, "lookupKey": "zap_mail_starter"}, 400, "more mailboxes"),  # a downgrade
        ({"subscriptionId": "sub_123456789", "lookupKey": "zap_mail_pro"}, 404, "Subscription not found"),
        ({"subscriptionId": foreign, "lookupKey": "zap_mail_pro"}, 404, "Subscription not found"),
    ]
    before, other_before = state(zap), state(other)
    for body, status, message in cases:
        error(zap.post("/v2/subscriptions/upgrade", json=body), status, message)
    assert state(zap) == before and state(other) == other_before


def test_cancelled_subscription_cannot_be_upgraded(harness, zap):
    sid = sub_of(zap)["subscriptionId"]
    envelope(zap.post("/v2/subscriptions/cancel", json={"subscriptionId": sid, "revertCancellation": False}))
    before = state(zap)
    error(zap.post("/v2/subscriptions/upgrade", json={"subscriptionId": sid, "lookupKey": "zap_mail_pro"}),
          400, "not cancelled can be upgraded")
    assert state(zap) == before
    harness.advance(31 * DAY)
    ended = state(zap)
    error(zap.post("/v2/subscriptions/upgrade", json={"subscriptionId": sid, "lookupKey": "zap_mail_pro"}),
          400, "not cancelled can be upgraded")
    assert state(zap) == ended


# ================================================================ x-workspace-key

@pytest.mark.parametrize("index", range(len(ROUTE_IDS)), ids=ROUTE_IDS)
def test_unknown_workspace_key_is_404_and_changes_nothing(zap, index):
    sid = sub_of(zap)["subscriptionId"]
    method, path, body = route_calls(sid)[index]
    if path == "/v2/workspaces" and method == "PUT":
        body = {"id": zap.account["workspaceId"], "name": "Blocked"}
    before = state(zap)
    r = zap.request(method, path, json=body, headers={"x-workspace-key": "b9085239-6bb1-479b-8a30-271f7d6f904e"})
    error(r, 404, "Workspace not found")
    assert r.json()["message"] == "Workspace not found"
    assert state(zap) == before


def test_another_accounts_workspace_is_not_found(harness, zap):
    other = harness.account()
    for path in ("/v2/users", "/v2/workspaces", "/v2/subscriptions", "/v2/wallet/balance"):
        error(zap.get(path, headers={"x-workspace-key": other.account["workspaceId"]}), 404, "Workspace not found")
    # x-workspace-id is the same header under another docs spelling
    error(zap.get("/v2/users", headers={"x-workspace-id": other.account["workspaceId"]}), 404, "Workspace not found")
    mine = envelope(zap.post("/v2/workspaces", json=new_workspace_body("Alias")))["id"]
    assert workspaces(zap, headers={"x-workspace-id": mine})["currentWorkspace"]["id"] == mine


@pytest.mark.parametrize("index", range(len(ROUTE_IDS)), ids=ROUTE_IDS)
def test_viewer_of_shared_workspace_is_forbidden(harness, index):
    a, b, in_a = shared(harness, "VIEWER")
    sid = sub_of(a)["subscriptionId"]
    method, path, body = route_calls(sid)[index]
    if path == "/v2/workspaces" and method == "PUT":
        body = {"id": a.account["workspaceId"], "name": "Blocked"}
    a_before, b_before = state(a), state(b)
    r = b.request(method, path, json=body, headers=in_a)
    error(r, 403, "You must be the owner or admin of this workspace to access this API")
    assert state(a) == a_before and state(b) == b_before


@pytest.mark.parametrize("role", ["EDITOR"])
def test_roles_below_admin_are_forbidden(harness, role):
    a, b, in_a = shared(harness, role)
    error(b.get("/v2/subscriptions", headers=in_a), 403, "owner or admin")


def test_admin_of_shared_workspace_acts_in_it(harness):
    a, b, in_a = shared(harness, "ADMIN")
    # reads answer for the owner's workspace
    u = user(b, headers=in_a)
    assert u["id"] == b.account["id"] and u["activePlan"] == "Growth" and u["purchasedMailboxes"] == 30
    assert u["walletBalance"] == 500  # the workspace owner's wallet
    assert balance(b, headers=in_a)["walletBalance"] == 500
    rows = subs(b, headers=in_a)
    assert [s["id"] for s in rows] == [sub_of(a)["id"]]
    data = workspaces(b, headers=in_a)
    assert data["currentWorkspace"]["id"] == a.account["workspaceId"]
    assert data["currentWorkspace"]["name"] == "Owner HQ"
    assert [w["id"] for w in data["workspaces"]] == [b.account["workspaceId"]]
    # writes land in the owner's workspace
    envelope(b.post("/v2/billing", json={**DOCS_BILLING_BODY, "city": "Shared City"}, headers=in_a))
    billing = workspaces(a)["currentWorkspace"]["billingDetails"]
    assert billing["city"] == "Shared City" and billing["workspaceId"] == a.account["workspaceId"]
    assert workspaces(b)["currentWorkspace"]["billingDetails"] is None
    sid = sub_of(a)["subscriptionId"]
    envelope(b.post("/v2/subscriptions/cancel", json={"subscriptionId": sid, "revertCancellation": False},
                    headers=in_a))
    assert sub_of(a)["planUpgradeCancelPossible"] is False  # its cancellation is pending
    envelope(b.post("/v2/subscriptions/cancel", json={"subscriptionId": sid, "revertCancellation": True},
                    headers=in_a))
    assert b.post("/v2/subscriptions/upgrade", json={"subscriptionId": sid, "lookupKey": "zap_mail_pro"},
                  headers=in_a).json() == {}
    assert user(a)["purchasedMailboxes"] == 100
    # B's own workspace, without the header, is unaffected
    assert user(b)["purchasedMailboxes"] == 30 and sub_of(b)["plan"] == "Growth"
    assert balance(b)["walletBalance"] == 7


def test_shared_workspace_is_listed_for_the_member(harness):
    a, b, _ = shared(harness, "VIEWER")
    data = workspaces(b)
    assert data["totalWorkspacesCount"] == 2
    assert [w["id"] for w in data["workspaces"]] == [a.account["workspaceId"]]
    # the owner's list does not show the member's workspace
    assert workspaces(a)["workspaces"] == []


# ================================================================ x-service-provider

@pytest.mark.parametrize("value", ["YAHOO", "gmail", "GOOGLE,MICROSOFT"])
@pytest.mark.parametrize("index", range(len(ROUTE_IDS)), ids=ROUTE_IDS)
def test_invalid_service_provider_is_400_and_changes_nothing(zap, index, value):
    sid = sub_of(zap)["subscriptionId"]
    method, path, body = route_calls(sid)[index]
    if path == "/v2/workspaces" and method == "PUT":
        body = {"id": zap.account["workspaceId"], "name": "Blocked"}
    before = state(zap)
    r = zap.request(method, path, json=body, headers={"x-service-provider": value})
    error(r, 400, "x-service-provider")
    assert state(zap) == before
