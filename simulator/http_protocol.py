"""uvicorn's HTTP protocol, with each answer written to the socket once.

uvicorn writes an answer's status line and headers as soon as the app starts it, then its body in
a second write. Each write of a socket with nothing queued is a system call and, with Nagle off,
a packet of its own that wakes the client: under load that was a quarter of the server's CPU
time per request. Here the protocol's transport collects what one turn of the event loop writes
and sends it as one write at the end of the turn (the same bytes, in the same order, a few
microseconds later), so a whole answer, or several to a pipelining client, leaves in one.
Closing the connection sends what was collected first; aborting it drops it, as a plain
transport would.
"""
from __future__ import annotations

import asyncio
import functools
from typing import Any


class OneWriteTransport:
    """A transport that gathers writes until the end of the loop's turn (see the module's text);
    everything else is the wrapped transport's."""

    __slots__ = ("_transport", "_parts", "_loop")

    def __init__(self, transport: Any, loop: asyncio.AbstractEventLoop) -> None:
        self._transport, self._parts, self._loop = transport, [], loop

    def write(self, data: bytes) -> None:
        if not data:
            return
        if not self._parts:
            self._loop.call_soon(self.flush)
        self._parts.append(data)

    def writelines(self, chunks) -> None:
        for data in chunks:
            self.write(data)

    def flush(self) -> None:
        parts = self._parts
        if parts:
            self._parts = []
            if not self._transport.is_closing():  # a peer that left gets nothing, as a plain transport
                self._transport.write(parts[0] if len(parts) == 1 else b"".join(parts))

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def write_eof(self) -> None:
        self.flush()
        self._transport.write_eof()

    def abort(self) -> None:
        self._parts = []
        self._transport.abort()

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + sum(len(p) for p in self._parts)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


@functools.lru_cache(maxsize=None)
def protocol_class(prefer: str = "auto") -> type:
    """The HTTP protocol uvicorn's "auto" would pick (httptools when installed, else h11), with
    its transport wrapped in OneWriteTransport."""
    base: type
    if prefer in ("auto", "httptools"):
        try:
            from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as base
        except ImportError:
            if prefer == "httptools":
                raise
            from uvicorn.protocols.http.h11_impl import H11Protocol as base
    else:
        from uvicorn.protocols.http.h11_impl import H11Protocol as base

    class OneWriteProtocol(base):  # type: ignore[valid-type, misc]
        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(OneWriteTransport(transport, asyncio.get_running_loop()))

    OneWriteProtocol.__name__ = OneWriteProtocol.__qualname__ = f"OneWrite{base.__name__}"
    return OneWriteProtocol
