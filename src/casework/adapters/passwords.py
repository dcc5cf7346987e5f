"""Password hashing with argon2 (argon2-cffi), behind `service.ports.PasswordHasher`."""

from __future__ import annotations

from argon2 import PasswordHasher as Argon2Hasher
from argon2.exceptions import InvalidHashError, VerificationError


class Argon2Passwords:
    """The password hasher casework uses; `fast()` is for tests only (weak parameters)."""

    def __init__(self, hasher: Argon2Hasher | None = None) -> None:
        self._hasher = hasher or Argon2Hasher()

    @classmethod
    def fast(cls) -> Argon2Passwords:
        return cls(Argon2Hasher(time_cost=1, memory_cost=8, parallelism=1))

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(hash, password)
        except (VerificationError, InvalidHashError):
            return False
