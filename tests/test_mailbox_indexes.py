"""The per-account indexes (simulator/domain/mailbox_table.py: mailboxes and DNS records by domain,
domains by name) agree with a full scan of the account after any sequence of creates, deletes,
username changes, removal schedules, activations and failures on the clock, retries, DNS adds,
domain connections, purchases (one the registry refuses is removed), removals and moves between
workspaces, resets and snapshot restores driven over HTTP, so the speed they buy never costs a
wrong count, a missed username, a list page out of order or a domain not found by its name."""
from __future__ import annotations

import copy
import dataclasses
import pickle
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator import Simulator
from simulator.domain.accounts import Scope
from simulator.domain.domains import by_name, held_by, held_in
from simulator.domain.mailbox_table import DnsTable, NameTable

KEY = "index-check-key"
DOMAINS = [{"id": f"index-domain-{i}", "name": f"index{i}.com", "status": "ACTIVE",
            "platform": "GOOGLE" if i < 2 else "MICROSOFT",
            "mailboxes": [{"firstName": "Seed", "lastName": "Box", "username": f"seed{j}", "status": "ACTIVE"}
                          for j in range(i)]} for i in range(3)]
OTHER_WS = "index-ws-other"
# "shared.com" is held in both workspaces (a fixture loads what it is given): one name, two domains
SHARED = {"name": "shared.com", "status": "ACTIVE", "origin": "connected"}
SUBSCRIPTIONS = [{"plan": "G", "planKey": "g", "price": 1, "quantity": 8, "platform": "GOOGLE"},
                 {"plan": "M", "planKey": "m", "price": 1, "quantity": 4, "platform": "MICROSOFT"}]
FIXTURE = {"accounts": [{"provider": "zapmail", "apiKey": KEY, "email": "index@check.test", "password": "pw-123456",
                         "walletBalance": 500,
                         "workspaces": [{"name": "Main", "primary": True, "domains": [*DOMAINS, SHARED],
                                         "subscriptions": SUBSCRIPTIONS},
                                        {"id": OTHER_WS, "name": "Other", "domains": [SHARED],
                                         "subscriptions": SUBSCRIPTIONS}]}]}
# names domains are connected or bought under: new ones, one the registry refuses (taken-: bought,
# then refunded and removed), and names the account already holds
NAMES = st.sampled_from(["extra0.com", "extra1.net", "taken-extra.com", "index0.com", "shared.com"])
WORKSPACES = st.sampled_from([None, OTHER_WS])  # None: the primary workspace
USERS = st.sampled_from(["ann", "bob", "cy", "seed0", "seed1", "fail-dee"])  # fail-: ends FAILED
OPS = st.one_of(
    st.tuples(st.just("create"), st.integers(0, 2), st.lists(USERS, min_size=1, max_size=3)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("rename"), st.integers(0, 20), USERS),
    st.tuples(st.just("schedule"), st.integers(0, 20), st.booleans()),
    st.tuples(st.just("advance"), st.sampled_from([1, 30, 600, 3600])),
    st.tuples(st.just("retry"), st.integers(0, 2)),
    st.tuples(st.just("dns"), st.integers(0, 2)),
    st.tuples(st.just("connect"), NAMES, WORKSPACES, st.booleans()),
    st.tuples(st.just("buy"), NAMES, WORKSPACES, st.booleans()),
    st.tuples(st.just("remove-domain"), st.integers(0, 20)),
    st.tuples(st.just("move"), st.integers(0, 20)),
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
    assert set(table._groups) == {m.domain_id for m in boxes}  # no empty or stale groups
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
    assert_names_agree(sim, account)
    # a copy (the start state a reset returns to is one) rebuilds the same indexes
    copy = pickle.loads(pickle.dumps(account))
    assert copy == account and list(copy.mailboxes.items()) == list(table.items())
    assert copy.mailboxes._slots.keys() == table._slots.keys()
    assert {n: list(g) for n, g in copy.domains._groups.items()} == {n: list(g) for n, g in account.domains._groups.items()}


def assert_names_agree(sim: Simulator, account) -> None:
    """The name index against a scan of the account's domains, and each look-up by name (any
    workspace; one workspace; as a request spells it) against the scan it replaced."""
    domains = list(account.domains.values())
    names = {d.name for d in domains}
    assert set(account.domains._groups) == names  # no empty or stale groups
    for name in names | {"extra0.com", "absent.com"}:
        scanned = [d for d in domains if d.name == name]
        assert list(account.domains.named(name)) == [d.id for d in scanned]
        assert all(account.domains.named(name)[d.id] is d for d in scanned)
        assert held_by(account, name) is next(iter(scanned), None)
        for ws in account.workspaces.values():
            here = next((d for d in scanned if d.workspace_id == ws.id), None)
            assert held_in(account, ws.id, name) is here
            scope = Scope(sim.world, account, account, ws, "GOOGLE", False)
            assert by_name(scope, f" {name.upper()}. ") is here


def platform_of(sim: Simulator, account_id: str, i: int) -> dict:
    """The headers of a request about fixture domain i: its platform and its workspace now (a move
    takes it to the other one)."""
    d = sim.world.accounts[account_id].domains[DOMAINS[i]["id"]]
    return {"x-service-provider": DOMAINS[i]["platform"], "x-workspace-key": d.workspace_id}


def domain_headers(d) -> dict:
    return {"x-service-provider": d.platform or "GOOGLE", "x-workspace-key": d.workspace_id}


def header_of(mailbox) -> dict:
    return {"x-service-provider": mailbox.platform, "x-workspace-key": mailbox.workspace_id}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, min_size=1, max_size=12))
def test_indexes_agree_with_a_full_scan(ops):
    with Simulator(fixtures=[FIXTURE], freeze_clock=True) as sim:
        api = sim.client("zapmail", KEY)
        account_id = next(a.id for a in sim.world.accounts.values() if KEY in a.api_keys)
        saved = None
        assert_indexes_agree(sim)
        for op in ops:
            ids = sorted(sim.world.accounts[account_id].mailboxes)
            domains = sim.world.accounts[account_id].domains
            if op[0] == "create":
                _, i, users = op
                d = DOMAINS[i]
                r = api.post("/v2/mailboxes", headers=platform_of(sim, account_id, i), json={d["id"]: [
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
                r = api.put("/v2/mailboxes/retry-failed", headers=platform_of(sim, account_id, op[1]),
                            json={"domainIds": [DOMAINS[op[1]]["id"]]})
                assert r.status_code == 200, r.text
            elif op[0] == "dns":
                r = api.post("/v2/dns", headers=platform_of(sim, account_id, op[1]), json={
                    "assignedDomainId": DOMAINS[op[1]]["id"],
                    "records": [{"host": "www", "value": "203.0.113.9", "recordType": "A"}]})
                assert r.status_code in (200, 201), r.text
            elif op[0] in ("connect", "buy"):  # the domain comes on the clock (settled at once, or later)
                _, name, ws, settle = op
                headers = {"x-workspace-key": ws} if ws else {}
                if op[0] == "connect":
                    r = api.post("/v2/domains/connect-domain", headers=headers, json={"domainNames": [name]})
                else:
                    r = api.post("/v2/domains/buy", headers=headers,
                                 json={"domains": [{"domainName": name, "years": 1}], "useWallet": True})
                assert r.status_code in (200, 207, 400), r.text
                if settle:
                    sim.advance(301)
                    api.get("/v2/users")
            elif op[0] == "remove-domain":  # only a connected domain without mailboxes goes (else 400)
                d = domains[sorted(domains)[op[1] % len(domains)]]
                r = api.request("DELETE", "/v2/domains", headers=domain_headers(d), json={"ids": [d.id]})
                assert r.status_code in (200, 400), r.text
            elif op[0] == "move":  # to the other workspace, with its mailboxes (400 without free slots)
                d = domains[sorted(domains)[op[1] % len(domains)]]
                there = OTHER_WS if d.workspace_id != OTHER_WS else sim.world.accounts[account_id].primary_workspace_id
                r = api.post("/v2/domains/move-workspace", headers=domain_headers(d),
                             json={"domainIds": [d.id], "workspaceId": there})
                assert r.status_code in (200, 400), r.text
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


def test_domain_name_changes_nowhere():
    """The name index groups domains by name and follows only inserts and removals: a domain's name
    is set when it is made and never assigned after (its workspace may change: look-ups filter by
    it), and a fixture cannot pin it onto an existing domain."""
    root = Path(__file__).resolve().parent.parent / "simulator"
    pattern = re.compile(r"^\s*[\w., ]*\b(d|domain|dom|own|owned|target)\.name\b[\w., ]*=(?!=)")
    offenders = [f"{path.relative_to(root)}:{n}" for path in root.rglob("*.py")
                 for n, line in enumerate(path.read_text().splitlines(), 1) if pattern.search(line)]
    assert offenders == []
    from simulator.domain.seeding import EXACT_DOMAIN
    assert "name" not in EXACT_DOMAIN.values()


@dataclasses.dataclass
class Row:
    name: str
    domain_id: str
    n: int = 0


TABLE_OPS = st.lists(st.one_of(
    st.tuples(st.just("set"), st.integers(0, 5), st.sampled_from("abc")),
    st.tuples(st.just("del"), st.integers(0, 5)),
    st.tuples(st.just("pop"), st.integers(0, 5)),
    st.tuples(st.just("popitem")),
    st.tuples(st.just("setdefault"), st.integers(0, 5), st.sampled_from("abc")),
    st.tuples(st.just("update"), st.dictionaries(st.integers(0, 5), st.sampled_from("abc"), max_size=3)),
    st.tuples(st.just("ior"), st.dictionaries(st.integers(0, 5), st.sampled_from("abc"), max_size=3)),
    st.tuples(st.just("clear")),
    st.tuples(st.just("pickle")),
    st.tuples(st.just("deepcopy")),
), max_size=25)


@pytest.mark.parametrize("kind, attr", [(NameTable, "name"), (DnsTable, "domain_id")])
@settings(max_examples=60, deadline=None)
@given(ops=TABLE_OPS)
def test_every_mapping_change_keeps_the_groups(kind, attr, ops):
    """Every way to change the table as a dict (a replaced key may change its row's group, and keeps
    its place) leaves each group equal to a scan of the rows, in the table's order."""
    table = kind()
    row = lambda key, group: Row(name=group, domain_id=group, n=key)  # noqa: E731
    for op in ops:
        if op[0] == "set":
            table[f"k{op[1]}"] = row(op[1], op[2])
        elif op[0] in ("del", "pop") and f"k{op[1]}" in table:
            if op[0] == "del":
                del table[f"k{op[1]}"]
            else:
                assert table.pop(f"k{op[1]}").n == op[1]
        elif op[0] == "pop":
            assert table.pop(f"k{op[1]}", None) is None
        elif op[0] == "popitem" and table:
            table.popitem()
        elif op[0] == "setdefault":
            table.setdefault(f"k{op[1]}", row(op[1], op[2]))
        elif op[0] in ("update", "ior"):
            rows = {f"k{k}": row(k, g) for k, g in op[1].items()}
            if op[0] == "update":
                table.update(rows)
            else:
                table |= rows
        elif op[0] == "clear":
            table.clear()
        elif op[0] in ("pickle", "deepcopy"):
            table = pickle.loads(pickle.dumps(table)) if op[0] == "pickle" else copy.deepcopy(table)
            assert type(table) is kind
        rows = list(table.items())
        groups = {getattr(r, attr) for _, r in rows}
        assert set(table._groups) == groups
        for group in groups | {"z"}:
            assert list(table.group(group).items()) == [(k, r) for k, r in rows if getattr(r, attr) == group]


LITE_KEY = "index-check-lite"
LITE_DOMAIN = {"id": "lite-named", "name": "named.com", "status": "ACTIVE", "origin": "connected", "platform": "GOOGLE"}
LITE_FIXTURE = {"accounts": [{"provider": "litemail", "apiKey": LITE_KEY, "email": "lite@check.test",
                              "password": "pw-123456", "workspaces": [{"name": "Main", "primary": True,
                                                                      "domains": [LITE_DOMAIN],
                                                                      "subscriptions": SUBSCRIPTIONS[:1]}]}]}


def test_a_create_names_its_domain_after_removal_re_adding_restore_and_reset():
    """LiteMail names a new mailbox's domain by name: the name finds the domain that holds it now,
    after the domain was removed (not found), connected again under the same name (a new id), and
    after a snapshot restore and a reset bring the first one back."""
    with Simulator(fixtures=[LITE_FIXTURE], freeze_clock=True) as sim:
        api = sim.client("litemail", LITE_KEY)
        account_id = next(a.id for a in sim.world.accounts.values() if LITE_KEY in a.api_keys)

        def create(username: str, name: str = " Named.COM. "):
            return api.post("/v1/mailboxes", json={"domain": name, "mailboxUsername": username,
                                                   "firstName": "Ann", "lastName": "Lee"})

        saved = sim.snapshot(account_id)
        r = api.delete(f"/v1/domains/{LITE_DOMAIN['id']}")
        assert r.status_code == 200, r.text
        r = create("gone")
        assert r.status_code == 400 and "not found" in r.json()["message"], r.text

        r = api.post("/v1/domains/connect", json={"domainNames": ["named.com"]})
        assert r.status_code == 200, r.text
        sim.advance(301)  # the connection's checks, one a minute
        [again] = api.get("/v1/domains").json()["data"]["domains"]
        assert again["domain"] == "named.com" and again["id"] != LITE_DOMAIN["id"], again
        r = create("again")
        assert r.status_code == 201 and r.json()["data"]["domainId"] == again["id"], r.text
        assert r.json()["data"]["email"] == "again@named.com"

        sim.restore(saved)
        r = create("restored")
        assert r.status_code == 201 and r.json()["data"]["domainId"] == LITE_DOMAIN["id"], r.text
        r = create("other", "absent.com")
        assert r.status_code == 400 and "absent.com not found" in r.json()["message"], r.text

        sim.reset_account(account_id)
        r = create("reset")
        assert r.status_code == 201 and r.json()["data"]["domainId"] == LITE_DOMAIN["id"], r.text
        boxes = api.get("/v1/mailboxes").json()["data"]["mailboxes"]
        assert [b["username"] for b in boxes] == ["reset"]  # the start state had none: "restored" went
