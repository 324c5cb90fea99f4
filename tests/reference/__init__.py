"""Copies of the reference files the tests read (from shared/reference, beside the checkout in CI
and in the team's workspace), so that a clone alone runs every test. test_reference_copies checks
they still equal the originals wherever those are present."""
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[3] / "shared" / "reference"


def path(name: str) -> Path:
    return HERE / name
