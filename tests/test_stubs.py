"""Stubbed answers through the control plane and the provider APIs, as a test author uses them:
merged partials, content-matching rules, triggers, accounts, the order with fault rules, reset,
the journal's markers and bodies, and the OpenAPI document."""
from __future__ import annotations

import pytest

from simulator.app import Simulator
from simulator.client import SimulatorError

Z = "zapmail.v2."


@pytest.fixture
def sim():
    s = Simulator(freeze_clock=True, seed=5)
    yield s
    s.close()


@pytest.fixture
def acct(sim):
    return sim.create_account("zapmail", walletBalance=120)


def balance(acct):
    return acct.client.get("/v2/wallet/balance")


BILLING = {"firstName": "Ann", "lastName": "Lee", "company": "Acme", "addressLineOne": "1 Main St", "city": "Austin",
           "state": "TX", "country": "US", "postalCode": "73301", "phoneCc": "+1", "phone": "5550100",
           "languagePreference": "en"}


def create_workspace(acct, name: str):
    return acct.client.post("/v2/workspaces", json={"name": name, "billingDetails": BILLING})


def workspace_names(acct) -> list[str]:
    data = acct.client.get("/v2/workspaces", params={"limit": 100}).json()["data"]
    return [w["name"] for w in data["workspaces"]]


def test_a_partial_body_is_merged_into_the_real_answer(sim, acct):
    real = balance(acct).json()
    assert real == {"message": "Wallet balance fetched successfully", "walletBalance": 120,
                    "autoRechargeEnabled": False, "autoRechargeDetails": {"amount": 50, "threshold": 20}}
    rule = sim.add_stub(Z + "wallet.get_balance", merge=True,
                        body={"walletBalance": 0.5, "autoRechargeDetails": {"threshold": 1}},
                        headers={"X-Stubbed": "yes"})
    assert rule == {"id": "stub-1", "provider": "zapmail", "operation": Z + "wallet.get_balance", "account": None,
                    "answer": {"merge": True, "body": {"walletBalance": 0.5, "autoRechargeDetails": {"threshold": 1}},
                               "headers": {"X-Stubbed": "yes"}},
                    "match": {}, "trigger": {"always": True}, "matched": 0, "applied": 0}
    stubbed = balance(acct)
    assert stubbed.status_code == 200 and stubbed.headers["x-stubbed"] == "yes"
    # nested objects merge key by key: the untouched keys are the simulator's own
    assert stubbed.json() == {**real, "walletBalance": 0.5, "autoRechargeDetails": {"amount": 50, "threshold": 1}}
    assert sim.stubs()[0]["matched"] == 1 and sim.stubs()[0]["applied"] == 1


def test_a_merge_stub_runs_the_operation_and_a_replacing_stub_does_not(sim, acct):
    sim.add_stub(Z + "workspaces.create", match_body={"name": "Merged"}, merge=True, status=202,
                 body={"message": "stubbed message"})
    sim.add_stub(Z + "workspaces.create", match_body={"name": "Replaced"}, status=409,
                 body={"status": 409, "message": "Workspace name taken", "errorId": "0badc0de"})
    merged = create_workspace(acct, "Merged")
    assert merged.status_code == 202
    assert merged.json()["message"] == "stubbed message" and merged.json()["data"]["name"] == "Merged"
    replaced = create_workspace(acct, "Replaced")
    assert (replaced.status_code, replaced.json()) == (409, {"status": 409, "message": "Workspace name taken",
                                                             "errorId": "0badc0de"})
    assert "Merged" in workspace_names(acct) and "Replaced" not in workspace_names(acct)


def test_a_body_matching_rule_applies_to_one_request_and_not_another(sim, acct):
    sim.add_stub(Z + "workspaces.create", status=400, match_body={"name": "Forbidden"})
    refused = create_workspace(acct, "Forbidden")
    assert refused.status_code == 400
    # no body given: the provider's own error envelope
    assert set(refused.json()) == {"status", "message", "errorId"} and refused.json()["status"] == 400
    created = create_workspace(acct, "Allowed")
    assert created.status_code in (200, 201) and created.json()["data"]["name"] == "Allowed"
    assert workspace_names(acct).count("Allowed") == 1 and "Forbidden" not in workspace_names(acct)
    [rule] = sim.stubs()
    assert (rule["matched"], rule["applied"]) == (1, 1)  # the other request never reached the rule


def test_list_items_and_query_parameters_match_as_subsets(sim, acct):
    sim.add_stub(Z + "domains.check_dns", body={"status": 200, "message": "stubbed", "data": []},
                 match_body={"domainIds": ["d-2"]})
    sim.add_stub(Z + "domains.list", merge=True, body={"data": {"totalPages": 42}}, match_query={"limit": 7})
    hit = acct.client.post("/v2/domains/dns/check", json={"domainIds": ["d-1", "d-2"]})
    assert hit.json() == {"status": 200, "message": "stubbed", "data": []}
    miss = acct.client.post("/v2/domains/dns/check", json={"domainIds": ["d-1"]})
    assert miss.json().get("message") != "stubbed"
    assert acct.client.get("/v2/domains", params={"limit": 7}).json()["data"]["totalPages"] == 42
    assert acct.client.get("/v2/domains", params={"limit": 8}).json()["data"]["totalPages"] == 0


def test_triggers_and_accounts_work_as_for_fault_rules(sim, acct):
    other = sim.create_account("zapmail", walletBalance=5)
    sim.add_stub(Z + "wallet.get_balance", account=acct, merge=True, body={"walletBalance": 1}, first_n=2)
    sim.add_stub(Z + "users.get", status=503, every_nth=2)
    assert [balance(acct).json()["walletBalance"] for _ in range(3)] == [1, 1, 120]
    assert balance(other).json()["walletBalance"] == 5
    assert [acct.client.get("/v2/users").status_code for _ in range(4)] == [200, 503, 200, 503]
    seeded = [Simulator(freeze_clock=True, seed=5) for _ in range(2)]
    try:
        outcomes = []
        for s in seeded:
            a = s.create_account("zapmail")
            s.add_stub(Z + "users.get", status=500, probability=0.5, seed=9)
            outcomes.append([a.client.get("/v2/users").status_code for _ in range(20)])
        assert outcomes[0] == outcomes[1] and {200, 500} == set(outcomes[0])
    finally:
        for s in seeded:
            s.close()


def test_faults_are_decided_before_stubs(sim, acct):
    """A fault that answers wins and the stub never sees the call; a latency fault lets the stub
    answer; the journal marks which one did."""
    sim.add_fault(Z + "wallet.get_balance", status=500, first_n=1)
    sim.add_fault(Z + "wallet.get_balance", latency_ms=1)
    sim.add_stub(Z + "wallet.get_balance", merge=True, body={"walletBalance": 7})
    first, second = balance(acct), balance(acct)
    assert first.status_code == 500 and set(first.json()) == {"status", "message", "errorId"}
    assert (second.status_code, second.json()["walletBalance"]) == (200, 7)
    assert [(r["matched"], r["applied"]) for r in sim.stubs()] == [(1, 1)]
    entries = sim.journal(route_id=Z + "wallet.get_balance")
    assert [(e["status"], e["fault"], e["stub"]) for e in entries] == [
        (500, {"ruleId": "fault-1", "action": "status"}, None),
        (200, {"ruleId": "fault-2", "action": "latency"}, {"ruleId": "stub-1", "kind": "merge"})]


def test_a_stub_never_answers_for_a_request_the_provider_refuses(sim):
    sim.add_stub(Z + "users.get", body={"status": 200, "message": "stubbed", "data": {}})
    anonymous = sim.client("zapmail", api_key="not-a-key").get("/v2/users")
    assert anonymous.status_code == 401
    assert sim.journal()[-1]["stub"] is None


def test_reset_removes_every_stub(sim, acct):
    sim.add_stub(Z + "wallet.get_balance", merge=True, body={"walletBalance": 3})
    assert balance(acct).json()["walletBalance"] == 3
    sim.reset()
    assert sim.stubs() == []
    fresh = sim.create_account("zapmail", walletBalance=9)
    assert balance(fresh).json()["walletBalance"] == 9


def test_rules_are_listed_removed_and_cleared(sim, acct):
    first = sim.add_stub(Z + "users.get", status=500)
    second = sim.add_stub(Z + "domains.list", status=500)
    assert [r["id"] for r in sim.stubs()] == [first["id"], second["id"]]
    sim.remove_stub(first)
    assert [r["id"] for r in sim.stubs()] == [second["id"]]
    with pytest.raises(SimulatorError, match="404: No stub rule stub-1"):
        sim.remove_stub(first)
    sim.clear_stubs()
    assert sim.stubs() == [] and acct.client.get("/v2/users").status_code == 200


@pytest.mark.parametrize("rule, message", [
    ({"operation": "zapmail.v2.nope", "answer": {"status": 500}}, "unknown operation 'zapmail.v2.nope'"),
    ({"operation": Z + "users.get", "answer": {"merge": True, "body": [1]}}, "a merged body must be a JSON object"),
    ({"operation": Z + "users.get", "answer": {"status": 99}}, "answer.status"),
    ({"operation": Z + "users.get", "answer": {}, "trigger": {"firstN": 1, "everyNth": 2}}, "trigger takes one"),
    ({"operation": Z + "users.get", "answer": {}, "account": "nobody"}, "no account nobody"),
    ({"operation": Z + "users.get", "answer": {"headers": {"Content-Length": "1"}}}, "content-length"),
    ({"operation": Z + "users.get", "answer": {}, "matchBody": {}}, "unknown field matchBody"),
    ({"answer": {}}, "operation is required"),
])
def test_bad_rules_are_refused_with_a_message(sim, rule, message):
    answer = sim._http().post("/_sim/stubs", json=rule)
    assert answer.status_code == 400 and message in answer.json()["error"], answer.text
    assert sim.stubs() == []


def test_the_control_plane_document_describes_stubs(sim):
    doc = sim._http().get("/_sim/openapi.json").json()
    assert {"post", "get", "delete"} <= set(doc["paths"]["/_sim/stubs"])
    assert doc["paths"]["/_sim/stubs"]["post"]["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/NewStub"}
    schema = doc["components"]["schemas"]["NewStub"]
    assert set(schema["properties"]) == {"provider", "operation", "account", "answer", "match", "trigger"}
    assert set(doc["components"]["schemas"]["StubAnswer"]["properties"]) == {"status", "body", "headers", "merge"}
    entry = doc["components"]["schemas"]["JournalEntry"]["properties"]
    assert {"stub", "requestBody", "responseBody"} <= set(entry)


# ---------------------------------------------------------------- journal bodies

def test_the_journal_keeps_no_bodies_by_default(sim, acct):
    create_workspace(acct, "Quiet")
    entry = sim.journal()[-1]
    assert entry["requestBody"] is None and entry["responseBody"] is None


def test_journal_bodies_are_redacted_and_bounded():
    with Simulator(freeze_clock=True, seed=5, journal_bodies=300) as sim:
        acct = sim.create_account("zapmail", walletBalance=10)
        acct.client.post("/v2/exports/accounts/third-party",
                         json={"email": "ops@example.com", "password": "hunter2-secret", "app": "SMARTLEAD"})
        sent = sim.journal()[-1]
        assert "hunter2" not in sent["requestBody"] and '"password":"[REDACTED]"' in sent["requestBody"]
        assert '"email":"ops@example.com"' in sent["requestBody"]
        acct.client.get("/v2/users")
        big = sim.journal()[-1]["responseBody"]
        assert big.endswith("more bytes]") and len(big.split("... [")[0].encode()) <= 300


def test_the_command_line_turns_journal_bodies_on():
    from simulator.cli import build_parser, make_simulator

    for argv, limit in ((["serve"], 0), (["serve", "--journal-bodies"], 4096),
                        (["serve", "--journal-bodies", "512"], 512)):
        sim, _ = make_simulator(build_parser().parse_args([*argv, "--no-default-world"]))
        assert sim.control.journal.body_limit == limit
        assert sim._http().get("/_sim/journal").json()["bodyLimit"] == limit
        sim.close()


def test_the_pytest_fixture_adds_a_stub_for_one_test(simulator, zapmail_account, simulator_stub):
    simulator_stub("zapmail.v2.wallet.get_balance", merge=True, body={"walletBalance": 0})
    assert zapmail_account.client.get("/v2/wallet/balance").json()["walletBalance"] == 0
    assert [r["operation"] for r in simulator.stubs()] == ["zapmail.v2.wallet.get_balance"]


def test_the_next_test_starts_without_stubs(simulator, zapmail_account):
    """Run after (or, shuffled, before) the test above: either way no stub is left."""
    assert simulator.stubs() == []
    assert zapmail_account.client.get("/v2/wallet/balance").json()["walletBalance"] == 500
