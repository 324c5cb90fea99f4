"""The reference copies under tests/reference equal shared/reference, where it is present (CI and
the team's workspace have it beside the checkout)."""
from __future__ import annotations

import pytest

from .reference import HERE, SHARED


@pytest.mark.parametrize("name", sorted(p.name for p in [*HERE.glob("*.yaml"), *HERE.glob("*.md")]))
def test_copy_is_current(name):
    original = SHARED / name
    if not original.exists():
        pytest.skip(f"{original} is not beside this checkout (a plain clone); the copy is used as is")
    assert (HERE / name).read_text() == original.read_text(), f"refresh tests/reference/{name} from {original}"
