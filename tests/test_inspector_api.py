"""The inspector's HTTP side: the page and its files are served from the package, and the two
views it reads (webhook deliveries with their attempts, payment links with their pages) answer
whole documented shapes."""
from __future__ import annotations

import socket
import time

import pytest

from simulator.app import Simulator


@pytest.fixture
def sim():
    s = Simulator(freeze_clock=True, seed=3)
    yield s
    s.close()


def test_the_page_and_its_files_are_served_with_no_outside_reference(sim):
    http = sim._http()
    page = http.get("/_sim/ui")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for name, media in (("ui.js", "text/javascript"), ("ui.css", "text/css")):
        answer = http.get(f"/_sim/ui/{name}")
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(media)
        assert f'/_sim/ui/{name}' in page.text
    for text in (page.text, http.get("/_sim/ui/ui.js").text, http.get("/_sim/ui/ui.css").text):
        assert "http://" not in text and "https://" not in text and "//cdn" not in text  # offline: nothing remote
    assert http.get("/_sim/ui/../app.py").status_code == 404
    assert http.get("/_sim/ui/index.html").json() == {"error": "No inspector file index.html"}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_webhook_deliveries_list_every_attempt(sim):
    lite = sim.seed({"provider": "litemail", "workspaces": [{"primary": True, "domains": [
        {"name": "hooks-demo.com", "status": "ACTIVE", "platform": "GOOGLE",
         "mailboxes": [{"firstName": "Ann", "lastName": "Lee", "username": "ann", "status": "IN_PROGRESS"}]}]}]})[0]
    url = f"http://127.0.0.1:{_closed_port()}/hooks"
    hook = lite.client.post("/webhooks", json={"url": url, "events": ["mailbox.updated"]}).json()["data"]
    sim.advance(3600)
    lite.client.get("/dashboard/mailbox-status-counts")
    deadline = time.monotonic() + 10
    while True:
        rows = sim._call("GET", "/_sim/webhooks/deliveries")["deliveries"]
        if rows and rows[0]["attempts"] or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    [row] = rows
    assert {k: row[k] for k in ("accountId", "provider", "webhookId", "url", "event")} == {
        "accountId": lite.id, "provider": "litemail", "webhookId": hook["id"], "url": url,
        "event": "mailbox.updated"}
    assert row["status"] in ("PENDING", "FAILED") and row["createdAt"].endswith("Z")
    first = row["attempts"][0]
    assert first["attempt"] == 1 and first["statusCode"] is None and first["error"]
    assert first["at"].endswith("Z")


def test_payment_links_point_at_their_pages(sim):
    acct = sim.create_account("zapmail", walletBalance=0)
    link = acct.client.post("/v2/wallet/balance", json={"amount": 40}).json()["paymentLink"]
    [row] = sim._call("GET", "/_sim/payment-links")["paymentLinks"]
    assert link.endswith(row["page"]) and row["page"].startswith("/_sim/pay/")
    assert {k: row[k] for k in ("accountId", "provider", "purpose", "amount", "status")} == {
        "accountId": acct.id, "provider": "zapmail", "purpose": "wallet_topup", "amount": 40, "status": "open"}
    assert sim._http().post(row["page"], headers={"accept": "application/json"}).json()["status"] == "paid"
    assert sim._call("GET", "/_sim/payment-links")["paymentLinks"][0]["status"] == "paid"


def test_the_readme_shows_the_page():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    assert "](docs/inspector.png)" in (root / "README.md").read_text()
    assert (root / "docs" / "inspector.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
