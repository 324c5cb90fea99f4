"""The AI domain finder: names built from a few keywords, generated over some seconds.

The first call starts a run; the same keywords, TLDs and count poll it, and get the same batch
while it is fresh (cached 5 minutes, observed). Progress grows on the clock until the run is
`completed` (the status a live client waits for; live showed `generating` up to progress 100).
It returns fewer names than asked (asked 10, got 6 live), and may suggest TLDs the provider does not
register; each row carries the name's availability and price. The names come from the keywords
and the account's id, which the world's seed draws (no Faker at run time).
"""
from __future__ import annotations

import itertools
import json
import math
import random
import re
from . import domains
from .accounts import Scope
from .models import FinderJob

RUN_SECONDS = 20  # live: 15-20 s
FRESH_SECONDS = 300
_AFFIXES = (("", "hq"), ("get", ""), ("", "labs"), ("try", ""), ("", "flow"), ("the", ""), ("", "works"), ("go", ""))


def _clean(word: str) -> str:
    return re.sub(r"[^a-z0-9]", "", word.lower())[:20]


def _candidates(words: list[str], tlds: list[str], rng: random.Random) -> list[str]:
    labels = ["".join(p) for p in itertools.permutations(words, 2)]
    labels += [f"{pre}{w}{post}" for w in words for pre, post in _AFFIXES]
    labels = [lbl for lbl in dict.fromkeys(labels) if 2 <= len(lbl) <= 63]
    rng.shuffle(labels)
    return [f"{lbl}.{tlds[i % len(tlds)]}" for i, lbl in enumerate(labels)]


def run(scope: Scope, keywords: list[str], tlds: list[str], desired: int) -> FinderJob:
    """The fresh run answering these keywords, TLDs and count, or a new one."""
    owner, now = scope.owner, scope.now
    for key in [k for k, j in owner.finder_jobs.items() if now - j.created_at >= FRESH_SECONDS]:
        del owner.finder_jobs[key]  # stale runs are dropped, so the table stays small
    words = [w for w in dict.fromkeys(_clean(k) for k in keywords) if w]
    tlds = [t.strip().lower().lstrip(".") for t in tlds]
    key = json.dumps([sorted(words), sorted(dict.fromkeys(tlds)), desired])
    job = owner.finder_jobs.get(key)
    if job is None:
        rng = random.Random(f"{owner.id}:finder:{key}")
        names = _candidates(words, list(dict.fromkeys(tlds)), rng)[:max(1, math.ceil(desired * 0.6))]
        job = FinderJob(id=scope.world.ids.new(owner.id_style), key=key, names=names, created_at=now)
        owner.finder_jobs[key] = job
    return job


def view(scope: Scope, job: FinderJob) -> tuple[str, int, list[dict]]:
    """(status, progress 0-100, the availability rows generated so far)."""
    elapsed = max(0.0, scope.now - job.created_at)
    progress = min(100, int(elapsed * 100 // RUN_SECONDS))
    shown = job.names[:math.ceil(len(job.names) * progress / 100)]
    status = "completed" if elapsed >= RUN_SECONDS else "generating"
    return status, progress, [domains.availability(scope.world, n, scope.owner) for n in shown]
