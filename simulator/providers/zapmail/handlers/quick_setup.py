"""Quick setup: start one, and read a domain's progress through it."""
from __future__ import annotations

from ....domain import quick_setup
from .. import render_domainsc as render
from .. import requests, wire
from .money import addon_price, pay_url


def start(call):
    body = call.body
    wanted = {name: [quick_setup.Spec(username=m.username or m.mailboxUsername, first_name=m.firstName,
                                      last_name=m.lastName) for m in specs]
              for name, specs in body.mailboxes.items()}
    setup, link = quick_setup.start(call.scope, [d.domainName for d in body.domains], wanted, body.exportApp,
                                    body.enableDnsShield, requests.EXPORT_APPS, addon_price)
    return wire.ok("Quick setup started successfully", render.quick_setup_started(setup, pay_url(call, link)))


def status(call):
    setup, qd = quick_setup.progress(call.scope, call.args.domain)
    return wire.ok("Quick setup status fetched successfully", render.quick_setup_progress(call.scope.owner, setup, qd))
