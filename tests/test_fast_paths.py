"""The request path's quick ways of doing common things give exactly what the plain ways gave:
time formatting, passwords, header look-ups and the slot counters `/users` shows."""
from __future__ import annotations

import string
import threading
from datetime import datetime, timezone

from hypothesis import given, settings, strategies as st

from simulator.core import clock
from simulator.core.clock import MAX_EPOCH, VirtualClock
from simulator.core.ids import IdSource
from simulator.front import ProviderHeaders


def plain_iso(epoch_seconds: float) -> str:
    """What iso() wrote before its quick path: datetime's own rounding and formatting."""
    dt = clock.to_datetime(epoch_seconds)
    if dt.year >= 1000:
        return dt.isoformat(timespec="milliseconds")[:-6] + "Z"
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


EDGES = [0.0, -0.0000004, -1.5, 1e9 + 0.0005, 1_700_000_000.9999995, 1_700_000_000.9999994999,
         1_700_000_000.0000005, 1_700_000_000.9995, MAX_EPOCH, MAX_EPOCH + 0.9999996, MAX_EPOCH + 1, MAX_EPOCH + 5]


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.floats(min_value=-62135596800.0, max_value=MAX_EPOCH + 10),
                 st.integers(min_value=0, max_value=int(MAX_EPOCH)).map(lambda s: s + 0.9999995),
                 st.sampled_from(EDGES)))
def test_iso_and_whole_seconds_match_datetime(value):
    assert clock.iso.__wrapped__(value) == plain_iso(value)
    assert clock.iso(value) == plain_iso(value)
    assert clock.iso_seconds(value) == plain_iso(value)[:19] + "Z"


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_passwords_hold_one_of_each_class(seed):
    ids = IdSource(seed)
    for _ in range(5):
        p = ids.password()
        assert len(p) == 16
        assert set(p) <= set(string.ascii_letters + string.digits + "!@#$%*")
        for alphabet in (string.ascii_lowercase, string.ascii_uppercase, string.digits, "!@#$%*"):
            assert any(c in alphabet for c in p), p
    assert IdSource(seed).password() == IdSource(seed).password()  # a seed still decides them


def test_headers_answer_any_case_with_the_first_value():
    scope = {"type": "http", "headers": [(b"x-auth-zapmail", b"k1"), (b"x-auth-zapmail", b"k2"),
                                        (b"content-type", b"application/json")]}
    h = ProviderHeaders(scope)
    assert h["x-auth-zapmail"] == h["X-Auth-Zapmail"] == h.get("X-AUTH-ZAPMAIL") == "k1"
    assert "Content-Type" in h and "content-type" in h and "x-missing" not in h
    assert h.get("x-missing") is None and h.get("x-missing", "d") == "d"
    assert h.getlist("x-auth-zapmail") == ["k1", "k2"]


def test_clock_reads_without_the_lock_never_see_half_a_change():
    """Readers race a writer that moves the clock forward and changes its rate: every read is a
    time the clock really passed through, so reads never go backwards."""
    c = VirtualClock(rate=1.0, start=1_700_000_000.0)
    stop = threading.Event()
    problems = []

    def read():
        last = c.now()
        while not stop.is_set():
            now = c.now()
            if now < last:
                problems.append((last, now))
            last = now

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    for i in range(3000):
        c.advance(0.5)
        c.set_rate(1.0 + i % 7)
        c.freeze(i % 2 == 0)
    stop.set()
    for t in readers:
        t.join()
    assert not problems
    state = c.state()
    assert state["frozen"] is False and state["rate"] == 1.0 + 2999 % 7
    assert datetime.fromisoformat(state["now"].replace("Z", "+00:00")) > datetime(2023, 11, 14, tzinfo=timezone.utc)


def test_provider_request_sets_what_starlettes_request_sets():
    """ProviderRequest repeats Request.__init__ instead of calling it: a Starlette upgrade that
    sets another field there must show up here, not as a missing attribute mid-request."""
    from starlette.requests import Request

    from simulator.front import ProviderRequest

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        return None

    scope = {"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""}
    plain, ours = Request(scope, receive, send), ProviderRequest(scope, receive, send)
    assert set(vars(ours)) - {"_headers"} == set(vars(plain))
    assert all(getattr(ours, k) == v for k, v in vars(plain).items())
