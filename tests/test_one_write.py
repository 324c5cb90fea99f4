"""Answers leave the server in one write (simulator/http_protocol.py) and nothing else changes:
the bytes, their order, pipelined and large answers, closing and aborting, under either of
uvicorn's HTTP parsers."""
from __future__ import annotations

import asyncio
import json
import socket

import pytest

from simulator import Simulator
from simulator.http_protocol import OneWriteTransport, protocol_class
from simulator.server import ServerThread

KEY = "one-write-key"
FIXTURE = {"accounts": [{"provider": "zapmail", "apiKey": KEY, "email": "one@write.test", "password": "pw-123456"}]}


class FakeTransport:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = self.aborted = False

    def write(self, data: bytes) -> None:
        self.writes.append(bytes(data))

    def close(self) -> None:
        self.closed = True

    def abort(self) -> None:
        self.aborted = True

    def is_closing(self) -> bool:
        return self.closed or self.aborted

    def get_write_buffer_size(self) -> int:
        return 7

    def get_extra_info(self, name, default=None):
        return ("127.0.0.1", 1) if name == "peername" else default


def test_writes_of_one_turn_leave_as_one_write_in_order():
    async def run():
        fake = FakeTransport()
        t = OneWriteTransport(fake, asyncio.get_running_loop())
        t.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
        t.write(b"")  # nothing to send adds nothing
        t.writelines([b"{", b"}"])
        assert fake.writes == [] and t.get_write_buffer_size() == 7 + 40
        await asyncio.sleep(0)
        assert fake.writes == [b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"]
        t.write(b"next")
        await asyncio.sleep(0)
        assert fake.writes[1:] == [b"next"]
        assert t.get_extra_info("peername") == ("127.0.0.1", 1)  # the rest is the wrapped transport's
    asyncio.run(run())


def test_close_sends_what_was_gathered_first_and_abort_drops_it():
    async def run():
        fake = FakeTransport()
        t = OneWriteTransport(fake, asyncio.get_running_loop())
        t.write(b"last answer")
        t.close()
        assert fake.writes == [b"last answer"] and fake.closed
        await asyncio.sleep(0)  # the scheduled flush finds nothing left
        assert fake.writes == [b"last answer"]

        other = FakeTransport()
        t = OneWriteTransport(other, asyncio.get_running_loop())
        t.write(b"never sent")
        t.abort()
        await asyncio.sleep(0)
        assert other.writes == [] and other.aborted
    asyncio.run(run())


def test_a_peer_gone_before_the_flush_gets_nothing():
    async def run():
        fake = FakeTransport()
        t = OneWriteTransport(fake, asyncio.get_running_loop())
        t.write(b"late")
        fake.closed = True  # connection lost in the meantime
        await asyncio.sleep(0)
        assert fake.writes == []
    asyncio.run(run())


def raw_exchange(port: int, payload: bytes, expect: int) -> list[tuple[bytes, bytes]]:
    """Send payload (one or more requests) at once; read `expect` answers as (head, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(payload)
        data, answers = b"", []
        while len(answers) < expect:
            chunk = s.recv(65536)
            assert chunk, f"connection closed after {len(answers)} answers"
            data += chunk
            while b"\r\n\r\n" in data:
                head, rest = data.split(b"\r\n\r\n", 1)
                length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length:"))
                if len(rest) < length:
                    break
                answers.append((head, rest[:length]))
                data = rest[length:]
        return answers


@pytest.mark.parametrize("parser", ["httptools", "h11"])
def test_pipelined_and_large_answers_arrive_whole_and_in_order(parser):
    with Simulator(fixtures=[FIXTURE]) as sim:
        server = ServerThread(sim.app, http=protocol_class(parser)).start()
        try:
            get = f"GET /api/v2/users HTTP/1.1\r\nhost: x\r\nx-auth-zapmail: {KEY}\r\n\r\n".encode()
            bad = b"GET /api/v2/users HTTP/1.1\r\nhost: x\r\nx-auth-zapmail: wrong\r\n\r\n"
            answers = raw_exchange(server.port, get + bad + get, 3)
            assert [h.split(b"\r\n")[0] for h, _ in answers] == [b"HTTP/1.1 200 OK", b"HTTP/1.1 401 Unauthorized",
                                                                  b"HTTP/1.1 200 OK"]
            first, second, third = (json.loads(b) for _, b in answers)
            assert first == third and first["data"]["email"] == "one@write.test"
            assert second["status"] == 401
            # a big answer (the world's snapshot) crosses intact
            snap = raw_exchange(server.port, b"GET /_sim/snapshot HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n", 1)
            assert snap[0][0].startswith(b"HTTP/1.1 200") and json.loads(snap[0][1])["accounts"]
        finally:
            server.stop()


def test_a_dropped_connection_still_closes_with_no_answer():
    with Simulator(fixtures=[FIXTURE]) as sim:
        remote = sim.serve()
        try:
            remote.add_fault("zapmail.v2.users.get", drop="before", first_n=1)
            port = int(remote.url.rsplit(":", 1)[1])
            with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                s.sendall(f"GET /api/v2/users HTTP/1.1\r\nhost: x\r\nx-auth-zapmail: {KEY}\r\n\r\n".encode())
                assert s.recv(65536) == b""  # closed, nothing sent
            answers = raw_exchange(port, f"GET /api/v2/users HTTP/1.1\r\nhost: x\r\nx-auth-zapmail: {KEY}\r\n\r\n"
                                   .encode(), 1)
            assert answers[0][0].startswith(b"HTTP/1.1 200")
        finally:
            remote.close()
