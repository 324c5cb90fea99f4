"""Schemathesis, an outsider's tool, against the documents the simulator serves: every check,
every phase (examples, coverage, fuzzing, stateful), on a simulator served over a real socket.

    .venv/bin/python bench/schemathesis_run.py [--provider zapmail|litemail|both] [--max-examples 20]

It writes bench/schemathesis-<provider>.md (counts of requests and of failures per check and
operation) and exits 1 when anything is found that a correct server and document would not
show: a server error, an answer off its schema, an undeclared method not answered 405, negative
data accepted, or valid data rejected by an operation whose declaration does not say which
rule no schema can state (its x-state-rules: unknown ids, state, money). tests/test_schemathesis.py
runs it when MAILSIM_SCHEMATHESIS=1.
"""
from __future__ import annotations

import argparse
import base64
import collections
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

AUTH = {"zapmail": "x-auth-zapmail", "litemail": "x-api-key"}
BASE = {"zapmail": "/api", "litemail": ""}
# the one check whose failures may be expected: valid data rejected for a reason only state shows
STATEFUL_CHECK = "positive_data_acceptance"


def serve():
    """A simulator on a free port with one seeded account per provider (the contract suite's)."""
    from contract_tests import litemail_plan, zapmail_plan
    from simulator.app import Simulator
    from simulator.core.clock import VirtualClock
    from simulator.core.store import World

    sim = Simulator(World(seed=7, clock=VirtualClock(frozen=True)))
    remote = sim.serve()
    keys = {"zapmail": sim.create_account("zapmail", **zapmail_plan.SEED).api_key,
            "litemail": sim.create_account("litemail", **litemail_plan.SEED).api_key}
    return sim, remote, keys


def run(provider: str, url: str, key: str, max_examples: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "schemathesis.cli", "run", f"{url}/_sim/openapi/{provider}.json",
               "--url", url + BASE[provider], "-H", f"{AUTH[provider]}: {key}", "--checks", "all",
               "--phases", "examples,coverage,fuzzing,stateful", "-n", str(max_examples), "--seed", str(seed),
               "--continue-on-failure", "--report", "ndjson", "--report-dir", tmp, "--workers", "1",
               "--suppress-health-check", "all", "--generation-deterministic"]
        started = time.monotonic()
        # run in the temporary folder: Schemathesis keeps a cache of earlier findings in its working
        # directory, and a run must judge the server as it is now
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        elapsed = time.monotonic() - started
        files = list(Path(tmp).glob("*.ndjson"))
        if not files:
            raise SystemExit(f"schemathesis wrote no report (exit {proc.returncode}):\n{proc.stdout[-3000:]}"
                             f"\n{proc.stderr[-3000:]}")
        return summarise(files[0], elapsed, proc.stdout)


def summarise(path: Path, elapsed: float, stdout: str) -> dict:
    requests = 0
    failures: dict = collections.defaultdict(dict)  # check -> operation -> (status, message)
    unsent: dict = {}  # operation -> the inferred transition that sent no value
    for line in path.read_text().splitlines():
        event = json.loads(line)
        kind = next(iter(event))
        if kind != "ScenarioFinished":
            continue
        recorder = event[kind].get("recorder") or {}
        interactions = recorder.get("interactions") or {}
        requests += len(interactions)
        for case_id, checks in (recorder.get("checks") or {}).items():
            for check in checks:
                if check.get("status") != "failure":
                    continue
                entry = (recorder.get("cases") or {}).get(case_id, {})
                case = entry.get("value", {})
                label = f"{case.get('method', '?')} {case.get('path', recorder.get('label', '?'))}"
                if check["name"] == STATEFUL_CHECK and _link_sent_nothing(entry):
                    # an inferred link drew null from an earlier answer and left a required parameter
                    # out: the request broke the document, so refusing it is right
                    unsent[label] = entry["transition"]["id"]
                    continue
                answer = (interactions.get(case_id) or {}).get("response") or {}
                failures[check["name"]].setdefault(label, (answer.get("status_code"), _message(answer)))
    return {"requests": requests, "seconds": round(elapsed, 1), "failures": failures, "stdout": stdout,
            "unsent": unsent}


def _link_sent_nothing(entry: dict) -> bool:
    """A stateful case whose link's value was null: the parameter is missing from the request."""
    transition = entry.get("transition") or {}
    case = entry.get("value", {})
    sent = {**(case.get("query") or {}), **(case.get("path_parameters") or {})}
    linked = [name for where in (transition.get("parameters") or {}).values() for name in where]
    return any(name in sent and sent[name] is None for name in linked)


def _message(answer: dict) -> str:
    content = answer.get("content") or {}
    try:
        raw = base64.b64decode(content.get("$base64", "")) if "$base64" in content else b""
        return str(json.loads(raw).get("message", ""))[:160]
    except (ValueError, AttributeError):
        return ""


def state_rules(provider: str) -> dict:
    """'METHOD /path' -> what the server checks that no schema can state, from the declarations."""
    from simulator.openapi import document

    out = {}
    for path, methods in document(provider)["paths"].items():
        for method, entry in methods.items():
            if entry.get("x-state-rules"):
                out[f"{method.upper()} {path}"] = entry["x-state-rules"]
    return out


def judge(provider: str, result: dict) -> tuple[list[str], list[tuple[str, str, str]]]:
    """(problems, explained): every failure is a problem except a valid request rejected by an
    operation that declares the state rule behind it."""
    rules = state_rules(provider)
    problems, explained = [], []
    for check, ops in sorted(result["failures"].items()):
        for label, (status, message) in sorted(ops.items()):
            if check == STATEFUL_CHECK and label in rules:
                explained.append((label, rules[label], f"{status} {message}"))
            else:
                problems.append(f"{check}: {label} -> {status} {message}")
    return problems, explained


def report(provider: str, result: dict, problems: list, explained: list) -> str:
    lines = [f"# Schemathesis against the served {provider} document", "",
             f"{datetime.date.today()} on {platform.node()} ({platform.machine()}, Python "
             f"{platform.python_version()}), `bench/schemathesis_run.py`, every check and phase.", "",
             f"- requests sent: **{result['requests']}** in {result['seconds']} s",
             f"- problems (server errors, schema violations, undeclared methods not 405, negative data "
             f"accepted, valid data rejected without a declared reason): **{len(problems)}**", ""]
    if problems:
        lines += ["## Problems", ""] + [f"- {p}" for p in problems] + [""]
    lines += ["## Valid requests rejected for a reason no schema can state", "",
              "Each operation's declaration says which rule needs state (its `x-state-rules`).", "",
              "| operation | rule | an answer seen |", "|---|---|---|"]
    lines += [f"| {label} | {rule} | {seen} |" for label, rule, seen in explained]
    if result.get("unsent"):
        lines += ["", "## Refusals of requests Schemathesis sent without a required parameter", "",
                  "An inferred link took the value from an earlier answer's field, which was null there; the",
                  "parameter was left out, the request broke the document, and the server refused it.", "",
                  "| operation | link |", "|---|---|"]
        lines += [f"| {label} | {link} |" for label, link in sorted(result["unsent"].items())]
    return "\n".join(lines) + "\n"


# sections from one of these headings down are written by hand: a run keeps them
KEPT = ("\n## What earlier runs found", "\n## How it got here")


def kept_by_hand(out: Path) -> str:
    text = out.read_text() if out.exists() else ""
    starts = [text.index(h) for h in KEPT if h in text]
    return text[min(starts):] if starts else ""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--provider", choices=["zapmail", "litemail", "both"], default="both")
    parser.add_argument("--max-examples", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out-dir", default=str(HERE))
    args = parser.parse_args(argv)
    providers = ["zapmail", "litemail"] if args.provider == "both" else [args.provider]
    sim, remote, keys = serve()
    failed = False
    try:
        for provider in providers:
            result = run(provider, remote.url, keys[provider], args.max_examples, args.seed)
            problems, explained = judge(provider, result)
            out = Path(args.out_dir) / f"schemathesis-{provider}.md"
            out.write_text(report(provider, result, problems, explained) + kept_by_hand(out))
            print(f"{provider}: {result['requests']} requests, {len(problems)} problems, "
                  f"{len(explained)} operations reject valid data for a declared state rule -> {out}")
            for p in problems:
                print("  " + p)
            failed = failed or bool(problems)
    finally:
        remote.close()
        sim.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
