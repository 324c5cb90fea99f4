"""A local, stateful emulator of the Zapmail v2 and LiteMail APIs.

    from simulator import Simulator

    with Simulator(default_world=True, freeze_clock=True) as sim:
        account = sim.create_account("zapmail", walletBalance=100)
        account.client.get("/v2/users")
"""
__version__ = "0.1.0"

__all__ = ["Simulator", "RemoteSimulator", "SimAccount", "SimulatorError", "__version__"]


def __getattr__(name):
    # Imported on first use: `python -m simulator --version` and the pytest plugin's start-up
    # should not pay for Starlette, pydantic and the providers.
    if name == "Simulator":
        from .app import Simulator
        return Simulator
    if name in ("RemoteSimulator", "SimAccount", "SimulatorError"):
        from . import client
        return getattr(client, name)
    raise AttributeError(f"module 'simulator' has no attribute {name!r}")
