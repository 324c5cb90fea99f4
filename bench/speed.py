"""Speed and scale, in one run: `python bench/speed.py` (about 3 minutes; --quick: about one).

Starts the simulator as the README serves it (`python -m simulator serve`), the floor (bench/floor.py:
a bare Starlette app returning the same body, under uvicorn with uvloop and httptools when they are
installed) and the peers: WireMock (its npm package, run with Java) serving the same body, and Prism
mocking the simulator's own Zapmail document. Peers not on PATH are installed with npm into a cache
folder (MAILSIM_BENCH_PEERS, default ~/.cache/mailbox-simulator-bench); a peer that cannot be
installed or started (no npm, no Java) is skipped with a line saying why. Drives each with wrk (or
the asyncio load generator below when wrk is missing) in interleaved rounds; reads each server's
CPU time from /proc. Then, one account at 100 / 10,000 / 100,000 mailboxes: load time (fixture,
seed, snapshot restore), RSS, list pages (first and last), /users and one create. Then the cold
start. Writes bench/speed.md, with the issue's targets checked against this run's figures.

The simulator runs as a user's install runs it: Python may cache compiled modules (a variable
PYTHONDONTWRITEBYTECODE in the bench's own environment is not passed on); the cold start is also
measured without any compiled-module cache, as in the container image.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime
import http.client
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
SIM_PY = [sys.executable]  # --simulator-python: serve the simulator from another install (a before/after run)
ZAP_KEY, LITE_KEY = "bench-zapmail-key", "bench-litemail-key"
ZAP = {"x-auth-zapmail": ZAP_KEY}
LITE = {"x-api-key": LITE_KEY}
PER_DOMAIN = 20  # mailboxes per fixture domain: 100,000 mailboxes fit the 10,000 domains a workspace takes
LIST_LIMIT = 5  # Zapmail's list pages count domain groups: 5 groups of 20 = 100 mailboxes a page
CREATE_DOMAINS = 20  # empty domains the creates fill


# ---------------------------------------------------------------- fixtures

def account(provider: str, key: str, mailboxes: int) -> dict:
    domains = []
    for d in range(-(-mailboxes // PER_DOMAIN)):
        count = min(PER_DOMAIN, mailboxes - d * PER_DOMAIN)
        domains.append({"name": f"d{d}.{provider}-bench.com", "status": "ACTIVE", "platform": "GOOGLE",
                        "mailboxes": [{"firstName": "Bench", "lastName": f"User{i}", "username": f"user{i}",
                                       "status": "ACTIVE"} for i in range(count)]})
    for c in range(CREATE_DOMAINS):
        domains.append({"id": f"{provider}-create-{c}", "name": f"c{c}.{provider}-bench.com", "status": "ACTIVE",
                        "platform": "GOOGLE"})
    return {"provider": provider, "apiKey": key, "email": f"bench@{provider}-bench.com", "password": "bench-pass-1",
            "walletBalance": 1000.0, "idStyle": "cuid" if provider == "litemail" else "uuid",
            "workspaces": [{"name": "Bench", "primary": True,
                            "subscriptions": [{"plan": "Bench", "planKey": "bench", "price": 1, "quantity": 100_000,
                                               "platform": "GOOGLE"}] * 3,
                            "domains": domains}]}


def fixture(mailboxes: int, litemail: bool = True) -> dict:
    accounts = [account("zapmail", ZAP_KEY, mailboxes)]
    if litemail:
        accounts.append(account("litemail", LITE_KEY, 100))
    return {"accounts": accounts}


# ---------------------------------------------------------------- processes

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


RUNNING: list["Server"] = []  # stopped at exit, whatever happened
# the environment a user's shell gives the simulator: compiled modules may be cached
SIM_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


class Server:
    def __init__(self, name: str, cmd: list[str], port: int, ready_path: str, headers: dict, env=None,
                 base_env=None, path_prefix: str = ""):
        self.name, self.port = name, port
        self.path_prefix = path_prefix  # stripped from the cases' paths (Prism serves the document's paths)
        started = time.perf_counter()
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     env={**(os.environ if base_env is None else base_env), **(env or {})})
        deadline = started + 600
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{name} exited with {self.proc.returncode}: {' '.join(cmd)}")
            try:
                status, _ = request(port, "GET", ready_path, headers, timeout=5)
                if status == 200:
                    break
            except OSError:
                pass
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{name} did not answer")
            time.sleep(0.005)
        self.start_seconds = time.perf_counter() - started
        RUNNING.append(self)

    def cpu(self) -> float:
        """Seconds of CPU the server (and its children) used so far."""
        total = 0.0
        for pid in [self.proc.pid] + children(self.proc.pid):
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            except OSError:
                pass
        return total

    def path(self, path: str) -> str:
        return path[len(self.path_prefix):] if self.path_prefix and path.startswith(self.path_prefix) else path

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def stop(self) -> None:
        if self in RUNNING:
            RUNNING.remove(self)
        for pid in children(self.proc.pid):  # a wrapper's own children (Prism's workers)
            try:
                os.kill(pid, 15)
            except OSError:
                pass
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def children(pid: int) -> list[int]:
    try:
        kids = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return kids + [g for k in kids for g in children(k)]


def simulator(fixture_path: str | None, extra: list[str] = (), env=None) -> Server:
    port = free_port()
    cmd = [SIM_PY[0], "-m", "simulator", "serve", "--port", str(port), "--no-default-world", *extra]
    if fixture_path:
        cmd += ["--fixtures", fixture_path]
    return Server("simulator", cmd, port, "/api/v2/users" if fixture_path else "/_sim/health", ZAP,
                  base_env=env or SIM_ENV)


def floor(body_file: str) -> Server:
    port = free_port()
    cmd = [PY, "-m", "uvicorn", "floor:app", "--app-dir", str(HERE), "--port", str(port), "--log-level", "warning",
           "--no-access-log"]
    if has("uvloop") and has("httptools"):
        cmd += ["--loop", "uvloop", "--http", "httptools"]
    return Server("floor", cmd, port, "/", {}, env={"MAILSIM_FLOOR_BODY": body_file})


def has(module: str, python: str = PY) -> bool:
    return subprocess.run([python, "-c", f"import {module}"], capture_output=True).returncode == 0


def request(port: int, method: str, path: str, headers: dict, body: bytes | None = None, timeout=600):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers={**headers, "content-type": "application/json"})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


# ---------------------------------------------------------------- load

WRK_CREATE = """
counter = 0
init = function(args) prefix = args[1]; kind = args[2] end
request = function()
  counter = counter + 1
  local c = counter % %(domains)d
  local user = prefix .. "u" .. counter
  local body
  if kind == "zapmail" then
    body = '{"zapmail-create-' .. c .. '":[{"firstName":"Load","lastName":"Test","mailboxUsername":"' .. user ..
           '","domainName":"c' .. c .. '.zapmail-bench.com"}]}'
  elseif kind == "litemail" then
    body = '{"domain":"c' .. c .. '.litemail-bench.com","mailboxUsername":"' .. user ..
           '","firstName":"Load","lastName":"Test"}'
  else
    body = '{"firstName":"Load","lastName":"Test","mailboxUsername":"' .. user .. '"}'
  end
  local headers = {["content-type"] = "application/json"}
  for k, v in pairs(wrk.headers) do headers[k] = v end  -- wrk.format does not merge the -H headers
  return wrk.format("POST", nil, headers, body)
end
"""


def create_body(kind: str, prefix: str, n: int) -> bytes:
    c = n % CREATE_DOMAINS
    user = f"{prefix}u{n}"
    if kind == "zapmail":
        return json.dumps({f"zapmail-create-{c}": [{"firstName": "Load", "lastName": "Test", "mailboxUsername": user,
                                                    "domainName": f"c{c}.zapmail-bench.com"}]}).encode()
    if kind == "litemail":
        return json.dumps({"domain": f"c{c}.litemail-bench.com", "mailboxUsername": user, "firstName": "Load",
                           "lastName": "Test"}).encode()
    return json.dumps({"firstName": "Load", "lastName": "Test", "mailboxUsername": user}).encode()


def load(server: Server, path: str, headers: dict, seconds: float, conns: int, create: str | None, prefix: str) -> dict:
    before = server.cpu()
    path = server.path(path)
    if shutil.which("wrk"):
        result = wrk(server.port, path, headers, seconds, conns, create, prefix)
    else:
        result = asyncio.run(asyncio_load(server.port, path, headers, seconds, conns, create, prefix))
    result["cpu_us"] = (server.cpu() - before) / max(result["requests"], 1) * 1e6
    return result


def wrk(port, path, headers, seconds, conns, create, prefix) -> dict:
    cmd = ["wrk", "-t1", f"-c{conns}", f"-d{max(1, round(seconds))}s", "--latency"]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    script = None
    if create:
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        script.write(WRK_CREATE.replace("%(domains)d", str(CREATE_DOMAINS)))
        script.close()
        cmd += ["-s", script.name]
    cmd += [f"http://127.0.0.1:{port}{path}"]
    if create:
        cmd += ["--", prefix, create]
    done = subprocess.run(cmd, capture_output=True, text=True)
    out = done.stdout
    if " requests in" not in out:
        raise RuntimeError(f"wrk failed: {done.stdout}{done.stderr}")
    if script:
        os.unlink(script.name)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "requests": requests,
            "p50": ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
            "p99": ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
            "errors": int(errors.group(1)) if errors else 0}


def ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


async def asyncio_load(port, path, headers, seconds, conns, create, prefix) -> dict:
    """The fallback load generator: keep-alive HTTP/1.1 connections, each sending its next request
    when the previous answer has been read."""
    latencies: list[float] = []
    errors = 0
    counter = 0
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    end = time.perf_counter() + seconds

    async def one():
        nonlocal errors, counter
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while time.perf_counter() < end:
            if create:
                counter += 1
                body = create_body(create, prefix, counter)
                raw = (f"POST {path} HTTP/1.1\r\nhost: x\r\n{head}content-type: application/json\r\n"
                       f"content-length: {len(body)}\r\n\r\n").encode() + body
            else:
                raw = f"GET {path} HTTP/1.1\r\nhost: x\r\n{head}\r\n".encode()
            t = time.perf_counter()
            writer.write(raw)
            status_line = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            latencies.append((time.perf_counter() - t) * 1000)
            if not status_line.split()[1].startswith((b"2", b"3")):
                errors += 1
        writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(conns)))
    latencies.sort()
    n = len(latencies)
    return {"rps": n / (time.perf_counter() - started), "requests": n, "p50": latencies[n // 2],
            "p99": latencies[min(n - 1, int(n * 0.99))], "errors": errors}


# ---------------------------------------------------------------- peers

PEER_PACKAGES = ("wiremock@3.13.2", "@stoplight/prism-cli@5")


def peer_tools(notes: list[str]) -> tuple[str | None, str | None]:
    """The WireMock jar and the prism command: from PATH, else from the npm cache folder (installed
    there on the first run)."""
    folder = Path(os.environ.get("MAILSIM_BENCH_PEERS", Path.home() / ".cache" / "mailbox-simulator-bench"))

    def found() -> tuple[str | None, str | None]:
        jars = sorted(folder.glob("node_modules/wiremock/build/wiremock-standalone-*.jar"))
        prism = shutil.which("prism") or (str(folder / "node_modules/.bin/prism")
                                          if (folder / "node_modules/.bin/prism").exists() else None)
        return (str(jars[-1]) if jars else None), prism

    jar, prism = found()
    if jar is None or prism is None:
        if shutil.which("npm") is None:
            notes.append("npm is not installed: WireMock and Prism (npm packages) cannot be installed")
        else:
            folder.mkdir(parents=True, exist_ok=True)
            done = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(folder),
                                   *PEER_PACKAGES], capture_output=True, text=True, timeout=600)
            if done.returncode != 0:
                notes.append(f"npm could not install {', '.join(PEER_PACKAGES)}: {done.stderr.strip()[-300:]}")
            jar, prism = found()
    return jar, prism


def peers(body_file: str, document_file: str) -> tuple[list[Server], list[str]]:
    """WireMock serving the same body for GET /api/v2/users (its defaults otherwise: the request
    journal on), and Prism mocking the simulator's Zapmail document (its paths have no /api)."""
    found, notes = [], []
    jar, prism = peer_tools(notes)
    if jar is None:
        notes.append("WireMock: not measured (its npm package is not installed)")
    elif shutil.which("java") is None:
        notes.append("WireMock: not measured (no Java on PATH; `apt-get install default-jre-headless`)")
    else:
        port = free_port()
        root = tempfile.mkdtemp()
        Path(root, "mappings").mkdir()
        Path(root, "mappings", "users.json").write_text(json.dumps({
            "request": {"method": "GET", "urlPath": "/api/v2/users"},
            "response": {"status": 200, "body": Path(body_file).read_text(),
                         "headers": {"content-type": "application/json"}}}))
        version = Path(jar).stem.rsplit("-", 1)[-1]
        try:
            found.append(Server(f"WireMock {version}", ["java", "-jar", jar, "--port", str(port), "--root-dir", root],
                                port, "/api/v2/users", {}))
        except RuntimeError as exc:
            notes.append(f"WireMock: not measured ({exc})")
    if prism is None:
        notes.append("Prism: not measured (its npm package is not installed)")
    else:
        port = free_port()
        try:
            found.append(Server("Prism 5", [prism, "mock", "-p", str(port), "-h", "127.0.0.1", document_file], port,
                                "/v2/users", ZAP, path_prefix="/api"))
        except RuntimeError as exc:
            notes.append(f"Prism: not measured ({exc})")
    return found, notes


# ---------------------------------------------------------------- the run

def throughput(rounds: int, seconds: float, conns: int, work: Path) -> tuple[list[dict], list[str]]:
    fx = work / "small.json"
    fx.write_text(json.dumps(fixture(100)))
    sim = simulator(str(fx))
    roomy(sim)  # the creates fill empty domains
    _, users_body = request(sim.port, "GET", "/api/v2/users", ZAP)
    body_file = work / "users.json"
    body_file.write_bytes(users_body)
    _, document = request(sim.port, "GET", "/_sim/openapi/zapmail.json", {})
    document_file = work / "zapmail.json"
    document_file.write_bytes(document)
    flo = floor(str(body_file))
    others, notes = peers(str(body_file), str(document_file))
    cases = [("GET /api/v2/users", "/api/v2/users", ZAP, None, [flo] + others),
             ("Zapmail create (POST /api/v2/mailboxes)", "/api/v2/mailboxes", ZAP, "zapmail", [flo]),
             ("LiteMail create (POST /v1/mailboxes)", "/v1/mailboxes", LITE, "litemail", [flo])]
    rows = []
    try:
        # one untimed run each first, so every server has filled its caches; WireMock's is longer, for
        # the JVM to compile its hot paths (its CPU per request kept falling over the first seconds)
        for label, path, headers, create, against in cases:
            for server in [sim] + against:
                load(server, path, headers, 10 if server.name.startswith("WireMock") else min(seconds, 2), conns,
                     ("echo" if server is not sim else create) if create else None, "warm")
        for label, path, headers, create, against in cases:
            per_round = []
            for r in range(rounds):
                result = {"simulator": load(sim, path, headers, seconds, conns, create, f"r{r}")}
                for other in against:
                    # the floor's POST is an echo of the same body
                    result[other.name] = load(other, path, headers, seconds, conns, "echo" if create else None,
                                              f"r{r}")
                per_round.append(result)
            rows.append({"label": label, "rounds": per_round})
    finally:
        for s in [sim, flo] + others:
            s.stop()
    return rows, notes


def paired_p50(a: tuple, b: tuple, method: str, headers: dict, n: int = 101, warm: int = 10) -> tuple[float, float]:
    """Medians of sequential requests to two servers, taken in turn (a, b, a, b...) on one
    keep-alive connection each, so both see the same moments of a shared, noisy machine; the
    first `warm` of each are not counted (a server just started fills its caches). Each of a and b
    is (port, path, bodies or None)."""
    conns = [http.client.HTTPConnection("127.0.0.1", port, timeout=600) for port, _, _ in (a, b)]
    times: list[list[float]] = [[], []]
    budget = time.perf_counter() + 30  # slow answers: at least 5 samples each, then stop after 30 s
    for i in range(warm + n):
        if len(times[1]) >= 5 and time.perf_counter() > budget:
            break
        if i == warm:
            times = [[], []]
        for k, (port, path, bodies) in enumerate((a, b)):
            body = bodies(i) if bodies else None
            t = time.perf_counter()
            conns[k].request(method, path, body=body, headers={**headers, "content-type": "application/json"})
            resp = conns[k].getresponse()
            resp.read()
            times[k].append((time.perf_counter() - t) * 1000)
            if resp.status >= 300:
                raise RuntimeError(f"{method} {path} answered {resp.status}")
    for c in conns:
        c.close()
    return statistics.median(times[0]), statistics.median(times[1])


def last_page(size: int) -> int:
    return -(-size // PER_DOMAIN // LIST_LIMIT)


def roomy(sim: "Server") -> None:
    """Let a domain take many mailboxes (a world snapshot carries the setting): the throughput
    creates fill a few empty domains, and the scale reference server takes creates for every size."""
    status, snap = request(sim.port, "GET", "/_sim/snapshot", {})
    doc = json.loads(snap)
    doc["settings"]["mailboxes_per_domain"] = 10_000
    status, answer = request(sim.port, "POST", "/_sim/snapshot", {}, json.dumps(doc).encode())
    assert status == 200, answer


def scale(sizes: list[int], work: Path) -> list[dict]:
    """Each size's latencies are taken in turn with a reference server holding the smallest size,
    running throughout (`ref_*`): a size's ratio to the smallest compares medians of one moment."""
    out = []
    ref_size = sizes[0]
    ref_fx = work / "scale-reference.json"
    ref_fx.write_text(json.dumps(fixture(ref_size, litemail=False)))
    ref = simulator(str(ref_fx))
    roomy(ref)
    try:
        for size in sizes:
            out.append(scale_one(size, work, ref, ref_size))
    finally:
        ref.stop()
    return out


def scale_one(size: int, work: Path, ref: "Server", ref_size: int) -> dict:
    fx = work / f"scale-{size}.json"
    doc = fixture(size, litemail=False)
    fx.write_text(json.dumps(doc))
    sim = simulator(str(fx))
    row = {"size": size, "fixture_s": sim.start_seconds, "rss_mb": sim.rss_mb()}
    page = f"/api/v2/mailboxes/list?page=%d&limit={LIST_LIMIT}"
    for key, method, path, ref_path, bodies, ref_bodies in (
            ("first_ms", "GET", page % 1, page % 1, None, None),
            ("last_ms", "GET", page % last_page(size), page % last_page(ref_size), None, None),
            ("users_ms", "GET", "/api/v2/users", "/api/v2/users", None, None),
            ("create_ms", "POST", "/api/v2/mailboxes", "/api/v2/mailboxes",
             lambda i: create_body("zapmail", f"s{size}", i), lambda i: create_body("zapmail", f"r{size}", i))):
        # sub-millisecond answers on a shared machine: many samples, after many more than a server
        # just started needs to settle (its first collections of the objects the load made);
        # creates: 2.5 a domain with the 10 warming, within the 5 a domain takes
        n, warm = (301, 200) if method == "GET" else (CREATE_DOMAINS * 2, 10)
        row[key], row["ref_" + key] = paired_p50((sim.port, path, bodies), (ref.port, ref_path, ref_bodies),
                                                 method, ZAP, n, warm)
    row["rss_after_mb"] = sim.rss_mb()
    # snapshot restore of the same account
    t = time.perf_counter()
    status, snap = request(sim.port, "GET", "/_sim/snapshot", {})
    row["snapshot_export_s"] = time.perf_counter() - t
    row["snapshot_mb"] = len(snap) / 1e6
    t = time.perf_counter()
    status, answer = request(sim.port, "POST", "/_sim/snapshot", {}, snap)
    row["restore_s"] = time.perf_counter() - t if status == 200 else None
    row["restore_status"] = status
    sim.stop()
    # seed: the same fixture posted inline into an empty server
    sim = simulator(None)
    body = json.dumps({"fixture": doc}).encode()
    t = time.perf_counter()
    status, answer = request(sim.port, "POST", "/_sim/seed", {}, body)
    row["seed_s"] = time.perf_counter() - t if status == 201 else None
    row["seed_status"] = status
    row["seed_mb"] = len(body) / 1e6
    sim.stop()
    print(f"  {size}: {row}", file=sys.stderr)
    return row


def cold_start(work: Path, n: int = 5) -> tuple[float, float]:
    """Process start to the first 200, median of empty and default-world (the README's way)
    starts: with the compiled-module cache a user's install has (warmed by one untimed start), and
    with none at all (every module compiled at start, as in the container image)."""
    out = []
    for env in (SIM_ENV, {**SIM_ENV, "PYTHONDONTWRITEBYTECODE": "1",
                          "PYTHONPYCACHEPREFIX": tempfile.mkdtemp(prefix="no-pycache-")}):
        simulator(None, [], env).stop()
        times = []
        for _ in range(n):
            sim = simulator(None, [], env)
            times.append(sim.start_seconds)
            sim.stop()
        for _ in range(n):
            port = free_port()
            s = Server("simulator", [SIM_PY[0], "-m", "simulator", "serve", "--port", str(port)], port,
                       "/_sim/health", {}, base_env=env)
            times.append(s.start_seconds)
            s.stop()
        out.append(statistics.median(times))
    return out[0], out[1]


def grown(row: dict, key: str) -> float:
    """A size's latency over the smallest size's, sampled in turn with it (scale)."""
    return row[key] / row["ref_" + key]


def med(values):
    return statistics.median(values)


def report(rows, notes, scale_rows, cold, args) -> str:
    cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True,
                         text=True).stdout.strip()
    lines = [f"# Speed and scale ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC)", "",
             f"Machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"{platform.system()} {platform.release()}. Load: "
             f"{'wrk -t1' if shutil.which('wrk') else 'bundled asyncio generator'} -c{args.conns}, "
             f"{args.seconds:g} s per run, {args.rounds} interleaved rounds, medians; ratios are taken within a "
             f"round, then the median. Floor: bench/floor.py under uvicorn"
             f"{' with uvloop + httptools' if has('uvloop') and has('httptools') else ' (no uvloop/httptools installed)'}.",
             f"The simulator's install {'has' if has('uvloop', SIM_PY[0]) else 'lacks'} uvloop and "
             f"{'has' if has('httptools', SIM_PY[0]) else 'lacks'} httptools.",
             "", "Command: `python bench/speed.py`" + (" --quick" if args.quick else ""), "",
             "## Throughput", "",
             "| case | system | req/s | p50 ms | p99 ms | CPU µs/request | non-2xx | req/s vs floor |",
             "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        names = list(row["rounds"][0])
        for name in names:
            rs = [r[name] for r in row["rounds"]]
            ratio = med([r[name]["rps"] / r["floor"]["rps"] for r in row["rounds"]])
            lines.append(f"| {row['label']} | {name} | {med([x['rps'] for x in rs]):,.0f} | "
                         f"{med([x['p50'] for x in rs]):.2f} | {med([x['p99'] for x in rs]):.2f} | "
                         f"{med([x['cpu_us'] for x in rs]):.0f} | {sum(x['errors'] for x in rs)} | {ratio:.2f}x |")
    lines += ["", "The floor's POST echoes the create's body (201).", ""] + [f"- {n}" for n in notes]
    lines += ["", "## One account at each size", "",
              "Sequential requests on one keep-alive connection, median of 301 after 200 not counted "
              "(creates: 40 after 10), each taken in turn with the same request to a server holding the smallest size, running "
              "throughout; a list page holds 5 domain groups of 20 mailboxes (Zapmail pages count domains); a "
              "create adds one mailbox. RSS after: after those requests. Then the world's snapshot is exported "
              "and restored; the seed loads the same fixture into an empty server.", "",
              "| mailboxes | start with fixture s | RSS MB (loaded) | list first page ms | list last page ms | "
              "/users ms | one create ms | RSS MB (after) | seed s (body MB) | snapshot MB | restore s |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in scale_rows:
        seed = f"{r['seed_s']:.2f} ({r['seed_mb']:.1f})" if r["seed_s"] is not None else \
            f"refused {r['seed_status']} ({r['seed_mb']:.1f})"
        restore = f"{r['restore_s']:.2f}" if r["restore_s"] is not None else f"refused {r['restore_status']}"
        lines.append(f"| {r['size']:,} | {r['fixture_s']:.2f} | {r['rss_mb']:.0f} | {r['first_ms']:.2f} | "
                     f"{r['last_ms']:.2f} | {r['users_ms']:.2f} | {r['create_ms']:.2f} | {r['rss_after_mb']:.0f} | "
                     f"{seed} | {r['snapshot_mb']:.1f} | {restore} |")
    if len(scale_rows) > 1:
        a, b = scale_rows[0], scale_rows[-1]
        lines += ["", f"Largest over smallest, each against the smallest size's server sampled in turn with it "
                      f"(same moments): list first {grown(b, 'first_ms'):.2f}x, last {grown(b, 'last_ms'):.2f}x, "
                      f"/users {grown(b, 'users_ms'):.2f}x, create {grown(b, 'create_ms'):.2f}x."]
    lines += ["", f"Cold start (process start to the first 200, median of empty and default-world starts): "
                  f"{cold[0]:.2f} s; without any compiled-module cache (every module compiled at start, as in "
                  f"the container image): {cold[1]:.2f} s.", ""]
    lines += targets(rows, scale_rows, cold)
    return "\n".join(lines)


def targets(rows, scale_rows, cold) -> list[str]:
    """The issue's targets, checked against this run's figures."""
    def ratio(label, name="simulator"):
        row = next(r for r in rows if r["label"].startswith(label))
        return med([r[name]["rps"] / r["floor"]["rps"] for r in row["rounds"]])

    def cpu(label, name):
        row = next(r for r in rows if r["label"].startswith(label))
        if name not in row["rounds"][0]:
            return None
        return med([r[name]["cpu_us"] for r in row["rounds"]])

    out = ["## Targets (issue 11), this run", "", "| target | this run | met |", "|---|---|---|"]

    def add(target, figure, ok):
        out.append(f"| {target} | {figure} | {'yes' if ok else 'no'} |")

    users = ratio("GET /api/v2/users")
    add("`GET /api/v2/users` at least 0.6x the floor's req/s", f"{users:.2f}x", users >= 0.6)
    users_rows = next(r for r in rows if r["label"].startswith("GET /api/v2/users"))
    wiremock = next((n for n in users_rows["rounds"][0] if n.startswith("WireMock")), None)
    ours = cpu("GET /api/v2/users", "simulator")
    if wiremock:
        theirs = cpu("GET /api/v2/users", wiremock)
        add("`/users` CPU per request below WireMock's", f"{ours:.0f} µs vs {theirs:.0f} µs", ours < theirs)
    else:
        out.append(f"| `/users` CPU per request below WireMock's | {ours:.0f} µs; WireMock not measured | not measured |")
    zap, lite = ratio("Zapmail create"), ratio("LiteMail create")
    add("creates at least 0.3x the floor's POST", f"{zap:.2f}x Zapmail, {lite:.2f}x LiteMail", min(zap, lite) >= 0.3)
    if len(scale_rows) > 1:
        a, b = scale_rows[0], scale_rows[-1]
        for key, what in (("first_ms", "list first page"), ("last_ms", "list last page"), ("users_ms", "`/users`"),
                          ("create_ms", "one create")):
            x = grown(b, key)
            add(f"{what} p50 at {b['size']:,} at most 1.5x its value at {a['size']:,}",
                f"{b[key]:.2f} ms vs {b['ref_' + key]:.2f} ms, sampled in turn ({x:.2f}x)", x <= 1.5)
        loads = [b["fixture_s"]] + ([b["seed_s"]] if b["seed_s"] is not None else [])
        add(f"loading {b['size']:,} mailboxes by fixture or seed under 10 s",
            f"fixture {b['fixture_s']:.1f} s (process start included), seed "
            + (f"{b['seed_s']:.1f} s" if b["seed_s"] is not None else f"refused {b['seed_status']}"),
            max(loads) < 10 and b["seed_s"] is not None)
        add(f"RSS with {b['size']:,} mailboxes under 300 MB", f"{b['rss_mb']:.0f} MB loaded, "
            f"{b['rss_after_mb']:.0f} MB after the requests", max(b["rss_mb"], b["rss_after_mb"]) < 300)
    add("cold start under 0.5 s", f"{cold[0]:.2f} s ({cold[1]:.2f} s without a compiled-module cache)",
        cold[0] < 0.5)
    out.append("")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, shorter runs, sizes up to 10,000")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--conns", type=int, default=32)
    parser.add_argument("--out", default=str(HERE / "speed.md"))
    parser.add_argument("--simulator-python", help="the Python whose install serves the simulator (default: this one)")
    args = parser.parse_args()
    if args.simulator_python:
        SIM_PY[0] = args.simulator_python
    args.rounds = args.rounds or (2 if args.quick else 3)
    args.seconds = args.seconds or (2 if args.quick else 3)
    sizes = [100, 10_000] if args.quick else [100, 10_000, 100_000]
    os.chdir(HERE.parent)  # `python -m simulator` from the checkout (or --simulator-python's install)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        try:
            print("throughput...", file=sys.stderr)
            rows, notes = throughput(args.rounds, args.seconds, args.conns, work)
            print("scale...", file=sys.stderr)
            scale_rows = scale(sizes, work)
            cold = cold_start(work)
        finally:
            for server in list(RUNNING):
                server.stop()
    text = report(rows, notes, scale_rows, cold, args)
    out = Path(args.out)
    old = out.read_text() if out.exists() else ""
    kept = old[old.index(KEPT):] if KEPT in old else ""  # the hand-written sections stay below the run's
    out.write_text(text.rstrip("\n") + "\n" + kept if kept else text)
    print(text)


KEPT = "\n## What changed, measured apart"


if __name__ == "__main__":
    main()
