"""Fixture files: the embedded default world and any file a user passes with --fixtures."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

import orjson

from .core.bulk import paused_gc
from .core.store import World
from .domain import seeding

HERE = Path(__file__).resolve().parent
# Installed wheels carry the fixtures inside the package; a checkout has them at the top level.
_CANDIDATES = (HERE / "_fixtures", HERE.parent / "fixtures")


def fixtures_dir() -> Path:
    for path in _CANDIDATES:
        if (path / "default_world.json").is_file():
            return path
    raise FileNotFoundError("default_world.json not found in " + ", ".join(map(str, _CANDIDATES)))


def default_world_path() -> Path:
    return fixtures_dir() / "default_world.json"


def load_file(world: World, path: "str | os.PathLike[str]", dialects: Iterable) -> list:
    with paused_gc():
        doc = orjson.loads(Path(path).read_bytes())
        return load_document(world, doc, dialects)


def load_document(world: World, doc: dict, dialects: Iterable) -> list:
    by_name = {d.name: d for d in dialects}
    loaded = []
    for spec in doc.get("accounts", []):
        dialect = by_name.get(spec.get("provider"))
        if dialect is None:
            raise ValueError(f"fixture account has unknown provider {spec.get('provider')!r}")
        loaded.append(seeding.load_account(world, dialect.name, spec, dialect.account_defaults()))
    return loaded
