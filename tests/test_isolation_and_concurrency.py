"""Accounts never see each other's data; batches apply whole or not at all; concurrent requests
lose nothing."""
from __future__ import annotations

import asyncio
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import uvicorn

from simulator.app import Simulator
from simulator.core.store import World

from .helpers import all_mailboxes, assign, buy_domain, envelope, error


def test_two_accounts_are_isolated(harness):
    a, b = harness.account(walletBalance=100), harness.account(walletBalance=100)
    d = buy_domain(a, harness, "isolated-a.com")
    assign(a, d, ["alice"])
    harness.advance(600)
    box = all_mailboxes(a)[0]
    rec = envelope(a.post("/v2/dns", json={"assignedDomainId": d["id"],
                                           "records": [{"host": "x", "value": "1.2.3.4", "recordType": "A"}]}))[0]
    # B sees none of it, in lists or by id
    assert envelope(b.get("/v2/domains"))["domains"] == []
    assert envelope(b.get("/v2/mailboxes/list"))["domains"] == []
    error(b.get("/v2/mailboxes", params={"id": box["id"]}), 404)
    error(b.get("/v2/dns/", params={"id": d["id"]}), 404)
    error(b.get("/v2/mailboxes/authenticator-code", params={"mailboxId": box["id"]}), 404)
    # and cannot change it
    error(b.put("/v2/mailboxes", json={"mailboxData": [{"mailboxId": box["id"], "firstName": "Mallory"}]}), 404)
    error(b.put("/v2/dns", json={"assignedDomainId": d["id"], "dnsRecordId": rec["id"], "value": "6.6.6.6"}), 404)
    error(b.delete("/v2/dns", params={"id": rec["id"], "assignedDomainId": d["id"]}), 404)
    error(b.post("/v2/mailboxes", json={d["id"]: [{"firstName": "M", "lastName": "X", "mailboxUsername": "m",
                                                   "domainName": d["domain"]}]}), 404)
    error(b.post("/v2/domains/dmarc", json={"domainIds": [d["id"]], "email": "x@evil.test"}), 404)
    error(b.get("/v2/domains", headers={"x-workspace-key": a.account["workspaceId"]}), 404)
    assert envelope(a.get("/v2/mailboxes", params={"id": box["id"]}))["mailbox"]["firstName"] == "Alice"
    assert b.get("/v2/wallet/balance").json()["walletBalance"] == 100
    assert envelope(b.get("/v2/users"))["email"] != envelope(a.get("/v2/users"))["email"]
    # B's own filters never reach A's rows
    assert envelope(b.post("/v2/domains/dmarc", json={"contains": "isolated", "email": "d@b.test"})) is None
    assert envelope(a.get("/v2/domains"))["domains"][0]["dmarcEmail"] is None


def test_assign_batch_is_all_or_nothing(harness, zap):
    d1 = buy_domain(zap, harness, "batch-one.com")
    d2 = buy_domain(zap, harness, "batch-two.com")
    body = {
        d1["id"]: [{"firstName": "Ok", "lastName": "One", "mailboxUsername": "ok.one", "domainName": d1["domain"]}],
        d2["id"]: [{"firstName": "Bad", "lastName": "Name", "mailboxUsername": ".bad", "domainName": d2["domain"]}],
    }
    error(zap.post("/v2/mailboxes", json=body), 400, "mailboxUsername")
    assert all_mailboxes(zap) == []
    over = {d1["id"]: [{"firstName": "N", "lastName": str(i), "mailboxUsername": f"user{i}",
                        "domainName": d1["domain"]} for i in range(6)]}
    error(zap.post("/v2/mailboxes", json=over), 400, "at most 5")
    assert all_mailboxes(zap) == []
    wallet = zap.get("/v2/wallet/balance").json()["walletBalance"]
    error(zap.post("/v2/domains/buy", json={"domains": [{"domainName": "fine-name.com"},
                                                       {"domainName": "workspace-name.com"}], "useWallet": True}), 400)
    assert zap.get("/v2/wallet/balance").json()["walletBalance"] == wallet
    assert envelope(zap.get("/v2/domains", params={"contains": "fine-name"}))["domains"] == []


def test_update_batch_is_all_or_nothing(harness, zap):
    d = buy_domain(zap, harness, "upd-batch.com")
    assign(zap, d, ["first", "second"])
    a, b = all_mailboxes(zap)
    r = zap.put("/v2/mailboxes", json={"mailboxData": [{"mailboxId": a["id"], "firstName": "Changed"},
                                                       {"mailboxId": b["id"], "username": "-nope"}]})
    error(r, 400, "username")
    names = {m["id"]: m["firstName"] for m in all_mailboxes(zap)}
    assert names == {a["id"]: a["firstName"], b["id"]: b["firstName"]}


def test_50_concurrent_assignments_respect_the_domain_limit_in_process(harness, zap):
    d = buy_domain(zap, harness, "race-inproc.com")

    async def run():
        transport = httpx.ASGITransport(app=harness.sim.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://sim") as client:
            async def one(i):
                body = {d["id"]: [{"firstName": "R", "lastName": str(i), "mailboxUsername": f"racer{i}",
                                   "domainName": d["domain"]}]}
                return await client.post("/api/v2/mailboxes", json=body, headers={"x-auth-zapmail": zap.key})
            return await asyncio.gather(*(one(i) for i in range(50)))

    results = asyncio.run(run())
    codes = sorted(r.status_code for r in results)
    assert codes.count(200) == 5 and codes.count(400) == 45
    boxes = all_mailboxes(zap)
    assert len(boxes) == 5 and len({m["username"] for m in boxes}) == 5
    assert len({m["id"] for m in boxes}) == 5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_50_concurrent_assignments_over_a_real_server():
    """The same race over real sockets, 50 client threads against a uvicorn server."""
    sim = Simulator(World(seed=3))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(sim.app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                if httpx.get(base + "/_sim/health").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.05)
        acct = httpx.post(base + "/_sim/accounts", json={"provider": "zapmail", "walletBalance": 100}).json()
        h = {"x-auth-zapmail": acct["apiKey"]}
        httpx.post(base + "/api/v2/domains/buy", headers=h,
                   json={"domains": [{"domainName": "race-socket.com"}], "useWallet": True})
        httpx.post(base + "/_sim/clock", json={"advanceSeconds": 301})
        dom = httpx.get(base + "/api/v2/domains", headers=h).json()["data"]["domains"][0]

        def one(i):
            body = {dom["id"]: [{"firstName": "S", "lastName": str(i), "mailboxUsername": f"sock{i}",
                                 "domainName": dom["domain"]}]}
            return httpx.post(base + "/api/v2/mailboxes", json=body, headers=h, timeout=30).status_code

        with ThreadPoolExecutor(max_workers=50) as pool:
            codes = list(pool.map(one, range(50)))
        assert codes.count(200) == 5 and codes.count(400) == 45
        listed = httpx.get(base + "/api/v2/mailboxes/list", headers=h).json()["data"]
        boxes = [m for g in listed["domains"] for m in g["mailboxes"]]
        assert len(boxes) == 5 and len({m["id"] for m in boxes}) == 5 and len({m["username"] for m in boxes}) == 5
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_a_member_sees_the_owners_transitions_without_the_owner_calling(harness):
    """Transitions are applied lazily per account: a member acting in a shared workspace must get
    the owner's due transitions too, even when the clock moved without the control plane (as in
    real-time mode) and the owner made no call since."""
    member = harness.account()
    owner = harness.account(walletBalance=100, fixture={"workspaces": [{
        "members": [{"accountId": member.account["id"], "role": "ADMIN"}],
        "subscriptions": [{"plan": "Growth", "planKey": "zap_mail_growth", "price": 99, "quantity": 30,
                           "platform": "GOOGLE"}]}]})
    d = buy_domain(owner, harness, "shared-lazy.com")
    assign(owner, d, ["late"])
    harness.world.clock.advance(601)  # no request, no control plane: nothing settled yet
    shared = {"x-workspace-key": owner.account["workspaceId"]}
    rows = envelope(member.get("/v2/mailboxes/list", headers=shared))["domains"]
    assert [m["status"] for g in rows for m in g["mailboxes"]] == ["ACTIVE"]
