"""Serves the built web app (clients/web/dist, `make web`) from the API's own origin: its
files, and index.html for the app's client-side routes, so a reload of /contacts/<id> loads
the app instead of a 404. It only answers GET and HEAD requests no route matched, outside
/api/: the API, its 404s and the contract stay exactly as they are."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from starlette.responses import FileResponse
from starlette.types import ASGIApp, Receive, Scope, Send

# Vite puts a content hash in every asset name: a new build means new names.
_IMMUTABLE = "public, max-age=31536000, immutable"


def _is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


class WebApp:
    """The router's fallback: a file of the build, or the app's index.html."""

    def __init__(self, directory: Path, not_found: ASGIApp) -> None:
        self.root = directory.resolve()
        self.index = self.root / "index.html"
        self.not_found = not_found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or _is_api(path):
            await self.not_found(scope, receive, send)
            return
        await self._file(path)(scope, receive, send)

    def _file(self, path: str) -> FileResponse:
        candidate = (self.root / path.lstrip("/")).resolve()
        if candidate != self.root and candidate.is_relative_to(self.root) and candidate.is_file():
            cache = _IMMUTABLE if candidate.parent.name == "assets" else "no-cache"
            return FileResponse(candidate, headers={"Cache-Control": cache})
        return FileResponse(self.index, headers={"Cache-Control": "no-cache"})


def mount_web(app: FastAPI, directory: Path) -> bool:
    """Serves the build in `directory` when there is one; True when it does."""
    if not (directory / "index.html").is_file():
        return False
    app.router.default = WebApp(directory, app.router.default)
    return True
