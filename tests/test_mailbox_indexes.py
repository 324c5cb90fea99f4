"""The per-account mailbox indexes (simulator/domain/mailbox_table.py) agree with a full scan of the
account's mailboxes after any sequence of creates, deletes, username changes, resets and snapshot
restores driven over HTTP, so the speed they buy never costs a wrong count or a missed username."""
from __future__ import annotations

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
USERS = st.sampled_from(["ann", "bob", "cy", "seed0", "seed1"])
OPS = st.one_of(
    st.tuples(st.just("create"), st.integers(0, 2), st.lists(USERS, min_size=1, max_size=3)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("rename"), st.integers(0, 20), USERS),
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
            elif op[0] == "reset":
                sim.reset_account(account_id)
            elif op[0] == "snapshot":
                saved = sim.snapshot(account_id)
            elif op[0] == "restore" and saved is not None:
                sim.restore(saved)
            assert_indexes_agree(sim)
