"""RFC 6238 TOTP (SHA-1, 6 digits, 30 s steps), the scheme authenticator apps use, so the code
the simulator hands out is the one any TOTP library computes from the mailbox's secret."""
from __future__ import annotations

import base64
import hashlib
import hmac
import struct

STEP = 30
DIGITS = 6


def normalise_secret(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    cleaned += "=" * (-len(cleaned) % 8)
    return base64.b32decode(cleaned)


def totp(secret: str, at: float, step: int = STEP, digits: int = DIGITS) -> str:
    counter = int(at // step)
    digest = hmac.new(normalise_secret(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % (10 ** digits)).zfill(digits)


def seconds_left(at: float, step: int = STEP) -> int:
    return step - int(at) % step
