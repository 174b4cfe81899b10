"""argon2id password hashing and the password rules (minimum length, no common passwords)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
# The most common passwords in breach corpora and the obvious local ones; a short list, kept here.
COMMON_PASSWORDS = frozenset(
    {
        "password",
        "password1",
        "password123",
        "passw0rd",
        "123456789012",
        "qwertyuiop12",
        "letmein12345",
        "welcome12345",
        "iloveyou1234",
        "administrator",
        "changeme1234",
        "police123456",
        "westmidlands",
        "engageportal",
        "123456123456",
        "qwerty123456",
        "111111111111",
        "abc123abc123",
        "monkey123456",
        "football1234",
        "sunshine1234",
        "baseball1234",
        "superman1234",
        "trustno11234",
        "master123456",
        "dragon123456",
    }
)


class PasswordRejected(ValueError):
    """The proposed password breaks a rule; the message says which."""


def check_password_rules(password: str, *, email: str | None = None) -> None:
    if len(password) < MIN_LENGTH:
        raise PasswordRejected(f"Use at least {MIN_LENGTH} characters.")
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or len(set(lowered)) < 4:
        raise PasswordRejected("That password is too common or too simple; choose another.")
    if email and lowered == email.lower().split("@", 1)[0]:
        raise PasswordRejected("Do not use your email name as your password.")


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
