"""A Zapmail v2 account, read through its API, as one fixture account entry.

Reads are scoped by workspace (x-workspace-key) and mailbox platform (x-service-provider), so
every workspace is read on both platforms. What no read shows (payment history, export jobs) is
not copied; what the simulator derives (counts, user totals, the active plan) is not written.
"""
from __future__ import annotations

from .reader import Reader

Z = "zapmail.v2."
PLATFORMS = ("GOOGLE", "MICROSOFT")


def third_party_apps() -> tuple:
    from ..providers.zapmail.handlers.exports import APPS

    return APPS


def _data(body):
    return body["data"]


def _last(body) -> int:
    return body["data"]["totalPages"]


def copy(reader: Reader) -> dict:
    user = _data(reader.get(Z + "users.get"))
    wallet = reader.get(Z + "wallet.get_balance")
    reader.progress(f"account {user['email']}")
    details = wallet.get("autoRechargeDetails") or {}
    account = {"provider": "zapmail", "id": user["id"], "email": user["email"], "firstName": user["firstName"],
               "lastName": user["lastName"], "createdAt": user["userCreatedAt"],
               "walletBalance": wallet["walletBalance"], "autoRechargeEnabled": wallet["autoRechargeEnabled"],
               "workspaces": []}
    if details.get("amount") is not None:
        account["autoRechargeAmount"] = details["amount"]
    if details.get("threshold") is not None:
        account["autoRechargeThreshold"] = details["threshold"]
    # the key's own workspace is `currentWorkspace`; the rows are the others
    current = {}
    listing = reader.pages(Z + "workspaces.list", lambda b: current.update(b["data"]["currentWorkspace"]) or
                           b["data"]["workspaces"], _last, what="workspaces")
    for row in [current] + [w for w in listing if w["id"] != current["id"]]:
        account["workspaces"].append(_workspace(reader, row, current["id"]))
    return account


def _workspace(reader: Reader, row: dict, primary: str) -> dict:
    reader.progress(f"workspace {row['name']}")
    ws = {"id": row["id"], "name": row["name"], "subscriptions": [], "domains": [], "tags": [],
          "connectionRequests": [], "thirdPartyAccounts": []}
    if row["id"] == primary:
        ws["primary"] = True
    if row.get("billingDetails"):
        billing = dict(row["billingDetails"])
        billing.pop("userId", None), billing.pop("workspaceId", None)
        ws["billingDetails"] = billing
    seen: set = set()
    for platform in PLATFORMS:
        headers = {"x-workspace-key": row["id"], "x-service-provider": platform}
        for sub in _data(reader.get(Z + "subscriptions.list", headers=headers)):
            if sub["id"] not in seen:
                seen.add(sub["id"])
                ws["subscriptions"].append(_subscription(sub, platform))
        groups = {g["id"]: g for g in reader.pages(Z + "mailbox.list", lambda b: b["data"]["domains"], _last,
                                                   headers=headers, what=f"{platform} mailboxes")}
        for d in reader.pages(Z + "domains.list", lambda b: b["data"]["domains"], _last, headers=headers,
                              what=f"{platform} domains"):
            if d["id"] in seen:
                continue
            seen.add(d["id"])
            for tag in d["tags"]:
                if tag["id"] not in seen:
                    seen.add(tag["id"])
                    ws["tags"].append({"id": tag["id"], "name": tag["name"]})
            records = _data(reader.get(Z + "dns.list", params={"id": d["id"]}, headers=headers))["records"]
            ws["domains"].append(_domain(d, groups.get(d["id"]), records, platform))
        requests = reader.pages(Z + "domains.list_connection_requests", lambda b: b["data"]["data"], _last,
                                headers=headers, what="connection requests")
        for req in requests:
            if req["id"] not in seen:
                seen.add(req["id"])
                ws["connectionRequests"].append(_request(req, platform))
    headers = {"x-workspace-key": row["id"]}
    for app in third_party_apps():
        for acc in _data(reader.get(Z + "export.third_party.list", params={"app": app}, headers=headers))["accounts"]:
            ws["thirdPartyAccounts"].append({"id": acc["id"], "app": acc["appName"], "email": acc["email"]})
    reader.progress(f"  {len(ws['domains'])} domains, "
                    f"{sum(len(d['mailboxes']) for d in ws['domains'])} mailboxes, "
                    f"{len(ws['subscriptions'])} subscriptions")
    return ws


def _subscription(sub: dict, platform: str) -> dict:
    return {"id": sub["id"], "externalId": sub["subscriptionId"], "platform": platform, "plan": sub["plan"],
            "planKey": sub["plan"].lower(), "price": sub["price"], "quantity": sub["totalMailboxQuantity"],
            "status": sub["subscriptionStatus"], "periodStart": sub["periodStart"], "periodEnd": sub["periodEnd"],
            "createdAt": sub["subscriptionCreationDate"],
            # an ACTIVE subscription that can be neither upgraded nor cancelled has a cancellation pending
            "cancelAtPeriodEnd": sub["subscriptionStatus"] == "ACTIVE" and sub.get("planUpgradeCancelPossible") is False,
            "paymentFailureMessage": sub.get("paymentFailureMessage")}


def _domain(d: dict, group, records: list, platform: str) -> dict:
    admin = (group or {}).get("adminDetails") or {}
    full = {m["id"]: m for m in (group or {}).get("mailboxes", [])}
    return {
        "id": d["id"], "name": d["domain"], "status": d["status"], "platform": platform,
        # only a registered (bought) domain has a registration date; a connected one has none
        "origin": "purchased" if d["registeredOn"] else "connected",
        "createdAt": d["createdAt"], "updatedAt": d["updatedAt"], "registeredOn": d["registeredOn"],
        "expireOn": d["expireOn"], "autoRenew": d["autoRenew"], "forwardTo": d["forwardTo"],
        "forwardToAdded": d["forwardToAddedOnReseller"], "maskForwarding": d["maskForwarding"],
        "dmarcEmail": d["dmarcEmail"], "dmarcAdded": d["dmarcEmailAddedToReseller"],
        "forwardingEmail": d["forwardingEmail"], "catchAllEmail": d["catchAllEmail"],
        "nameServers": d["nameServers"], "dnsShieldEnabled": d["dnsShieldEnabled"], "isWarmedUp": d["isWarmedUp"],
        "tagIds": [t["id"] for t in d["tags"]],
        "adminEmail": admin.get("email"), "adminPassword": admin.get("newPassword"),
        "adminSecret": admin.get("secret"),
        "mailboxes": [_mailbox(m, full.get(m["id"], {})) for m in d["mailboxes"]],
        "replaceDnsRecords": True,
        "dnsRecords": [{"id": r["id"], "host": r["host"], "value": r["value"], "recordType": r["recordType"],
                        "priority": r["priority"], "upstreamId": r["cdfRecordId"], "createdAt": r["createdAt"],
                        "updatedAt": r["updatedAt"]} for r in records],
    }


def _mailbox(row: dict, full: dict) -> dict:
    out = {"id": row["id"], "username": row["username"], "firstName": row["firstName"], "lastName": row["lastName"],
           "status": row["status"], "createdAt": row["createdAt"]}
    for key in ("password", "appPassword", "secret", "recoveryEmail", "profilePicture", "assignedOn", "expireOn",
                "isWarmedUp"):
        if key in full:
            out[key] = full[key]
    return out


def _request(req: dict, platform: str) -> dict:
    return {"id": req["id"], "domainName": req["domainName"], "userId": req["userId"], "status": req["status"],
            "platform": platform, "currentNameServers": req["metadata"]["currentNameServers"],
            "nextRetryOn": req["nextRetryOn"], "createdAt": req["createdAt"], "updatedAt": req["updatedAt"],
            "deletedAt": req["deletedAt"]}
