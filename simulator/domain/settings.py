"""Durations of the asynchronous lifecycles (simulated seconds) and the price list.

Real-world timings (Zapmail support, recorded in the observed reference): Google mailboxes are
usually ready within an hour, Microsoft within a few hours; name-server changes land in 5-30
minutes. The simulator keeps the order of events and shortens the waits; every value can be
overridden per world (World(settings=...)) and is listed in the README.
"""
from __future__ import annotations

from typing import Any

from ..core.errors import Invalid

DEFAULT_SETTINGS = {
    # mailbox IN_PROGRESS -> ACTIVE
    "mailbox_activation_seconds": {"GOOGLE": 600, "MICROSOFT": 1800},
    # purchased domain PENDING -> ACTIVE
    "domain_registration_seconds": 300,
    # an order's invoice left unpaid (a short wallet) is dropped after this long (observed: ~5 minutes)
    "unpaid_invoice_seconds": 300,
    # each step of a domain connection request
    "connection_step_seconds": 60,
    # export job PENDING -> IN_PROGRESS -> COMPLETED
    "export_start_seconds": 30,
    "export_finish_seconds": 120,
    # re-export limit: at most this many exports of one mailbox to one app within the window
    # (docs root page: "Re-export Mailbox API: 3 requests per mailbox per week"; observed: per
    # mailbox per destination app over a rolling 7 days)
    "export_limit_per_mailbox_app": 3,
    "export_limit_window_seconds": 7 * 24 * 3600,
    # instant mailbox removal is queued, then done
    "instant_removal_seconds": 60,
    # name servers handed out for a legacy connect count as propagated after this long
    "ns_propagation_seconds": 300,
    # at most this many mailboxes per domain (Zapmail: 5 by default, configurable per account)
    "mailboxes_per_domain": 5,
    # a mailbox subscription period
    "subscription_period_seconds": 30 * 24 * 3600,
    # placement test PENDING -> RUNNING -> COMPLETED, and how many seed inboxes per provider
    "placement_start_seconds": 30,
    "placement_finish_seconds": 600,
    "placement_seeds_per_provider": 5,
    # issue 10 (zapsites): a site GENERATING -> READY, and a deploy DEPLOYING -> DEPLOYED
    "site_generation_seconds": 120,
    "site_deploy_seconds": 300,
    # webhook deliveries (real seconds: they are real HTTP requests): per-attempt timeout, and
    # the waits before each retry (len + 1 attempts in all)
    "webhook_timeout_seconds": 5,
    "webhook_retry_delays_seconds": [1, 5, 30, 120],
    # hosts webhooks may be sent to besides loopback, localhost and single-label names ("*": any)
    "webhook_allowed_hosts": [],
}

DAY = 24 * 3600
# (lowest, highest) of each numeric setting; a restored snapshot's settings must stay within
# them (a zero subscription period would renew forever, a huge retry delay never end).
LIMITS = {"mailbox_activation_seconds": (0, 365 * DAY), "domain_registration_seconds": (0, 365 * DAY),
          "unpaid_invoice_seconds": (1, 30 * DAY),
          "connection_step_seconds": (1, 30 * DAY), "export_start_seconds": (0, 30 * DAY),
          "export_finish_seconds": (0, 30 * DAY), "export_limit_per_mailbox_app": (1, 1_000_000),
          "export_limit_window_seconds": (1, 3650 * DAY), "instant_removal_seconds": (0, 365 * DAY),
          "ns_propagation_seconds": (0, 365 * DAY), "mailboxes_per_domain": (1, 10_000),
          "subscription_period_seconds": (DAY, 3650 * DAY), "placement_start_seconds": (0, 30 * DAY),
          "placement_finish_seconds": (0, 30 * DAY), "placement_seeds_per_provider": (1, 100),
          "site_generation_seconds": (0, 30 * DAY), "site_deploy_seconds": (0, 30 * DAY),  # zapsites
          "webhook_timeout_seconds": (0.1, 60), "webhook_retry_delays_seconds": (0, DAY)}


def check_settings(settings: Any) -> dict:
    """A world's settings as a snapshot carries them: every setting present, of its type and in
    range; the settings the simulator knows nothing about are refused."""
    if not isinstance(settings, dict):
        raise Invalid("settings must be an object")
    missing = sorted(set(DEFAULT_SETTINGS) - set(settings))
    unknown = sorted(set(settings) - set(DEFAULT_SETTINGS))
    if missing or unknown:
        raise Invalid("settings: " + "; ".join(
            ([f"missing {', '.join(missing)}"] if missing else []) + ([f"unknown {', '.join(unknown)}"] if unknown else [])))
    for name, value in settings.items():
        default = DEFAULT_SETTINGS[name]
        if name == "webhook_allowed_hosts":
            if not isinstance(value, list) or not all(isinstance(h, str) for h in value):
                raise Invalid("settings.webhook_allowed_hosts must be a list of host names")
            continue
        values = value.values() if isinstance(default, dict) else value if isinstance(default, list) else [value]
        if isinstance(default, dict) and (not isinstance(value, dict) or set(value) != set(default)):
            raise Invalid(f"settings.{name} must be an object with keys {', '.join(default)}")
        if isinstance(default, list) and (not isinstance(value, list) or len(value) > 20):
            raise Invalid(f"settings.{name} must be a list of at most 20 numbers")
        low, high = LIMITS[name]
        for v in values:
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not low <= v <= high:
                raise Invalid(f"settings.{name} must hold numbers from {low} to {high}")
    return settings


# Registrable TLDs (Zapmail support: com, net, org, biz, live, info). Price per year, as the
# API writes prices: numeric strings without a currency symbol. "12.99"/"20.99" for .com are
# observed live; the other TLDs' prices are ours.
TLD_PRICES = {
    "com": ("12.99", "20.99"),
    "net": ("14.99", "22.99"),
    "org": ("11.99", "19.99"),
    "biz": ("16.99", "24.99"),
    "live": ("4.99", "29.99"),
    "info": ("5.99", "24.99"),
}

# Names the simulator treats as registered by someone else (so UNAVAILABLE to buy).
# A name starting with "taken-" is unavailable too, so tests can pick one deterministically.
TAKEN_NAMES = {
    "google.com", "microsoft.com", "amazon.com", "apple.com", "facebook.com", "gmail.com",
    "outlook.com", "example.com", "example.net", "example.org",
}

# Names registered elsewhere that already have a Google or Microsoft workspace: a purchase is
# refused up front (support); other names registered elsewhere are charged, then refunded when
# their registration fails (observed reference). "workspace-*" lets tests pick one (ours).
WORKSPACE_NAMES = {"google.com", "gmail.com", "microsoft.com", "outlook.com"}
WORKSPACE_PREFIX = "workspace-"

# Name servers handed out for a domain connection; a dialect may pass its own.
NAME_SERVERS = ["pns61.cloudns.net", "pns62.cloudns.com", "pns63.cloudns.net", "pns64.cloudns.uk"]
