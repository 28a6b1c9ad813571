"""`Idempotency-Key` on POST: a retry gets the first response back and changes nothing.

The first response is stored in the request's own transaction, so it is kept exactly
when the write lands; a request that fails stores nothing. The same key with another
body is a 422."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from api.deps import CurrentPrincipal, UoW
from domain.access.principal import Principal
from domain.errors import ValidationFailed
from persistence.idempotency import StoredResponse
from persistence.uow import SqlUnitOfWork

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        description="Any unique string (a UUID is good). Retrying with the same key and body "
        "returns the first response and creates nothing; kept 24 hours.",
    ),
]


class Replay(Exception):
    def __init__(self, response: Response) -> None:
        self.response = response


async def _fingerprint(request: Request) -> str:
    digest = hashlib.sha256()
    digest.update(f"{request.method} {request.url.path}?{request.url.query}\n".encode())
    digest.update(await request.body())
    return digest.hexdigest()


async def _replay_if_seen(
    request: Request, uow: SqlUnitOfWork, principal: Principal, key: str | None
) -> None:
    """Raises Replay with the stored first response when this key was used before."""
    if key is None:
        return
    stored = await uow.idempotency.find(principal.user_id, key)
    if stored is None:
        return
    if stored.fingerprint != await _fingerprint(request):
        raise ValidationFailed.on(
            "Idempotency-Key", "was used with a different request; use a new key"
        )
    response = JSONResponse(stored.body, status_code=stored.status_code, headers=stored.headers)
    response.headers["Idempotent-Replayed"] = "true"
    raise Replay(response)


async def _remember(
    request: Request,
    uow: SqlUnitOfWork,
    principal: Principal,
    key: str | None,
    status_code: int,
    body: BaseModel,
    headers: dict[str, str],
) -> None:
    if key is None:
        return
    stored = StoredResponse(
        fingerprint=await _fingerprint(request),
        status_code=status_code,
        body=body.model_dump(mode="json"),
        headers=headers,
    )
    await uow.idempotency.save(principal.user_id, key, stored)


@dataclass(frozen=True)
class Idempotency:
    """A create the client may retry under its `Idempotency-Key`."""

    request: Request
    uow: SqlUnitOfWork
    principal: Principal
    key: str | None

    async def created(
        self, response: Response, location: str, version: int, body: BaseModel
    ) -> None:
        """Answers 201 with where the new record is and its ETag, and keeps the answer
        for a retry, in the create's own transaction."""
        headers = {"Location": location, "ETag": f'"{version}"'}
        response.headers.update(headers)
        await _remember(self.request, self.uow, self.principal, self.key, 201, body, headers)


async def _idempotency(
    request: Request, principal: CurrentPrincipal, uow: UoW, key: IdempotencyKey = None
) -> Idempotency:
    """A retry answers with the first response before anything is created again."""
    await _replay_if_seen(request, uow, principal, key)
    return Idempotency(request, uow, principal, key)


# The dependency of every create that takes an `Idempotency-Key`.
Idempotent = Annotated[Idempotency, Depends(_idempotency)]


async def _on_replay(request: Request, error: Exception) -> Response:
    assert isinstance(error, Replay)  # noqa: S101 - registered for Replay only
    return error.response


def install_replay_handler(app: FastAPI) -> None:
    app.add_exception_handler(Replay, _on_replay)
