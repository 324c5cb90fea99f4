"""The command line's one settings model: every option has one MAILSIM_* variable named after
it (and the README's table lists them all), a flag beats the variable (a repeatable flag replaces
the variable's list), booleans go both ways, a bad value is one line and exit 2, the banner comes
after a successful bind and shows the bound port, logs have one format (text or JSON) with a
readiness line at every level, and the README's docker-compose example configures a simulator
that serves what the app container expects."""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import orjson
import pytest
import yaml

from simulator.cli import build_parser, make_simulator, write_state
from simulator.settings import ServeSettings, env_name, flag

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()

# A value to set for each variable, and the setting it must produce (different from the default).
SAMPLES = {
    "MAILSIM_HOST": ("0.0.0.0", "0.0.0.0"),
    "MAILSIM_PORT": ("9123", 9123),
    "MAILSIM_FIXTURES": ("a.json,b.json", ["a.json", "b.json"]),
    "MAILSIM_DEFAULT_WORLD": ("0", False),
    "MAILSIM_SEED": ("99", 99),
    "MAILSIM_CLOCK_RATE": ("60", 60.0),
    "MAILSIM_FREEZE_CLOCK": ("true", True),
    "MAILSIM_JOURNAL_SIZE": ("500", 500),
    "MAILSIM_RATE_LIMITS": ("1", True),
    "MAILSIM_RATE_LIMIT": ("zapmail:per-minute=200,zapmail:per-second=9",
                           ["zapmail:per-minute=200", "zapmail:per-second=9"]),
    "MAILSIM_ZAPMAIL_KEY": ("k1,k2", ["k1", "k2"]),
    "MAILSIM_LITEMAIL_KEY": ("lk", ["lk"]),
    "MAILSIM_WEBHOOK_ALLOW_HOST": ("hooks.example.org,*", ["hooks.example.org", "*"]),
    "MAILSIM_ROUTES_OVERRIDE": ("routes.yaml", "routes.yaml"),
    "MAILSIM_STATE_FILE": ("/data/state.json", "/data/state.json"),
    "MAILSIM_DRIFT": ("renamed-field", "renamed-field"),
    "MAILSIM_LOG_LEVEL": ("warning", "warning"),
    "MAILSIM_LOG_FORMAT": ("json", "json"),
    "MAILSIM_JOURNAL_BODIES": ("2048", 2048),
    "MAILSIM_CONTROL_TOKEN": ("tok-1", "tok-1"),
    "MAILSIM_CONTROL_HOST": ("sim.example.test", ["sim.example.test"]),
    "MAILSIM_FIXTURES_DIR": ("/data/fixtures", "/data/fixtures"),
}
FIELDS = {env_name(name): name for name in ServeSettings.model_fields}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in list(os.environ):
        if name.startswith("MAILSIM_"):
            monkeypatch.delenv(name)


def serve_args(*argv: str):
    return build_parser().parse_args(["serve", *argv])


def documented_variables() -> dict:
    """The README's environment table: variable -> option."""
    return dict(re.findall(r"^\| `(MAILSIM_[A-Z_]+)` \| `(--[a-z-]+)` \|", README, re.M))


def test_every_option_has_one_variable_named_after_it_in_the_readme_and_the_help():
    documented = documented_variables()
    assert set(documented) == set(FIELDS) == set(SAMPLES), "README table, settings model and SAMPLES differ"
    help_text = subprocess.run([sys.executable, "-m", "simulator", "serve", "--help"], capture_output=True,
                               text=True, cwd=ROOT, env={**os.environ, "COLUMNS": "200"}).stdout
    for var, option in documented.items():
        assert option == flag(FIELDS[var])
        block = re.search(rf"^  {option}\b.*?(?=^  -|\Z)", help_text, re.M | re.S).group(0)
        assert f"env {var})" in " ".join(block.split()), block  # each option's help names its variable


@pytest.mark.parametrize("var", sorted(SAMPLES))
def test_environment_variable_sets_its_option(monkeypatch, var):
    value, expected = SAMPLES[var]
    name = FIELDS[var]
    assert getattr(serve_args(), name) != expected  # the default differs
    monkeypatch.setenv(var, value)
    assert getattr(serve_args(), name) == expected


FLAG_VALUES = {"port": "9999", "seed": "5", "clock_rate": "2", "journal_size": "77", "host": "127.0.0.2",
               "routes_override": "other.yaml", "state_file": "other.json", "drift": "changed-type",
               "log_level": "error", "log_format": "text", "fixtures": "c.json", "rate_limit": "litemail:x=3",
               "zapmail_key": "k9", "litemail_key": "k9", "webhook_allow_host": "h9", "journal_bodies": "99",
               "control_token": "tok-9", "control_host": "h9.example.test", "fixtures_dir": "/other"}


@pytest.mark.parametrize("var", sorted(SAMPLES))
def test_a_flag_beats_the_environment(monkeypatch, var):
    monkeypatch.setenv(var, SAMPLES[var][0])
    name = FIELDS[var]
    if name in FLAG_VALUES:
        args = serve_args(flag(name), FLAG_VALUES[name])
        expected = getattr(ServeSettings.model_validate({name: FLAG_VALUES[name]}), name)
        # a repeatable flag replaces the variable's list: MAILSIM_ZAPMAIL_KEY=k1,k2 --zapmail-key k9 -> [k9]
        assert getattr(args, name) == (expected if not isinstance(expected, list) else [FLAG_VALUES[name]])
    else:  # a boolean: the variable says one thing, the flag the other
        opposite = not SAMPLES[var][1]
        assert getattr(serve_args(flag(name) if opposite else "--no-" + flag(name)[2:]), name) is opposite


def test_booleans_go_both_ways_from_the_environment_and_flags(monkeypatch):
    assert serve_args("--freeze-clock").freeze_clock is True
    assert serve_args("--freeze-clock", "--no-freeze-clock").freeze_clock is False  # the last flag wins
    for value, expected in (("1", True), ("yes", True), ("on", True), ("0", False), ("false", False),
                            ("off", False)):
        monkeypatch.setenv("MAILSIM_RATE_LIMITS", value)
        assert serve_args().rate_limits is expected
    monkeypatch.setenv("MAILSIM_DEFAULT_WORLD", "false")
    assert serve_args().default_world is False and serve_args("--default-world").default_world is True


def cli(*argv: str, env: dict | None = None, timeout: float = 30) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("MAILSIM_")}
    return subprocess.run([sys.executable, "-m", "simulator", *argv], capture_output=True, text=True, cwd=ROOT,
                          env={**environ, **(env or {})}, timeout=timeout)


@pytest.mark.parametrize("argv,env,says", [
    (["serve", "--port", "70000"], {}, "--port '70000': must be less than or equal to 65535"),
    (["serve"], {"MAILSIM_FREEZE_CLOCK": "maybe"}, "MAILSIM_FREEZE_CLOCK='maybe': must be true or false"),
    (["serve", "--rate-limit", "zapmail"], {}, "is not PROVIDER:LIMIT=N"),
    (["serve"], {"MAILSIM_DRIFT": "nope"}, "is not a drift profile"),
    (["serve"], {"MAILSIM_JOURNAL_SIZE": "0"}, "MAILSIM_JOURNAL_SIZE='0': must be greater than or equal to 1"),
    (["serve", "--log-format", "xml"], {}, "--log-format 'xml': must be one of 'text' or 'json'"),
    (["serve", "--no-such-option"], {}, "unrecognized arguments: --no-such-option"),
])
def test_a_bad_value_is_one_line_and_exit_2(monkeypatch, capsys, argv, env, says):
    from simulator.cli import main

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    out = capsys.readouterr()
    assert exit_.value.code == 2 and out.out == ""
    assert out.err.count("\n") == 1 and says in out.err and out.err.startswith("mailbox-simulator"), out.err


def test_a_bad_variable_is_one_line_without_a_traceback_from_the_command():
    out = cli("serve", env={"MAILSIM_PORT": "abc"})
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == "mailbox-simulator: MAILSIM_PORT='abc': must be a whole number\n"


def test_version_ignores_a_bad_environment():
    out = cli("--version", env={"MAILSIM_PORT": "abc"})
    assert out.returncode == 0 and out.stdout.strip() == "mailbox-simulator 0.1.0" and out.stderr == ""


def _start(*argv: str, env: dict | None = None) -> subprocess.Popen:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("MAILSIM_")}
    return subprocess.Popen([sys.executable, "-m", "simulator", "serve", *argv], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**environ, **(env or {})})


def _read_until(proc: subprocess.Popen, needle: str, timeout: float = 20) -> list[str]:
    lines, deadline = [], time.time() + timeout
    while time.time() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        lines.append(line)
        if needle in line:
            return lines
    raise AssertionError(f"no {needle!r} in {lines}")


def _stop(proc: subprocess.Popen) -> str:
    proc.send_signal(signal.SIGTERM)
    try:
        _, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    return err


def test_port_0_banner_shows_the_bound_port_and_the_readiness_line_shows_at_level_error():
    proc = _start("--port", "0", "--log-level", "error", "--no-default-world", "--zapmail-key", "banner-key")
    lines = _read_until(proc, "ready on")
    first = next(line for line in lines if "ready on" in line)
    port = int(re.search(r"ready on http://127\.0\.0\.1:(\d+)", first).group(1))
    assert port != 0
    text = "".join(lines) + "".join(proc.stderr.readline() for _ in range(5))
    assert f"zapmail base URL: http://127.0.0.1:{port}/api" in text
    assert f"litemail base URL: http://127.0.0.1:{port}   (header x-api-key)" in text  # the server root
    assert "API key ********" in text and "banner-key" not in text  # a configured key is masked (issue 12)
    assert httpx.get(f"http://127.0.0.1:{port}/_sim/health").status_code == 200
    _stop(proc)


def test_a_port_in_use_is_one_line_and_no_banner():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        out = cli("serve", "--port", str(taken.getsockname()[1]), "--no-default-world", "--zapmail-key", "secret-k")
    assert out.returncode != 0 and out.stdout == ""
    assert "cannot listen on 127.0.0.1:" in out.stderr and "ready on" not in out.stderr
    assert "secret-k" not in out.stderr and "Traceback" not in out.stderr
    assert [line for line in out.stderr.splitlines() if "cannot listen" in line] == out.stderr.splitlines()[-1:]


def test_json_logs_one_object_a_line_with_readiness_and_access_lines_without_keys():
    key = "json-log-secret-key"
    proc = _start("--port", "0", "--log-format", "json", "--no-default-world", "--zapmail-key", key,
                  env={"MAILSIM_NO_DEFAULT_WORLD": "1"})
    lines = _read_until(proc, '"simulator.ready"')
    ready = json.loads(lines[-1])
    assert ready["level"] == "info" and ready["message"].startswith("mailbox-simulator 0.1.0 ready on")
    base = ready["ready"]["url"]
    assert ready["ready"]["port"] == int(base.rsplit(":", 1)[1]) != 0
    assert ready["ready"]["baseUrls"] == {"zapmail": base + "/api", "litemail": base}
    httpx.get(base + "/api/v2/users", headers={"x-auth-zapmail": key})
    httpx.get(base + f"/api/v2/users?apiKey={key}", headers={"x-auth-zapmail": "wrong"})
    err = "".join(lines) + _stop(proc)
    entries = [json.loads(line) for line in err.splitlines() if line.strip()]  # every line is JSON
    assert {e["logger"] for e in entries} >= {"simulator.ready", "simulator.access", "uvicorn.error"}
    stray = [e for e in entries if "MAILSIM_NO_DEFAULT_WORLD sets nothing" in e["message"]]
    assert stray and stray[0]["level"] == "warning" and "MAILSIM_DEFAULT_WORLD" in stray[0]["message"]
    access = [e for e in entries if e["logger"] == "simulator.access"]
    assert len(access) == 2 and all(re.match(r"^GET /api/v2/users (200|401) ", e["message"]) for e in access)
    assert all(key not in json.dumps(e) for e in entries if e["logger"] != "simulator.ready")


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
    args = serve_args()
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
