"""Building many objects at once (a fixture, a seed, a snapshot restore) with the cyclic garbage
collector paused: each of its passes walks every tracked object, and a world of 100,000 mailboxes
set off dozens of them while it was being built (a quarter of its load time). Reference counting
still frees what the build drops; the collector resumes after the outermost build ends."""
from __future__ import annotations

import contextlib
import gc
import threading

_lock = threading.Lock()
_depth = 0
_resume = False


@contextlib.contextmanager
def paused_gc():
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
