"""Command line: `python -m simulator serve` (or the `mailbox-simulator` console script)."""
from __future__ import annotations

import argparse
import logging
import sys

from . import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mailbox-simulator",
                                     description="Local emulator of the Zapmail v2 and LiteMail APIs.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")
    serve = sub.add_parser("serve", help="serve the simulator over HTTP")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to bind (default 127.0.0.1; use 0.0.0.0 only inside a container)")
    serve.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080)")
    serve.add_argument("--fixtures", action="append", default=[], metavar="FILE",
                       help="load accounts from this fixture file (repeatable), after the default world")
    serve.add_argument("--no-default-world", action="store_true", help="start without the embedded demo accounts")
    serve.add_argument("--seed", type=int, default=2026, help="seed for generated ids and secrets (default 2026)")
    serve.add_argument("--clock-rate", type=float, default=1.0,
                       help="simulated seconds per real second (default 1.0)")
    serve.add_argument("--freeze-clock", action="store_true", help="start with the clock frozen")
    serve.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"],
                       help="log level (default info); one line per request at info")
    return parser


def make_simulator(args):
    from .app import Simulator
    from .core.clock import VirtualClock
    from .core.store import World
    from .worldfile import default_world_path, load_file

    world = World(seed=args.seed, clock=VirtualClock(rate=args.clock_rate, frozen=args.freeze_clock))
    sim = Simulator(world)
    loaded = []
    if not args.no_default_world:
        loaded += load_file(world, default_world_path(), sim.dialects)
    for path in args.fixtures:
        loaded += load_file(world, path, sim.dialects)
    return sim, loaded


def serve(args) -> int:
    import uvicorn

    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s",
                        stream=sys.stderr)
    sim, loaded = make_simulator(args)
    base = f"http://{args.host}:{args.port}"
    print(f"mailbox-simulator {__version__} on {base}", flush=True)
    print(f"  Zapmail base URL:  {base}/api   (header x-auth-zapmail)", flush=True)
    print(f"  control plane:     {base}/_sim/health, {base}/_sim/routes", flush=True)
    for account in loaded:
        # Demo keys of the embedded world are public test data, printed so a user can start.
        print(f"  demo {account.dialect} account {account.email}: API key {account.api_keys[0]}", flush=True)
    uvicorn.run(sim.app, host=args.host, port=args.port, log_level=args.log_level, access_log=False)
    return 0


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "serve":
        return serve(args)
    parser.print_help()
    return 0
