"""argon2id password hashing and the password rules (minimum length, no common passwords)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
MAX_LENGTH = 1024  # argon2 copes with more, but nobody types it and it costs time on every check
COMMON_FILE = Path(__file__).resolve().parent / "data" / "common-passwords.txt"
# Words that stay guessable whatever digits or symbols are added around them.
_BASE_WORDS = frozenset(
    {"password", "passw0rd", "p@ssword", "p@ssw0rd", "letmein", "welcome", "changeme", "qwerty", "admin"}
    | {"administrator", "iloveyou", "engage", "engageportal", "police", "westmidlands", "portal", "monkey"}
    | {"football", "dragon", "sunshine", "master", "secret", "summer", "winter", "default", "hmicfrs"}
)
_PADDING = re.compile(r"^[\d\W_]*(.*?)[\d\W_]*$")


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list (generated for this project, see the file's header), lower case."""
    with COMMON_FILE.open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip() and not line.startswith("#"))


class PasswordRejected(ValueError):
    """The proposed password breaks a rule; the message says which."""


def check_password_rules(password: str, *, email: str | None = None) -> None:
    """Minimum length, not a common password (or one padded with digits), not the email name."""
    if len(password) < MIN_LENGTH:
        raise PasswordRejected(f"Use at least {MIN_LENGTH} characters (this one has {len(password)}).")
    if len(password) > MAX_LENGTH:
        raise PasswordRejected(f"Use at most {MAX_LENGTH} characters.")
    lowered = password.lower()
    core = _PADDING.match(lowered)
    if lowered in common_passwords() or (core and core[1] in _BASE_WORDS):
        raise PasswordRejected(
            "That password is on the list of common passwords that attackers try first; choose another "
            "(a few unrelated words together are easy to remember and hard to guess)."
        )
    if len(set(lowered)) < 4:
        raise PasswordRejected("That password repeats too few different characters; choose another.")
    if email:
        name = email.lower().split("@", 1)[0]
        if lowered == name or (len(name) >= 4 and name in lowered and len(lowered) - len(name) < 6):
            raise PasswordRejected("Do not build your password from your email address.")


class Hasher:
    def __init__(self, *, time_cost: int = 3, memory_kib: int = 65536) -> None:
        self._hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=1)
        self._dummy = self._hasher.hash("not-a-real-password-used-for-timing")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        """True when the password matches; spends the same time when there is no hash at all."""
        try:
            return self._hasher.verify(stored_hash or self._dummy, password) and stored_hash is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
