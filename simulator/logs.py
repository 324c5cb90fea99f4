"""One log format for the simulator and uvicorn alike: text lines by default, or one JSON object
per line (`--log-format json`) for containers. The readiness line is logged whatever the level,
since it is how a person or a supervisor knows the server is up and where."""
from __future__ import annotations

import asyncio
import json
import logging
import sys
import time
from typing import Any, Optional, TextIO

READY = "simulator.ready"
_EXTRA_KEYS = ("ready",)


def _timestamp(record: logging.LogRecord) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z"


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = f"{_timestamp(record)} {record.levelname:<7} {record.name}: {record.getMessage()}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {"time": _timestamp(record), "level": record.levelname.lower(),
                                 "logger": record.name, "message": record.getMessage()}
        for key in _EXTRA_KEYS:
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class _CurrentStderr(logging.StreamHandler):
    """Writes to whatever sys.stderr is when a record is emitted: a caller that swaps it (a test's
    output capture) and closes the old one must not leave every later log line failing."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass


class _Batching:
    """Our handler's side of the access line (see AccessLog): lines written in one turn of the
    event loop go out in one write at the end of the turn; any other record flushes them first,
    so the output keeps the order the lines were made in."""

    pending: list

    def emit(self, record: logging.LogRecord) -> None:
        if self.pending:
            self.flush_pending()
        super().emit(record)  # type: ignore[misc]

    def add(self, text: str) -> bool:
        """Queue a line; True when it is the first of the turn (the caller schedules the write)."""
        self.acquire()  # type: ignore[attr-defined]
        try:
            self.pending.append(text)
            return len(self.pending) == 1
        finally:
            self.release()  # type: ignore[attr-defined]

    def flush(self) -> None:  # logging.shutdown flushes every handler at exit: queued lines too
        if self.pending:
            self.flush_pending()
        super().flush()  # type: ignore[misc]

    def flush_pending(self) -> None:
        self.acquire()  # type: ignore[attr-defined]
        try:
            if self.pending:
                text, self.pending[:] = "".join(self.pending), []
                stream = self.stream  # type: ignore[attr-defined]
                stream.write(text)
                stream.flush()
        except Exception:  # noqa: BLE001 - a log line must never fail a request (as logging does)
            self.pending.clear()
        finally:
            self.release()  # type: ignore[attr-defined]


class _Stream(_Batching, logging.StreamHandler):
    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self.pending = []


class _Stderr(_Batching, _CurrentStderr):
    def __init__(self) -> None:
        super().__init__()
        self.pending = []


class AccessLog:
    """The per-request access line. Through `logging` it cost 15-20 µs a request (a LogRecord,
    the caller's frame looked up, a formatted time, a write and a flush). When the only handler
    that would see the line is the one `configure` installed, the same text is made here (the
    time prefix once a second) and written once per turn of the event loop; otherwise (a test's
    log capture, a handler of the user's own) it goes through `logging` as any record."""

    def __init__(self, name: str = "simulator.access") -> None:
        self.logger = logging.getLogger(name)
        self._second = -1
        self._stamp = ""

    def request(self, method: str, path: str, status, elapsed_ms: float, account) -> None:
        """The line of one provider request: `GET /v2/users 200 0.3ms account=...` (status None:
        dropped). The path is shown as given: the caller escapes control characters."""
        logger = self.logger
        if not logger.isEnabledFor(logging.INFO):
            return
        message = f"{method} {path} {status or 'dropped'} {elapsed_ms:.1f}ms account={account or '-'}"
        handler = _direct_handler(logger)
        if handler is None:
            logger.info("%s", message)
            return
        now = time.time()
        second = int(now)
        if second != self._second:
            self._second, self._stamp = second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        stamp = f"{self._stamp}.{int((now - second) * 1000):03d}Z"
        if isinstance(handler.formatter, JsonFormatter):
            text = json.dumps({"time": stamp, "level": "info", "logger": logger.name, "message": message})
        else:
            text = f"{stamp} INFO    {logger.name}: {message}"
        if handler.add(text + handler.terminator):
            try:
                asyncio.get_running_loop().call_soon(handler.flush_pending)
            except RuntimeError:  # no event loop running here: write it now
                handler.flush_pending()


def _direct_handler(logger: logging.Logger):
    """Our handler, if it is the only one the logger's records reach and nothing filters them."""
    if logger.handlers or logger.filters or not logger.propagate:
        return None
    parent = logger.parent
    while parent is not None and not parent.handlers and parent.propagate and not parent.filters:
        parent = parent.parent
    if parent is None or parent.filters or len(parent.handlers) != 1:
        return None
    handler = parent.handlers[0]
    if not isinstance(handler, _Batching) or handler.filters or handler.level > logging.INFO:
        return None
    if parent is not logging.getLogger() and parent.propagate and parent.parent is not None:
        return None  # records would travel further up
    return handler


def configure(level: str, fmt: str, stream: Optional[TextIO] = None) -> None:
    handler = _Stream(stream) if stream is not None else _Stderr()
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    # Handlers pass everything; a logger's own level decides, and this one always speaks.
    logging.getLogger(READY).setLevel(logging.INFO)


def ready(message: str, **details: Any) -> None:
    logging.getLogger(READY).info(message, extra={"ready": details})
