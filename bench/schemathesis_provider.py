"""Schemathesis against one provider's served document, on a real local server: every check,
every phase (examples, coverage, fuzzing, stateful). Opt-in (it takes minutes and needs
`pip install schemathesis`); the findings and what they mean are in bench/schemathesis-<provider>.md.

    .venv/bin/python bench/schemathesis_provider.py litemail [--port 18431] [--max-examples 50] [--seed 1]

The server runs with MAILSIM_CHECK_ANSWERS=1, so a body that does not match its declared shape
is a 500 (a server error to Schemathesis). Exit status: Schemathesis's.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request

# the key header and the base URL a client uses, per provider
AUTH = {"litemail": ("x-api-key", ""), "zapmail": ("x-auth-zapmail", "/api")}


def post(url: str, body: dict) -> dict:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)


def wait_up(root: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(root + "/_sim/health", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the simulator did not start")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("provider", choices=sorted(AUTH))
    ap.add_argument("--port", type=int, default=18431)
    ap.add_argument("--max-examples", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    st = shutil.which("schemathesis") or os.path.join(os.path.dirname(sys.executable), "schemathesis")
    root = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen([sys.executable, "-m", "simulator", "serve", "--port", str(args.port),
                               "--log-level", "error"], env={**os.environ, "MAILSIM_CHECK_ANSWERS": "1"})
    try:
        wait_up(root)
        key = post(root + "/_sim/accounts", {"provider": args.provider, "walletBalance": 1000})["apiKey"]
        header, base = AUTH[args.provider]
        return subprocess.call([st, "run", f"{root}/_sim/openapi/{args.provider}.json", "--url", root + base,
                                "-H", f"{header}: {key}", "--checks", "all", "-n", str(args.max_examples),
                                "--seed", str(args.seed), "--continue-on-failure", "--no-shrink", "--warnings", "off"])
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    raise SystemExit(main())
