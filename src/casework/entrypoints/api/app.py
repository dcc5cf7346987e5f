"""The FastAPI application factory.

`create_app(settings)` builds the container (engine, migrations), adds the API routers,
mounts the web pages if they are installed, and installs the JSON error handlers. Demo
data is loaded by `casework serve`, not here. Nothing is built at import time.
"""

from __future__ import annotations

from fastapi import FastAPI

from casework.bootstrap import Container, build, mount_web
from casework.config import Settings
from casework.entrypoints.api import errors
from casework.entrypoints.api.hardening import Hardening
from casework.entrypoints.api.refusals import RefusalTrail
from casework.entrypoints.api.routers import actions, auth, cases, complaints, decisions, reports

API_DESCRIPTION = """Cases and their chronologies, the complaints procedure, agreed actions,
and the audit of every statutory clock. Every call needs a bearer token from
`POST /api/token`; you see only your own council's records."""


def create_app(settings: Settings | None = None, container: Container | None = None) -> FastAPI:
    container = container or build(settings)
    app = FastAPI(title="casework", version="0.1.0", description=API_DESCRIPTION,
                  openapi_url="/api/openapi.json", docs_url="/api/docs", redoc_url=None,
                  responses=errors.RESPONSES)
    app.state.container = container
    for module in (auth, cases, complaints, actions, reports, decisions):
        app.include_router(module.router)
    mount_web(app, container)
    errors.install(app)
    app.add_middleware(RefusalTrail)
    app.add_middleware(Hardening)
    return app
