"""What a new user does, from the built wheel in a fresh venv: the install pulls no Faker, the
pytest plugin registers, a suite of theirs using the fixtures passes with and without -n 2 and
type-checks under mypy --strict, and `mailbox-simulator contract` runs against a served simulator
and prints its summary. Slow (a venv and installs): runs with MAILSIM_TEST_IMAGE=1, as .ci/run."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "tests" / "user_suite" / "test_user_suite.py"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(os.environ.get("MAILSIM_TEST_IMAGE") != "1",
                                 reason="the fresh-venv install test runs only when asked: MAILSIM_TEST_IMAGE=1")]


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("fresh")
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                          str(work), str(ROOT)], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    [wheel] = list(work.glob("*.whl"))
    subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True, timeout=300)
    out = subprocess.run([str(work / "venv" / "bin" / "pip"), "install", "-q", "--disable-pip-version-check",
                          f"{wheel}[contract]", "pytest-xdist", "mypy"], capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    # a project's own conftest above its venv must not reach the installed contract suite
    (work / "conftest.py").write_text("raise RuntimeError('the project conftest was loaded')\n")
    return work / "venv" / "bin"


def run(bin_dir: Path, *argv: str, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "MAILSIM_", "CONTRACT_", "PYTHON"))}
    return subprocess.run([str(bin_dir / argv[0]), *argv[1:]], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=timeout)


def test_install_pulls_no_faker_and_the_plugin_registers(venv, tmp_path):
    installed = run(venv, "pip", "list", "--format=json", cwd=tmp_path)
    names = {p["name"].lower() for p in json.loads(installed.stdout)}
    assert "mailbox-api-simulator" in names and "faker" not in names
    fixtures = run(venv, "pytest", "--fixtures", "-p", "no:cacheprovider", cwd=tmp_path)
    assert "fixtures defined from simulator.pytest_plugin" in fixtures.stdout
    for name in ("simulator", "simulator_server", "zapmail_account", "litemail_account"):
        assert re.search(rf"^{name} -- ", fixtures.stdout, re.M), name
    assert not re.search(r"^faker -- ", fixtures.stdout, re.M)  # Faker's plugin would add this fixture


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_a_users_suite_passes(venv, tmp_path, workers):
    (tmp_path / "test_user_suite.py").write_text(SUITE.read_text())
    out = run(venv, "pytest", "-q", "-p", "no:cacheprovider", *workers, cwd=tmp_path)
    assert out.returncode == 0 and "6 passed" in out.stdout, out.stdout[-3000:] + out.stderr[-2000:]


def test_a_users_suite_type_checks_strictly(venv, tmp_path):
    (tmp_path / "test_user_suite.py").write_text(SUITE.read_text())
    out = run(venv, "mypy", "--strict", "test_user_suite.py", cwd=tmp_path)
    assert out.returncode == 0, out.stdout


def test_the_contract_command_runs_against_a_served_simulator(venv, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAILSIM_", "PYTHON"))}
    # the server's log goes to a file, not a pipe: the run makes more calls than a pipe holds log
    # lines, and a pipe nobody reads would block the server at its next line
    log = tmp_path / "server.log"
    with log.open("w") as sink:
        server = subprocess.Popen([str(venv / "mailbox-simulator"), "serve", "--port", "0", "--no-default-world",
                                   "--zapmail-key", "wheel-key", "--log-format", "json"], cwd=tmp_path, env=env,
                                  stderr=sink, stdout=subprocess.DEVNULL)
    try:
        ready, deadline = None, time.monotonic() + 60
        while ready is None and time.monotonic() < deadline and server.poll() is None:
            complete = log.read_text().split("\n")[:-1]  # the last piece may be a line still being written
            entries = [json.loads(line) for line in complete if line.strip()]
            ready = next((e["ready"] for e in entries if e["logger"] == "simulator.ready"), None)
            time.sleep(0.05)
        assert ready, "the server never said it was ready:\n" + log.read_text()[-2000:]
        out = run(venv, "mailbox-simulator", "contract", "--target-url", ready["baseUrls"]["zapmail"],
                  "--api-key", "wheel-key", "--provider", "zapmail", "--report-dir", str(tmp_path / "report"),
                  cwd=tmp_path)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=15)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert re.search(rf"^contract zapmail against {re.escape(ready['baseUrls']['zapmail'])}: \d+ agree, 0 diverge, "
                     r"\d+ not exercised$", out.stdout, re.M), out.stdout[-2000:]
    assert "deselected" not in out.stdout
    assert (tmp_path / "report" / "contract-report-zapmail.json").exists()
