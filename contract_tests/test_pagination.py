"""Pages partition the list: walking every page at any limit yields the full list once, in order,
and the page counters agree with what the pages hold."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import zapmail_plan as zp

PROVIDER = "zapmail"  # conftest runs these tests against this provider only


@pytest.mark.parametrize("op", zp.PAGE_READS)
def test_pages_partition_the_list(provider, target, op):
    if provider != "zapmail":
        pytest.skip("Zapmail-specific plan")
    key = zp.PAGED[op][1]
    full_body = target.call(op, params={"page": 1, "limit": 1000}).json()
    full = [row[key] for row in zp.rows_of(op, full_body)]
    total = full_body["data"]["totalSearchedCount"]
    assert total == len(full), f"{op}: totalSearchedCount {total} but {len(full)} rows"

    @target.examples(min(target.max_examples, 4))
    @given(limit=st.integers(min_value=1, max_value=max(len(full), 1) + 1))
    def walk(limit):
        seen, page = [], 1
        pages = math.ceil(total / limit)
        while True:
            data = target.call(op, params={"page": page, "limit": limit}).json()["data"]
            rows = zp.rows_of(op, {"data": data})
            assert data["currentPage"] == page and data["totalPages"] == pages, (op, limit, page, data)
            assert data["totalSearchedCount"] == total
            assert len(rows) <= limit
            if not rows:
                break
            seen += [row[key] for row in rows]
            page += 1
            assert page <= pages + 1, f"{op}: more pages than totalPages"
        assert seen == full, f"{op}: pages at limit {limit} do not partition the list"
        assert page == pages + 1 or (pages == 0 and page == 1)

    walk()
