"""Every test here runs on SQLite and on PostgreSQL (see tests/support/store_backends.py)."""

from store_backends import container, database_url, world

__all__ = ["container", "database_url", "world"]
