"""Rules of the code base and of the command line that a reviewer would otherwise check by hand."""
from __future__ import annotations

import ast
import logging
import re
import subprocess
import sys
from pathlib import Path

from simulator import __version__
from simulator.cli import build_parser, make_simulator

ROOT = Path(__file__).resolve().parent.parent
PROVIDER_NAMES = re.compile(r"zapmail|litemail", re.IGNORECASE)


def _code_words(tree: ast.AST):
    """Identifiers and string literals of a module, docstrings and comments left out (those may
    cite where a fact came from)."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value
        for attr in ("id", "attr", "name", "arg", "module"):
            value = getattr(node, attr, None)
            if isinstance(value, str):
                yield getattr(node, "lineno", 0), value


def _core_and_domain_words(pattern: re.Pattern) -> list[str]:
    """Every identifier or string literal of simulator/core and simulator/domain matching `pattern`."""
    offenders = []
    for folder in ("core", "domain"):
        for path in (ROOT / "simulator" / folder).rglob("*.py"):
            for line, word in _code_words(ast.parse(path.read_text())):
                if pattern.search(word):
                    offenders.append(f"{path.relative_to(ROOT)}:{line}: {word}")
    return offenders


def test_core_and_domain_never_name_a_provider():
    offenders = _core_and_domain_words(PROVIDER_NAMES)
    assert not offenders, "\n".join(offenders)


# A provider's wire vocabulary: its body fields and header names. The domain names fields in its
# own terms (mailboxes[0].username, platform) and each dialect maps them to its wire names.
WIRE_WORDS = re.compile(r"mailboxData|mailboxUsername|x-service-provider|x-auth-zapmail|x-api-key|x-workspace-key"
                        r"|x-workspace-id")


def test_core_and_domain_never_use_a_providers_wire_vocabulary():
    offenders = _core_and_domain_words(WIRE_WORDS)
    assert not offenders, "\n".join(offenders)


def test_core_does_not_import_the_domain_nor_list_its_resources():
    """The domain owns its resources (domain/models.py Account) and its settings; the core sees an
    account only as a Tenant and holds the settings the domain registers."""
    offenders = []
    for path in (ROOT / "simulator" / "core").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and ((node.level >= 2 and (node.module or "").startswith("domain"))
                                                     or (node.module or "").startswith("simulator.domain")):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: imports {node.module}")
        for line, word in _code_words(tree):
            if word in ("workspaces", "mailboxes", "dns_records", "subscriptions", "domains"):
                offenders.append(f"{path.relative_to(ROOT)}:{line}: names the domain's {word}")
    assert not offenders, "\n".join(offenders)


def test_version_and_help():
    out = subprocess.run([sys.executable, "-m", "simulator", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and __version__ in out.stdout
    out = subprocess.run([sys.executable, "-m", "simulator", "serve", "--help"], capture_output=True, text=True,
                         cwd=ROOT)
    assert out.returncode == 0
    serve = build_parser()._subparsers._group_actions[0].choices["serve"]
    options = [o for action in serve._actions for o in action.option_strings if o.startswith("--")]
    assert len(options) >= 15
    for action in serve._actions:
        for option in action.option_strings:
            assert option in out.stdout, option
        if action.option_strings and action.option_strings[0] != "-h":
            assert action.help and len(action.help) > 20, f"{action.option_strings} is not documented"


def test_binds_loopback_by_default():
    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.port == 8080


def test_default_world_is_deterministic_and_documented():
    args = build_parser().parse_args(["serve"])
    first, loaded_a = make_simulator(args)
    second, loaded_b = make_simulator(args)
    assert [a.api_keys for a in loaded_a] == [b.api_keys for b in loaded_b]
    account_a, account_b = loaded_a[0], loaded_b[0]
    assert sorted(d.name for d in account_a.domains.values()) == sorted(d.name for d in account_b.domains.values())
    assert sorted(m.username for m in account_a.mailboxes.values()) == \
        sorted(m.username for m in account_b.mailboxes.values())
    readme = (ROOT / "README.md").read_text()
    assert account_a.api_keys[0] in readme
    statuses = {d.status for d in account_a.domains.values()}
    assert {"ACTIVE", "PENDING"} <= statuses
    assert {m.status for m in account_a.mailboxes.values()} >= {"ACTIVE", "IN_PROGRESS"}
    assert account_a.dns_records and account_a.wallet_balance > 0 and len(account_a.workspaces) >= 2


def test_request_log_has_one_line_per_request_and_no_secrets(harness, zap, caplog):
    from .helpers import buy_domain

    caplog.set_level(logging.INFO, logger="simulator.access")
    zap.post("/v2/exports/accounts/third-party", json={"email": "a@b.test", "password": "s3cret-pass!", "app": "SMARTLEAD"})
    buy_domain(zap, harness, "logged.com")
    lines = [r.getMessage() for r in caplog.records if r.name == "simulator.access"]
    assert len(lines) == 3  # third-party add, buy, list (the clock call is the control plane)
    account = harness.world.accounts[zap.account["id"]]
    secrets = [zap.key, "s3cret-pass!"] + [m.password for m in account.mailboxes.values()]
    for line in lines:
        assert re.match(r"^(GET|POST|PUT|DELETE) /api/v2/\S+ \d{3} [\d.]+ms account=\S+$", line), line
        for secret in secrets:
            assert secret not in line


def test_ci_runs_the_readmes_test_command_with_the_slow_checks_asked_for():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"```sh\n(python3 -m venv .*?)\n```", readme)
    assert len(commands) == 2 and "pytest" in commands[1]
    lines = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert lines[-1] == commands[1]
    assert set(lines[-2].split()) == {"export", "MAILSIM_TEST_IMAGE=1", "MAILSIM_SLOW_TESTS=1", "MAILSIM_SCHEMATHESIS=1"}
    assert "MAILSIM_TEST_IMAGE=1" in readme
