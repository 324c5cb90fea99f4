"""httpx transports that call the ASGI app in-process: no socket, no port.

The synchronous one runs the app on one event loop in a daemon thread (so a forgotten close()
never keeps the interpreter alive), and ordinary sync httpx clients work, concurrently if need
be. Both honour the client's read timeout (the ASGI transport alone ignores it), so a latency
fault makes a client time out as it would over the network.
"""
from __future__ import annotations

import asyncio
import threading
from typing import Any, Optional

import httpx

from .client import IN_PROCESS_URL  # noqa: F401  (its home was here)
from .connection import MESSAGE


class ConnectionDropped(httpx.RemoteProtocolError):
    """What httpx raises for a server that disconnects without answering (a dropped-connection
    fault, in-process)."""

    def __init__(self, message: str = MESSAGE):
        super().__init__(message)


def read_timeout(request: httpx.Request) -> Optional[float]:
    limit = (request.extensions.get("timeout") or {}).get("read")
    return float(limit) if limit else None


class InProcessTransport(httpx.BaseTransport):
    def __init__(self, app: Any) -> None:
        self._asgi = httpx.ASGITransport(app=app)
        self._lock = threading.Lock()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None

    def _get_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                self._thread = threading.Thread(target=self._loop.run_forever, daemon=True,
                                                name="simulator-in-process")
                self._thread.start()
            return self._loop

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        limit = read_timeout(request)

        async def run() -> tuple[int, httpx.Headers, bytes]:
            inner = httpx.Request(request.method, request.url, headers=request.headers, content=body)
            response = await self._asgi.handle_async_request(inner)
            return response.status_code, response.headers, await response.aread()

        async def bounded() -> tuple[int, httpx.Headers, bytes]:
            return await asyncio.wait_for(run(), limit) if limit else await run()

        future = asyncio.run_coroutine_threadsafe(bounded(), self._get_loop())
        try:
            status, headers, content = future.result()
        except (asyncio.TimeoutError, TimeoutError):
            raise httpx.ReadTimeout(f"no response within {limit} s", request=request) from None
        return httpx.Response(status, headers=headers, content=content)

    def close(self) -> None:
        """Clients share this transport; closing one client must not stop the others."""

    def shutdown(self) -> None:
        with self._lock:
            if self._loop is not None and self._thread is not None:
                self._loop.call_soon_threadsafe(self._loop.stop)
                self._thread.join(timeout=5)
                self._loop.close()
            self._loop = self._thread = None


class AsyncInProcessTransport(httpx.AsyncBaseTransport):
    """The ASGI transport, with the client's read timeout applied: a latency fault longer than
    the timeout raises httpx.ReadTimeout, as over a socket."""

    def __init__(self, app: Any) -> None:
        self._asgi = httpx.ASGITransport(app=app)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        limit = read_timeout(request)
        try:
            return await asyncio.wait_for(self._asgi.handle_async_request(request), limit)
        except (asyncio.TimeoutError, TimeoutError):
            raise httpx.ReadTimeout(f"no response within {limit} s", request=request) from None

    async def aclose(self) -> None:
        await self._asgi.aclose()
