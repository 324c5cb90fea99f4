"""`mailbox-simulator contract`: the contract suite as a command, from a checkout or an installed
wheel (which carries the suite as simulator/contract_tests). Every option is the suite's own
(`--target-url`, `--api-key`, `--provider`, `--allow-writes`...); other arguments go to pytest."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# An installed wheel carries the suite inside the package; a checkout has it at the top level.
_CANDIDATES = (HERE / "contract_tests", HERE.parent / "contract_tests")


def suite_dir() -> Path:
    for path in _CANDIDATES:
        if (path / "conftest.py").is_file():
            return path
    raise FileNotFoundError("the contract suite is not installed (looked in " + ", ".join(map(str, _CANDIDATES)) + ")")


def pytest_args(suite: Path, argv: list[str]) -> list[str]:
    """The suite's own directory is the root, with an empty configuration: whatever project the
    command runs from (or the venv sits in), its pytest settings, conftest files, cache and test
    paths stay out of it. An argument
    naming one of the suite's files (`test_reads.py`, `test_reads.py::test_x`) runs only that."""
    chosen = [str(suite / a) if not a.startswith("-") and (suite / a.split("::")[0]).is_file() else a for a in argv]
    targets = [] if chosen != argv else [str(suite)]
    # other installed pytest plugins (anyio's, a fuzzer's) may warn that a module was imported
    # before pytest could rewrite it: noise about the venv, not about the API under test
    return [*targets, "--rootdir", str(suite), "--confcutdir", str(suite), "-c", os.devnull, "-p", "no:cacheprovider",
            "-W", "ignore::pytest.PytestAssertRewriteWarning", "-q", "--no-header", *chosen]


def run(argv: list[str]) -> int:
    missing = [name for name in ("pytest", "hypothesis") if importlib.util.find_spec(name) is None]
    if missing:
        print(f"mailbox-simulator contract: needs {' and '.join(missing)}: "
              "pip install 'mailbox-api-simulator[contract]'", file=sys.stderr)
        return 2
    suite = suite_dir()
    if any(a in ("-h", "--help") for a in argv):
        return _help(suite)
    import pytest

    return int(pytest.main(pytest_args(suite, argv)))


def _help(suite: Path) -> int:
    """The suite's own options (one declaration, in its conftest), without pytest's hundred."""
    out = subprocess.run([sys.executable, "-m", "pytest", *pytest_args(suite, ["--help"])],
                         capture_output=True, text=True)
    lines = out.stdout.splitlines()
    start = next((i for i, line in enumerate(lines) if line.lower().startswith("contract tests")), None)
    if start is None:
        print(out.stdout)
        return out.returncode
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith(" ")), len(lines))
    print("usage: mailbox-simulator contract [--target-url URL --api-key KEY --provider PROVIDER] "
          "[options] [pytest options]\n")
    print("\n".join(lines[start:end]).rstrip())
    return 0
