"""What the suite plans from a provider's OpenAPI document alone: which reads need nothing,
which lists page (and under which key), which parameters name a record or take an enum, which
operations share a scarce rate limit. The document is generated from the simulator's route
declarations, so nothing here is a second list of operations."""
from __future__ import annotations

from simulator.openapi import operation_index


def _ops(doc: dict):
    for op, info in sorted(operation_index(doc).items()):
        yield op, info["entry"], info["path"]


def _params(entry: dict, where: str) -> list[dict]:
    return [p for p in entry.get("parameters", []) if p["in"] == where]


def plain_reads(doc: dict) -> list[str]:
    """Reads answerable with no parameter and no body."""
    return [op for op, entry, path in _ops(doc)
            if entry["x-operation-class"] == "read" and "requestBody" not in entry and not _params(entry, "path")
            and not any(p["required"] for p in _params(entry, "query")) and "x-requires-one-of" not in entry]


def lists(doc: dict) -> dict[str, dict]:
    """Every list: operation -> {rows, id, paged}."""
    return {op: entry["x-paging"] for op, entry, _ in _ops(doc) if "x-paging" in entry}


def paged(doc: dict) -> dict[str, dict]:
    """Paged lists a call with no parameter can read."""
    plain = set(plain_reads(doc))
    return {op: p for op, p in lists(doc).items() if p["paged"] and op in plain}


def id_reads_by_query(doc: dict) -> list[tuple[str, str, str]]:
    """Reads whose query names one record: (operation, parameter, id kind)."""
    return [(op, p["name"], p["x-record-id"]) for op, entry, _ in _ops(doc) if entry["x-operation-class"] == "read"
            for p in _params(entry, "query") if "x-record-id" in p]


def id_reads_by_path(doc: dict) -> list[tuple[str, str]]:
    """Reads of one record by its path id: (operation, parameter)."""
    out = []
    for op, entry, _ in _ops(doc):
        names = [p["name"] for p in _params(entry, "path")]
        if entry["x-operation-class"] == "read" and len(names) == 1 and "requestBody" not in entry:
            out.append((op, names[0]))
    return out


def enum_reads(doc: dict) -> list[tuple[str, str]]:
    """Reads with a query parameter limited to an enum: (operation, parameter)."""
    return [(op, p["name"]) for op, entry, _ in _ops(doc) if entry["x-operation-class"] == "read"
            for p in _params(entry, "query") if "enum" in p["schema"]]


def scarce(doc: dict) -> set[str]:
    """Operations under a provider limit so tight the suite sends each only a couple of calls."""
    return {op for op, entry, _ in _ops(doc) if entry.get("x-rate-limit-group")}
