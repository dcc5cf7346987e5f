"""Every test here runs on SQLite and on PostgreSQL (see tests/support/store_backends.py)."""

from api_clients import client, login
from store_backends import container, database_url, fresh_container, world

__all__ = ["client", "container", "database_url", "fresh_container", "login", "world"]
