"""Command line: `python -m simulator serve` (or the `mailbox-simulator` console script)."""
from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from pathlib import Path

import orjson
import uvicorn

from . import __version__
from .drift import PROFILES as DRIFT_PROFILES


ENV_PREFIX = "MAILSIM_"


def _env(name: str, default, cast=str):
    """Every option can come from the environment (MAILSIM_<NAME>), which is how the Docker
    image is configured; a command-line flag wins over the environment."""
    raw = os.environ.get(ENV_PREFIX + name)
    if raw is None or raw == "":
        return default
    if cast is bool:
        return raw.strip().lower() in ("1", "true", "yes", "on")
    return cast(raw)


def _fixture_list(raw: str) -> list:
    return [p for p in raw.replace(",", os.pathsep).split(os.pathsep) if p]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mailbox-simulator",
                                     description="Local emulator of the Zapmail v2 and LiteMail APIs. "
                                                 "Every serve option can also be set as an environment "
                                                 "variable MAILSIM_<OPTION> (e.g. MAILSIM_PORT=8080).")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")
    serve = sub.add_parser("serve", help="serve the simulator over HTTP")
    serve.add_argument("--host", default=_env("HOST", "127.0.0.1"),
                       help="address to bind (default 127.0.0.1; env MAILSIM_HOST; use 0.0.0.0 only inside a "
                            "container)")
    serve.add_argument("--port", type=int, default=_env("PORT", 8080, int),
                       help="port to listen on (default 8080; env MAILSIM_PORT)")
    serve.add_argument("--fixtures", action="append", default=_env("FIXTURES", [], _fixture_list), metavar="FILE",
                       help="load accounts from this fixture file, after the default world (repeatable; env "
                            "MAILSIM_FIXTURES, several paths separated by ',' or ':')")
    serve.add_argument("--no-default-world", action="store_true", default=_env("NO_DEFAULT_WORLD", False, bool),
                       help="start without the embedded demo accounts (env MAILSIM_NO_DEFAULT_WORLD=1)")
    serve.add_argument("--seed", type=int, default=_env("SEED", 2026, int),
                       help="seed for generated ids and secrets (default 2026; env MAILSIM_SEED)")
    serve.add_argument("--clock-rate", type=float, default=_env("CLOCK_RATE", 1.0, float),
                       help="simulated seconds per real second (default 1.0; env MAILSIM_CLOCK_RATE)")
    serve.add_argument("--freeze-clock", action="store_true", default=_env("FREEZE_CLOCK", False, bool),
                       help="start with the clock frozen (env MAILSIM_FREEZE_CLOCK=1)")
    serve.add_argument("--journal-size", type=int, default=_env("JOURNAL_SIZE", None, int), metavar="N",
                       help="calls kept in the request journal, a ring (default 10000; env MAILSIM_JOURNAL_SIZE)")
    serve.add_argument("--journal-bodies", type=int, nargs="?", const=4096, default=_env("JOURNAL_BODIES", 0, int),
                       metavar="BYTES", help="keep request and response bodies in the journal (secrets redacted), "
                                             "each cut at BYTES (default when given: 4096; off by default; env "
                                             "MAILSIM_JOURNAL_BODIES)")
    serve.add_argument("--rate-limits", action="store_true", default=_env("RATE_LIMITS", False, bool),
                       help="enforce the providers' documented rate limits (off by default; env "
                            "MAILSIM_RATE_LIMITS=1; also switchable at POST /_sim/rate-limits)")
    serve.add_argument("--zapmail-key", action="append", default=_env("ZAPMAIL_KEY", [], _fixture_list),
                       metavar="KEY", help="make sure a Zapmail account answers to this API key, so an app can be "
                                           "configured with a fixed key (repeatable; env MAILSIM_ZAPMAIL_KEY, "
                                           "several keys separated by ',')")
    serve.add_argument("--litemail-key", action="append", default=_env("LITEMAIL_KEY", [], _fixture_list),
                       metavar="KEY", help="the same for LiteMail (env MAILSIM_LITEMAIL_KEY)")
    serve.add_argument("--webhook-allow-host", action="append", default=_env("WEBHOOK_ALLOW_HOSTS", [], _fixture_list),
                       metavar="HOST", help="also send webhooks to this host; by default only loopback, localhost "
                                            "and single-label (docker-compose service) names are allowed "
                                            "(repeatable; '*' for any; env MAILSIM_WEBHOOK_ALLOW_HOSTS, "
                                            "comma-separated)")
    serve.add_argument("--routes-override", default=_env("ROUTES_OVERRIDE", None), metavar="FILE",
                       help="YAML file moving LiteMail routes whose paths are inferred: route id -> "
                            "{method, path} (env MAILSIM_ROUTES_OVERRIDE)")
    serve.add_argument("--state-file", default=_env("STATE_FILE", None), metavar="FILE",
                       help="restore the world from this snapshot file at start if it exists, and write it "
                            "on shutdown (SIGTERM/SIGINT) (env MAILSIM_STATE_FILE)")
    serve.add_argument("--rate-limit", action="append", default=[], metavar="PROVIDER:LIMIT=N",
                       help="change one limit, e.g. zapmail:per-minute=200 (repeatable; "
                            "GET /_sim/rate-limits lists them)")
    serve.add_argument("--drift", default=_env("DRIFT", None), choices=sorted(DRIFT_PROFILES), metavar="PROFILE",
                       help="drift from the documented API on purpose, to prove contract tests notice "
                            f"(env MAILSIM_DRIFT; one of {', '.join(sorted(DRIFT_PROFILES))})")
    serve.add_argument("--log-level", default=_env("LOG_LEVEL", "info"), choices=["debug", "info", "warning", "error"],
                       help="log level (default info: one line per request; env MAILSIM_LOG_LEVEL)")
    _add_import(sub)
    return parser


def _add_import(sub) -> None:
    from .importer import add_arguments

    add_arguments(sub.add_parser("import", help="copy a real account (read-only) into a fixture file"))


def parse_limit_overrides(items: list[str]) -> dict:
    overrides: dict = {}
    for item in items:
        provider, sep, rest = item.partition(":")
        name, eq, value = rest.partition("=")
        if not sep or not eq or not value.isdigit() or int(value) < 1:
            raise SystemExit(f"--rate-limit {item!r}: expected PROVIDER:LIMIT=N, e.g. zapmail:per-minute=200")
        overrides.setdefault(provider, {})[name] = int(value)
    return overrides


def make_simulator(args):
    """The simulator the command line describes; what it loads is the start state resets return to."""
    from .app import Simulator
    from .core.errors import SimError
    from .core.journal import DEFAULT_SIZE

    from .providers.litemail.routes import load_override

    try:
        override = load_override(args.routes_override) if getattr(args, "routes_override", None) else None
        sim = Simulator(default_world=not args.no_default_world, fixtures=args.fixtures, seed=args.seed,
                        clock_rate=args.clock_rate, freeze_clock=args.freeze_clock,
                        journal_size=getattr(args, "journal_size", None) or DEFAULT_SIZE,
                        rate_limits=getattr(args, "rate_limits", False),
                        rate_limit_overrides=parse_limit_overrides(getattr(args, "rate_limit", [])),
                        routes_override=override,
                        webhook_allowed_hosts=getattr(args, "webhook_allow_host", []),
                        journal_bodies=getattr(args, "journal_bodies", 0) or 0)
        sim.drift.set(getattr(args, "drift", None))
        state_file = getattr(args, "state_file", None)
        if state_file and os.path.exists(state_file):
            sim.control.restore(orjson.loads(Path(state_file).read_bytes()))
            sim.loaded = list(sim.world.accounts.values())
            if getattr(args, "webhook_allow_host", []):  # a world snapshot carries its own settings
                sim.world.settings["webhook_allowed_hosts"] = list(args.webhook_allow_host)
        for provider, keys in (("zapmail", getattr(args, "zapmail_key", [])),
                               ("litemail", getattr(args, "litemail_key", []))):
            for key in keys:
                if sim.world.account_for_key(key) is None:
                    sim.loaded += sim.control.seed({"accounts": [{"provider": provider, "apiKey": key}]})
        sim.control.mark_start()
    except (OSError, ValueError, SimError) as exc:
        raise SystemExit(f"mailbox-simulator: {exc}") from None
    return sim, sim.loaded


def write_state(sim, path: str) -> None:
    """Atomically, so a kill during the write never leaves a half file to restore from."""
    tmp = f"{path}.tmp"
    Path(tmp).write_bytes(orjson.dumps(sim.control.export()))
    os.replace(tmp, path)


def serve(args) -> int:
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s",
                        stream=sys.stderr)
    sim, loaded = make_simulator(args)
    base = f"http://{args.host}:{args.port}"
    print(f"mailbox-simulator {__version__} on {base}", flush=True)
    print(f"  Zapmail base URL:  {base}/api   (header x-auth-zapmail)", flush=True)
    print(f"  LiteMail base URL: {base}       (header x-api-key)", flush=True)
    print(f"  control plane:     {base}/_sim/ (described at {base}/_sim/openapi.json)", flush=True)
    print(f"  inspector:         {base}/_sim/ui", flush=True)
    if args.rate_limits:
        print("  rate limits:       enforced (GET /_sim/rate-limits)", flush=True)
    if sim.drift.active:
        print(f"  DRIFTING:          {sim.drift.active.name} ({sim.drift.active.description})", flush=True)
    for account in loaded:
        # Demo keys of the embedded world are public test data, printed so a user can start.
        print(f"  {account.dialect} account {account.email}: API key {account.api_keys[0]}", flush=True)
    server = _Server(uvicorn.Config(sim.app, host=args.host, port=args.port, log_level=args.log_level,
                                    access_log=False))
    server.run()
    if args.state_file:
        write_state(sim, args.state_file)
        print(f"  state written to {args.state_file}", flush=True)
    return 0


class _Server(uvicorn.Server):
    """uvicorn re-raises SIGTERM/SIGINT after its graceful shutdown, so the process would end with
    status 143; a test service stopped on purpose should exit 0."""

    @contextlib.contextmanager
    def capture_signals(self):
        with super().capture_signals():
            yield
            self.stop_signals = list(self._captured_signals)
            self._captured_signals.clear()


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "serve":
        return serve(args)
    if args.command == "import":
        from .importer import run
        return run(args)
    parser.print_help()
    return 0
