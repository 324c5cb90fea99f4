"""Command line: `python -m simulator serve` (or the `mailbox-simulator` console script)."""
from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys

import uvicorn

from . import __version__
from .drift import PROFILES as DRIFT_PROFILES
from .startup import bind, describe, fail, public_keys, shown_key
from .statefile import StateFile, StateFileError, WriteBehind, write_state  # noqa: F401 (tests, scripts)


ENV_PREFIX = "MAILSIM_"
BANNER_ACCOUNTS = 20  # a state file may hold thousands


def _env(name: str, default, cast=str):
    """Every option can come from the environment (MAILSIM_<NAME>), which is how the Docker
    image is configured; a command-line flag wins over the environment."""
    raw = os.environ.get(ENV_PREFIX + name)
    if raw is None or raw == "":
        return default
    if cast is bool:
        return raw.strip().lower() in ("1", "true", "yes", "on")
    try:
        return cast(raw)
    except ValueError:
        fail(f"{ENV_PREFIX}{name}={raw!r} is not a valid value")


def _fixture_list(raw: str) -> list:
    return [p for p in raw.replace(",", os.pathsep).split(os.pathsep) if p]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line and status 2, like every other start-up error
        fail(f"{message} (see {self.prog} --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mailbox-simulator",
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
                       help="restore the world from this snapshot file at start if it exists; changes are "
                            "written to it within about a second, and on shutdown (env MAILSIM_STATE_FILE)")
    serve.add_argument("--control-token", default=_env("CONTROL_TOKEN", None), metavar="TOKEN",
                       help="every /_sim call must carry this token (header X-Control-Token or "
                            "Authorization: Bearer) (env MAILSIM_CONTROL_TOKEN)")
    serve.add_argument("--control-host", action="append", default=_env("CONTROL_HOSTS", [], _fixture_list),
                       metavar="NAME", help="a dotted host name the control plane answers to besides localhost, IP "
                                            "addresses and single-label names (repeatable; env "
                                            "MAILSIM_CONTROL_HOSTS, comma-separated)")
    serve.add_argument("--fixtures-dir", default=_env("FIXTURES_DIR", None), metavar="DIR",
                       help="directory POST /_sim/seed {\"path\"} may read fixture files from; without it, "
                            "seeding takes documents only (env MAILSIM_FIXTURES_DIR)")
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
            fail(f"--rate-limit {item!r}: expected PROVIDER:LIMIT=N, e.g. zapmail:per-minute=200")
        overrides.setdefault(provider, {})[name] = int(value)
    return overrides


def make_simulator(args):
    """The simulator the command line describes; what it loads is the start state resets return to."""
    from .app import Simulator
    from .core.errors import SimError
    from .core.journal import DEFAULT_SIZE

    from .providers.litemail.routes import load_override

    try:
        state = StateFile(args.state_file) if getattr(args, "state_file", None) else None
        saved = state.prepare() if state else None
        override = load_override(args.routes_override) if getattr(args, "routes_override", None) else None
        sim = Simulator(default_world=not args.no_default_world, fixtures=args.fixtures, seed=args.seed,
                        clock_rate=args.clock_rate, freeze_clock=args.freeze_clock,
                        journal_size=getattr(args, "journal_size", None) or DEFAULT_SIZE,
                        rate_limits=getattr(args, "rate_limits", False),
                        rate_limit_overrides=parse_limit_overrides(getattr(args, "rate_limit", [])),
                        routes_override=override,
                        webhook_allowed_hosts=getattr(args, "webhook_allow_host", []),
                        control_token=getattr(args, "control_token", None),
                        control_hosts=getattr(args, "control_host", []),
                        fixtures_dir=getattr(args, "fixtures_dir", None),

                        journal_bodies=getattr(args, "journal_bodies", 0) or 0)
        sim.drift.set(getattr(args, "drift", None))
        if saved is not None:  # allowed webhook hosts stay the command line's (a restore never widens them)
            try:
                sim.control.restore(saved)
            except SimError as exc:
                raise StateFileError(f"state file {state.path}: {exc.message}") from None
            sim.loaded = list(sim.world.accounts.values())
        for provider, keys in (("zapmail", getattr(args, "zapmail_key", [])),
                               ("litemail", getattr(args, "litemail_key", []))):
            for key in keys:
                if sim.world.account_for_key(key) is None:
                    sim.loaded += sim.control.seed({"accounts": [{"provider": provider, "apiKey": key}]})
        sim.control.mark_start()
    except StateFileError as exc:
        fail(str(exc))
    except SimError as exc:
        fail(exc.message)
    except Exception as exc:  # a bad option file or fixture: one line, exit status 2, no traceback
        fail(describe(exc))
    return sim, sim.loaded


def serve(args) -> int:
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s",
                        stream=sys.stderr)
    sim, loaded = make_simulator(args)
    app, writer = sim.app, None
    if args.state_file:
        writer = WriteBehind(StateFile(args.state_file), sim.control.export)
        app = writer.wrap(sim.app)
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
    if sim.guard.token:
        print("  control token:     required on /_sim (header X-Control-Token)", flush=True)
    public = public_keys()
    for account in loaded[:BANNER_ACCOUNTS]:
        # Demo keys of the embedded world are public test data, printed so a user can start;
        # keys the user configured are masked.
        key = shown_key(account.api_keys[0], public) if account.api_keys else "(none)"
        print(f"  {account.dialect} account {account.email}: API key {key}", flush=True)
    if len(loaded) > BANNER_ACCOUNTS:
        print(f"  ... and {len(loaded) - BANNER_ACCOUNTS} more accounts (GET /_sim/accounts)", flush=True)
    server = _Server(uvicorn.Config(app, host=args.host, port=args.port, log_level=args.log_level,
                                    access_log=False))
    sock = bind(args.host, args.port)
    if writer is not None:
        writer.start()
    server.run(sockets=[sock])
    if writer is not None:
        try:
            writer.stop()
        except OSError as exc:
            print(f"mailbox-simulator: could not write the state file {args.state_file}: {exc}", file=sys.stderr,
                  flush=True)
            return 1
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
