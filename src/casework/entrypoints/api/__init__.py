"""The REST API (FastAPI): `create_app(settings)` builds it, with the web pages mounted."""

from casework.entrypoints.api.app import create_app

__all__ = ["create_app"]
