"""Every route can succeed: each Zapmail Tier A route and each LiteMail operation answers a 2xx
to a minimal valid request a real client would send, in its documented envelope.

One parametrized test per provider walks its route list. For each route a small setup function
prepares what the request needs through the public API only (buy a domain from the wallet and
advance the clock, assign mailboxes, add a third-party account, create a tag, ...) and returns
the request to send. Setup is per test: every test gets a fresh harness. A coverage test per
provider makes sure the mapping names every listed route, so a new route without a success case
fails the suite.
"""
from __future__ import annotations

import pytest

from .helpers import all_mailboxes, assign, buy_domain, envelope
from .test_litemail_core import Lite, new_lite
from .test_surface import FLAT, TIER_A

BILLING = {
    "firstName": "Ada", "lastName": "Lovelace", "company": "Analytical Engines Ltd",
    "addressLineOne": "12 St James's Square", "city": "London", "state": "London", "country": "GB",
    "postalCode": "SW1Y 4JH", "phoneCc": "+44", "phone": "2079460000", "languagePreference": "en",
}
LITE_EMAIL, LITE_PASSWORD = "every.route@example.test", "Every-route-123"


def _listed(harness, provider):
    return [r for r in harness.client.get("/_sim/routes").json() if r["provider"] == provider]


# ================================================================ Zapmail

class Z:
    """What a Zapmail success case needs: the harness and an account ($500 wallet, default
    subscriptions), with a few steps shared by several cases."""

    def __init__(self, harness):
        self.harness = harness
        self.api = harness.account(walletBalance=500)

    def domain(self, name="everyroute.com"):
        return buy_domain(self.api, self.harness, name)

    def mailbox(self, name="everyroute.com", active=False):
        d = self.domain(name)
        r = assign(self.api, d, ["ada"])
        envelope(r)
        if active:
            self.harness.advance(601)
        [m] = all_mailboxes(self.api)
        if active:
            assert m["status"] == "ACTIVE", m
        return d, m

    def member(self, role="EDITOR"):
        """A member account in `role` of a new owner account, which becomes this case's caller."""
        b = self.harness.account()
        self.api = self.harness.account(walletBalance=500, fixture={"workspaces": [{
            "name": "Team HQ", "members": [{"accountId": b.account["id"], "role": role}]}]})
        return b.account["id"]

    def invitation(self):
        r = self.api.post("/v2/workspaces/invitations", json={"email": "invitee@example.com", "role": "VIEWER"})
        return envelope(r)["id"]

    def tag(self, name="Production"):
        r = self.api.post("/v2/domains/tags", json=[{"name": name, "tagColor": "#FF5733"}])
        return envelope(r)["tagIds"][0]

    def subscription_id(self):
        subs = envelope(self.api.get("/v2/subscriptions"))
        return subs[0]["subscriptionId"]

    def third_party(self):
        envelope(self.api.post("/v2/exports/accounts/third-party",
                               json={"email": "ops@example.com", "password": "s3cret-Pass", "app": "INSTANTLY"}))

    def connected_domain(self, name="connectme.com"):
        r = self.api.post("/v2/domains/connect-domain", json={"domainNames": [name]})
        assert r.status_code in (200, 207), r.text
        self.harness.advance(301)
        rows = envelope(self.api.get("/v2/domains", params={"contains": name}))["domains"]
        [row] = [d for d in rows if d["domain"] == name]
        assert row["status"] == "ACTIVE", row
        return row

    def dns_record(self):
        d = self.domain()
        [rec] = envelope(self.api.post("/v2/dns", json={
            "assignedDomainId": d["id"], "records": [{"host": "www", "value": "203.0.113.7", "recordType": "A"}]}))
        return d, rec


def _mailbox_get(z):
    _, m = z.mailbox()
    return {"params": {"id": m["id"]}}


def _mailbox_assign(z):
    d = z.domain()
    return {"json": {d["id"]: [{"firstName": "Ada", "lastName": "Lovelace", "mailboxUsername": "ada",
                                "domainName": d["domain"]}]}}


def _mailbox_update(z):
    _, m = z.mailbox(active=True)
    return {"json": {"mailboxData": [{"mailboxId": m["id"], "firstName": "Augusta"}]}}


def _scheduled_removal(z):
    _, m = z.mailbox(active=True)
    return {"json": {"mailboxIds": [m["id"]], "remove": True}}


def _authenticator(z):
    _, m = z.mailbox(active=True)
    return {"params": {"mailboxId": m["id"]}}


def _remove_instantly(z):
    _, m = z.mailbox(active=True)
    return {"json": {"mailboxIds": [m["id"]], "remove": True}}


def _export_mailboxes(z):
    _, m = z.mailbox(active=True)
    return {"json": {"apps": ["MANUAL"], "ids": [m["id"]]}}


def _third_party_update(z):
    z.third_party()
    return {"json": {"app": "INSTANTLY", "password": "n3w-Secret"}}


def _export_status(z):
    _, m = z.mailbox(active=True)
    started = envelope(z.api.post("/v2/exports/mailboxes", json={"apps": ["MANUAL"], "ids": [m["id"]]}))
    return {"params": {"exportId": started["exportId"]}}


def _third_party_list(z):
    z.third_party()
    return {"params": {"app": "INSTANTLY"}}


def _retry_failed(z):
    d = z.domain()
    envelope(assign(z.api, d, ["fail-ada"]))
    z.harness.advance(601)
    return {"json": {"domainIds": [d["id"]]}}


def _domain_ids(z):
    return [z.domain()["id"]]


def _name_servers_verify(z):
    envelope(z.api.post("/v2/domains/name-servers", json={"domainName": "legacyconnect.com", "maskForwarding": False}))
    return {"json": {"domainName": "legacyconnect.com"}}


def _remove_unused(z):
    return {"json": {"ids": [z.connected_domain()["id"]]}}


def _remove_connection_requests(z):
    r = z.api.post("/v2/domains/connect-domain", json={"domainNames": ["pendingconnect.com"]})
    assert r.status_code in (200, 207), r.text
    return {"json": {"domainNames": ["pendingconnect.com"]}}


def _add_client_id(z):
    d, _ = z.mailbox(active=True)
    return {"json": {"domainIds": [d["id"]], "clientId": "1234567890-abc.apps.googleusercontent.com",
                     "app": "Instantly"}}


# group "onebox"
def _inbox(z):
    """An ACTIVE mailbox's address and the thread it received on turning ACTIVE."""
    z.mailbox(active=True)
    [row] = envelope(z.api.get("/v2/onebox/top-emails"))["emails"]
    return {"email": row["account"], "threadId": row["threadId"]}


def _label(z):
    address = _inbox(z)["email"]
    envelope(z.api.post("/v2/onebox/create-new-label", json={"account": address, "labelName": "Leads",
                                                              "color": "#FF5733"}))
    return address


def _download_attachment(z):
    """Mail with a file arrives within days of activation (generated from the seed)."""
    z.mailbox(active=True)
    z.harness.advance(10 * 86400)
    rows = envelope(z.api.get("/v2/onebox/search-emails", params={"limit": 100}))["emails"]
    mail = next(m for m in rows if m["attachments"])
    a = mail["attachments"][0]
    return {"json": {"attachmentId": a["attachmentId"], "provider": "GOOGLE", "messageId": mail["id"],
                     "account": mail["account"], "filename": a["filename"]}}


# group "webhooks"
def _webhook_update(z):
    made = envelope(z.api.post("/v2/webhooks/endpoints", json={"url": "http://127.0.0.1:9/hooks",
                                                                "enabled_events": ["mailbox.updated"]}))
    return {"path": f"/v2/webhooks/endpoints/{made['id']}", "json": {"status": "DISABLED"}}


def _dns_update(z):
    d, rec = z.dns_record()
    return {"json": {"assignedDomainId": d["id"], "dnsRecordId": rec["id"], "value": "203.0.113.8"}}


def _dns_delete(z):
    d, rec = z.dns_record()
    return {"params": {"id": rec["id"], "assignedDomainId": d["id"]}}


# ---- issue 10: placement, dnsshield, zapsites
def _placement_ids(z):
    _, m = z.mailbox(active=True)
    return [m["id"]]


def _placement_order(z):
    group = envelope(z.api.post("/v2/placement-tests/purchase", json={
        "placementType": "ONE_TIME", "testName": "Every route", "mailboxIds": _placement_ids(z),
        "seedAccounts": ["google"]}))
    z.harness.advance(601)
    return {"params": {"cartOrderId": group["cartOrderId"]}}


def _placement_plan(z, name="Starter"):
    return envelope(z.api.post("/v2/placement-tests/purchase-plan", json={"planName": name}))["id"]


def _shield_plan(z, quantity=2):
    return envelope(z.api.post("/v2/dns-shield/purchase", json={"planType": "MONTHLY", "quantity": quantity}))[
        "subscription"]["id"]


def _shield_ltd(z):
    z.api = z.harness.account(walletBalance=1500)  # an LTD plan and its upgrade cost 999 USD in all
    return envelope(z.api.post("/v2/dns-shield/purchase", json={"planType": "LTD", "planName": "Starter"}))[
        "subscription"]["id"]


def _shield_allocate(z):
    _shield_plan(z)
    return {"json": {"domainIds": _domain_ids(z)}}


def _site(z, ready=True):
    site = envelope(z.api.post("/v2/zap-sites", json={"destination_url": "https://acme.example"}))
    if ready:
        z.harness.advance(121)
    return site["id"]


def _site_deploy(z):
    d = z.domain()
    return {"path": f"/v2/zap-sites/{_site(z)}/deploy", "params": {
        "domainIds": d["id"], "indexing": "true", "tracking": "false", "form_enabled": "false"}}


ZAPSITE_EDIT = {"name": "Acme", "notify_email": "leads@acme.example", "form_fields": [{"name": "email"}]}
# ---- end issue 10: placement, dnsshield, zapsites
def _custom_oauth(z):  # tierb
    d, m = z.mailbox(active=True)
    return {"json": {"google": {"appName": "Acme Sender", "clientId": "123-abc.apps.googleusercontent.com",
                                "mailboxesPerDomain": {d["id"]: [{"mailboxId": m["id"],
                                                                  "oauthLink": "https://accounts.example.com/o/a"}]}}}}


# domainsc (Tier C): renewals and moves, quick setup, domain search, global search
def _renew(z):
    ids = _domain_ids(z)
    z.harness.advance(310 * 24 * 3600)  # into the two months before expiry
    return {"json": {"domainIds": ids}}


def _move(z):
    ids = _domain_ids(z)
    other = envelope(z.api.post("/v2/workspaces", json={"name": "Second brand", "billingDetails": BILLING}))["id"]
    return {"json": {"domainIds": ids, "workspaceId": other}}


def _quick_setup(z, name="quicksetup.com"):
    envelope(z.api.post("/v2/billing", json=BILLING))
    return {"json": {"domains": [{"domainName": name}], "mailboxes": {name: [
        {"username": "ada", "firstName": "Ada", "lastName": "Lovelace"}]}, "exportApp": "MANUAL"}}


def _quick_setup_status(z):
    envelope(z.api.post("/v2/quick-setup", **_quick_setup(z)))
    return {"params": {"domain": "quicksetup.com"}}


def _aged_purchase(z):
    rows = envelope(z.api.get("/v2/aged-domains/available-domains", params={"limit": 100}))["domains"]
    return {"json": {"domains": [min(rows, key=lambda o: float(o["price"]))["domainName"]]}}


def _prewarmed_assign(z):
    [offer] = envelope(z.api.get("/v2/prewarmed-domains/get-domains", params={"page": 1, "limit": 1}))["domains"]
    return {"json": {"domainIds": [offer["id"]]}}


ZAPMAIL_CASES = {
    ("GET", "/v2/users"): lambda z: {},
    ("GET", "/v2/workspaces"): lambda z: {},
    ("POST", "/v2/workspaces"): lambda z: {"json": {"name": "Second brand", "billingDetails": BILLING}},
    ("PUT", "/v2/workspaces"): lambda z: {"json": {"id": z.api.account["workspaceId"], "name": "Renamed HQ"}},
    ("POST", "/v2/billing"): lambda z: {"json": BILLING},
    ("PUT", "/v2/billing"): lambda z: {"json": {**BILLING, "city": "Cambridge"}},
    ("GET", "/v2/mailboxes/list"): lambda z: {"params": {"page": 1, "limit": 10}},
    ("GET", "/v2/mailboxes"): _mailbox_get,
    ("POST", "/v2/mailboxes"): _mailbox_assign,
    ("PUT", "/v2/mailboxes"): _mailbox_update,
    ("PUT", "/v2/mailboxes/scheduled-removal"): _scheduled_removal,
    ("GET", "/v2/mailboxes/authenticator-code"): _authenticator,
    ("POST", "/v2/mailboxes/remove-mailboxes-instantly"): _remove_instantly,
    ("POST", "/v2/wallet/balance"): lambda z: {"json": {"amount": 50}},
    ("GET", "/v2/wallet/balance"): lambda z: {},
    ("POST", "/v2/wallet/enable-auto-recharge"): lambda z: {"json": {"enable": True, "threshold": 25,
                                                                      "minimumRechargeAmount": 100}},
    ("POST", "/v2/exports/mailboxes"): _export_mailboxes,
    ("POST", "/v2/exports/accounts/third-party"): lambda z: {"json": {"email": "ops@example.com",
                                                                      "password": "s3cret-Pass", "app": "INSTANTLY"}},
    ("PUT", "/v2/exports/accounts/third-party"): _third_party_update,
    ("GET", "/v2/subscriptions"): lambda z: {},
    ("POST", "/v2/subscriptions/cancel"): lambda z: {"json": {"subscriptionId": z.subscription_id(),
                                                              "revertCancellation": False}},
    ("POST", "/v2/subscriptions/upgrade"): lambda z: {"json": {"subscriptionId": z.subscription_id(),
                                                               "lookupKey": "zap_mail_pro"}},
    ("GET", "/v2/domains"): lambda z: {"params": {"page": 1, "limit": 10}},
    ("GET", "/v2/domains/assignable"): lambda z: {},
    ("POST", "/v2/domains/dmarc"): lambda z: {"json": {"domainIds": _domain_ids(z), "email": "dmarc@example.com"}},
    ("POST", "/v2/domains/forwarding"): lambda z: {"json": {"domainIds": _domain_ids(z),
                                                            "forwardTo": "https://example.com"}},
    ("POST", "/v2/domains/name-servers"): lambda z: {"json": {"domainName": "legacyconnect.com",
                                                              "maskForwarding": False}},
    ("POST", "/v2/domains/name-servers/verify"): _name_servers_verify,
    ("POST", "/v2/domains/connect-domain"): lambda z: {"json": {"domainNames": ["connectme.com"]}},
    ("POST", "/v2/domains/email-forwarding"): lambda z: {"json": {"domainIds": _domain_ids(z),
                                                                  "email": "inbox@example.com"}},
    ("DELETE", "/v2/domains/email-forwarding"): lambda z: {"json": {"domainIds": _domain_ids(z)}},
    ("POST", "/v2/domains/catch-all"): lambda z: {"json": {"domainIds": _domain_ids(z), "email": "all@example.com"}},
    ("DELETE", "/v2/domains/catch-all"): lambda z: {"json": {"domainIds": _domain_ids(z)}},
    ("POST", "/v2/domains/dns/check"): lambda z: {"json": {"domainIds": _domain_ids(z)}},
    ("DELETE", "/v2/domains"): _remove_unused,
    ("POST", "/v2/domains/available"): lambda z: {"json": {"domainName": "everyroute"}},
    ("POST", "/v2/domains/buy"): lambda z: {"json": {"domains": [{"domainName": "freshbuy.com", "years": 1}],
                                                     "useWallet": True, "enableDnsShield": False}},
    ("GET", "/v2/domains/connection-requests"): lambda z: {},
    ("DELETE", "/v2/domains/connection-requests"): _remove_connection_requests,
    ("POST", "/v2/domains/add-client-id"): _add_client_id,
    ("POST", "/v2/domains/available-bulk"): lambda z: {"json": {"domainNames": ["everyroute.com", "everyroute.net"]}},
    ("GET", "/v2/dns/"): lambda z: {"params": {"id": z.domain()["id"]}},
    ("POST", "/v2/dns"): lambda z: {"json": {"assignedDomainId": z.domain()["id"], "records": [
        {"host": "@", "value": "203.0.113.1", "recordType": "A"}]}},
    ("PUT", "/v2/dns"): _dns_update,
    ("DELETE", "/v2/dns"): _dns_delete,
    # Tier B reads served ahead of their tier
    ("GET", "/v2/domains/health-score"): lambda z: {"params": {"domainId": z.mailbox(active=True)[0]["id"]}},
    ("GET", "/v2/exports/status"): _export_status,
    ("GET", "/v2/exports/accounts/third-party"): _third_party_list,
    # Tier B: the three a public client calls
    ("PUT", "/v2/mailboxes/retry-failed"): _retry_failed,
    ("POST", "/v2/wallet/buy-addon-mailboxes"): lambda z: {"params": {"quantity": 2}},
    ("POST", "/v2/subscriptions/purchase"): lambda z: {"params": {"planName": "Growth", "billingCycle": "MONTHLY"}},
    # Tier B: domain tags
    ("GET", "/v2/domains/tags"): lambda z: {},
    ("POST", "/v2/domains/tags"): lambda z: {"json": [{"name": "Production", "tagColor": "#FF5733"}]},
    ("POST", "/v2/domains/assign-tag"): lambda z: {"json": {"tagIds": [z.tag()], "domainIds": _domain_ids(z)}},
    ("POST", "/v2/domains/tags/delete"): lambda z: {"json": {"tagId": z.tag()}},
    ("POST", "/v2/domains/tags/remove"): lambda z: {"json": {"tagIds": [z.tag()], "domainIds": _domain_ids(z)}},
    # Tier B: workspace team
    ("GET", "/v2/workspaces/members"): lambda z: {"params": {"page": 1, "limit": 10}},
    ("PUT", "/v2/workspaces/members"): lambda z: {"params": {"memberId": z.member()}, "json": {"role": "ADMIN"}},
    ("DELETE", "/v2/workspaces/members"): lambda z: {"params": {"memberId": z.member()}},
    ("POST", "/v2/workspaces/invitations"): lambda z: {"json": {"email": "new@example.com", "role": "EDITOR",
                                                                "workspaceId": z.api.account["workspaceId"]}},
    ("GET", "/v2/workspaces/invitations"): lambda z: {"params": {"page": 1, "limit": 10, "status": "PENDING"}},
    ("DELETE", "/v2/workspaces/invitations"): lambda z: {"params": {"invitationId": z.invitation()}},
    # Tier C (issue 10): placement tests
    ("GET", "/v2/placement-tests/subscriptions"): lambda z: {},
    ("GET", "/v2/placement-tests/overall-report"): lambda z: {},
    ("GET", "/v2/placement-tests/orders"): lambda z: {"params": {"page": 1, "limit": 10}},
    ("GET", "/v2/placement-tests/report"): _placement_order,
    ("POST", "/v2/placement-tests/eligible-mailboxes"): lambda z: {"params": {"page": 1, "limit": 10}},
    ("GET", "/v2/placement-tests/available-slots"): lambda z: {},
    ("POST", "/v2/placement-tests/purchase"): lambda z: {"json": {
        "placementType": "ONE_TIME", "testName": "Every route", "mailboxIds": _placement_ids(z),
        "seedAccounts": ["google", "microsoft365"]}},
    ("POST", "/v2/placement-tests/purchase-plan"): lambda z: {"json": {"planName": "Starter"}},
    ("POST", "/v2/placement-tests/cancel-subscription"): lambda z: {"json": {
        "subscriptionId": _placement_plan(z), "revertCancellation": False}},
    # Tier C (issue 10): DNS Shield
    ("GET", "/v2/dns-shield/eligible-domains"): lambda z: {"params": {"page": 1, "limit": 10}},
    ("GET", "/v2/dns-shield/available-slots"): lambda z: {},
    ("GET", "/v2/dns-shield/subscriptions"): lambda z: {},
    ("GET", "/v2/dns-shield/allocated-domains"): lambda z: {"params": {"subscriptionId": _shield_plan(z)}},
    ("POST", "/v2/dns-shield/allocate-domains"): _shield_allocate,
    ("POST", "/v2/dns-shield/purchase"): lambda z: {"json": {"planType": "MONTHLY", "domainIds": _domain_ids(z)}},
    ("POST", "/v2/dns-shield/upgrade-plan"): lambda z: {"json": {"subscriptionId": _shield_ltd(z),
                                                                 "newPlanName": "Growth"}},
    ("POST", "/v2/dns-shield/cancel-subscription"): lambda z: {"json": {"subscriptionId": _shield_plan(z)}},
    # Tier C (issue 10): Zap Sites
    ("GET", "/v2/zap-sites/scan"): lambda z: {"params": {"url": "https://example.com"}},
    ("POST", "/v2/zap-sites"): lambda z: {"json": {"destination_url": "https://acme.example", "name": "Acme"}},
    ("GET", "/v2/zap-sites/{id}"): lambda z: {"path": f"/v2/zap-sites/{_site(z, ready=False)}"},
    ("PATCH", "/v2/zap-sites/{id}"): lambda z: {"path": f"/v2/zap-sites/{_site(z)}", "json": ZAPSITE_EDIT},
    ("POST", "/v2/zap-sites/{id}/regenerate"): lambda z: {"path": f"/v2/zap-sites/{_site(z)}/regenerate",
                                                         "json": {"notes": "Shorter headline"}},
    ("GET", "/v2/zap-sites/{id}/deploy"): _site_deploy,
    # Tier C: onebox (group "onebox")
    ("GET", "/v2/onebox/connected-accounts"): lambda z: {},
    ("GET", "/v2/onebox/top-emails"): lambda z: {"params": {"account": _inbox(z)["email"], "page": 1, "limit": 5}},
    ("GET", "/v2/onebox/thread-emails"): lambda z: {"params": {"threadId": _inbox(z)["threadId"]}},
    ("GET", "/v2/onebox/search-emails"): lambda z: {"params": {"account": _inbox(z)["email"], "query": "ready"}},
    ("POST", "/v2/onebox/send-email"): lambda z: {"json": {"account": _inbox(z)["email"], "to": "maya@example.com",
                                                           "subject": "Hello", "body": "Hi Maya"}},
    ("POST", "/v2/onebox/download-attachment"): _download_attachment,
    ("POST", "/v2/onebox/create-new-label"): lambda z: {"json": {"account": _inbox(z)["email"], "labelName": "Leads",
                                                                 "color": "#FF5733"}},
    ("POST", "/v2/onebox/delete-label"): lambda z: {"json": {"account": _label(z), "labelName": "Leads"}},
    ("POST", "/v2/onebox/rename-label"): lambda z: {"json": {"account": _label(z), "oldLabelName": "Leads",
                                                             "newLabelName": "Hot leads", "color": "#00AA55"}},
    # Tier C: webhooks (group "webhooks")
    ("GET", "/v2/webhook/events"): lambda z: {},
    ("GET", "/v2/webhooks/endpoints"): lambda z: {},
    ("POST", "/v2/webhooks/endpoints"): lambda z: {"json": {"url": "http://127.0.0.1:9/hooks",
                                                            "enabled_events": ["mailbox.updated"]}},
    ("PATCH", "/v2/webhooks/endpoints/{id}"): _webhook_update,
    # tierb: custom OAuth, scheduled creation, a subscription's invoice and mailboxes, the filtered list
    ("POST", "/v2/mailboxes/custom-oauth"): _custom_oauth,
    ("POST", "/v2/mailboxes/schedule"): lambda z: {"json": {z.domain()["id"]: [
        {"firstName": "Ada", "lastName": "Later", "mailboxUsername": "ada.later", "domainName": "everyroute.com"}]}},
    ("POST", "/v2/payment/invoices"): lambda z: {"json": {"subscriptionId": z.subscription_id()}},
    ("POST", "/v2/subscriptions/mailboxes"): lambda z: {"json": {"subscriptionId": z.subscription_id()}},
    ("POST", "/v2/domains"): lambda z: {"json": {"status": ["ACTIVE"], "contains": "", "sortBy": "DESC"}},
    # domainsc (Tier C): renewals and moves, quick setup, domain search, global search
    ("POST", "/v2/workspaces/update-domain-renewal-settings"): lambda z: {
        "json": {"domainRenewalSettings": {"autoRenew": True}}},
    ("POST", "/v2/domains/renewal-soon"): lambda z: {"json": {}, "params": {"page": 1, "limit": 10}},
    ("POST", "/v2/domains/get-renewal-price"): lambda z: {"json": {"domainIds": _domain_ids(z)}},
    ("POST", "/v2/domains/renew"): _renew,
    ("POST", "/v2/domains/update-auto-renew"): lambda z: {"json": {"domainIds": _domain_ids(z), "autoRenew": True}},
    ("POST", "/v2/domains/move-workspace"): _move,
    ("POST", "/v2/domains/remove-forwarding"): lambda z: {"json": {"domainId": _domain_ids(z)[0]}},
    ("GET", "/v2/exports/fetch-workspaces"): lambda z: {"params": {"app": "INSTANTLY"}},
    ("POST", "/v2/quick-setup"): _quick_setup,
    ("GET", "/v2/quick-setup"): _quick_setup_status,
    ("POST", "/v2/domains/ai-finder"): lambda z: {"json": {"keywords": ["data", "ingest"], "tlds": ["com"],
                                                           "desiredCount": 10}},
    ("GET", "/v2/aged-domains/available-domains"): lambda z: {"params": {"page": 1, "limit": 5}},
    ("POST", "/v2/aged-domains/purchase"): _aged_purchase,
    ("GET", "/v2/prewarmed-domains/get-domains"): lambda z: {"params": {"page": 1, "limit": 5}},
    ("POST", "/v2/prewarmed-domains/purchase"): lambda z: {"params": {"planType": "starter"}},
    ("POST", "/v2/prewarmed-domains/assign"): _prewarmed_assign,
    ("GET", "/v2/prewarmed-domains/count"): lambda z: {},
    ("GET", "/v2/prewarmed-domains/subscriptions"): lambda z: {},
    ("GET", "/v2/global/mailbox-domain-search"): lambda z: {"params": {"contains": "everyroute", "page": 1,
                                                                       "limit": 10}},
}
ZAPMAIL_ROUTES = sorted(ZAPMAIL_CASES)


def test_zapmail_cases_cover_every_listed_route(harness):
    """A route without a success case here fails: every declared route must be shown to succeed."""
    listed = {(r["method"], r["path"]) for r in _listed(harness, "zapmail")}
    assert {(m, "/api" + p) for m, p in ZAPMAIL_CASES} == listed
    assert set(TIER_A) <= set(ZAPMAIL_CASES)


@pytest.mark.parametrize("method,path", ZAPMAIL_ROUTES, ids=[f"{m} {p}" for m, p in ZAPMAIL_ROUTES])
def test_every_zapmail_route_can_succeed(harness, method, path):
    z = Z(harness)
    request = ZAPMAIL_CASES[(method, path)](z)
    r = z.api.request(method, request.pop("path", path), **request)  # "path": a route's {id} filled in
    assert 200 <= r.status_code < 300, f"{method} {path} {request} -> {r.status_code} {r.text}"
    body = r.json()
    if (method, path) in FLAT:
        assert isinstance(body, dict), body
        if (method, path) == ("POST", "/v2/subscriptions/upgrade"):
            assert body == {}
        else:
            assert "status" not in body and isinstance(body.get("message"), str) and body["message"], body
    else:
        envelope(r, r.status_code)
        assert body["message"], body


# ================================================================ LiteMail

class L:
    """What a LiteMail success case needs: the harness and an account ($200 wallet, default
    subscriptions, a known login), with a few steps shared by several cases."""

    def __init__(self, harness):
        self.harness = harness
        self.api: Lite = new_lite(harness, walletBalance=200,
                                  fixture={"email": LITE_EMAIL, "password": LITE_PASSWORD})

    def data(self, resp, status=200):
        assert resp.status_code == status, resp.text
        return resp.json()["data"]

    def domain(self, name="everyroute.com"):
        data = self.data(self.api.post("/domains/purchase", json={"domains": [{"domainName": name}]}), 201)
        [d] = data["domains"]
        self.harness.advance(301)
        return d

    def mailbox(self, name="everyroute.com", active=False):
        d = self.domain(name)
        data = self.data(self.api.post("/mailboxes/assign", json={"mailboxes": [
            {"mailboxUsername": "ada", "domain": name, "firstName": "Ada", "lastName": "Lovelace"}]}), 201)
        [m] = data["mailboxes"]
        if active:
            self.harness.advance(601)
            assert self.data(self.api.get(f"/mailboxes/{m['id']}"))["status"] == "ACTIVE"
        return d, m

    def subscription_id(self):
        subs = self.data(self.api.get("/subscriptions"))["subscriptions"]
        return subs[0]["id"]

    def workspace_id(self):
        return self.data(self.api.get("/workspaces"))["workspaces"][0]["id"]

    def third_party(self):
        return self.data(self.api.post("/exports/third-party-accounts", json={
            "app": "INSTANTLY", "email": "ops@example.com", "password": "s3cret-Pass"}), 201)

    def connected_domain(self, name="connectme.com"):
        self.data(self.api.post("/domains/connect", json={"domainNames": [name]}))
        self.harness.advance(301)
        rows = self.data(self.api.get("/domains", params={"search": name}))["domains"]
        [row] = [d for d in rows if d["domain"] == name]
        assert row["status"] == "ACTIVE", row
        return row

    def dns_record(self):
        d = self.domain()
        return self.data(self.api.post("/dns", json={"domainId": d["id"], "host": "www", "value": "203.0.113.7",
                                                     "recordType": "A"}), 201)

    def tag(self):
        return self.data(self.api.post("/tags", json={"name": "Cold", "color": "#336699"}), 201)

    def saved_card(self):
        link = self.data(self.api.post("/wallet/balance", json={"amount": 25}), 201)["paymentLink"]
        token = link.rsplit("/", 1)[-1]
        assert self.harness.client.post(f"/_sim/pay/{token}").status_code == 200


def _q(method, path, **kw):
    return (method, path, kw)


def _lm_mailbox(lm):
    return lm.mailbox()[1]["id"]


def _lm_active(lm):
    return lm.mailbox(active=True)[1]["id"]


def _lm_domain_ids(lm):
    return [lm.domain()["id"]]


def _lm_verify_ns(lm):
    lm.data(lm.api.get("/domains/name-servers", params={"domainName": "legacyconnect.com"}))
    return _q("GET", "/domains/name-servers/verify", params={"domainName": "legacyconnect.com"})


def _lm_add_credit(lm):
    lm.saved_card()
    return _q("POST", "/wallet/credit", json={"amount": 10})


def _lm_update_account(lm):
    acc = lm.third_party()
    return _q("PUT", f"/exports/third-party-accounts/{acc['id']}", json={"password": "n3w-Secret"})


def _lm_connect_inboxes(lm, path):
    m = _lm_active(lm)
    lm.third_party()
    return _q("POST", path, json={"platform": "INSTANTLY", "mailboxIds": [m]})


def _lm_dns_update(lm):
    rec = lm.dns_record()
    return _q("PUT", f"/dns/{rec['id']}", json={"value": "203.0.113.8"})


def _lm_tag_update(lm):
    tag = lm.tag()
    return _q("PUT", f"/tags/{tag['id']}", json={"name": "Warm", "domainIds": _lm_domain_ids(lm)})


def _lm_webhook_delete(lm):
    w = lm.data(lm.api.post("/webhooks", json={"url": "http://127.0.0.1:9/hook"}), 201)
    return _q("DELETE", f"/webhooks/{w['id']}")


LITEMAIL_CASES = {
    "litemail.users.get": lambda lm: _q("GET", "/users"),
    "litemail.workspaces.list": lambda lm: _q("GET", "/workspaces"),
    "litemail.workspaces.create": lambda lm: _q("POST", "/workspaces", json={"name": "Second brand",
                                                                             "billingDetails": BILLING}),
    "litemail.workspaces.update": lambda lm: _q("PUT", f"/workspaces/{lm.workspace_id()}", json={"name": "Renamed"}),
    "litemail.billing.add": lambda lm: _q("POST", "/billing", json=BILLING),
    "litemail.billing.invoices": lambda lm: _q("GET", "/billing/invoices"),
    "litemail.mailboxes.list": lambda lm: _q("GET", "/mailboxes", params={"page": 1, "limit": 10}),
    "litemail.mailboxes.create": lambda lm: _q("POST", "/mailboxes", json={
        "domainId": lm.domain()["id"], "mailboxUsername": "ada", "firstName": "Ada", "lastName": "Lovelace"}),
    "litemail.mailboxes.assign": lambda lm: _q("POST", "/mailboxes/assign", json={"mailboxes": [
        {"mailboxUsername": "ada", "domain": lm.domain()["domain"], "firstName": "Ada", "lastName": "Lovelace"}]}),
    "litemail.mailboxes.get": lambda lm: _q("GET", f"/mailboxes/{_lm_mailbox(lm)}"),
    "litemail.mailboxes.update": lambda lm: _q("PUT", f"/mailboxes/{_lm_active(lm)}", json={"firstName": "Augusta"}),
    "litemail.mailboxes.remove": lambda lm: _q("DELETE", f"/mailboxes/{_lm_active(lm)}"),
    "litemail.wallet.balance": lambda lm: _q("GET", "/wallet/balance"),
    "litemail.wallet.add_balance": lambda lm: _q("POST", "/wallet/balance", json={"amount": 50}),
    "litemail.wallet.auto_recharge": lambda lm: _q("POST", "/wallet/auto-recharge", json={
        "enable": True, "threshold": 25, "amount": 100}),
    "litemail.wallet.add_credit": _lm_add_credit,
    "litemail.exports.mailboxes": lambda lm: _q("POST", "/exports/mailboxes", json={"apps": ["MANUAL"],
                                                                                    "ids": [_lm_active(lm)]}),
    "litemail.exports.add_account": lambda lm: _q("POST", "/exports/third-party-accounts", json={
        "app": "INSTANTLY", "email": "ops@example.com", "password": "s3cret-Pass"}),
    "litemail.exports.update_account": _lm_update_account,
    "litemail.exports.connect_inboxes": lambda lm: _lm_connect_inboxes(lm, "/exports/connect-inboxes"),
    "litemail.subscriptions.list": lambda lm: _q("GET", "/subscriptions"),
    "litemail.subscriptions.cancel": lambda lm: _q("DELETE", f"/subscriptions/{lm.subscription_id()}"),
    "litemail.subscriptions.upgrade": lambda lm: _q("PUT", f"/subscriptions/{lm.subscription_id()}/upgrade",
                                                    json={"newPlan": "Enterprise"}),
    "litemail.domains.list": lambda lm: _q("GET", "/domains", params={"page": 1, "limit": 10}),
    "litemail.domains.purchase": lambda lm: _q("POST", "/domains/purchase", json={
        "domains": [{"domainName": "freshbuy.com", "years": 1}]}),
    "litemail.domains.assignable": lambda lm: _q("GET", "/domains/assignable"),
    "litemail.domains.add_dmarc": lambda lm: _q("POST", "/domains/dmarc", json={
        "domainIds": _lm_domain_ids(lm), "email": "dmarc@example.com"}),
    "litemail.domains.add_forwarding": lambda lm: _q("POST", "/domains/forwarding", json={
        "domainIds": _lm_domain_ids(lm), "forwardTo": "https://example.com"}),
    "litemail.domains.remove_forwarding": lambda lm: _q("DELETE", "/domains/forwarding", json={
        "domainIds": _lm_domain_ids(lm)}),
    "litemail.domains.name_servers": lambda lm: _q("GET", "/domains/name-servers",
                                                   params={"domainName": "legacyconnect.com"}),
    "litemail.domains.verify_ns": _lm_verify_ns,
    "litemail.domains.connect": lambda lm: _q("POST", "/domains/connect", json={"domainNames": ["connectme.com"]}),
    "litemail.domains.enable_email_forwarding": lambda lm: _q("POST", "/domains/email-forwarding", json={
        "domainIds": _lm_domain_ids(lm), "email": "inbox@example.com"}),
    "litemail.domains.remove_email_forwarding": lambda lm: _q("DELETE", "/domains/email-forwarding", json={
        "domainIds": _lm_domain_ids(lm)}),
    "litemail.domains.enable_catch_all": lambda lm: _q("POST", "/domains/catch-all", json={
        "domainIds": _lm_domain_ids(lm), "email": "all@example.com"}),
    "litemail.domains.remove_catch_all": lambda lm: _q("DELETE", "/domains/catch-all", json={
        "domainIds": _lm_domain_ids(lm)}),
    "litemail.domains.check_dns": lambda lm: _q("GET", "/domains/dns-check", params={"domainId": lm.domain()["id"]}),
    "litemail.domains.available": lambda lm: _q("GET", "/domains/available", params={"domainName": "everyroute"}),
    "litemail.domains.payment_link": lambda lm: _q("GET", "/domains/payment-link",
                                                   params={"domains": "linkbuy.com", "years": 1}),
    "litemail.domains.get": lambda lm: _q("GET", f"/domains/{lm.domain()['id']}"),
    "litemail.domains.remove_unused": lambda lm: _q("DELETE", f"/domains/{lm.connected_domain()['id']}"),
    "litemail.dns.list": lambda lm: _q("GET", "/dns", params={"domainId": lm.domain()["id"]}),
    "litemail.dns.create": lambda lm: _q("POST", "/dns", json={"domainId": lm.domain()["id"], "host": "@",
                                                               "value": "203.0.113.1", "recordType": "A"}),
    "litemail.dns.update": _lm_dns_update,
    "litemail.dns.delete": lambda lm: _q("DELETE", f"/dns/{lm.dns_record()['id']}"),
    "litemail.apikeys.generate": lambda lm: _q("POST", "/api-keys", auth=False, json={
        "email": LITE_EMAIL, "password": LITE_PASSWORD, "name": "ci"}),
    "litemail.connect_inbox": lambda lm: _lm_connect_inboxes(lm, "/connect-inbox"),
    "litemail.mailboxes.warmup": lambda lm: _q("GET", "/mailboxes/warmup-analytics",
                                               params={"mailboxId": _lm_active(lm), "days": 7}),
    "litemail.tags.list": lambda lm: _q("GET", "/tags"),
    "litemail.tags.create": lambda lm: _q("POST", "/tags", json={"name": "Cold", "color": "#336699"}),
    "litemail.tags.update": _lm_tag_update,
    "litemail.tags.delete": lambda lm: _q("DELETE", f"/tags/{lm.tag()['id']}"),
    "litemail.placement.list": lambda lm: _q("GET", "/placement-tests"),
    "litemail.placement.create": lambda lm: _q("POST", "/placement-tests", json={"mailboxIds": [_lm_active(lm)],
                                                                                "name": "Weekly check"}),
    "litemail.dashboard.overview": lambda lm: _q("GET", "/dashboard/overview"),
    "litemail.dashboard.status_counts": lambda lm: _q("GET", "/dashboard/mailbox-status-counts"),
    "litemail.export_history.list": lambda lm: _q("GET", "/export-history"),
    "litemail.export_history.create": lambda lm: _q("POST", "/export-history", json={
        "app": "INSTANTLY", "mailboxIds": [_lm_active(lm)]}),
    "litemail.cloudflare.get": lambda lm: _q("GET", "/cloudflare"),
    "litemail.cloudflare.save": lambda lm: _q("POST", "/cloudflare", json={
        "apiToken": "cf_token_0123456789abcdefghijklmnop", "email": "ops@example.com"}),
    "litemail.webhooks.list": lambda lm: _q("GET", "/webhooks"),
    "litemail.webhooks.create": lambda lm: _q("POST", "/webhooks", json={"url": "http://127.0.0.1:9/hook"}),
    "litemail.webhooks.delete": _lm_webhook_delete,
}
LITEMAIL_OPERATIONS = sorted(LITEMAIL_CASES)


def test_litemail_cases_cover_every_listed_operation(harness):
    listed = _listed(harness, "litemail")
    assert {r["operation"] for r in listed} == set(LITEMAIL_CASES)


@pytest.mark.parametrize("operation", LITEMAIL_OPERATIONS)
def test_every_litemail_route_can_succeed(harness, operation):
    route = {r["operation"]: r for r in _listed(harness, "litemail")}[operation]
    lm = L(harness)
    method, path, kw = LITEMAIL_CASES[operation](lm)
    # the request goes where the route listing says the operation lives
    template = route["path"].removeprefix("/v1").split("/")
    sent = path.split("/")
    assert method == route["method"] and len(sent) == len(template) and all(
        t.startswith("{") or t == s for t, s in zip(template, sent)), (method, path, route)
    r = lm.api.request(method, path, **kw)
    assert 200 <= r.status_code < 300, f"{method} {path} {kw} -> {r.status_code} {r.text}"
    envelope(r, r.status_code)
    assert r.json()["message"], r.text
