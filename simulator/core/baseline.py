"""The start state, and resetting to it.

The world notes the id of every account a request reached or the control plane changed
(World.touched); a reset rebuilds only those from their recorded start state, or removes them if
they did not exist then, so its cost follows the accounts a test touched, not the world's size.

The start state of an account is kept pickled: it is written once at start-up and read only to
reset, and a pickle is several times faster to write and read, and smaller to hold, than the
snapshot's JSON-able document (at 100,000 mailboxes the document took seconds and ~100 MB).
"""
from __future__ import annotations

import io
import pickle

from .bulk import paused_gc
from .errors import NotFound
from .snapshot import clock_state, replace, settings_copy
from .store import World


def _pickled(account) -> bytes:
    """Without the pickler's memo (`fast`): an account is a tree of plain values, as its snapshot
    document is, and the memo of a large one held a second copy of its size while pickling."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(account)
    return out.getvalue()


class Baseline:
    def __init__(self) -> None:
        self.accounts: dict[str, bytes] = {}  # account id -> its pickled start state
        self.clock: dict = {}
        self.ids: dict = {}
        self.settings: dict = {}

    def capture(self, world: World) -> int:
        """The world as it is now becomes the start state; O(world), done once at start-up."""
        with world.lock:
            with paused_gc():
                self.accounts = {a.id: _pickled(a) for a in world.accounts.values()}
            self.clock = clock_state(world)
            self.ids = world.ids.get_state()
            self.settings = settings_copy(world.settings)
            world.touched.clear()
            return len(self.accounts)

    def reset_all(self, world: World) -> dict:
        with world.lock:
            touched = list(world.touched)
            removed = [i for i in touched if i in world.accounts and i not in self.accounts]
            for account_id in removed:
                world.remove_account(account_id)
            restored = [i for i in touched if i in self.accounts]
            reinstated = False
            for account_id in restored:
                reinstated |= account_id not in world.accounts
                replace(world, pickle.loads(self.accounts[account_id]))
            if reinstated:  # an account deleted since start comes back in its old place
                order = {account_id: i for i, account_id in enumerate(self.accounts)}
                ordered = sorted(world.accounts.items(), key=lambda kv: order.get(kv[0], len(order)))
                world.accounts.clear()
                for account_id, account in ordered:
                    world.accounts[account_id] = account
            world.touched.clear()
            world.clock.restore(self.clock["epochSeconds"], self.clock["frozen"], self.clock["rate"])
            world.ids.set_state(self.ids)
            world.settings = settings_copy(self.settings)
            return {"accountsRestored": len(restored), "accountsRemoved": len(removed)}

    def reset_account(self, world: World, account_id: str) -> str:
        """Back to the account's start state; an account created later is removed. Returns
        "restored" or "removed"."""
        with world.lock:
            saved = self.accounts.get(account_id)
            if saved is not None:
                replace(world, pickle.loads(saved))
                outcome = "restored"
            elif account_id in world.accounts:
                world.remove_account(account_id)
                outcome = "removed"
            else:
                raise NotFound(f"No account {account_id}")
            world.touched.discard(account_id)
            return outcome
