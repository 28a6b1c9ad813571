from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query, Request, Response, status

from api.calendar import render
from api.deps import CurrentPrincipal, ReadUoW, UoW
from api.problems import responses
from api.schemas.access import MyPermissions
from api.schemas.fields import Timestamp, at_most
from api.schemas.sessions import MySessionRead, MySessions
from api.schemas.tasks import TaskRead
from api.schemas.timeline import Agenda, AgendaItemRead, CalendarFeedOut
from domain.access import auth_sessions
from domain.interactions import agenda, tasks

router = APIRouter(prefix="/me", tags=["me"])
feeds = APIRouter(prefix="/calendar-feeds", tags=["me"])

ICS = "text/calendar; charset=utf-8"


@router.get(
    "/agenda",
    summary="My planned interactions and tasks in a window, overdue first",
    responses=responses(401, 422),
)
async def me_agenda(
    principal: CurrentPrincipal,
    uow: ReadUoW,
    from_: Annotated[Timestamp, Query(alias="from")],
    to: Timestamp,
) -> Agenda:
    items = await agenda.my_agenda(uow, principal, from_, to)
    return Agenda(items=[AgendaItemRead.of(i) for i in items])


@router.get(
    "/permissions",
    summary="What I may do: my access levels per kind of record and my permissions",
    responses=responses(401),
)
async def me_permissions(principal: CurrentPrincipal) -> MyPermissions:
    return MyPermissions.of(principal)


@router.get(
    "/reminders",
    summary="My task reminders that are due and not yet acknowledged",
    responses=responses(401, 403),
)
async def me_reminders(principal: CurrentPrincipal, uow: UoW) -> list[TaskRead]:
    return [TaskRead.of(t) for t in await tasks.my_reminders(uow, principal)]


@router.post(
    "/reminders/{task_id}/acknowledge",
    summary="Dismiss a reminder",
    responses=responses(401, 403, 404),
)
async def me_reminders_acknowledge(
    task_id: UUID, principal: CurrentPrincipal, uow: UoW
) -> TaskRead:
    return TaskRead.of(await tasks.acknowledge_reminder(uow, principal, task_id))


@router.post(
    "/calendar-feed",
    status_code=status.HTTP_201_CREATED,
    summary="A new secret calendar-feed URL for calendar apps (the old one stops working)",
    responses=responses(401),
)
async def me_calendar_feed_create(
    request: Request, principal: CurrentPrincipal, uow: UoW
) -> CalendarFeedOut:
    token = await agenda.create_feed_token(uow, principal)
    return CalendarFeedOut(url=str(request.url_for("calendar_feeds_get", token=token)))


@router.delete(
    "/calendar-feed",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Revoke my calendar-feed URL",
    responses=responses(401),
)
async def me_calendar_feed_delete(principal: CurrentPrincipal, uow: UoW) -> None:
    await agenda.revoke_feed(uow, principal)


@router.get(
    "/sessions",
    summary="Where I am signed in: my live sign-ins, newest first",
    responses=responses(401),
)
async def me_sessions_list(principal: CurrentPrincipal, uow: UoW) -> MySessions:
    mine = await auth_sessions.my_sessions(uow, principal)
    return MySessions(items=[MySessionRead.of(m) for m in mine])


@router.delete(
    "/sessions/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Sign out one of my sign-ins (this one too: that signs this client out)",
    responses=responses(401, 404),
)
async def me_sessions_delete(session_id: UUID, principal: CurrentPrincipal, uow: UoW) -> None:
    await auth_sessions.end_my_session(uow, principal, session_id)


@router.delete(
    "/sessions",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Sign out everywhere: every sign-in of mine, or all but this one",
    responses=responses(401, 422),
)
async def me_sessions_delete_all(
    principal: CurrentPrincipal,
    uow: UoW,
    except_current: Annotated[
        bool,
        Query(
            description="Keep the sign-in making this request (sign out everywhere else)."
            " Without it, this client is signed out too."
        ),
    ] = False,
) -> None:
    await auth_sessions.end_my_sessions(uow, principal, except_current)


@feeds.get(
    "/{token}.ics",
    summary="A calendar feed (iCalendar); the secret in the URL is the credential",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, **responses(404)},
)
async def calendar_feeds_get(token: Annotated[str, Path(), at_most(100)], uow: UoW) -> Response:
    items = await agenda.feed_items(uow, token)
    return Response(render(items, "CRM"), media_type=ICS)
