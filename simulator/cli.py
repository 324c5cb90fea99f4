"""Command line: `python -m simulator serve` (or the `mailbox-simulator` console script), and
`mailbox-simulator contract` (the contract suite against a server). The serve options are the
fields of one settings model (simulator/settings.py)."""
from __future__ import annotations

import argparse
import contextlib
import logging
import os
import socket
from pathlib import Path
from typing import Any, Callable, Iterator, NoReturn, Optional, Sequence

import orjson
import uvicorn

from . import __version__
from .settings import BadSetting, ServeSettings, add_arguments, resolve, stray_variables

PROG = "mailbox-simulator"


class Parser(argparse.ArgumentParser):
    """Errors are one line and exit 2; `serve` comes back with every setting resolved (flags over
    MAILSIM_* variables over defaults) on the namespace, and the model itself as `.settings`."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message}\n")

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
    return parser


def make_simulator(args: Any) -> tuple[Any, list[Any]]:
    """The simulator the settings describe; what it loads is the start state resets return to.
    `args` is the parsed namespace or a ServeSettings."""
    from .app import Simulator
    from .core.errors import SimError
    from .providers.litemail.routes import load_override

    settings: ServeSettings = getattr(args, "settings", args)
    try:
        override = load_override(settings.routes_override) if settings.routes_override else None
        sim = Simulator(default_world=settings.default_world, fixtures=settings.fixtures, seed=settings.seed,
                        clock_rate=settings.clock_rate, freeze_clock=settings.freeze_clock,
                        journal_size=settings.journal_size, rate_limits=settings.rate_limits,
                        rate_limit_overrides=settings.limit_overrides(), routes_override=override,
                        webhook_allowed_hosts=settings.webhook_allow_host)
        sim.drift.set(settings.drift)
        state_file = settings.state_file
        if state_file and os.path.exists(state_file):
            sim.control.restore(orjson.loads(Path(state_file).read_bytes()))
            sim.loaded = list(sim.world.accounts.values())
            if settings.webhook_allow_host:  # a world snapshot carries its own settings
                sim.world.settings["webhook_allowed_hosts"] = list(settings.webhook_allow_host)
        for provider, keys in (("zapmail", settings.zapmail_key), ("litemail", settings.litemail_key)):
            for key in keys:
                if sim.world.account_for_key(key) is None:
                    sim.loaded += sim.control.seed({"accounts": [{"provider": provider, "apiKey": key}]})
        sim.control.mark_start()
    except (OSError, ValueError, SimError) as exc:
        raise SystemExit(f"{PROG}: {exc}") from None
    return sim, sim.loaded


def write_state(sim: Any, path: str) -> None:
    """Atomically, so a kill during the write never leaves a half file to restore from."""
    tmp = f"{path}.tmp"
    Path(tmp).write_bytes(orjson.dumps(sim.control.export()))
    os.replace(tmp, path)


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound before anything is announced: a port in use is one line and
    no banner; port 0 becomes the port the OS chose."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise SystemExit(f"{PROG}: cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


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
    if settings.rate_limits:
        lines.append("  rate limits: enforced (GET /_sim/rate-limits)")
    if sim.drift.active:
        lines.append(f"  DRIFTING: {sim.drift.active.name} ({sim.drift.active.description})")
    # Keys of the accounts loaded at start (the demo world's are public test data), so a user can begin.
    accounts = [{"provider": a.dialect, "email": a.email, "apiKey": a.api_keys[0]} for a in loaded]
    lines += [f"  {a['provider']} account {a['email']}: API key {a['apiKey']}" for a in accounts]
    logs.ready("\n".join(lines), url=base, port=port, baseUrls=urls, accounts=accounts,
               drift=sim.drift.active.name if sim.drift.active else None)


def serve(args: argparse.Namespace) -> int:
    from . import logs

    settings: ServeSettings = args.settings
    logs.configure(settings.log_level, settings.log_format)
    for warning in stray_variables():
        logging.getLogger("simulator").warning(warning)
    sim, loaded = make_simulator(settings)
    sock = bind(settings.host, settings.port)
    port = sock.getsockname()[1]
    config = uvicorn.Config(sim.app, log_level=settings.log_level, access_log=False, log_config=None)
    server = _Server(config, on_started=lambda: banner(sim, loaded, settings, port))
    server.run(sockets=[sock])
    if settings.state_file:
        write_state(sim, settings.state_file)
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
    parser.print_help()
    return 0
