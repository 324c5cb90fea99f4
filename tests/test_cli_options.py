"""Every environment variable the README documents maps to its CLI option, and the README's
docker-compose example configures a simulator that serves what the app container expects."""
from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import orjson
import pytest
import yaml

from simulator.cli import build_parser, make_simulator, write_state

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()

# A value to set for each variable, and the parsed option it must produce.
SAMPLES = {
    "MAILSIM_HOST": ("0.0.0.0", "host", "0.0.0.0"),
    "MAILSIM_PORT": ("9123", "port", 9123),
    "MAILSIM_FIXTURES": ("a.json,b.json", "fixtures", ["a.json", "b.json"]),
    "MAILSIM_NO_DEFAULT_WORLD": ("1", "no_default_world", True),
    "MAILSIM_SEED": ("99", "seed", 99),
    "MAILSIM_CLOCK_RATE": ("60", "clock_rate", 60.0),
    "MAILSIM_FREEZE_CLOCK": ("true", "freeze_clock", True),
    "MAILSIM_ZAPMAIL_KEY": ("k1,k2", "zapmail_key", ["k1", "k2"]),
    "MAILSIM_LITEMAIL_KEY": ("lk", "litemail_key", ["lk"]),
    "MAILSIM_RATE_LIMITS": ("1", "rate_limits", True),
    "MAILSIM_JOURNAL_SIZE": ("500", "journal_size", 500),
    "MAILSIM_JOURNAL_BODIES": ("2048", "journal_bodies", 2048),
    "MAILSIM_ROUTES_OVERRIDE": ("routes.yaml", "routes_override", "routes.yaml"),
    "MAILSIM_WEBHOOK_ALLOW_HOSTS": ("hooks.example.org,*", "webhook_allow_host", ["hooks.example.org", "*"]),
    "MAILSIM_STATE_FILE": ("/data/state.json", "state_file", "/data/state.json"),
    "MAILSIM_DRIFT": ("renamed-field", "drift", "renamed-field"),
    "MAILSIM_LOG_LEVEL": ("warning", "log_level", "warning"),
    "MAILSIM_CONTROL_TOKEN": ("tok-1", "control_token", "tok-1"),
    "MAILSIM_CONTROL_HOSTS": ("sim.example.test", "control_host", ["sim.example.test"]),
    "MAILSIM_FIXTURES_DIR": ("/data/fixtures", "fixtures_dir", "/data/fixtures"),
}


def documented_variables() -> dict:
    """The README's environment table: variable -> option."""
    rows = re.findall(r"^\| `(MAILSIM_[A-Z_]+)` \| `(--[a-z-]+)` \|", README, re.M)
    return dict(rows)


def test_every_documented_variable_is_tested_and_is_a_real_option():
    documented = documented_variables()
    assert set(documented) == set(SAMPLES), "README table and SAMPLES differ"
    help_text = build_parser()._subparsers._group_actions[0].choices["serve"].format_help()
    for var, option in documented.items():
        assert option in help_text and var in help_text, (var, option)


@pytest.mark.parametrize("var", sorted(SAMPLES))
def test_environment_variable_sets_its_option(monkeypatch, var):
    value, attr, expected = SAMPLES[var]
    monkeypatch.setenv(var, value)
    args = build_parser().parse_args(["serve"])
    assert getattr(args, attr) == expected
    option = documented_variables()[var]
    monkeypatch.delenv(var)
    assert getattr(build_parser().parse_args(["serve"]), attr) != expected  # the default differs
    if option not in ("--no-default-world", "--freeze-clock", "--rate-limits"):
        flag_value = {"--fixtures": "c.json", "--zapmail-key": "k9", "--litemail-key": "k9",
                      "--webhook-allow-host": "h9"}.get(option, value)
        parsed = build_parser().parse_args(["serve", option, flag_value])
        assert getattr(parsed, attr) in (expected, [flag_value])


def compose_example() -> dict:
    block = re.search(r"```yaml\n(services:.*?)```", README, re.S).group(1)
    return yaml.safe_load(block)


def test_compose_example_serves_what_the_app_expects(monkeypatch, tmp_path):
    compose = compose_example()
    sim_env = compose["services"]["simulator"]["environment"]
    app_env = compose["services"]["app"]["environment"]
    assert compose["services"]["simulator"]["build"] == "."
    assert compose["services"]["app"]["depends_on"]["simulator"]["condition"] == "service_healthy"
    for name, value in sim_env.items():
        if name == "MAILSIM_STATE_FILE":
            value = str(tmp_path / "state.json")  # /data is the container's volume
        monkeypatch.setenv(name, str(value))
    args = build_parser().parse_args(["serve"])
    sim, _ = make_simulator(args)
    with sim:
        client = httpx.Client(transport=sim._transport_for_clients(), base_url="http://simulator:8080")
        # the app's base URLs and keys, exactly as the compose file gives them
        zap_base = app_env["ZAPMAIL_BASE_URL"].replace("http://simulator:8080", "")
        r = client.get(zap_base + "/v2/users", headers={"x-auth-zapmail": app_env["ZAPMAIL_API_KEY"]})
        assert r.status_code == 200 and r.json()["status"] == 200
        lite_base = app_env["LITEMAIL_BASE_URL"].replace("http://simulator:8080", "")
        r = client.get(lite_base + "/v1/users", headers={"x-api-key": app_env["LITEMAIL_API_KEY"]})
        assert r.status_code == 200 and r.json()["status"] == 200
        assert sim.world.clock.state()["rate"] == float(sim_env["MAILSIM_CLOCK_RATE"])
        write_state(sim, args.state_file)
    state = orjson.loads(Path(args.state_file).read_bytes())
    assert any(app_env["ZAPMAIL_API_KEY"] in a["api_keys"] for a in state["accounts"])


def test_state_file_is_written_on_sigterm_and_restored_at_start(tmp_path):
    state = tmp_path / "state.json"
    port = _free_port()
    cmd = [sys.executable, "-m", "simulator", "serve", "--port", str(port), "--state-file", str(state),
           "--no-default-world", "--zapmail-key", "kept-key"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base)
        headers = {"x-auth-zapmail": "kept-key"}
        r = httpx.post(base + "/api/v2/domains/buy", headers=headers,
                       json={"domains": [{"domainName": "survives-restart.com"}], "useWallet": False})
        assert r.status_code == 200
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert state.exists()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait(base)
        # the account and its open payment link came back from the file
        link = r.json()["paymentLink"].replace("http://testserver", base)
        page = httpx.get(link)
        assert page.status_code == 200 and "survives-restart.com" in page.text
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(base: str) -> None:
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            if httpx.get(base + "/_sim/health").status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise AssertionError("server did not start")
