"""Static files: GOV.UK Frontend from the npm package, and the app's own small stylesheet.

GOV.UK Frontend is installed by `scripts/bootstrap` (`npm ci`, pinned in package-lock.json)
into node_modules/ at the repository root and served from there; it is never copied into
the repository. Its stylesheet asks for fonts and images under `/assets/`, so that folder
is mounted at `/assets` and the compiled CSS and JavaScript at `/govuk`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

log = logging.getLogger(__name__)

OWN_STATIC = Path(__file__).parent / "static"
DIST = Path("node_modules") / "govuk-frontend" / "dist" / "govuk"
ENV_VAR = "CASEWORK_GOVUK_FRONTEND"


def find_govuk_frontend() -> Path | None:
    """The `dist/govuk` folder of the installed govuk-frontend package, if there is one.

    Looked for in `$CASEWORK_GOVUK_FRONTEND`, then in node_modules/ above the working
    directory and above this file (the repository checkout).
    """
    override = os.environ.get(ENV_VAR)
    if override:
        path = Path(override)
        return path if (path / "govuk-frontend.min.css").is_file() else None
    here = Path(__file__).resolve()
    for base in (Path.cwd(), *Path.cwd().parents, *here.parents):
        candidate = base / DIST
        if (candidate / "govuk-frontend.min.css").is_file():
            return candidate
    return None


def mount_assets(app: FastAPI) -> Path | None:
    app.mount("/static", StaticFiles(directory=OWN_STATIC), name="casework-static")
    dist = find_govuk_frontend()
    if dist is None:
        log.warning(
            "GOV.UK Frontend is not installed (no %s); pages will render without its styles. "
            "Run scripts/bootstrap (or `npm ci`) at the repository root.", DIST)
        return None
    app.mount("/assets", StaticFiles(directory=dist / "assets"), name="govuk-assets")
    app.mount("/govuk", StaticFiles(directory=dist), name="govuk-frontend")
    return dist
