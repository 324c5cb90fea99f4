"""The per-account mailbox and DNS indexes (simulator/domain/mailbox_table.py) agree with a full scan
of the account's mailboxes and records after any sequence of creates, deletes, username changes,
removal schedules, activations and failures on the clock, retries, DNS adds, resets and snapshot
restores driven over HTTP, so the speed they buy never costs a wrong count, a missed username or a
list page out of order."""
from __future__ import annotations

import pickle
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator import Simulator

KEY = "index-check-key"
DOMAINS = [{"id": f"index-domain-{i}", "name": f"index{i}.com", "status": "ACTIVE",
            "platform": "GOOGLE" if i < 2 else "MICROSOFT",
            "mailboxes": [{"firstName": "Seed", "lastName": "Box", "username": f"seed{j}", "status": "ACTIVE"}
                          for j in range(i)]} for i in range(3)]
FIXTURE = {"accounts": [{"provider": "zapmail", "apiKey": KEY, "email": "index@check.test", "password": "pw-123456",
                         "workspaces": [{"name": "Main", "primary": True, "domains": DOMAINS, "subscriptions": [
                             {"plan": "G", "planKey": "g", "price": 1, "quantity": 8, "platform": "GOOGLE"},
                             {"plan": "M", "planKey": "m", "price": 1, "quantity": 4, "platform": "MICROSOFT"}]}]}]}
USERS = st.sampled_from(["ann", "bob", "cy", "seed0", "seed1", "fail-dee"])  # fail-: ends FAILED
OPS = st.one_of(
    st.tuples(st.just("create"), st.integers(0, 2), st.lists(USERS, min_size=1, max_size=3)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("rename"), st.integers(0, 20), USERS),
    st.tuples(st.just("schedule"), st.integers(0, 20), st.booleans()),
    st.tuples(st.just("advance"), st.sampled_from([1, 30, 600, 3600])),
    st.tuples(st.just("retry"), st.integers(0, 2)),
    st.tuples(st.just("dns"), st.integers(0, 2)),
    st.tuples(st.just("reset")),
    st.tuples(st.just("snapshot")),
    st.tuples(st.just("restore")),
)


def assert_indexes_agree(sim: Simulator) -> None:
    [account] = [a for a in sim.world.accounts.values() if KEY in a.api_keys]
    table = account.mailboxes
    boxes = list(table.values())
    for d in account.domains:
        scanned = [m.id for m in boxes if m.domain_id == d]
        assert list(table.in_domain(d)) == scanned
        assert all(table.in_domain(d)[i] is table[i] for i in scanned)
    assert set(table._by_domain) == {m.domain_id for m in boxes}  # no empty or stale groups
    for ws in account.workspaces:
        for platform in ("GOOGLE", "MICROSOFT"):
            assert table.count(ws, platform) == sum(1 for m in boxes if m.workspace_id == ws and m.platform == platform)
        assert table.count_in_workspace(ws) == sum(1 for m in boxes if m.workspace_id == ws)
        for platform in ("GOOGLE", "MICROSOFT"):
            mine = [m for m in boxes if m.workspace_id == ws and m.platform == platform]
            for status in ("ACTIVE", "IN_PROGRESS", "FAILED"):
                assert table.count_status(ws, platform, status) == sum(1 for m in mine if m.status == status)
            assert table.count_scheduled(ws, platform) == sum(1 for m in mine if m.scheduled_removal)
            # the list page's domain order: every domain holding one, by (creation, name)
            held = {m.domain_id for m in mine}
            by_scan = sorted(held, key=lambda i: (account.domains[i].created_at, account.domains[i].name))
            assert table.domains_of(ws, platform, lambda i: (account.domains[i].created_at,
                                                               account.domains[i].name)) == by_scan
    for d in account.domains:
        names = [m.username for m in boxes if m.domain_id == d]
        assert table._names.get(d, {}) == {u: names.count(u) for u in names}
    records = list(account.dns_records.values())
    for d in account.domains:
        assert list(account.dns_records.in_domain(d)) == [r.id for r in records if r.domain_id == d]
    # a copy (the start state a reset returns to is one) rebuilds the same indexes
    copy = pickle.loads(pickle.dumps(account))
    assert copy == account and list(copy.mailboxes.items()) == list(table.items())
    assert copy.mailboxes._slots.keys() == table._slots.keys()


def platform_of(i: int) -> dict:
    return {"x-service-provider": DOMAINS[i]["platform"]}


def header_of(mailbox) -> dict:
    return {"x-service-provider": mailbox.platform}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, min_size=1, max_size=12))
def test_indexes_agree_with_a_full_scan(ops):
    with Simulator(fixtures=[FIXTURE], freeze_clock=True) as sim:
        api = sim.client("zapmail", KEY)
        account_id = next(a.id for a in sim.world.accounts.values() if KEY in a.api_keys)
        saved = None
        assert_indexes_agree(sim)
        for op in ops:
            ids = sorted(sim.world.accounts[account_id].mailboxes)
            if op[0] == "create":
                _, i, users = op
                d = DOMAINS[i]
                r = api.post("/v2/mailboxes", headers=platform_of(i), json={d["id"]: [
                    {"firstName": "New", "lastName": "Box", "mailboxUsername": u, "domainName": d["name"]} for u in users]})
                assert r.status_code in (200, 400), r.text
            elif op[0] == "delete" and ids:
                m = sim.world.accounts[account_id].mailboxes[ids[op[1] % len(ids)]]
                r = api.post("/v2/mailboxes/remove-mailboxes-instantly", headers=header_of(m),
                             json={"mailboxIds": [m.id], "remove": True})
                assert r.status_code == 200, r.text
                sim.advance(61)
            elif op[0] == "rename" and ids:
                m = sim.world.accounts[account_id].mailboxes[ids[op[1] % len(ids)]]
                r = api.put("/v2/mailboxes", headers=header_of(m),
                            json={"mailboxData": [{"mailboxId": m.id, "username": op[2]}]})
                assert r.status_code in (200, 400), r.text
            elif op[0] == "schedule" and ids:
                m = sim.world.accounts[account_id].mailboxes[ids[op[1] % len(ids)]]
                r = api.put("/v2/mailboxes/scheduled-removal", headers=header_of(m),
                            json={"mailboxIds": [m.id], "remove": op[2]})
                assert r.status_code == 200, r.text
            elif op[0] == "advance":
                sim.advance(op[1])
                api.get("/v2/users")  # a request settles the account: due activations and failures run
            elif op[0] == "retry":
                r = api.put("/v2/mailboxes/retry-failed", headers=platform_of(op[1]),
                            json={"domainIds": [DOMAINS[op[1]]["id"]]})
                assert r.status_code == 200, r.text
            elif op[0] == "dns":
                r = api.post("/v2/dns", json={"assignedDomainId": DOMAINS[op[1]]["id"],
                                              "records": [{"host": "www", "value": "203.0.113.9", "recordType": "A"}]})
                assert r.status_code in (200, 201), r.text
            elif op[0] == "reset":
                sim.reset_account(account_id)
            elif op[0] == "snapshot":
                saved = sim.snapshot(account_id)
            elif op[0] == "restore" and saved is not None:
                sim.restore(saved)
            assert_indexes_agree(sim)


def test_mailbox_status_removal_flag_and_username_change_only_through_the_table():
    """The table counts statuses and scheduled mailboxes per slot and usernames per domain: a plain
    assignment to one of those attributes would leave the counts behind, so the domain calls
    set_status / set_scheduled / set_username."""
    root = Path(__file__).resolve().parent.parent / "simulator"
    pattern = re.compile(r"^\s*[\w., ]*\b(m|mailbox|box)\.(status|scheduled_removal|username)\b[\w., ]*=(?!=)")
    offenders = [f"{path.relative_to(root)}:{n}" for path in root.rglob("*.py") if path.name != "mailbox_table.py"
                 for n, line in enumerate(path.read_text().splitlines(), 1) if pattern.search(line)]
    assert offenders == []
