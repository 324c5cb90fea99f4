"""`mailbox-simulator import` end to end: simulator A serves a rich account, the importer copies it
over HTTP with nothing but its API key, simulator B loads the file as `serve --fixtures` does, and
every read operation of the contract suite's read class answers the same on A and B, ids and
timestamps included. Secrets are the one difference, by design: the file carries generated ones.
A's journal shows reads only."""
from __future__ import annotations

import json
import re

import orjson
import pytest

from simulator.app import Simulator
from simulator.cli import build_parser, main, make_simulator
from simulator.importer import import_account, read_operations
from simulator.importer.scrub import ANSWER_SECRET_KEYS

Z = "zapmail.v2."
L = "litemail."
BILLING = {"firstName": "Ada", "lastName": "Byron", "company": "Analytical Ltd", "addressLineOne": "1 Engine Way",
           "city": "London", "state": "LDN", "country": "GB", "postalCode": "N1 9GU", "phoneCc": "+44",
           "phone": "2070000000", "languagePreference": "en"}


BULK = 21  # more domains than one page of 10 (the tests' page size; the importer's default is 100)
PAGE = 10


def _boxes(prefix: str, n: int, status: str = "ACTIVE") -> list[dict]:
    return [{"firstName": f"First{i}", "lastName": f"Last{i}", "username": f"{prefix}{i}", "status": status,
             "daysAgo": 3} for i in range(n)]


def rich_zapmail() -> dict:
    """Two workspaces, both platforms, more domains than one page of the importer's reads (three
    pages of 10), mailboxes
    ACTIVE and IN_PROGRESS, a PENDING purchase, connected domains, DNS records, forwarding, tags,
    subscriptions, a connection request walking its steps, third-party accounts."""
    many = [{"name": f"bulk-{i:03d}.com", "status": "ACTIVE", "platform": "GOOGLE", "daysAgo": 40 - i % 30}
            for i in range(BULK)]
    return {"provider": "zapmail", "walletBalance": 321.5, "firstName": "Ada", "lastName": "Byron",
            "email": "ada@analytical.example", "daysAgo": 90, "workspaces": [
                {"primary": True, "name": "Main", "billingDetails": BILLING,
                 "tags": [{"name": "warm"}, {"name": "q3"}],
                 "subscriptions": [
                     {"plan": "Growth", "planKey": "zap_mail_growth", "price": 99, "quantity": 40, "platform": "GOOGLE",
                      "periodStartedDaysAgo": 10, "daysAgo": 70},
                     {"plan": "Starter", "planKey": "zap_mail_starter", "price": 39, "quantity": 10,
                      "platform": "MICROSOFT", "daysAgo": 5}],
                 "domains": [
                     {"name": "ada-alpha.com", "status": "ACTIVE", "platform": "GOOGLE", "daysAgo": 30,
                      "forwardTo": "https://analytical.example", "dmarcEmail": "dmarc@ada-alpha.com",
                      "catchAllEmail": "all@ada-alpha.com", "autoRenew": True,
                      "mailboxes": _boxes("ann", 3) + _boxes("new", 2, "IN_PROGRESS"),
                      "dnsRecords": [{"host": "www", "value": "1.2.3.4", "recordType": "A"},
                                     {"host": "@", "value": "google-site-verification=xyz", "recordType": "TXT"}]},
                     {"name": "ada-beta.com", "status": "ACTIVE", "platform": "MICROSOFT", "daysAgo": 20,
                      "mailboxes": _boxes("ms", 2)},
                     {"name": "ada-own.com", "status": "ACTIVE", "platform": "GOOGLE", "origin": "connected",
                      "daysAgo": 12},
                     {"name": "ada-pending.com", "status": "PENDING", "platform": "GOOGLE", "daysAgo": 0},
                     *many],
                 "connectionRequests": [{"domainName": "ada-walking.com", "platform": "GOOGLE"}],
                 "thirdPartyAccounts": [{"app": "SMARTLEAD", "email": "ops@analytical.example"},
                                        {"app": "INSTANTLY", "email": "ops2@analytical.example"}]},
                {"name": "Side", "billingDetails": {**BILLING, "company": "Side Co"},
                 "subscriptions": [{"plan": "Growth", "planKey": "zap_mail_growth", "price": 99, "quantity": 5,
                                    "platform": "GOOGLE"}],
                 "domains": [{"name": "ada-side.com", "status": "ACTIVE", "platform": "GOOGLE", "daysAgo": 8,
                              "mailboxes": _boxes("side", 1)}]}]}


def rich_litemail() -> dict:
    """The same kind of account on LiteMail: its reads see the primary workspace, so that is
    where the contents are; a second workspace has a name, billing details and dates."""
    spec = rich_zapmail()
    spec.update(provider="litemail", email="ada@analytical-lm.example")
    main, side = spec["workspaces"]
    main.pop("connectionRequests"), main.pop("thirdPartyAccounts")
    for sub in main["subscriptions"]:
        sub["platform"] = "GOOGLE" if sub["plan"] == "Growth" else "MICROSOFT"
    side.pop("domains"), side.pop("subscriptions")
    return spec


def tag_domains(sim: Simulator, key: str) -> None:
    """Tags on domains and mailboxes: the fixture format names tag ids, so give A's its tags."""
    with sim.world.lock:
        account = sim.world.account_for_key(key)
        tags = list(account.tags)
        alpha = next(d for d in account.domains.values() if d.name == "ada-alpha.com")
        alpha.tag_ids = tags
        next(d for d in account.domains.values() if d.name == "ada-beta.com").tag_ids = tags[:1]
        next(m for m in account.mailboxes.values() if m.username == "ann1").tag_ids = tags[1:]


# ---------------------------------------------------------------- reading every read operation

def masked(value):
    """Secrets differ by design (the copy carries generated ones): compare that they are there.
    An error's errorId is drawn per answer: compare that it is there too."""
    if isinstance(value, dict):
        return {k: ("<secret>" if v is not None else None) if k in ANSWER_SECRET_KEYS
                else "<errorId>" if k == "errorId" else masked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [masked(v) for v in value]
    return value


class Reads:
    """Every read operation of a provider, called the way the contract suite calls it, once per
    workspace and platform and once per record a read names."""

    def __init__(self, sim, key: str, provider: str):
        self.sim, self.provider = sim, provider
        self.client = sim.client(provider, api_key=key)
        self.routes = {r["operation"]: r for r in sim.routes() if r["provider"] == provider}
        self.prefix = sim.providers[provider]["basePath"]  # what the client's base URL already holds
        self.called: set[str] = set()

    def call(self, op: str, *, params=None, json=None, headers=None, path_params=None):
        route = self.routes[op]
        path = route["path"][len(self.prefix):].format(**(path_params or {}))
        self.called.add(op)
        answer = self.client.request(route["method"], path, params=params, json=json, headers=headers)
        body = answer.text.replace(self.sim.url, "<base>")  # links name the server they came from
        return answer.status_code, masked(json_loads(body))

    def everything(self) -> dict:
        return (self._zapmail if self.provider == "zapmail" else self._litemail)()

    def _zapmail(self) -> dict:
        out = {}
        workspaces = self.call(Z + "workspaces.list", params={"limit": 1000})[1]["data"]
        ids = [workspaces["currentWorkspace"]["id"]] + [w["id"] for w in workspaces["workspaces"]]
        for ws in ids:
            for platform in ("GOOGLE", "MICROSOFT"):
                h = {"x-workspace-key": ws, "x-service-provider": platform}
                at = lambda op: f"{op} {ws} {platform}"  # noqa: E731
                for op in ("users.get", "workspaces.list", "wallet.get_balance", "subscriptions.list",
                           "domains.list_connection_requests", "domains.list_tags", "domains.health_score",
                           "workspaces.members.list", "workspaces.invitations.list"):
                    out[at(op)] = self.call(Z + op, headers=h)
                for op in ("mailbox.list", "domains.list", "domains.list_assignable"):
                    out[at(op)] = self.call(Z + op, headers=h, params={"limit": 1000})
                domains = out[at("domains.list")][1]["data"]["domains"]
                names = [d["domain"] for d in domains]
                # issue 10: placement, dnsshield, zapsites. The source holds no plans, orders or sites
                # (the importer does not copy them): their reads by id are refusals on both sides.
                for op in ("placement.subscriptions", "placement.overall_report", "placement.available_slots",
                           "dns_shield.available_slots", "dns_shield.subscriptions"):
                    out[at(op)] = self.call(Z + op, headers=h)
                for op in ("placement.orders", "placement.eligible_mailboxes", "dns_shield.eligible_domains"):
                    out[at(op)] = self.call(Z + op, headers=h, params={"limit": 1000})
                out[at("zap_sites.scan")] = self.call(Z + "zap_sites.scan", headers=h, params={"url": "https://example.com"})
                for op, kw in (("placement.report", {"params": {"cartOrderId": "none"}}),
                               ("dns_shield.allocated_domains", {"params": {"subscriptionId": "none"}}),
                               ("zap_sites.get", {"path_params": {"id": "none"}})):
                    out[at("unknown " + op)] = self.call(Z + op, headers=h, **kw)
                for d in domains[:8]:
                    out[at("dns.list " + d["id"])] = self.call(Z + "dns.list", headers=h, params={"id": d["id"]})
                    out[at("verify " + d["id"])] = self.call(Z + "domains.verify_nameservers", headers=h,
                                                             json={"domainName": d["domain"]})
                    out[at("health " + d["id"])] = self.call(Z + "domains.health_score", headers=h,
                                                             params={"domainId": d["id"]})
                out[at("health")] = self.call(Z + "domains.health_score", headers=h)
                if domains:
                    out[at("check_dns")] = self.call(Z + "domains.check_dns", headers=h,
                                                     json={"domainIds": [d["id"] for d in domains]})
                for group in out[at("mailbox.list")][1]["data"]["domains"]:
                    for m in group["mailboxes"]:
                        out[at("mailbox " + m["id"])] = self.call(Z + "mailbox.get", headers=h, params={"id": m["id"]})
                        out[at("code " + m["id"])] = self.call(Z + "mailbox.authenticator_code", headers=h,
                                                               params={"mailboxId": m["id"]})
                for app in ("SMARTLEAD", "INSTANTLY", "REPLY_IO"):
                    out[at("third party " + app)] = self.call(Z + "export.third_party.list", headers=h,
                                                              params={"app": app})
                out[at("export.status")] = self.call(Z + "export.status", headers=h, params={"exportId": 1})
                # tierb: the filtered list, and each subscription's invoice and mailboxes
                out[at("list_filtered")] = self.call(Z + "domains.list_filtered", headers=h, json={"limit": 1000})
                for sub in out[at("subscriptions.list")][1]["data"]:
                    for op in ("payment.invoices", "subscriptions.mailboxes"):
                        out[at(f"{op} {sub['id']}")] = self.call(Z + op, headers=h,
                                                                  json={"subscriptionId": sub["subscriptionId"]})
                out[at("search")] = self.call(Z + "domains.search_available", headers=h,
                                              json={"domainName": "roundtripprobe", "tlds": ["com", "net"]})
                out[at("bulk")] = self.call(Z + "domains.check_availability_bulk", headers=h,
                                            json={"domainNames": ["roundtrip-x.com", *names[:3]]})
                # domainsc: renewals, workspaces of an app, quick setup, aged and pre-warmed domains, global search
                out[at("renewal_soon")] = self.call(Z + "domains.renewal_soon", headers=h, json={},
                                                    params={"limit": 1000})
                registered = [d["id"] for d in domains if d["registeredOn"]][:8]
                if registered:
                    out[at("renewal_price")] = self.call(Z + "domains.get_renewal_price", headers=h,
                                                         json={"domainIds": registered})
                out[at("fetch_workspaces")] = self.call(Z + "export.fetch_workspaces", headers=h,
                                                        params={"app": "INSTANTLY"})
                out[at("quick_setup")] = self.call(Z + "quick_setup.status", headers=h,
                                                   params={"domain": (names or ["roundtrip-x.com"])[0]})
                for op in ("aged_domains.list", "prewarmed.list", "prewarmed.count", "prewarmed.subscriptions",
                           "global.mailbox_domain_search"):
                    out[at(op)] = self.call(Z + op, headers=h, params={"limit": 1000})
                out.update(self._onebox_and_webhooks(h, at))
        return out

    def _onebox_and_webhooks(self, h: dict, at) -> dict:
        """groups "onebox" and "webhooks" (issue 10): the mail generated per mailbox, its threads
        and a file, and the endpoint reads."""
        out = {at(op): self.call(Z + op, headers=h) for op in ("onebox.connected_accounts",
                                                                 "webhooks.event_types", "webhooks.list_endpoints")}
        out[at("top")] = self.call(Z + "onebox.top_emails", headers=h, params={"limit": 1000, "includeWarmUp": "true"})
        out[at("search")] = self.call(Z + "onebox.search_emails", headers=h, params={"limit": 1000})
        mail = out[at("search")][1]["data"]["emails"]
        for m in mail[:3]:
            out[at("thread " + m["threadId"])] = self.call(Z + "onebox.thread_emails", headers=h,
                                                           params={"threadId": m["threadId"]})
        for m in [m for m in mail if m["attachments"]][:1]:
            a = m["attachments"][0]
            out[at("file " + a["attachmentId"])] = self.call(Z + "onebox.download_attachment", headers=h, json={
                "attachmentId": a["attachmentId"], "provider": h["x-service-provider"], "messageId": m["id"],
                "account": m["account"], "filename": a["filename"]})
        return out

    def _litemail(self) -> dict:
        """LiteMail reads act in the primary workspace, per platform (x-service-provider)."""
        out = {}
        plain = ("users.get", "workspaces.list", "billing.invoices", "wallet.balance", "subscriptions.list",
                 "tags.list", "placement.list", "dashboard.overview", "dashboard.status_counts",
                 "export_history.list", "cloudflare.get", "webhooks.list", "mailboxes.warmup")
        for platform in ("GOOGLE", "MICROSOFT"):
            h = {"x-service-provider": platform}
            at = lambda op: f"{op} {platform}"  # noqa: E731
            for op in plain:
                out[at(op)] = self.call(L + op, headers=h)
            for op in ("mailboxes.list", "domains.list", "domains.assignable", "workspaces.list", "tags.list"):
                out[at(op + " all")] = self.call(L + op, headers=h, params={"limit": 1000})
            domains = out[at("domains.list all")][1]["data"]["domains"]
            for d in domains[:8]:
                out[at("domain " + d["id"])] = self.call(L + "domains.get", headers=h,
                                                         path_params={"domainId": d["id"]})
                out[at("dns " + d["id"])] = self.call(L + "dns.list", headers=h, params={"domainId": d["id"]})
                out[at("verify " + d["id"])] = self.call(L + "domains.verify_ns", headers=h,
                                                         params={"domainName": d["domain"]})
                out[at("check_dns " + d["id"])] = self.call(L + "domains.check_dns", headers=h,
                                                            params={"domainId": d["id"]})
            for m in out[at("mailboxes.list all")][1]["data"]["mailboxes"]:
                out[at("mailbox " + m["id"])] = self.call(L + "mailboxes.get", headers=h,
                                                          path_params={"mailboxId": m["id"]})
            out[at("available")] = self.call(L + "domains.available", headers=h,
                                             params={"domainName": "roundtripprobe.com"})
        return out


def json_loads(text: str):
    return json.loads(text) if text else None


def differences(a: dict, b: dict) -> list[str]:
    """One line per differing answer, naming the first place where they part."""
    return [f"{key}: {_first_difference(a.get(key), b.get(key))}" for key in sorted(set(a) | set(b))
            if a.get(key) != b.get(key)]


def _first_difference(a, b, path="$") -> str:
    if isinstance(a, (dict, list, tuple)) and type(a) is type(b) and len(a) == len(b):
        pairs = ((k, a[k], b.get(k)) for k in a) if isinstance(a, dict) else enumerate(zip(a, b))
        for k, x, y in (p if isinstance(a, dict) else (p[0], *p[1]) for p in pairs):
            if x != y:
                return _first_difference(x, y, f"{path}.{k}")
    return f"{path}: A {str(a)[:200]} / B {str(b)[:200]}"


# ---------------------------------------------------------------- the round trip

@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    """Pages of 10 rows, so the importer's paging is exercised by a world of a few dozen domains."""
    monkeypatch.setattr("simulator.importer.reader.DEFAULT_PAGE_SIZE", PAGE)


@pytest.fixture
def source():
    sim = Simulator(default_world=True, freeze_clock=True, seed=21)
    remote = sim.serve()
    yield sim, remote
    remote.close()
    sim.close()


def round_trip(source, tmp_path, provider: str, spec: dict, prepare=None):
    sim, remote = source
    account = remote.seed({"accounts": [spec]})[0]
    if prepare:
        prepare(sim, account.api_key)
    sim.advance(45)  # the walking connection request is mid-way, with a next retry due
    snapshot = remote.snapshot(account)
    remote.clear_journal()
    out = tmp_path / "world.json"
    base = remote.base_url(provider)
    assert main(["import", "--provider", provider, "--api-key", account.api_key, "--base-url", base,
                 "--out", str(out)]) == 0
    journal = remote.journal()
    doc = orjson.loads(out.read_bytes())

    # `serve --fixtures world.json` loads the copy...
    args = build_parser().parse_args(["serve", "--no-default-world", "--freeze-clock", "--fixtures", str(out)])
    served, loaded = make_simulator(args)
    assert [(a.id, a.api_keys[0]) for a in loaded] == [(account.id, doc["accounts"][0]["apiKey"])]
    served.close()
    # ...and B is that simulator, with its clock frozen at A's time
    copy = Simulator(fixtures=[str(out)], freeze_clock=True, start_time=sim.world.now())
    try:  # the comparison itself goes in-process on both sides: the same answers, faster
        reads_a = Reads(sim, account.api_key, provider)
        reads_b = Reads(copy, doc["accounts"][0]["apiKey"], provider)
        answers_a, answers_b = reads_a.everything(), reads_b.everything()
    finally:
        copy.close()
    return account, snapshot, journal, doc, out.read_text(), answers_a, answers_b, reads_a.called, remote


def check_round_trip(provider, account, snapshot, journal, doc, text, answers_a, answers_b, called, remote):
    reads = read_operations(provider)
    assert called == reads, f"not every read operation compared: {sorted(reads - called)}"
    # reads of things never created (an export, issued name servers) are refusals, the same on both
    refused = ("export.status", "verify", "unknown ", "quick_setup")  # quick_setup: none was started
    failed = [(k, a) for k, a in answers_a.items() if a[0] != 200 and not k.startswith(refused)]
    assert not failed, failed[:3]
    problems = differences(answers_a, answers_b)
    assert not problems, "A and its copy B disagree:\n" + "\n".join(problems[:5])
    # A's journal: the importer's calls only, every one a read, nothing changed
    assert journal and {e["routeId"] for e in journal} <= reads
    assert {e["accountId"] for e in journal} == {account.id}
    assert remote.snapshot(account) == snapshot
    # secrets of A are nowhere in the file; the copy's key is not A's
    secrets = {v for k, v in walk(answers_secrets(remote, account, provider)) if k in ANSWER_SECRET_KEYS and v}
    assert secrets and account.api_key not in text
    assert not [s for s in secrets if s in text]
    assert doc["accounts"][0]["apiKey"] != account.api_key


def answers_secrets(remote, account, provider):
    if provider == "zapmail":
        return account.client.get("/v2/mailboxes/list", params={"limit": 1000}).json()
    return account.client.get("/v1/mailboxes", params={"limit": 100}).json()


CREDENTIAL = re.compile(r"password|secret|key|token", re.I)


def without_credentials(value):
    if isinstance(value, dict):
        return {k: "" if CREDENTIAL.search(k) and isinstance(v, str) else without_credentials(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [without_credentials(v) for v in value]
    return value


def walk(value):
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, (dict, list)):
                yield from walk(v)
            else:
                yield k, v
    elif isinstance(value, list):
        for v in value:
            yield from walk(v)


def test_a_zapmail_account_copied_over_http_answers_every_read_as_its_source(source, tmp_path):
    result = round_trip(source, tmp_path, "zapmail", rich_zapmail(), tag_domains)
    check_round_trip("zapmail", *result)
    doc = result[3]
    ws = doc["accounts"][0]["workspaces"]
    assert [w["name"] for w in ws] == ["Main", "Side"] and len(ws[0]["domains"]) == BULK + 4


def test_a_litemail_account_copied_over_http_answers_every_read_as_its_source(source, tmp_path):
    result = round_trip(source, tmp_path, "litemail", rich_litemail(), tag_domains)
    check_round_trip("litemail", *result)
    ws = result[3]["accounts"][0]["workspaces"]
    assert [w["name"] for w in ws] == ["Main", "Side"] and len(ws[0]["domains"]) == BULK + 4


def test_pseudonymised_copy_keeps_the_shape_and_drops_the_names(source):
    sim, remote = source
    account = remote.seed({"accounts": [rich_zapmail()]})[0]
    lines: list[str] = []
    doc = import_account("zapmail", account.api_key, sim.base_url("zapmail"), pseudonymise=True,
                         progress=lines.append, transport=sim._transport_for_clients())
    # credentials are random characters, where "Ada" or "Main" turn up by chance: the names are
    # looked for everywhere else
    text = orjson.dumps(without_credentials(doc)).decode()
    for name in ("Ada", "Byron", "analytical", "ada-alpha", "Analytical Ltd", "Engine Way", "ann0", "First1", "Main"):
        assert name not in text, name
    with Simulator(fixtures=[doc], freeze_clock=True) as copy:
        key = doc["accounts"][0]["apiKey"]
        client = copy.client("zapmail", api_key=key)
        domains = client.get("/v2/domains", params={"limit": 1000}).json()["data"]["domains"]
        original = account.client.get("/v2/domains", params={"limit": 1000}).json()["data"]["domains"]
        assert sorted(d["id"] for d in domains) == sorted(d["id"] for d in original)
        assert all(d["domain"].endswith(".test") for d in domains)
        boxes = client.get("/v2/mailboxes/list", params={"limit": 1000}).json()["data"]["domains"]
        emails = [m["email"] for g in boxes for m in g["mailboxes"]]
        names = {d["id"]: d["domain"] for d in domains}
        assert emails and all(m["email"].endswith("@" + names[g["id"]]) for g in boxes for m in g["mailboxes"])
    assert any(line.startswith("workspace ") for line in lines) and lines[-1].startswith("done: ")


def test_the_importer_waits_as_a_429_asks_and_never_writes(source):
    """Rate limits are honoured (a stubbed 429 with Retry-After, the stubs feature in use), and
    the importer refuses any operation outside the read class."""
    sim, remote = source
    account = remote.seed({"accounts": [rich_zapmail()]})[0]
    remote.add_stub(Z + "domains.list", status=429, headers={"Retry-After": "3"},
                    body={"status": 429, "message": "Too many requests"}, first_n=2)
    waits: list[float] = []
    lines: list[str] = []
    doc = import_account("zapmail", account.api_key, sim.base_url("zapmail"), progress=lines.append,
                         sleep=waits.append, transport=sim._transport_for_clients())
    assert waits == [3.0, 3.0]
    assert sum("rate limited: waiting 3s" in line for line in lines) == 2
    assert any("domains: page 3 of 3" in line for line in lines)  # 25 domains, pages of 10
    assert len(doc["accounts"][0]["workspaces"][0]["domains"]) == BULK + 4
    from simulator.importer.reader import Reader

    reader = Reader("zapmail", account.api_key, remote.base_url("zapmail"))
    with pytest.raises(ValueError, match="not a read operation"):
        reader.get(Z + "domains.buy", json={"domains": [{"domainName": "x.com"}]})
    reader.close()
    assert not [e for e in remote.journal() if e["routeId"] not in read_operations("zapmail")]


def test_import_reports_a_refused_key_in_one_line(source, tmp_path, capsys):
    sim, remote = source
    assert main(["import", "--provider", "zapmail", "--api-key", "wrong", "--base-url",
                 remote.base_url("zapmail"), "--out", str(tmp_path / "x.json")]) == 1
    err = capsys.readouterr().err
    assert "zapmail.v2.users.get" in err and "401" in err and not (tmp_path / "x.json").exists()
