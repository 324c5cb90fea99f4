"""The domain's rules hold whichever dialect asks: every shared rule, sent through Zapmail and
through LiteMail, is a 400 in that provider's envelope that changes nothing."""
from __future__ import annotations

import pytest

DOMAIN = "shared-rules.com"
BILLING = {"firstName": "Ada", "lastName": "Lovelace", "addressLineOne": "1 Road", "city": "Austin", "country": "US",
           "postalCode": "73301"}
WORKSPACE_BILLING = {**BILLING, "company": "Analytical", "state": "Texas", "phoneCc": "1", "phone": "5550100",
                     "languagePreference": "en"}


class Dialect:
    """One provider's spelling of the shared operations."""
    provider = prefix = key_header = ""

    def __init__(self, harness, slots=30):
        fixture = {"workspaces": [{
            "subscriptions": [{"plan": "Growth", "planKey": "growth", "price": 99, "quantity": slots,
                               "platform": "GOOGLE"}],
            "domains": [{"name": DOMAIN, "platform": "GOOGLE", "status": "ACTIVE", "mailboxes": [
                {"username": u, "firstName": u.title(), "lastName": "Seed", "status": "ACTIVE"} for u in ("taken", "other")]}]}]}
        r = harness.client.post("/_sim/accounts", json={"provider": self.provider, "fixture": fixture})
        assert r.status_code == 201, r.text
        self.client, self.key = harness.client, r.json()["apiKey"]

    def call(self, method, path, json=None):
        return self.client.request(method, self.prefix + path, json=json, headers={self.key_header: self.key})

    def refused(self, resp, contains):
        """A 400 in the provider's envelope whose message says `contains`."""
        assert resp.status_code == 400, resp.text
        body = resp.json()
        assert body["status"] == 400 and contains.lower() in body["message"].lower(), body
        return body

    def view(self):
        return [self.call("GET", path).json() for path in self.reads]


class Zapmail(Dialect):
    provider, prefix, key_header = "zapmail", "/api", "x-auth-zapmail"
    reads = ("/v2/mailboxes/list", "/v2/workspaces")

    def boxes(self):
        return {m["username"]: m for g in self.call("GET", "/v2/mailboxes/list").json()["data"]["domains"]
                for m in g["mailboxes"]}

    def domain_id(self):
        return self.call("GET", "/v2/domains").json()["data"]["domains"][0]["id"]

    def assign(self, specs):
        return self.call("POST", "/v2/mailboxes", {self.domain_id(): [
            {"firstName": f, "lastName": l, "mailboxUsername": u, "domainName": DOMAIN} for u, f, l in specs]})

    def rename(self, mailbox_id, username):
        return self.call("PUT", "/v2/mailboxes", {"mailboxData": [{"mailboxId": mailbox_id, "username": username}]})

    def billing(self, body):
        return self.call("POST", "/v2/billing", body)

    def workspace(self, name, billing):
        return self.call("POST", "/v2/workspaces", {"name": name, "billingDetails": billing})

    def dmarc(self, email):
        return self.call("POST", "/v2/domains/dmarc", {"domainIds": [self.domain_id()], "email": email})


class LiteMail(Dialect):
    provider, prefix, key_header = "litemail", "/v1", "x-api-key"
    reads = ("/v1/mailboxes", "/v1/workspaces")

    def call(self, method, path, json=None):
        return super().call(method, path.removeprefix("/v1"), json)

    def boxes(self):
        return {m["username"]: m for m in self.call("GET", "/mailboxes").json()["data"]["mailboxes"]}

    def domain_id(self):
        return self.call("GET", "/domains").json()["data"]["domains"][0]["id"]

    def assign(self, specs):
        return self.call("POST", "/mailboxes/assign", {"mailboxes": [
            {"domain": DOMAIN, "mailboxUsername": u, "firstName": f, "lastName": l} for u, f, l in specs]})

    def rename(self, mailbox_id, username):
        return self.call("PUT", f"/mailboxes/{mailbox_id}", {"username": username})

    def billing(self, body):
        return self.call("POST", "/billing", body)

    def workspace(self, name, billing):
        return self.call("POST", "/workspaces", {"name": name, "billingDetails": billing})

    def dmarc(self, email):
        return self.call("POST", "/domains/dmarc", {"domainIds": [self.domain_id()], "email": email})


def _rules():
    """(name, the request, what the message says); each a shared rule of the domain."""
    return [
        ("blank billing field", lambda p: p.billing({**BILLING, "firstName": "   "}), "must not be empty"),
        ("blank billing city", lambda p: p.billing({**BILLING, "city": ""}), "must not be empty"),
        ("blank workspace billing field", lambda p: p.workspace("New one", {**WORKSPACE_BILLING, "company": " "}),
         "must not be empty"),
        ("blank workspace name", lambda p: p.workspace("   ", WORKSPACE_BILLING), "must not be empty"),
        ("at most 5 mailboxes per domain", lambda p: p.assign([(f"u{i}", "A", "B") for i in range(4)]), "at most 5"),
        ("username rules", lambda p: p.assign([("fine", "A", "B"), ("a..b", "A", "B")]), "must not contain two"),
        ("blank last name", lambda p: p.assign([("fine", "A", "   ")]), "lastName"),
        ("existing username", lambda p: p.assign([("Taken", "A", "B")]), "already exists"),
        ("username twice in one batch", lambda p: p.assign([("twin", "A", "B"), ("TWIN", "C", "D")]), "already exists"),
        ("rename onto a taken username", lambda p: p.rename(p.boxes()["other"]["id"], "taken"), "already exists"),
        ("rename breaking the username rules", lambda p: p.rename(p.boxes()["other"]["id"], "-x"), "username"),
        ("DMARC address", lambda p: p.dmarc("not-an-email"), "valid email address"),
    ]


@pytest.mark.parametrize("dialect", [Zapmail, LiteMail], ids=["zapmail", "litemail"])
@pytest.mark.parametrize("name,send,says", _rules(), ids=[r[0] for r in _rules()])
def test_each_shared_rule_is_a_400_in_both_dialects(harness, dialect, name, send, says):
    p = dialect(harness)
    before = p.view()
    p.refused(send(p), says)
    assert p.view() == before


@pytest.mark.parametrize("dialect", [Zapmail, LiteMail], ids=["zapmail", "litemail"])
def test_free_slots_bound_a_batch_in_both_dialects(harness, dialect):
    p = dialect(harness, slots=3)  # two are used by the fixture's mailboxes
    before = p.view()
    p.refused(p.assign([("one", "A", "B"), ("two", "A", "B")]), "Not enough mailbox slots")
    assert p.view() == before
    assert p.assign([("one", "A", "B")]).status_code in (200, 201)


def test_domain_errors_name_each_dialects_own_fields(harness):
    """The domain names fields neutrally (mailboxes[1].domainName, changes[0].mailboxId); each
    dialect's answer names the field its client sent."""
    z = Zapmail(harness)
    d_id = z.domain_id()
    body = {d_id: [{"firstName": "A", "lastName": "B", "mailboxUsername": "fine", "domainName": DOMAIN},
                   {"firstName": "A", "lastName": "B", "mailboxUsername": "also", "domainName": "other.com"}]}
    said = z.refused(z.call("POST", "/v2/mailboxes", body), "does not match")["message"]
    assert said.startswith(f"{d_id}[1].domainName other.com")
    unknown = "00000000-0000-4000-8000-000000000000"
    r = z.call("PUT", "/v2/mailboxes", {"mailboxData": [{"userId": unknown, "firstName": "X"}]})
    assert r.status_code == 404 and r.json()["message"] == "Mailbox not found"
    r = z.call("PUT", "/v2/mailboxes", {"mailboxData": [{"mailboxId": z.boxes()["other"]["id"], "username": "taken"}]})
    assert r.status_code == 400 and r.json()["message"] == f"Mailbox taken@{DOMAIN} already exists"
    said = z.refused(z.client.get("/api/v2/users", headers={"x-auth-zapmail": z.key, "x-service-provider": "YAHOO"}),
                     "x-service-provider")
    assert said["message"] == "x-service-provider must be one of GOOGLE, MICROSOFT"

    lite = LiteMail(harness)
    r = lite.call("POST", "/mailboxes/assign", {"mailboxes": [
        {"domain": DOMAIN, "userName": "fine", "firstName": "A", "lastName": "B"},
        {"domain": "nowhere.com", "userName": "x", "firstName": "A", "lastName": "B"},
        {"domain": DOMAIN, "userName": "bad..name", "firstName": "A", "lastName": "B"}]})
    # a field's shape is checked (by the declared model) before any lookup: the bad username is
    # what this request is refused for; the unknown domain alone is the next request's
    assert r.status_code == 400 and [e["field"] for e in r.json()["errors"]] == ["mailboxes[2].userName"]
    r = lite.call("POST", "/mailboxes/assign", {"mailboxes": [
        {"domain": DOMAIN, "userName": "fine", "firstName": "A", "lastName": "B"},
        {"domain": "nowhere.com", "userName": "x", "firstName": "A", "lastName": "B"}]})
    assert r.status_code == 400 and [e["field"] for e in r.json()["errors"]] == ["mailboxes[1].domain"]
    r = lite.call("POST", "/mailboxes/assign", {"mailboxes": [
        {"domain": DOMAIN, "userName": "bad..name", "firstName": "A", "lastName": "B"}]})
    assert [e["field"] for e in r.json()["errors"]] == ["mailboxes[0].userName"]
    r = lite.call("PUT", f"/mailboxes/{lite.boxes()['other']['id']}", {"mailboxUsername": "taken"})
    assert r.status_code == 400 and [e["field"] for e in r.json()["errors"]] == ["mailboxUsername"]
