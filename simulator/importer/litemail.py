"""A LiteMail account, read through its API, as one fixture account entry.

LiteMail reads act in the key's primary workspace (there is no workspace header), per mailbox
platform (x-service-provider): the primary workspace's domains, mailboxes, DNS records,
subscriptions and tags are copied; other workspaces by name, billing details and dates. Not
copied, as no read shows enough of them (or copying them would be wrong): payment history
(billing.invoices), placement tests, export history, Cloudflare credentials (their token is a
secret the copy cannot have) and webhooks (they would post to the user's own services).

LiteMail shows whole seconds: where rows of one second are listed in an order the simulator would
not rebuild from seconds alone, the copy keeps the order with millisecond offsets (invisible in
the answers, which show seconds). No read shows when a mailbox turned ACTIVE (warmup counts from
then): the copy takes its last update, which is that moment unless the mailbox changed since.
"""
from __future__ import annotations

from ..core.clock import iso, parse_iso
from .reader import Reader

L = "litemail."
PLATFORMS = ("GOOGLE", "MICROSOFT")
STATUS = {"PENDING": "IN_PROGRESS"}  # LiteMail's word for a mailbox being created


def _rows(key: str):
    return lambda body: body["data"][key]


def _last(body) -> int:
    return body["data"]["pagination"]["totalPages"]


def _pages(reader: Reader, op: str, key: str, headers=None, params=None) -> list:
    return reader.pages(L + op, _rows(key), _last, headers=headers, params=params, what=key)


def copy(reader: Reader) -> dict:
    user = reader.get(L + "users.get")["data"]
    wallet = reader.get(L + "wallet.balance")["data"]
    reader.progress(f"account {user['email']}")
    account = {"provider": "litemail", "idStyle": "cuid", "id": user["id"], "email": user["email"],
               "firstName": user["firstName"], "lastName": user["lastName"], "createdAt": user["createdAt"],
               "walletBalance": wallet["balance"], "autoRechargeEnabled": wallet["autoRecharge"]["enabled"],
               "autoRechargeThreshold": wallet["autoRecharge"]["threshold"],
               "autoRechargeAmount": wallet["autoRecharge"]["amount"],
               "paymentMethodSaved": wallet["paymentMethodSaved"], "workspaces": []}
    for row in _pages(reader, "workspaces.list", "workspaces"):
        if row["ownerId"] != user["id"]:
            continue  # shared with this account by another: not this account's to copy
        ws = {"id": row["id"], "name": row["name"], "createdAt": row["createdAt"], "updatedAt": row["updatedAt"]}
        if row.get("billingDetails"):
            billing = dict(row["billingDetails"])
            billing.pop("workspaceId", None)
            ws["billingDetails"] = billing
        if row["isPrimary"]:
            ws.update(primary=True, **_primary_contents(reader))
            account["workspaces"].insert(0, ws)
        else:
            account["workspaces"].append(ws)
    return account


def _primary_contents(reader: Reader) -> dict:
    subs, domains, boxes, tags = {}, {}, {}, {}
    for platform in PLATFORMS:
        h = {"x-service-provider": platform}
        for s in _ordered(_pages(reader, "subscriptions.list", "subscriptions", h), newest_first=True):
            subs.setdefault(s["id"], s)
        for d in _ordered(_pages(reader, "domains.list", "domains", h)):
            domains.setdefault(d["id"], d)
        for m in _ordered(_pages(reader, "mailboxes.list", "mailboxes", h)):
            boxes.setdefault(m["id"], m)
        for t in _ordered(_pages(reader, "tags.list", "tags", h)):
            tags.setdefault(t["id"], t)
    tag_of: dict = {}
    for t in tags.values():
        for ref in t["domainIds"] + t["mailboxIds"]:
            tag_of.setdefault(ref, []).append(t["id"])
    out_domains = []
    for d in domains.values():
        records = _pages(reader, "dns.list", "records", params={"domainId": d["id"]})
        mine = [m for m in boxes.values() if m["domainId"] == d["id"]]
        out_domains.append(_domain(d, mine, records, tag_of))
    reader.progress(f"  {len(out_domains)} domains, {len(boxes)} mailboxes, {len(subs)} subscriptions, "
                    f"{len(tags)} tags")
    return {"subscriptions": [_subscription(s) for s in subs.values()],
            "tags": [{"id": t["id"], "name": t["name"], "color": t["color"], "createdAt": t["createdAt"],
                      "updatedAt": t["updatedAt"]} for t in tags.values()],
            "domains": out_domains}


def _ordered(rows: list, newest_first: bool = False) -> list:
    """`rows` as listed, with createdAt nudged by milliseconds where seconds tie, so the copy
    lists them in the same order."""
    out, last = [], None
    for row in (reversed(rows) if newest_first else rows):
        at = parse_iso(row["createdAt"])
        if last is not None and int(at) == int(last) and at <= last:
            at = last + 0.001
        last = at
        out.append({**row, "createdAt": iso(at)})
    return list(reversed(out)) if newest_first else out


def _subscription(s: dict) -> dict:
    return {"externalId": s["id"], "platform": s["platform"], "plan": s["plan"], "planKey": s["plan"],
            "price": s["price"], "quantity": s["mailboxQuantity"], "status": s["status"],
            "periodStart": s["currentPeriodStart"], "periodEnd": s["currentPeriodEnd"], "createdAt": s["createdAt"],
            "cancelAtPeriodEnd": s["cancelAtPeriodEnd"]}


def _domain(d: dict, boxes: list, records: list, tag_of: dict) -> dict:
    return {"id": d["id"], "name": d["domain"], "status": d["status"], "platform": d["platform"],
            "origin": d["origin"].lower(), "createdAt": d["createdAt"], "updatedAt": d["updatedAt"],
            "registeredOn": d["registeredAt"], "expireOn": d["expiresAt"], "autoRenew": d["autoRenew"],
            "nameServers": d["nameServers"], "dmarcEmail": d["dmarcEmail"], "forwardTo": d["forwardTo"],
            "forwardingEmail": d["forwardingEmail"], "catchAllEmail": d["catchAllEmail"],
            "dnsShieldEnabled": d["dnsShieldEnabled"], "tagIds": tag_of.get(d["id"], []),
            "mailboxes": [_mailbox(m, tag_of) for m in boxes], "replaceDnsRecords": True,
            "dnsRecords": [{"id": r["id"], "host": r["host"], "value": r["value"], "recordType": r["recordType"],
                            "priority": r["priority"], "createdAt": r["createdAt"], "updatedAt": r["updatedAt"]}
                           for r in _ordered(records)]}


def _mailbox(m: dict, tag_of: dict) -> dict:
    return {"id": m["id"], "username": m["username"], "firstName": m["firstName"], "lastName": m["lastName"],
            "platform": m["platform"], "status": STATUS.get(m["status"], m["status"]), "createdAt": m["createdAt"],
            "updatedAt": m["updatedAt"], "expireOn": m["expiresAt"], "password": m["password"],
            "appPassword": m["appPassword"], "secret": m["totpSecret"], "recoveryEmail": m["recoveryEmail"],
            "profilePicture": m["profilePicture"], "scheduledRemoval": m["scheduledForRemoval"],
            "activatedAt": m["updatedAt"] if m["status"] == "ACTIVE" else None,
            "tagIds": tag_of.get(m["id"], [])}
