"""Issue 12's findings on the served simulator: start-up errors, the banner, the state file
(written behind, atomic, checked at start, and what a SIGKILL loses), and where webhooks go."""
from __future__ import annotations

import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import orjson
import pytest

from simulator.domain import webhook_address

ROOT = Path(__file__).resolve().parent.parent
SERVE = [sys.executable, "-m", "simulator", "serve"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(base: str, proc: subprocess.Popen, headers=None) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited with {proc.returncode}: {output(proc)}")
        try:
            if httpx.get(base + "/_sim/health", headers=headers, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise AssertionError("server did not start")


def start(*args: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = tempfile.TemporaryFile("w+")  # not a pipe: a full pipe nobody reads would block the server
    proc = subprocess.Popen([*SERVE, "--port", str(port), *args], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            text=True)
    proc.log = log
    return proc, f"http://127.0.0.1:{port}"


def output(proc: subprocess.Popen) -> str:
    proc.log.seek(0)
    return proc.log.read()


def stop(proc: subprocess.Popen) -> int:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            return proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    return proc.wait()


@pytest.fixture
def fails_to_start(capsys):
    """Run `serve` with these options in-process: it must exit with status 2 after printing one
    line on stderr (any other exception, a traceback, fails the test)."""
    from simulator.cli import main

    def run(*args: str) -> str:
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_:
            main(["serve", "--port", str(free_port()), *args])
        assert exit_.value.code == 2
        out, err = capsys.readouterr()
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("mailbox-simulator: "), err
        return lines[0]
    return run


# ---------------------------------------------------------------- start-up

def test_a_malformed_routes_override_is_one_line_and_exit_2(tmp_path, fails_to_start):
    bad = tmp_path / "override.yaml"
    bad.write_text("domains.purchase: {path: [unclosed\n  - : :\n")
    run = subprocess.run([*SERVE, "--port", str(free_port()), "--routes-override", str(bad)], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)  # once as a real process: its exit status
    assert run.returncode == 2 and "Traceback" not in run.stderr + run.stdout, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and run.stderr.startswith("mailbox-simulator: ")
    bad.write_text("- just\n- a list\n")
    fails_to_start("--routes-override", str(bad))


def test_a_state_file_with_an_out_of_range_clock_is_one_line_and_exit_2(tmp_path, fails_to_start):
    from simulator.app import Simulator

    sim = Simulator(default_world=True, freeze_clock=True)
    doc = sim.control.export()
    sim.close()
    doc["clock"]["epochSeconds"] = 1e300
    state = tmp_path / "state.json"
    state.write_bytes(orjson.dumps(doc))
    line = fails_to_start("--state-file", str(state))
    assert "clock.epochSeconds" in line and "year 9999" in line
    state.write_bytes(b"{not json")
    assert "cannot be read" in fails_to_start("--state-file", str(state))
    doc["clock"]["epochSeconds"] = 2e9
    doc["accounts"][0]["wallet_balance"] = "lots"
    state.write_bytes(orjson.dumps(doc))
    assert "wallet_balance" in fails_to_start("--state-file", str(state))


def test_a_state_file_in_a_missing_directory_fails_at_start_not_at_stop(tmp_path, fails_to_start):
    line = fails_to_start("--state-file", str(tmp_path / "missing" / "state.json"))
    assert "does not exist" in line


def test_other_bad_options_are_one_line_and_exit_2(tmp_path, fails_to_start):
    fails_to_start("--fixtures", str(tmp_path / "absent.json"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert "cannot listen on 127.0.0.1" in fails_to_start("--no-default-world", "--port",
                                                              str(taken.getsockname()[1]))
    assert "cannot listen" in fails_to_start("--no-default-world", "--port", "99999")
    assert "cannot listen" in fails_to_start("--no-default-world", "--host", "no-such-host.invalid")
    assert "--port: invalid int value" in fails_to_start("--port", "eighty")


def test_a_bad_environment_value_is_one_line_and_exit_2(monkeypatch, fails_to_start):
    monkeypatch.setenv("MAILSIM_JOURNAL_SIZE", "lots")
    assert "MAILSIM_JOURNAL_SIZE='lots'" in fails_to_start()
    fails_to_start("--rate-limit", "zapmail:nonsense")
    fails_to_start("--clock-rate", "1e308")


def test_configured_keys_are_masked_in_the_banner_and_demo_keys_shown(tmp_path):
    proc, base = start("--zapmail-key", "my-private-zapmail-key", "--litemail-key", "lm-private-key-9876",
                       "--control-token", "tok-abc-123")
    try:
        wait_up(base, proc, headers={"x-control-token": "tok-abc-123"})
    finally:
        stop(proc)
    out = output(proc)
    for secret in ("my-private-zapmail-key", "lm-private-key-9876", "tok-abc-123"):
        assert secret not in out
    assert "my-p********" in out and "lm-p********" in out
    assert "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f" in out  # the public demo key, as the README lists it
    assert "control token:     required" in out


# ---------------------------------------------------------------- the state file

def test_state_is_written_behind_within_a_second_and_stale_temp_files_are_removed(tmp_path):
    state = tmp_path / "state.json"
    stale = tmp_path / "state.json.tmp"
    stale.write_bytes(b"half a write")
    proc, base = start("--state-file", str(state), "--no-default-world")
    try:
        wait_up(base, proc)
        assert not stale.exists()
        r = httpx.post(base + "/_sim/accounts", json={"provider": "zapmail", "email": "behind@example.test"})
        assert r.status_code == 201
        acked = time.monotonic()
        while time.monotonic() - acked < 5:
            if state.exists() and b"behind@example.test" in state.read_bytes():
                break
            time.sleep(0.05)
        written = time.monotonic() - acked
        assert written < 1.0, f"written {written:.2f}s after the answer"
        assert not list(tmp_path.glob("*.tmp*"))
    finally:
        assert stop(proc) == 0


@pytest.mark.slow
def test_acknowledged_writes_survive_a_sigkill_under_load(tmp_path):
    """Writers create accounts as fast as they can; the server is SIGKILLed mid-stream. After a
    restart on the same state file, every account acknowledged more than a second before the kill
    is there."""
    state = tmp_path / "state.json"
    proc, base = start("--state-file", str(state), "--no-default-world", "--seed", "3")
    acked: list[tuple[float, str]] = []
    lock = threading.Lock()
    stop_writing = threading.Event()

    def writer(n: int) -> None:
        with httpx.Client(base_url=base, timeout=5) as client:
            i = 0
            while not stop_writing.is_set():
                email = f"w{n}-{i}@example.test"
                try:
                    r = client.post("/_sim/accounts", json={"provider": "zapmail", "email": email})
                except httpx.HTTPError:
                    return  # the server is gone
                if r.status_code == 201:
                    with lock:
                        acked.append((time.monotonic(), r.json()["id"]))
                i += 1
    try:
        wait_up(base, proc)
        threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        time.sleep(3.0)
        killed_at = time.monotonic()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        stop_writing.set()
        for t in threads:
            t.join(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    old_enough = {account_id for at, account_id in acked if at < killed_at - 1.0}
    assert len(old_enough) > 20, len(acked)  # the test really ran under load
    proc, base = start("--state-file", str(state), "--no-default-world", "--seed", "3")
    try:
        wait_up(base, proc)
        restored = {a["id"] for a in httpx.get(base + "/_sim/accounts").json()}
    finally:
        assert stop(proc) == 0
    missing = old_enough - restored
    assert not missing, f"{len(missing)} of {len(old_enough)} acknowledged writes lost"


# ---------------------------------------------------------------- webhook addresses

@pytest.fixture
def resolves(monkeypatch):
    """Make host names resolve to chosen addresses, as a compose network or a cloud would."""
    table: dict[str, str] = {}
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host in table:
            family = socket.AF_INET6 if ":" in table[host] else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (table[host], port))]
        return real(host, port, *args, **kwargs)
    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return table


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data", "http://[fe80::1]/x",
                                 "http://[fd00:ec2::254]/x", "http://100.100.100.200/x", "http://0.0.0.0/x",
                                 "http://[::ffff:169.254.169.254]/x"])
def test_link_local_and_metadata_addresses_are_refused(url):
    with pytest.raises(webhook_address.Refused):
        webhook_address.target(url, [])
    with pytest.raises(webhook_address.Refused):
        webhook_address.target(url, ["*"])  # "*" does not reach them: only naming the host does


def test_a_single_label_name_that_resolves_to_metadata_is_refused(resolves):
    resolves["metadata"] = "169.254.169.254"
    with pytest.raises(webhook_address.Refused, match="link-local or metadata"):
        webhook_address.target("http://metadata/computeMetadata/v1/", [])
    url, headers = webhook_address.target("http://metadata/computeMetadata/v1/", ["metadata"])
    assert url == "http://169.254.169.254/computeMetadata/v1/" and headers == {"host": "metadata"}


def test_loopback_and_compose_addresses_keep_working_and_are_pinned(resolves):
    resolves["app"] = "172.18.0.5"
    assert webhook_address.target("http://app:3000/hooks?x=1", []) == \
        ("http://172.18.0.5:3000/hooks?x=1", {"host": "app:3000"})
    assert webhook_address.target("http://127.0.0.1:9/h", []) == ("http://127.0.0.1:9/h", {"host": "127.0.0.1:9"})
    assert webhook_address.target("https://app/hooks", []) == ("https://app/hooks", {})  # the name, for TLS
    resolves["public"] = "93.184.216.34"
    with pytest.raises(webhook_address.Refused, match="public address"):
        webhook_address.target("http://public/x", [])
    assert webhook_address.target("http://public/x", ["*"])[0] == "http://93.184.216.34/x"


def test_a_delivery_to_a_name_resolving_to_metadata_fails_without_a_request(resolves):
    from starlette.testclient import TestClient

    from simulator.app import Simulator

    resolves["metadata"] = "169.254.169.254"
    sim = Simulator(default_world=True, freeze_clock=True)
    try:
        http = TestClient(sim.app)
        lite = {"x-api-key": "lm_demo_7a1c9e2b4d6f8a0c"}
        r = http.post("/v1/webhooks", headers=lite, json={"url": "http://metadata/hook", "events": ["mailbox.updated"]})
        assert r.status_code == 201, r.text  # a single-label name is a compose service as far as the name says
        hook = r.json()["data"]["id"]
        http.post("/_sim/clock", json={"advanceSeconds": 3600})  # PENDING mailboxes turn ACTIVE: events
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            row = next(w for w in http.get("/v1/webhooks", headers=lite).json()["data"]["webhooks"] if w["id"] == hook)
            if row["deliveryStats"]["failed"]:
                break
            time.sleep(0.05)
        assert row["deliveryStats"]["failed"] >= 1 and row["deliveryStats"]["delivered"] == 0
        attempts = row["recentDeliveries"][0]["attempts"]
        assert len(attempts) == 1 and attempts[0]["statusCode"] is None  # refused: never retried
        assert "169.254.169.254" in attempts[0]["error"] and "link-local" in attempts[0]["error"]
    finally:
        sim.close()


def test_the_healthcheck_in_the_image_sends_the_token():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "MAILSIM_CONTROL_TOKEN" in dockerfile and "X-Control-Token" in dockerfile


def test_the_readme_has_a_security_section():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Security", 1)[1].split("\n## ", 1)[0]
    for words in ("application/json", "--control-token", "MAILSIM_CONTROL_TOKEN", "Origin", "Host",
                  "--fixtures-dir", "link-local", "--state-file", "fsync"):
        assert words in section, words

