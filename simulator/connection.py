"""Losing a connection on purpose, for the dropped-connection fault.

Over a socket the client must see the connection close with no response at all, as when a
proxy or the provider dies mid-call. Under uvicorn the ASGI `send` is bound to the request cycle,
which owns the transport: closing it is exactly that. Elsewhere (the in-process client, another
server) the app raises ConnectionDropped, which is the error httpx raises for a real server
that disconnects without answering.
"""
from __future__ import annotations

import asyncio

DROP_KEY = "simulator.drop"
MESSAGE = "Server disconnected without sending a response."


def __getattr__(name: str):
    # ConnectionDropped is an httpx error, defined beside the in-process transport that raises it,
    # so a server never imports httpx
    if name == "ConnectionDropped":
        from .inprocess import ConnectionDropped

        return ConnectionDropped
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


async def drop_connection(send) -> None:
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None or not hasattr(transport, "close"):
        from .inprocess import ConnectionDropped

        raise ConnectionDropped()
    transport.close()
    # connection_lost runs on the next loop turns; once it has, the server treats the cycle as
    # disconnected and neither answers 500 nor logs an error.
    for _ in range(5):
        if getattr(cycle, "disconnected", True):
            break
        await asyncio.sleep(0)


class DropAware:
    """Wraps the ASGI app: once a handler marks the request dropped, nothing it sends reaches the
    client and the connection is closed instead. (A class with async __call__, so servers detect
    ASGI 3.)"""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        dropped: list = []
        scope[DROP_KEY] = dropped

        async def send_unless_dropped(message) -> None:
            if not dropped:
                await send(message)

        await self.app(scope, receive, send_unless_dropped)
        if dropped:
            await drop_connection(send)
