"""`mailbox-simulator import`: copy a real account, read-only, into a fixture file.

Only the provider's read operations are called (reader.py), every list to its last page, waiting
as long as a 429's Retry-After asks. The result is the simulator's own fixture format, with ids
and timestamps pinned so that a simulator loading it (`serve --fixtures world.json`) answers the
reads as the source did; secrets are replaced and, with `pseudonymise`, names too (scrub.py).
"""
from __future__ import annotations

import secrets
import uuid
from urllib.parse import urlsplit, urlunsplit
from typing import Callable, Optional

from . import litemail, zapmail
from .reader import ImportFailed, Reader, read_operations
from .scrub import Pseudonyms, replace_secrets

FORMAT = "mailbox-simulator-fixture"
COPIERS = {"zapmail": zapmail.copy, "litemail": litemail.copy}  # provider -> reads an account into an entry


def default_base_url(provider: str) -> Optional[str]:
    from ..openapi import PUBLIC_SERVERS

    return PUBLIC_SERVERS.get(provider)


def import_account(provider: str, api_key: str, base_url: Optional[str] = None, *, pseudonymise: bool = False,
                   progress: Optional[Callable[[str], None]] = None, transport=None, sleep=None,
                   page_size: Optional[int] = None) -> dict:
    """The fixture document ({"accounts": [one entry]}) copied from the account of `api_key`."""
    if provider not in COPIERS:
        raise ValueError(f"provider must be one of {', '.join(sorted(COPIERS))}")
    base_url = base_url or default_base_url(provider)
    if not base_url:
        raise ValueError(f"{provider} has no known public address: give --base-url")
    extra = {"sleep": sleep} if sleep is not None else {}
    reader = Reader(provider, api_key, base_url, progress=progress, transport=transport, page_size=page_size,
                    **extra)
    try:
        entry = COPIERS[provider](reader)
    finally:
        reader.close()
    entry = replace_secrets(entry)
    # a key for the simulator, not the source's (which is a secret like any other)
    entry["apiKey"] = str(uuid.uuid4()) if provider == "zapmail" else "lm_" + secrets.token_hex(24)
    if pseudonymise:
        entry = pseudonymised(entry, Pseudonyms())
    reader.progress(f"done: {reader.calls} read calls"
                    + (f", {reader.waited:g}s waited for rate limits" if reader.waited else ""))
    return {"format": FORMAT, "importedFrom": provider, "accounts": [entry]}


def pseudonymised(entry: dict, p: Pseudonyms) -> dict:
    """Names, addresses, company details and domain names replaced, consistently in one file."""
    out = dict(entry)
    out["email"] = p.email(entry.get("email"))
    out["firstName"], out["lastName"] = p.first(entry.get("firstName")), p.last(entry.get("lastName"))
    for ws in out.get("workspaces") or []:
        for d in ws.get("domains") or []:
            p.domain(d["name"])  # every domain first, so addresses on them map consistently
    out["workspaces"] = [_workspace(ws, p) for ws in out.get("workspaces") or []]
    return out


def _workspace(ws: dict, p: Pseudonyms) -> dict:
    ws = dict(ws)
    ws["name"] = p.text("workspace", ws.get("name"))
    if ws.get("billingDetails"):
        billing = ws["billingDetails"]
        ws["billingDetails"] = {**billing, **{k: p.text(k, billing.get(k)) for k in (
            "company", "addressLineOne", "addressLineTwo", "addressLineThree", "city", "postalCode", "phone")
            if billing.get(k) is not None}, "firstName": p.first(billing.get("firstName")),
            "lastName": p.last(billing.get("lastName"))}
    ws["tags"] = [{**t, "name": p.text("tag", t["name"])} for t in ws.get("tags") or []]
    ws["domains"] = [_domain(d, p) for d in ws.get("domains") or []]
    ws["connectionRequests"] = [{**r, "domainName": p.domain(r["domainName"])} for r in ws.get("connectionRequests") or []]
    ws["thirdPartyAccounts"] = [{**a, "email": p.email(a["email"])} for a in ws.get("thirdPartyAccounts") or []]
    for key in ("webhooks",):
        ws.pop(key, None)  # addresses of the user's own services
    return ws


def _domain(d: dict, p: Pseudonyms) -> dict:
    name = d["name"]
    new = p.domain(name)
    d = {**d, "name": new}
    for key in ("dmarcEmail", "forwardingEmail", "catchAllEmail", "adminEmail"):
        if d.get(key):
            d[key] = p.email(d[key])
    if d.get("forwardTo"):  # a URL of the user's own site
        parts = urlsplit(d["forwardTo"] if "//" in d["forwardTo"] else "//" + d["forwardTo"])
        d["forwardTo"] = urlunsplit((parts.scheme or "https", p.domain(parts.hostname or ""), "", "", ""))
    d["mailboxes"] = [{**m, "username": p.username(m["username"]), "firstName": p.first(m["firstName"]),
                       "lastName": p.last(m["lastName"]),
                       **({"recoveryEmail": p.email(m["recoveryEmail"])} if m.get("recoveryEmail") else {})}
                      for m in d.get("mailboxes") or []]
    dashed, new_dashed = name.replace(".", "-"), new.replace(".", "-")
    d["dnsRecords"] = [{**r, "host": r["host"].replace(name, new),
                        "value": r["value"].replace(name, new).replace(dashed, new_dashed)}
                       for r in d.get("dnsRecords") or []]
    return d


__all__ = ["ImportFailed", "import_account", "read_operations", "pseudonymised"]


def add_arguments(parser) -> None:
    """The `import` subcommand's options (cli.py builds the subcommand, this module owns it)."""
    parser.add_argument("--provider", required=True, choices=sorted(COPIERS))
    parser.add_argument("--api-key", required=True, metavar="KEY",
                        help="the account's API key (read-only use: only read operations are called)")
    parser.add_argument("--base-url", metavar="URL",
                        help="the API's base URL, as a client uses it (default: the provider's public one; "
                             "e.g. http://127.0.0.1:8080/api for a simulator's Zapmail)")
    parser.add_argument("--out", required=True, metavar="FILE", help="the fixture file to write")
    parser.add_argument("--pseudonymise", action="store_true",
                        help="replace people's names, addresses, company details and domain names too")


def run(args) -> int:
    import sys
    from pathlib import Path

    import orjson

    try:
        doc = import_account(args.provider, args.api_key, args.base_url, pseudonymise=args.pseudonymise)
    except (ImportFailed, ValueError) as exc:
        print(f"mailbox-simulator import: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # network errors and the like: one line, not a traceback
        print(f"mailbox-simulator import: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    Path(args.out).write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    entry = doc["accounts"][0]
    print(f"wrote {args.out}: serve it with `mailbox-simulator serve --fixtures {args.out}`; "
          f"the copy answers to API key {entry['apiKey']}", file=sys.stderr)
    return 0
