"""Async clients from the helpers behave as over a network: a latency fault longer than the
client's timeout raises httpx.ReadTimeout in-process (as the sync client does), a shorter one
answers; and every async client handed out is closed when the helpers close their clients (the
fixtures' teardown), in-process and over a socket, used or not, even after its loop is gone."""
from __future__ import annotations

import asyncio

import httpx
import pytest

from simulator.app import Simulator


@pytest.fixture
def sim():
    with Simulator(freeze_clock=True) as sim:
        yield sim


def test_in_process_async_client_times_out_on_a_slow_answer(sim):
    account = sim.create_account("zapmail")
    sim.add_fault("zapmail.v2.users.get", latency_ms=1500, first_n=1)

    async def calls():
        async with account.async_client(timeout=0.2) as client:
            with pytest.raises(httpx.ReadTimeout):
                await client.get("/v2/users")
            return (await client.get("/v2/users")).status_code  # the fault's first call is spent

    assert asyncio.run(calls()) == 200
    with pytest.raises(httpx.ReadTimeout):  # the sync client, the same way
        sim.add_fault("zapmail.v2.users.get", latency_ms=1500, first_n=1)
        account.client.get("/v2/users", timeout=0.2)


def test_a_latency_within_the_timeout_answers(sim):
    account = sim.create_account("zapmail")
    sim.add_fault("zapmail.v2.users.get", latency_ms=50)

    async def call():
        async with account.async_client(timeout=5) as client:
            return (await client.get("/v2/users")).status_code

    assert asyncio.run(call()) == 200


def test_async_clients_are_closed_with_the_helpers_clients(sim):
    in_process = sim.create_account("zapmail")
    server = sim.serve()
    over_socket = server.create_account("zapmail")
    clients = [in_process.async_client(), sim.async_client("zapmail"), over_socket.async_client(),
               server.async_client("litemail")]

    async def use():  # one used in-process and one over the socket, on a loop that then ends
        return [(await clients[0].get("/v2/users")).status_code, (await clients[2].get("/v2/users")).status_code]

    assert asyncio.run(use()) == [200, 200]
    assert not any(c.is_closed for c in clients)
    sim.close_clients()
    server.close_clients()
    assert all(c.is_closed for c in clients)
    server.close()
