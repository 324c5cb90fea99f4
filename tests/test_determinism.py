"""Same seed, start time and requests give the same ids, for both id styles (UUIDs for Zapmail,
cuid-style for LiteMail), and a restore replays them exactly."""
from __future__ import annotations

from starlette.testclient import TestClient

from simulator.app import Simulator


def _ids(sim) -> list[str]:
    client = TestClient(sim.app)
    out = []
    for provider in ("zapmail", "litemail"):
        out.append(client.post("/_sim/accounts", json={"provider": provider}).json()["id"])
    key = client.post("/_sim/accounts", json={"provider": "litemail"}).json()["apiKey"]
    tag = client.post("/v1/tags", headers={"x-api-key": key}, json={"name": "Q1"})
    assert tag.status_code == 201, tag.text
    out.append(tag.json()["data"]["id"])
    return out


def test_same_seed_same_ids_for_both_id_styles():
    with Simulator(seed=11, start_time=1.75e9, freeze_clock=True) as a:
        first = _ids(a)
    with Simulator(seed=11, start_time=1.75e9, freeze_clock=True) as b:
        second = _ids(b)
    assert first == second
    assert first[1].startswith("c") and len(first[1]) == 25  # cuid-style


def test_restore_replays_litemail_ids():
    with Simulator(seed=5, start_time=1.75e9, freeze_clock=True) as sim:
        client = TestClient(sim.app)
        key = client.post("/_sim/accounts", json={"provider": "litemail"}).json()["apiKey"]
        snap = client.get("/_sim/snapshot").json()
        made = client.post("/v1/tags", headers={"x-api-key": key}, json={"name": "again"}).json()["data"]["id"]
        assert client.post("/_sim/snapshot", json=snap).status_code == 200
        again = client.post("/v1/tags", headers={"x-api-key": key}, json={"name": "again"}).json()["data"]["id"]
        assert made == again
