"""Id and secret generators, all drawn from one seeded random source per world so that a
world built from the same seed and the same requests gets the same ids."""
from __future__ import annotations

import random
import string
import threading
import time

_B32 = "abcdefghijklmnopqrstuvwxyz234567"
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_TOKEN = string.ascii_letters + string.digits
_SYMBOLS = "!@#$%*"
_PASSWORD = _TOKEN + _SYMBOLS
_CLASSES = (string.ascii_lowercase, string.ascii_uppercase, string.digits, _SYMBOLS)


class IdSource:
    def __init__(self, seed: int | None = None, now=time.time):
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._counter = 0
        self._stamp_ms, self._stamp = -1, ""  # the last cuid's millisecond and its base-36 digits
        # cuid time stamps come from the world's virtual clock, so the same seed, start time and
        # requests give the same ids, and a reset or restore replays them exactly.
        self.now = now

    def get_state(self) -> dict:
        """JSON-able state: restoring it makes the source hand out the same ids again."""
        with self._lock:
            version, internal, gauss = self._rng.getstate()
            return {"version": version, "state": list(internal), "gauss": gauss, "counter": self._counter}

    def set_state(self, state: dict) -> None:
        internal = state["state"]
        if not isinstance(internal, list) or not all(isinstance(x, int) for x in internal):
            raise ValueError("ids.state must be a list of integers")
        with self._lock:
            self._rng.setstate((int(state["version"]), tuple(internal), state.get("gauss")))
            self._counter = int(state.get("counter", 0))

    def new(self, style: str = "uuid") -> str:
        """A resource id in the style the account's API uses."""
        return self.cuid() if style == "cuid" else self.uuid()

    def uuid(self) -> str:
        """A version 4 UUID, as str(uuid.UUID(int=bits, version=4)) writes it, without the object."""
        with self._lock:
            bits = self._rng.getrandbits(128)
        bits = (bits & ~(0xc000 << 48)) | (0x8000 << 48)  # the variant (RFC 4122)
        bits = (bits & ~(0xf000 << 64)) | (4 << 76)  # the version
        h = f"{bits:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def hex(self, n: int) -> str:
        with self._lock:
            return format(self._rng.getrandbits(4 * n), f"0{n}x") if n > 0 else ""

    def token(self, n: int = 32) -> str:
        with self._lock:
            return self._draw(_TOKEN, n)

    def _draw(self, alphabet: str, n: int) -> str:
        """n characters of alphabet, a random byte each (byte modulo the alphabet's size: near
        uniform, exactly so for 32 letters). A world of 100,000 mailboxes asks for millions of
        characters, and a call per character was most of its load time. The caller holds the lock."""
        return self._rng.randbytes(n).translate(_table(alphabet)).decode("ascii") if n > 0 else ""

    def cuid(self) -> str:
        """cuid-style id: 'c' + base36 timestamp + counter + random, 25 characters."""
        with self._lock:
            self._counter = count = (self._counter + 1) % 1679616
            ms = int(self.now() * 1000)
            if ms != self._stamp_ms:  # creates in one millisecond share the stamp's digits
                self._stamp_ms, self._stamp = ms, _base36(ms)[-8:].rjust(8, "0")
            # the counter's four base-36 digits (36**4 = 1679616), two table look-ups
            return "c" + self._stamp + _PAIRS[count // 1296] + _PAIRS[count % 1296] + self._draw(_BASE36, 12)

    def password(self, n: int = 16) -> str:
        """One of each class (lower, upper, digit, symbol), the rest from all of them: one draw of
        random bytes, each class's character put in at a place its own byte picks (a shuffle
        drew once per character, and passwords are made on every mailbox create)."""
        with self._lock:
            raw = self._rng.randbytes(n + len(_CLASSES))
        rest = len(_CLASSES)
        chars = list(raw[:n - rest].translate(_table(_PASSWORD)).decode("ascii"))
        for i, alphabet in enumerate(_CLASSES):
            char, place = raw[n - rest + i], raw[n + i]
            chars.insert(place % (len(chars) + 1), alphabet[char % len(alphabet)])
        return "".join(chars)

    def app_password(self) -> str:
        """Google-style app password: four groups of four lower-case letters ('nfd2 jk43 ...' in the docs)."""
        with self._lock:
            raw = self._draw(string.ascii_lowercase, 16)
        return " ".join(raw[i:i + 4] for i in range(0, 16, 4))

    def totp_secret(self) -> str:
        """A base32 TOTP secret shown as the docs show it: lower case, groups of four (160 bits)."""
        with self._lock:
            raw = self._draw(_B32, 32)
        return " ".join(raw[i:i + 4] for i in range(0, 32, 4))

    def choice(self, seq):
        with self._lock:
            return self._rng.choice(seq)

    def randint(self, a: int, b: int) -> int:
        with self._lock:
            return self._rng.randint(a, b)


_TABLES: dict[str, bytes] = {}
_PAIRS = [a + b for a in _BASE36 for b in _BASE36]  # 0..1295 as two base-36 digits


def _table(alphabet: str) -> bytes:
    """bytes.translate's table: byte b -> alphabet[b % len(alphabet)]."""
    table = _TABLES.get(alphabet)
    if table is None:
        table = _TABLES[alphabet] = bytes(ord(alphabet[b % len(alphabet)]) for b in range(256))
    return table


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    out = []
    while n:
        n, r = divmod(n, 36)
        out.append(digits[r])
    return "".join(reversed(out))
