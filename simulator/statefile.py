"""--state-file: the world on disk, written behind every change (at most about a second late) and
at a clean stop, so a killed simulator loses at most the last second.

Each write goes to `<file>.tmp`, is fsync'd, renamed over the file and the directory fsync'd: a
crash at any moment leaves either the previous complete file or the new one, never half of one.
A `.tmp` left by a crash is removed at start. The directory is checked at start, so a path that
cannot be written fails then (one line, exit status 2), not at the first write or at shutdown.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Callable, Optional

import orjson

log = logging.getLogger("simulator")
INTERVAL = 0.25  # seconds between checks for changes; a write takes a few ms for a typical world


class StateFileError(Exception):
    """The state file cannot be used; the message is one line for the operator."""


class StateFile:
    def __init__(self, path: str):
        self.path = Path(path).absolute()
        self.tmp = self.path.with_name(self.path.name + ".tmp")

    def prepare(self) -> Optional[dict]:
        """Check the directory, remove a stale temporary file, and return the saved world (None
        when there is none yet)."""
        folder = self.path.parent
        if not folder.is_dir():
            raise StateFileError(f"state file {self.path}: directory {folder} does not exist")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StateFileError(f"state file {self.path}: directory {folder} is not writable")
        if self.path.is_dir():
            raise StateFileError(f"state file {self.path} is a directory")
        for stale in folder.glob(self.tmp.name + "*"):
            stale.unlink(missing_ok=True)  # a write cut short by a crash; the file itself is whole
        if not self.path.exists():
            return None
        try:
            doc = orjson.loads(self.path.read_bytes())
        except (OSError, orjson.JSONDecodeError) as exc:
            raise StateFileError(f"state file {self.path} cannot be read: {exc}") from None
        if not isinstance(doc, dict):
            raise StateFileError(f"state file {self.path} is not a snapshot object")
        return doc

    def write(self, data: bytes) -> None:
        with open(self.tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(self.tmp, self.path)
        fd = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)  # the rename itself survives a power cut
        finally:
            os.close(fd)


class WriteBehind:
    """Writes `export()` to the state file within about a second of any request (the app is
    wrapped so every answer marks the world changed before it is sent), and once more at stop.

    Under a steady stream of requests the writer thread could wait a long time for the world lock
    (the serving thread takes it again before the writer wakes), so the serving thread itself
    takes the snapshot when one is due (a few ms for a typical world) and the thread only writes
    and fsyncs it; when requests stop, the thread snapshots on its own."""

    def __init__(self, state: StateFile, export: Callable[[], dict], interval: float = INTERVAL):
        self.state, self.export, self.interval = state, export, interval
        self._dirty = threading.Event()
        self._stop = threading.Event()
        self._ready = threading.Event()  # a snapshot waits in _pending
        self._lock = threading.Lock()  # one write at a time (the loop and the final write)
        self._pending: Optional[bytes] = None
        self._taken_at = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="state-file-writer", daemon=True)

    def wrap(self, app):
        async def marked(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)

            async def send_marked(message):
                if message["type"] == "http.response.start":
                    self._dirty.set()  # before the client can see the answer
                await send(message)
            await app(scope, receive, send_marked)
            if self._dirty.is_set() and time.monotonic() - self._taken_at >= self.interval:
                self._take()
        return marked

    def _take(self) -> None:
        self._dirty.clear()
        self._taken_at = time.monotonic()
        self._pending = orjson.dumps(self.export())
        self._ready.set()

    def start(self) -> "WriteBehind":
        self._thread.start()
        return self

    def flush(self) -> None:
        with self._lock:
            self._dirty.clear()
            self._ready.clear()
            self._pending = None
            self.state.write(orjson.dumps(self.export()))

    def _write_pending(self) -> None:
        with self._lock:
            data, self._pending = self._pending, None
            self._ready.clear()
            if data is not None:
                self.state.write(data)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._ready.wait(self.interval)
            try:
                if self._ready.is_set():
                    self._write_pending()
                elif self._dirty.is_set() and time.monotonic() - self._taken_at >= self.interval:
                    self._take()  # no request came to take it: the world is idle, its lock free
                    self._write_pending()
            except Exception as exc:  # a full disk must not stop the server; try again next time
                self._dirty.set()
                log.warning("could not write the state file %s: %s", self.state.path, exc)

    def stop(self) -> None:
        """Stop the loop and write the final state."""
        self._stop.set()
        self._ready.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self.flush()


def write_state(sim, path: str) -> None:
    """Write `sim`'s world to `path` now, atomically."""
    StateFile(path).write(orjson.dumps(sim.control.export()))
