"""The inspector page in a real browser (headless Chromium from the system's packages, driven by
Playwright): against a served simulator it shows calls as they happen, moves the clock with a
button, adds a stub from its form and shows it applied. Every request the page makes is checked to
go to the simulator itself: the page works with no network.

CI (`.ci/run`) installs Chromium first; on a developer machine without it the test is skipped.
The screenshot is written to $MAILSIM_ARTIFACTS (default: test-artifacts/ in the checkout).
"""
from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from simulator.app import Simulator

CHROMIUM = os.environ.get("MAILSIM_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("MAILSIM_ARTIFACTS") or Path(__file__).resolve().parent.parent / "test-artifacts")
TIMEOUT = 15_000  # ms; a poll of the page is one second


def _browser_missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    if not os.path.exists(CHROMIUM):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


_missing = _browser_missing()
if _missing and os.environ.get("CI"):
    raise RuntimeError(f"the browser test must run in CI: {_missing}")
pytestmark = pytest.mark.skipif(bool(_missing), reason=_missing or "")


@pytest.fixture
def served():
    sim = Simulator(freeze_clock=True, seed=7, journal_bodies=8192)
    remote = sim.serve()
    yield remote
    remote.close()
    sim.close()


@pytest.fixture
def page(served):
    from playwright.sync_api import sync_playwright

    origin = urlsplit(served.url).netloc
    elsewhere: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--disable-extensions", "--disable-default-apps"])
        context = browser.new_context(viewport={"width": 1500, "height": 1000})

        def only_the_simulator(route):
            if urlsplit(route.request.url).netloc == origin:
                route.continue_()
            else:  # no network: anything else the page asks for fails, and the test says so
                elsewhere.append(route.request.url)
                route.abort()

        context.route("**/*", only_the_simulator)
        tab = context.new_page()
        problems: list[str] = []
        tab.on("pageerror", lambda exc: problems.append(str(exc)))
        # the browser logs every refused request; a 401 is the token test's own doing
        tab.on("console", lambda msg: problems.append(msg.text)
               if msg.type == "error" and "status of 401" not in msg.text else None)
        tab.set_default_timeout(TIMEOUT)
        yield tab
        assert elsewhere == [], f"the page reached outside the simulator: {elsewhere}"
        assert problems == [], f"the page logged errors: {problems}"
        context.close()
        browser.close()


def journal_row(page, text: str):
    return page.locator("#journal tbody tr:not(.detail)", has_text=text).first


def test_the_inspector_shows_calls_moves_the_clock_and_applies_a_stub(served, page):
    account = served.create_account("zapmail", walletBalance=200)
    api = httpx.Client(base_url=account.base_url, headers=account.headers, timeout=10)
    page.goto(served.url + "/_sim/ui")
    page.wait_for_selector(f"#accounts tbody tr[data-account='{account.id}']")

    # keys are masked until clicked
    key_cell = page.locator(f"#accounts tbody tr[data-account='{account.id}'] .key")
    assert account.api_key not in key_cell.inner_text()
    key_cell.click()
    assert key_cell.inner_text() == account.api_key

    # calls appear in the live list, with their operation and status
    assert api.get("/v2/users").status_code == 200
    bought = api.post("/v2/domains/buy", json={"domains": [{"domainName": "inspector-demo.com", "years": 1}],
                                               "useWallet": True, "enableDnsShield": False})
    assert bought.status_code == 200, bought.text
    journal_row(page, "zapmail.v2.domains.buy").wait_for()
    users = journal_row(page, "zapmail.v2.users.get")
    assert users.locator(".status").inner_text() == "200" and users.locator(".path").inner_text() == "/api/v2/users"
    pending = api.get("/v2/domains", params={"contains": "inspector-demo"}).json()["data"]["domains"]
    assert [d["status"] for d in pending] == ["PENDING"]

    # a LiteMail account whose mailbox turns ACTIVE when the clock moves, with a webhook to a closed port
    lite = served.seed({"provider": "litemail", "workspaces": [{"primary": True, "domains": [
        {"name": "inspector-hooks.com", "status": "ACTIVE", "platform": "GOOGLE",
         "mailboxes": [{"firstName": "Ann", "lastName": "Lee", "username": "ann", "status": "IN_PROGRESS"}]}]}]})[0]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        hook_url = f"http://127.0.0.1:{s.getsockname()[1]}/hooks"
    assert lite.client.post("/webhooks", json={"url": hook_url, "events": ["mailbox.updated"]}).status_code == 201

    # the clock button moves simulated time; the next call finds the domain ACTIVE
    before = page.locator("#clock-now").inner_text()
    page.click("#adv-hour")
    page.wait_for_function("before => document.querySelector('#clock-now').textContent !== before", arg=before)
    assert api.get("/v2/domains", params={"contains": "inspector-demo", "limit": 5}).json()["data"]["domains"][0][
        "status"] == "ACTIVE"
    after = served.journal(route_id="zapmail.v2.domains.list")[-1]["id"]  # the call after the clock moved
    page.locator(f"#journal tbody tr[data-id='{after}']").click()
    detail = page.locator("#journal tr.detail").first
    detail.wait_for()
    assert '"domain":"inspector-demo.com","status":"ACTIVE"' in detail.inner_text()

    # the mailbox's activation went out as a webhook delivery, with its (failed) attempt
    lite.client.get("/users")
    delivery = page.locator("#deliveries tbody tr", has_text="mailbox.updated").first
    delivery.wait_for()
    assert hook_url in delivery.inner_text() and "#1" in delivery.inner_text()

    # a stub added from the form answers the next call, and the journal says so
    form = page.locator("#stub-form")
    form.locator("input[name=operation]").fill("zapmail.v2.wallet.get_balance")
    form.locator("select[name=account]").select_option(account.id)
    form.locator("textarea[name=body]").fill('{"walletBalance": 0.25}')
    form.locator("button[type=submit]").click()
    page.locator("#stubs tbody tr[data-rule='stub-1']").wait_for()
    assert served.stubs()[0]["account"] == account.id
    assert api.get("/v2/wallet/balance").json()["walletBalance"] == 0.25
    stubbed = journal_row(page, "zapmail.v2.wallet.get_balance")
    stubbed.locator(".marker.stub").wait_for()
    assert stubbed.locator(".marker.stub").inner_text() == "stub stub-1 (merge)"

    # so does a fault rule added from its form
    faults = page.locator("#fault-form")
    faults.locator("input[name=operation]").fill("zapmail.v2.users.get")
    faults.locator("input[name=status]").fill("503")
    faults.locator("input[name=firstN]").fill("1")
    faults.locator("button[type=submit]").click()
    page.locator("#faults tbody tr[data-rule='fault-1']").wait_for()
    assert [api.get("/v2/users").status_code for _ in range(2)] == [503, 200]
    failed = page.locator("#journal tbody tr:not(.detail)", has_text="fault-1")
    failed.wait_for()
    assert failed.locator(".status").inner_text() == "503"
    page.locator("#faults tbody tr[data-rule='fault-1'] button").click()
    page.locator("#faults tbody tr[data-rule='fault-1']").wait_for(state="detached")
    assert served.faults() == []

    # filters narrow the list
    page.fill("#f-operation", "wallet")
    page.wait_for_function("() => [...document.querySelectorAll('#journal tbody tr:not(.detail) .op')]"
                           ".every(td => td.textContent.includes('wallet'))")
    page.fill("#f-operation", "")

    # links to the documents and the payment pages
    assert page.locator("nav a[href='/_sim/openapi/zapmail.json']").count() == 1
    assert page.locator("nav a[href='/_sim/openapi.json']").count() == 1
    topup = api.post("/v2/wallet/balance", json={"amount": 25})
    assert topup.status_code == 200, topup.text
    page.locator("#payments tbody tr a[href^='/_sim/pay/']").first.wait_for()

    if key_cell.inner_text() == account.api_key:
        key_cell.click()  # masked again for the picture
    assert account.api_key not in page.locator("#accounts").inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "inspector.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    api.close()


def test_the_page_sends_the_control_token_from_its_address(served, page):
    """A token given as /_sim/ui#token=... goes out as a bearer header on every control call and
    leaves the address bar."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.headers.get("authorization", "")) if "/_sim/" in r.url
            and not r.url.endswith((".css", ".js", "/_sim/ui")) else None)
    page.goto(served.url + "/_sim/ui#token=s3cret-token")
    page.wait_for_selector("#clock-now:not(:empty)")
    page.wait_for_function("() => document.querySelector('#clock-now').textContent !== '-'")
    assert seen and set(seen) == {"Bearer s3cret-token"}
    assert "token" not in page.url


def test_the_page_asks_for_the_token_when_the_control_plane_refuses(served, page):
    """A 401 from the control plane (a token is configured) makes the page ask once and retry
    with what was typed."""
    refused: list[str] = []

    def gate(route):
        if route.request.headers.get("authorization") != "Bearer typed-token":
            refused.append(route.request.url)
            route.fulfill(status=401, content_type="application/json", body='{"error": "token required"}')
        else:
            route.continue_()

    page.route("**/_sim/providers", gate)
    asked: list[str] = []
    page.on("dialog", lambda d: (asked.append(d.message), d.accept("typed-token")))
    page.goto(served.url + "/_sim/ui")
    page.locator("#provider-docs a[href='/_sim/openapi/zapmail.json']").wait_for()
    assert len(refused) == 1 and len(asked) == 1 and "--control-token" in asked[0]
    assert page.evaluate("sessionStorage.getItem('mailbox-simulator-control-token')") == "typed-token"
