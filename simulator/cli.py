"""Command line: `python -m simulator serve` (or the `mailbox-simulator` console script), and
`mailbox-simulator contract` (the contract suite against a server). The serve options are the
fields of one settings model (simulator/settings.py)."""
from __future__ import annotations

import argparse
import contextlib
import logging
import socket
from typing import Any, Callable, Iterator, NoReturn, Optional, Sequence

import uvicorn

from . import __version__
from .http_protocol import protocol_class
from .settings import BadSetting, ServeSettings, add_arguments, resolve, stray_variables
from .startup import bind, describe, fail, public_keys, shown_key
from .statefile import StateFile, StateFileError, WriteBehind, write_state  # noqa: F401 (tests, scripts)

PROG = "mailbox-simulator"
BANNER_ACCOUNTS = 20  # a state file may hold thousands


class Parser(argparse.ArgumentParser):
    """Errors are one line and exit 2; `serve` comes back with every setting resolved (flags over
    MAILSIM_* variables over defaults) on the namespace, and the model itself as `.settings`."""

    def error(self, message: str) -> NoReturn:  # one line and status 2, like every other start-up error
        fail(message)

    def parse_known_args(self, args: Optional[Sequence[str]] = None,  # type: ignore[override]
                         namespace: Optional[argparse.Namespace] = None) -> tuple[argparse.Namespace, list[str]]:
        parsed, rest = super().parse_known_args(args, namespace)
        if getattr(parsed, "command", None) == "serve" and not hasattr(parsed, "settings"):
            given = {k: v for k, v in vars(parsed).items() if k in ServeSettings.model_fields}
            try:
                settings = resolve(given)
            except BadSetting as exc:
                self.error(str(exc))
            for name in ServeSettings.model_fields:
                setattr(parsed, name, getattr(settings, name))
            parsed.settings = settings
        return parsed, rest


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog=PROG, description="Local emulator of the Zapmail v2 and LiteMail APIs. Every serve "
                                           "option has one environment variable, MAILSIM_<OPTION> (--clock-rate: "
                                           "MAILSIM_CLOCK_RATE); a flag on the command line wins.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    serve = sub.add_parser("serve", help="serve the simulator over HTTP",
                           description="Serve the simulator. Each option shows its environment variable.")
    add_arguments(serve)
    sub.add_parser("contract", add_help=False, help="run the contract suite against a server "
                                                    "(--target-url URL --api-key KEY --provider zapmail|litemail)",
                   description="Run the contract suite: every option of `pytest contract_tests` (see "
                               "`mailbox-simulator contract --help`).")
    from .importer import add_arguments as import_arguments

    import_arguments(sub.add_parser("import", help="copy a real account (read-only) into a fixture file"))
    return parser


def make_simulator(args: Any) -> tuple[Any, list[Any]]:
    """The simulator the settings describe; what it loads is the start state resets return to.
    `args` is the parsed namespace or a ServeSettings. A bad option file, state file or fixture is
    one line and exit status 2, never a traceback."""
    from .app import Simulator
    from .core.errors import SimError
    from .providers.litemail.routes import load_override

    settings: ServeSettings = getattr(args, "settings", args)
    try:
        state = StateFile(settings.state_file) if settings.state_file else None
        saved = state.prepare() if state else None
        override = load_override(settings.routes_override) if settings.routes_override else None
        sim = Simulator(default_world=settings.default_world, fixtures=settings.fixtures, seed=settings.seed,
                        clock_rate=settings.clock_rate, freeze_clock=settings.freeze_clock,
                        journal_size=settings.journal_size, rate_limits=settings.rate_limits,
                        rate_limit_overrides=settings.limit_overrides(), routes_override=override,
                        webhook_allowed_hosts=settings.webhook_allow_host, control_token=settings.control_token,
                        control_hosts=settings.control_host, fixtures_dir=settings.fixtures_dir,
                        journal_bodies=settings.journal_bodies)
        sim.drift.set(settings.drift)
        if saved is not None:  # allowed webhook hosts stay the command line's (a restore never widens them)
            try:
                sim.control.restore(saved)
            except SimError as exc:
                raise StateFileError(f"state file {state.path}: {exc.message}") from None
            sim.loaded = list(sim.world.accounts.values())
        for provider, keys in (("zapmail", settings.zapmail_key), ("litemail", settings.litemail_key)):
            for key in keys:
                if sim.world.account_for_key(key) is None:
                    sim.loaded += sim.control.seed({"accounts": [{"provider": provider, "apiKey": key}]})
        sim.control.mark_start()
    except StateFileError as exc:
        fail(str(exc))
    except SimError as exc:
        fail(exc.message)
    except Exception as exc:  # noqa: BLE001 - a bad option file or fixture: one line, exit status 2
        fail(describe(exc))
    return sim, sim.loaded


def banner(sim: Any, loaded: list[Any], settings: ServeSettings, port: int) -> None:
    from . import logs
    from .admin.basics import client_base

    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    base = f"http://{host}:{port}"
    urls = {d.name: base + client_base(d) for d in sim.dialects}
    lines = [f"{PROG} {__version__} ready on {base}"]
    for d in sim.dialects:
        lines.append(f"  {d.name} base URL: {urls[d.name]}   (header {d.auth_header})")
    lines.append(f"  control plane: {base}/_sim/ (described at {base}/_sim/openapi.json)")
    lines.append(f"  inspector: {base}/_sim/ui")
    if sim.guard.token:
        lines.append("  control token: required on /_sim (header X-Control-Token)")
    if settings.rate_limits:
        lines.append("  rate limits: enforced (GET /_sim/rate-limits)")
    if sim.drift.active:
        lines.append(f"  DRIFTING: {sim.drift.active.name} ({sim.drift.active.description})")
    # Keys of the accounts loaded at start: the demo world's are public test data, printed so a
    # user can begin; keys the user configured are masked.
    public = public_keys()
    accounts = [{"provider": a.dialect, "email": a.email,
                 "apiKey": shown_key(a.api_keys[0], public) if a.api_keys else "(none)"}
                for a in loaded[:BANNER_ACCOUNTS]]
    lines += [f"  {a['provider']} account {a['email']}: API key {a['apiKey']}" for a in accounts]
    if len(loaded) > BANNER_ACCOUNTS:
        lines.append(f"  ... and {len(loaded) - BANNER_ACCOUNTS} more accounts (GET /_sim/accounts)")
    logs.ready("\n".join(lines), url=base, port=port, baseUrls=urls, accounts=accounts,
               drift=sim.drift.active.name if sim.drift.active else None)


def serve(args: argparse.Namespace) -> int:
    from . import logs

    settings: ServeSettings = args.settings
    logs.configure(settings.log_level, settings.log_format)
    for warning in stray_variables():
        logging.getLogger("simulator").warning(warning)
    sim, loaded = make_simulator(settings)
    app, writer = sim.app, None
    if settings.state_file:
        writer = WriteBehind(StateFile(settings.state_file), sim.control.export)
        app = writer.wrap(sim.app)
    sock = bind(settings.host, settings.port)
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level=settings.log_level, access_log=False, log_config=None,
                            http=protocol_class())
    server = _Server(config, on_started=lambda: banner(sim, loaded, settings, port))
    if writer is not None:
        writer.start()
    server.run(sockets=[sock])
    if writer is not None:
        try:
            writer.stop()
        except OSError as exc:
            logging.getLogger("simulator").error("could not write the state file %s: %s", settings.state_file, exc)
            return 1
        logging.getLogger(logs.READY).info("state written to %s", settings.state_file)
    return 0


class _Server(uvicorn.Server):
    """uvicorn's server, announcing itself once it listens, and exiting 0 on SIGTERM/SIGINT
    (uvicorn re-raises the signal after its graceful shutdown, so the process would end with
    status 143; a test service stopped on purpose should exit 0)."""

    def __init__(self, config: uvicorn.Config, on_started: Callable[[], None]):
        super().__init__(config)
        self._on_started = on_started

    async def startup(self, sockets: Optional[list[socket.socket]] = None) -> None:
        await super().startup(sockets)
        if self.started:
            self._on_started()

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        with super().capture_signals():
            yield
            self.stop_signals = list(self._captured_signals)
            self._captured_signals.clear()


def contract(argv: list[str]) -> int:
    from .contract_runner import run

    return run(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    if args.command == "contract":
        return contract(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.command == "serve":
        return serve(args)
    if args.command == "import":
        from .importer import run

        return run(args)
    parser.print_help()
    return 0
