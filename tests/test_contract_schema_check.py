"""The contract suite's validator names the first JSON path where an answer leaves its schema."""
from __future__ import annotations

from contract_tests.schema_check import first_difference
from simulator.openapi import document, response_schema

DOC = document("zapmail")
USER = response_schema(DOC, "zapmail.v2.users.get", 200)


def user_answer(**changes):
    data = {"id": "u1", "email": "a@b.c", "firstName": "A", "lastName": "B", "activePlan": None, "planEndsOn": None,
            "purchasedMailboxes": 3, "assignedMailboxes": 1, "userCreatedAt": "2026-01-01T00:00:00.000Z",
            "walletBalance": 12.5}
    data.update(changes)
    return {"status": 200, "message": "ok", "data": {k: v for k, v in data.items() if v != "<drop>"}}


def test_a_documented_answer_has_no_difference():
    assert first_difference(user_answer(), USER, DOC) is None


def test_each_kind_of_difference_is_named_at_its_path():
    assert first_difference(user_answer(purchasedMailboxes="3"), USER, DOC)[0] == "$.data.purchasedMailboxes"
    assert first_difference(user_answer(walletBalance="<drop>"), USER, DOC) == ("$.data.walletBalance",
                                                                               "required key is missing")
    assert first_difference(user_answer(extra=1), USER, DOC) == ("$.data.extra", "key is not documented")
    assert first_difference(user_answer(email=None), USER, DOC)[0] == "$.data.email"
    assert first_difference({"message": "ok", "data": None}, USER, DOC) == ("$.status", "required key is missing")


def test_enums_and_array_items_are_checked():
    subs = response_schema(DOC, "zapmail.v2.subscriptions.list", 200)
    row = {"id": "s", "subscriptionId": "x", "subscriptionStatus": "ACTIVE", "plan": "Growth", "price": 99,
           "totalMailboxQuantity": 30, "periodStart": None, "periodEnd": None, "subscriptionCreationDate": None,
           "planUpgradeCancelPossible": True, "paymentFailureMessage": None, "invoiceDetails": None}
    assert first_difference({"status": 200, "message": "m", "data": [row]}, subs, DOC) is None
    hit = first_difference({"status": 200, "message": "m", "data": [row, {**row, "subscriptionStatus": "active"}]},
                           subs, DOC)
    assert hit[0] == "$.data[1].subscriptionStatus" and "not one of" in hit[1]
