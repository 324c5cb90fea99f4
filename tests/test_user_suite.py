"""A user's suite (tests/user_suite/) passes against the plugin in its own pytest process, and
type-checks under mypy --strict: the public API (Simulator, the helpers and their results, the
fixtures' objects) is typed, not Any."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SUITE = Path(__file__).resolve().parent / "user_suite" / "test_user_suite.py"


def run(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "MAILSIM_"))}
    return subprocess.run([sys.executable, "-m", *argv], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=300)


def test_the_user_suite_passes_through_the_plugin(tmp_path):
    (tmp_path / "test_user_suite.py").write_text(SUITE.read_text())
    out = run("pytest", "-q", "-p", "no:cacheprovider", "-W", "error::pytest.PytestUnraisableExceptionWarning",
              cwd=tmp_path)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "6 passed" in out.stdout and "skipped" not in out.stdout


def test_the_user_suite_type_checks_strictly(tmp_path):
    (tmp_path / "test_user_suite.py").write_text(SUITE.read_text())
    (tmp_path / "wrong.py").write_text("from simulator import Simulator\n\n"
                                       "def f(sim: Simulator) -> int:\n    return sim.clock()\n")
    out = run("mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "test_user_suite.py", cwd=tmp_path)
    assert out.returncode == 0, out.stdout
    # and the types are real: a helper's result is not Any
    out = run("mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "wrong.py", cwd=tmp_path)
    assert out.returncode == 1 and 'Incompatible return value type (got "ClockState", expected "int")' in out.stdout
