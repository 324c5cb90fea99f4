"""The three Zapmail v2 calls a public client makes that were not served: retry creation of
failed mailboxes, buy add-on mailboxes, purchase a subscription (Tier B). Driven over HTTP;
answers compared with the reference (source named); state read back; refusals change nothing."""
from __future__ import annotations

import pytest

from .helpers import all_mailboxes, assign, buy_domain, envelope, error

DAY = 24 * 3600

# zapmail-v2-accounts.yaml, zapmail.v2.wallet.buy_addon_mailboxes, 200 example (flat; the message
# embeds the invoice URL)
DOCS_ADDON = {"message": "Mailbox purchase is processed successfully and invoice is created. "
                         "https://invoice.stripe.com/i/acct_1xxxxxxp",
              "paymentLink": "https://invoice.stripe.com/i/acct_xxxxxx/test_xxxxxxx"}
# zapmail-v2-accounts.yaml, zapmail.v2.mailbox.retry_failed, body example; its answer: "Envelope with
# data null (status, message, data)"
DOCS_RETRY_BODY = {"domainIds": ["<domain-uuid-1>", "<domain-uuid-2>"]}
# zapmail-v2-observed.yaml, zapmail.v2.subscriptions.purchase, 200 (reconstructed from client reads)
OBSERVED_PURCHASE = {"paymentLink": "<url>"}


def subs(api, platform=None):
    return envelope(api.get("/v2/subscriptions", headers={"x-service-provider": platform} if platform else None))


def wallet(api):
    return api.get("/v2/wallet/balance").json()["walletBalance"]


def boxes(api, platform=None):
    return {m["username"]: m for m in all_mailboxes(api, platform)}


# ---------------------------------------------------------------- retry failed mailboxes

def failed_domain(api, harness, name, usernames):
    d = buy_domain(api, harness, name)
    envelope(assign(api, d, usernames))
    harness.advance(601)
    return d


def test_failed_mailboxes_are_retried_and_then_succeed(harness, zap):
    d = failed_domain(zap, harness, "retryme.com", ["fail-ada", "bob"])
    before = boxes(zap)
    assert before["fail-ada"]["status"] == "FAILED" and before["fail-ada"]["appPassword"] is None
    assert before["bob"]["status"] == "ACTIVE"
    r = zap.put("/v2/mailboxes/retry-failed", json={"domainIds": [d["id"]]})
    assert envelope(r) is None and r.json()["message"] == "Retrying creation of failed mailboxes"
    now = boxes(zap)
    assert now["fail-ada"]["status"] == "IN_PROGRESS" and now["fail-ada"]["id"] == before["fail-ada"]["id"]
    assert now["bob"] == before["bob"]
    harness.advance(601)
    done = boxes(zap)["fail-ada"]
    assert done["status"] == "ACTIVE" and done["appPassword"] and done["secret"]
    # nothing failed any more: a second retry changes nothing
    envelope(zap.put("/v2/mailboxes/retry-failed", json={"domainIds": [d["id"]]}))
    assert boxes(zap)["fail-ada"] == done


def test_retry_names_domains_of_the_workspace_and_changes_nothing_on_a_404(harness, zap):
    d = failed_domain(zap, harness, "retrytwo.com", ["fail-cy"])
    error(zap.put("/v2/mailboxes/retry-failed", json=DOCS_RETRY_BODY), 404, "Domain not found")
    other = harness.account(walletBalance=500)
    theirs = buy_domain(other, harness, "theirs-retry.com")
    error(zap.put("/v2/mailboxes/retry-failed", json={"domainIds": [d["id"], theirs["id"]]}), 404, "Domain not found")
    assert boxes(zap)["fail-cy"]["status"] == "FAILED"


def test_retry_acts_on_the_request_platform_only(harness, zap):
    d = failed_domain(zap, harness, "retryplat.com", ["fail-dee"])
    envelope(zap.put("/v2/mailboxes/retry-failed", json={"domainIds": [d["id"]]},
                     headers={"x-service-provider": "MICROSOFT"}))
    assert boxes(zap)["fail-dee"]["status"] == "FAILED"


@pytest.mark.parametrize("body,needle", [({}, "domainIds"), ({"domainIds": []}, "domainIds"),
                                         ({"domainIds": "x"}, "domainIds"), ({"domainIds": [""]}, "domainIds")])
def test_retry_body_is_validated(zap, body, needle):
    error(zap.put("/v2/mailboxes/retry-failed", json=body), 400, needle)


# ---------------------------------------------------------------- add-on mailboxes

def test_addon_purchase_in_the_docs_shape_charges_the_wallet_and_adds_slots(harness, zap):
    [growth] = subs(zap)
    r = zap.post("/v2/wallet/buy-addon-mailboxes", params={"quantity": "2"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == set(DOCS_ADDON)
    prefix = "Mailbox purchase is processed successfully and invoice is created. "
    assert DOCS_ADDON["message"].startswith(prefix) and body["message"] == prefix + body["paymentLink"]
    assert wallet(zap) == 500 - 2 * 3.25  # Growth, monthly (docs price table)
    [after] = subs(zap)
    assert after["id"] == growth["id"] and after["totalMailboxQuantity"] == growth["totalMailboxQuantity"] + 2
    # the invoice is paid already
    assert harness.client.post(body["paymentLink"].split("testserver")[-1]).status_code == 400
    # Microsoft: the Starter subscription, $3.50 a slot
    [starter] = subs(zap, "MICROSOFT")
    r = zap.post("/v2/wallet/buy-addon-mailboxes", params={"quantity": 1}, headers={"x-service-provider": "MICROSOFT"})
    assert r.status_code == 200
    assert wallet(zap) == 500 - 6.5 - 3.5
    assert subs(zap, "MICROSOFT")[0]["totalMailboxQuantity"] == starter["totalMailboxQuantity"] + 1


def test_addon_slots_can_be_used(harness):
    api = harness.account(walletBalance=500, fixture={"workspaces": [{"name": "Small", "subscriptions": [
        {"plan": "Starter", "planKey": "zap_mail_starter", "price": 39, "quantity": 1, "platform": "GOOGLE"}]}]})
    d = buy_domain(api, harness, "addonslots.com")
    envelope(assign(api, d, ["one"]))
    error(assign(api, d, ["two"]), 400, "Not enough mailbox slots")
    assert api.post("/v2/wallet/buy-addon-mailboxes", params={"quantity": 1}).status_code == 200
    envelope(assign(api, d, ["two"]))


def test_addon_refusals_change_nothing(harness):
    poor = harness.account(walletBalance=1)
    before = subs(poor)
    error(poor.post("/v2/wallet/buy-addon-mailboxes", params={"quantity": 2}), 400,
          "Insufficient wallet balance. Required: $6.50, Available: $1.00")
    assert wallet(poor) == 1 and subs(poor) == before
    rich = harness.account(walletBalance=500)
    sid = subs(rich)[0]["subscriptionId"]
    envelope(rich.post("/v2/subscriptions/cancel", json={"subscriptionId": sid, "revertCancellation": False}))
    error(rich.post("/v2/wallet/buy-addon-mailboxes", params={"quantity": 2}), 400, "No active GOOGLE subscription")
    assert wallet(rich) == 500


@pytest.mark.parametrize("params", [{}, {"quantity": "0"}, {"quantity": "-1"}, {"quantity": "abc"},
                                    {"quantity": "1.5"}, {"quantity": "1001"}])
def test_addon_quantity_is_validated(zap, params):
    error(zap.post("/v2/wallet/buy-addon-mailboxes", params=params), 400, "quantity")
    assert wallet(zap) == 500


# ---------------------------------------------------------------- subscription purchase

def test_purchase_subscription_from_the_wallet(harness, zap):
    existing = {s["id"] for s in subs(zap)}
    r = zap.post("/v2/subscriptions/purchase", params={"planName": "Growth"})
    assert r.status_code == 200
    body = r.json()
    assert set(OBSERVED_PURCHASE) <= set(body) and set(body) == {"message", "paymentLink"}
    assert body["message"] == "Subscription purchased successfully"
    assert wallet(zap) == 500 - 99
    [new] = [s for s in subs(zap) if s["id"] not in existing]
    assert new["plan"] == "Growth" and new["totalMailboxQuantity"] == 30 and new["price"] == 99
    assert new["subscriptionStatus"] == "ACTIVE"
    # the user's purchased slots count it
    assert envelope(zap.get("/v2/users"))["purchasedMailboxes"] == 60


@pytest.mark.parametrize("plan,cycle,price,days,platform", [("Starter", "QUARTERLY", 105, 90, "MICROSOFT"),
                                                            ("Pro", "MONTHLY", 299, 30, "GOOGLE")])
def test_purchase_cycles_and_platforms(harness, zap, plan, cycle, price, days, platform):
    from datetime import datetime
    existing = {s["id"] for s in subs(zap, platform)}
    r = zap.post("/v2/subscriptions/purchase", params={"planName": plan, "billingCycle": cycle},
                 headers={"x-service-provider": platform})
    assert r.status_code == 200, r.text
    [new] = [s for s in subs(zap, platform) if s["id"] not in existing]
    assert new["plan"] == plan and new["price"] == price and wallet(zap) == 500 - price

    def at(s):
        return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
    assert at(new["periodEnd"]) - at(new["periodStart"]) == days * DAY


def test_a_quarterly_subscription_renews_by_a_quarter(harness, zap):
    from datetime import datetime
    zap.post("/v2/subscriptions/purchase", params={"planName": "Starter", "billingCycle": "QUARTERLY"})
    [new] = [s for s in subs(zap) if s["plan"] == "Starter"]
    harness.advance(91 * DAY)
    [renewed] = [s for s in subs(zap) if s["id"] == new["id"]]

    def at(s):
        return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
    assert at(renewed["periodStart"]) == at(new["periodEnd"])
    assert at(renewed["periodEnd"]) - at(renewed["periodStart"]) == 90 * DAY


def test_purchase_refusals_change_nothing(harness, zap):
    before = subs(zap)
    error(zap.post("/v2/subscriptions/purchase", params={"planName": "Pro", "billingCycle": "YEARLY"}), 400,
          "Insufficient wallet balance. Required: $3000.00, Available: $500.00")
    for params in ({}, {"planName": "growth"}, {"planName": "Enterprise"},
                   {"planName": "Growth", "billingCycle": "WEEKLY"}):
        error(zap.post("/v2/subscriptions/purchase", params=params), 400)
    assert subs(zap) == before and wallet(zap) == 500
