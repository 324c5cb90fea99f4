"""The LiteMail half of the example suite, in the same style. The account's client is on
LiteMail's base URL, the server root, so paths read /v1/... as in LiteMail's docs."""
from __future__ import annotations

import httpx
import pytest


@pytest.fixture
def users_route(simulator, litemail_account):
    if "litemail.users.get" not in {r["operation"] for r in simulator.routes()}:
        pytest.skip("this simulator's LiteMail dialect does not serve GET /v1/users yet")
    return "litemail.users.get"


def test_reads_the_user_through_transient_failures(simulator, litemail_account, users_route):
    simulator.add_fault(users_route, status=503, first_n=1)
    first = litemail_account.client.get("/v1/users")
    assert first.status_code == 503
    second = litemail_account.client.get("/v1/users")
    assert second.status_code == 200
    simulator.assert_called(2, route_id=users_route, account=litemail_account)


def test_rate_limited_with_retry_after(simulator, litemail_account, users_route):
    simulator.add_fault(users_route, status=429, retry_after=5)
    r = litemail_account.client.get("/v1/users")
    assert r.status_code == 429 and r.headers["retry-after"] == "5"


def test_unknown_key_is_refused(simulator, litemail_account, users_route):
    with simulator.client("litemail", api_key="not-a-key") as client:
        with pytest.raises(httpx.HTTPStatusError):
            client.get("/v1/users").raise_for_status()
    assert litemail_account.client.get("/v1/users").status_code == 200
