"""Zapmail query probes: out-of-range page arguments, unknown ids and values outside a documented
enum get a 400 or 404 in the error envelope, never a 5xx. All are reads."""
from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import zapmail_plan as zp

PROVIDER = "zapmail"  # conftest runs these tests against this provider only


@pytest.mark.parametrize("op", zp.PAGE_READS)
@pytest.mark.parametrize("page,limit", [(0, 10), (-1, 10), ("abc", 10), (1, 0), (1, -5), (1, "ten")])
def test_out_of_range_page_arguments_are_400(provider, target, op, page, limit):
    target.call(op, params={"page": page, "limit": limit}, expect="400")


UNKNOWN_IDS = {"uuid": st.uuids().map(str) | st.text(string.ascii_lowercase + string.digits, min_size=12, max_size=25),
               "integer": st.integers(min_value=10**6, max_value=10**12).map(str)}


@pytest.mark.parametrize("op,param,kind", zp.ID_READS)
def test_unknown_ids_are_404(provider, target, op, param, kind):

    @target.examples()
    @given(UNKNOWN_IDS[kind])
    def probe(unknown):
        target.call(op, params={param: unknown}, expect="404")

    probe()


@pytest.mark.parametrize("op,param,kind", zp.ID_READS)
def test_missing_required_query_is_400(provider, target, op, param, kind):
    target.call(op, expect="400")


@pytest.mark.parametrize("op,param", zp.ENUM_READS)
def test_values_outside_a_documented_enum_are_400(provider, target, op, param):
    documented = next(p["schema"]["enum"] for p in target.ops[op]["entry"]["parameters"] if p["name"] == param)

    @target.examples()
    @given(st.text(string.ascii_letters + "_", min_size=1, max_size=20).filter(lambda v: v not in documented))
    def probe(value):
        target.call(op, params={param: value}, expect="400")

    probe()
