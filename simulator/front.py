"""Provider requests skip Starlette.

Starlette's router tries each of the control plane's routes in turn before the catch-all that
reaches the provider dispatcher, and its application and error middleware wrap every request;
under load those were the app's largest own costs. This outermost layer sends a request whose path
is under a dialect's prefix, with a method the catch-all takes, straight to the dispatcher, doing
itself the two things the layers it skips did for it: a dropped request closes the connection
(connection.DropAware), and an error escaping the dispatcher is a plain 500 before the server logs
it (Starlette's ServerErrorMiddleware). Everything else (the control plane, other paths, other
methods) goes through Starlette as before, so every answer is the one it would have given."""
from __future__ import annotations

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import PlainTextResponse

from .connection import DROP_KEY, drop_connection


class ProviderFront:
    def __init__(self, app, sim, methods) -> None:  # app: what serves every other request
        self.app = app
        self.sim = sim
        self.methods = frozenset(methods)
        self.prefixes = tuple(d.prefix for d in sim.dialects)
        self.below = tuple(p + "/" for p in self.prefixes)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] in self.methods:
            path = scope["path"]
            if path.startswith(self.below) or path in self.prefixes:
                dropped: list = []
                scope[DROP_KEY] = dropped
                try:
                    response = await self.sim.dispatch(ProviderRequest(scope, receive, send))
                except Exception:
                    await PlainTextResponse("Internal Server Error", status_code=500)(scope, receive, send)
                    raise
                if dropped:
                    await drop_connection(send)
                else:
                    await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class ProviderHeaders(Headers):
    """Starlette's headers, each name's first value in a dict of text built once: a provider
    request reads its headers five to seven times (key, platform, content length...), always by
    a lower-case name, which is looked up as given before being lowered."""

    def __init__(self, scope) -> None:
        super().__init__(scope=scope)
        first: dict[str, str] = {}
        for name, value in self._list:
            name = name.decode("latin-1")
            if name not in first:
                first[name] = value.decode("latin-1")
        self._first = first

    def __getitem__(self, key: str) -> str:
        first = self._first
        value = first.get(key)
        if value is None:
            value = first.get(key.lower())
            if value is None:
                raise KeyError(key)
        return value

    def get(self, key: str, default=None):
        first = self._first
        value = first.get(key)
        if value is None:
            value = first.get(key.lower(), default)
        return value

    def __contains__(self, key) -> bool:
        first = self._first
        return key in first or (isinstance(key, str) and key.lower() in first)


class ProviderRequest(Request):
    def __init__(self, scope, receive, send) -> None:
        # Starlette's Request.__init__, field for field (the front only sends http scopes here)
        self.scope, self._receive, self._send = scope, receive, send
        self._stream_consumed = self._is_disconnected = False
        self._form = None
        self._headers = ProviderHeaders(scope)

    @property
    def headers(self) -> Headers:
        return self._headers


# Characters Starlette's URL rewrites or drops in a path or query (it rebuilds the URL and splits it
# again); a path or query without them reads straight from the scope, the same text without the
# cost of building the URL object.
_PATH_REWRITTEN = frozenset("?#\\\t\r\n")
_QUERY_REWRITTEN = frozenset("#\t\r\n")


def url_path(request: Request) -> str:
    path = request.scope["path"]
    if path.isascii() and _PATH_REWRITTEN.isdisjoint(path) and not path.startswith("//"):
        return path
    return request.url.path


def url_query(request: Request) -> str:
    raw = request.scope.get("query_string", b"")
    if not raw:
        return ""
    if raw.isascii():
        query = raw.decode()
        if _QUERY_REWRITTEN.isdisjoint(query):
            return query
    return request.url.query


def query_args(request: Request) -> dict:
    """The query's names and last values; most provider requests have none to parse."""
    return dict(request.query_params) if request.scope.get("query_string") else {}
