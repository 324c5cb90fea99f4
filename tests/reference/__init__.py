"""Copies of the reference files the tests read (from shared/reference, beside the checkout in CI
and in the team's workspace), so that a clone alone runs every test. test_reference_copies checks
they still equal the originals wherever those are present."""
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[3] / "shared" / "reference"


def path(name: str) -> Path:
    return HERE / name


def zapmail_tier(tier: str) -> list[tuple[str, str]]:
    """(method, path) of every endpoint in one tier of zapmail-v2-endpoints.md, in order, once
    each (two docs pages may share a route), paths as the simulator serves them below /api."""
    rows, inside = [], False
    for line in path("zapmail-v2-endpoints.md").read_text().splitlines():
        if line.startswith("## "):
            inside = line.startswith(f"## Tier {tier}:")
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not inside or len(cells) < 3:
            continue
        for i, cell in enumerate(cells[:-1]):
            nxt = cells[i + 1]
            if cell in ("GET", "POST", "PUT", "PATCH", "DELETE") and nxt.startswith("`"):
                route = (cell, nxt.strip("`").split(" ")[0].split("?")[0])
                if route not in rows:
                    rows.append(route)
                break
    return rows
