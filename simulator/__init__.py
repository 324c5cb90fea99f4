"""A local, stateful emulator of the Zapmail v2 and LiteMail APIs.

    from simulator import Simulator

    with Simulator(default_world=True, freeze_clock=True) as sim:
        account = sim.create_account("zapmail", walletBalance=100)
        account.client.get("/v2/users")
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Simulator", "RemoteSimulator", "ControlAPI", "SimAccount", "SimulatorError", "__version__",
           "AccountInfo", "ClockState", "FaultRule", "JournalEntry", "ProviderInfo", "RateLimitState",
           "ResetOutcome", "RouteInfo", "Snapshot", "StubRule", "Verification"]

if TYPE_CHECKING:  # what a type checker sees; at run time the same names load on first use
    from .app import Simulator
    from .client import ControlAPI, RemoteSimulator, SimAccount, SimulatorError
    from .results import (AccountInfo, ClockState, FaultRule, JournalEntry, ProviderInfo, RateLimitState,
                          ResetOutcome, RouteInfo, Snapshot, StubRule, Verification)

_HOMES = {"Simulator": "app", "RemoteSimulator": "client", "ControlAPI": "client", "SimAccount": "client",
          "SimulatorError": "client"}


def __getattr__(name: str) -> Any:
    # Imported on first use: `python -m simulator --version` and the pytest plugin's start-up
    # should not pay for Starlette, pydantic and the providers.
    import importlib

    if name in _HOMES:
        return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    if name in __all__:
        return getattr(importlib.import_module(".results", __name__), name)
    raise AttributeError(f"module 'simulator' has no attribute {name!r}")
