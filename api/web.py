"""Serves the built web app (clients/web/dist, `make web`) from the API's own origin: its
files, and index.html for the app's client-side routes, so a reload of /contacts/<id> loads
the app instead of a 404. It only answers GET and HEAD requests no route matched, outside
/api/: the API, its 404s and the contract stay exactly as they are.

The build holds a gzip copy of each text file (`scripts/compress.mjs`, part of
`npm run build`), sent to browsers that accept it: the app's first load is a third of
its size. Source maps are built for error tracking (`hidden`, not linked from the code)
and never served: they would publish the app's source."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

# Vite puts a content hash in every asset name: a new build means new names.
_IMMUTABLE = "public, max-age=31536000, immutable"
# The app loads only its own files and talks only to its own origin: an injected script
# or a script from elsewhere does not run, and no other site may frame it. React's
# `style` props go through the CSSOM, which style-src does not govern.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


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
        gzip = "gzip" in Headers(scope=scope).get("accept-encoding", "")
        await self._file(path, gzip)(scope, receive, send)

    def _file(self, path: str, gzip: bool) -> Response:
        if path.endswith((".map", ".gz")):
            return PlainTextResponse("Not found", status_code=404)
        candidate = (self.root / path.lstrip("/")).resolve()
        if candidate != self.root and candidate.is_relative_to(self.root) and candidate.is_file():
            cache = _IMMUTABLE if candidate.parent.name == "assets" else "no-cache"
            return _send(candidate, cache, gzip)
        return _send(self.index, "no-cache", gzip)


def _send(file: Path, cache: str, gzip: bool) -> FileResponse:
    headers = {
        "Cache-Control": cache,
        "Vary": "Accept-Encoding",
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    }
    compressed = file.with_name(file.name + ".gz")
    if gzip and compressed.is_file():
        media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        headers["Content-Encoding"] = "gzip"
        return FileResponse(compressed, media_type=media_type, headers=headers)
    return FileResponse(file, headers=headers)


def mount_web(app: FastAPI, directory: Path) -> bool:
    """Serves the build in `directory` when there is one; True when it does."""
    if not (directory / "index.html").is_file():
        return False
    app.router.default = WebApp(directory, app.router.default)
    return True
