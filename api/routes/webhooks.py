"""/api/v1/webhooks: subscriptions to the change feed, delivered signed by the worker
(domain/integrations/webhooks.py), and their delivery log."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request, Response, status

from api.commands import command
from api.deps import CurrentPrincipal, IfMatch, UoW, page_request, set_etag
from api.problems import responses
from api.schemas.common import Page
from api.schemas.webhooks import (
    RedeliveryRead,
    WebhookCreate,
    WebhookCreated,
    WebhookDeliveryRead,
    WebhookRead,
    WebhookRedeliver,
    WebhookUpdate,
)
from domain.integrations import webhooks
from domain.integrations.webhooks import UrlPolicy
from domain.pagination import PageRequest

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


def _policy(request: Request) -> UrlPolicy:
    policy: UrlPolicy = request.app.state.settings.webhook_policy()
    return policy


@router.get("", summary="List your webhooks", responses=responses(401, 403, 422))
async def webhooks_list(
    principal: CurrentPrincipal, uow: UoW, page: PageRequest = page_request("-created_at")
) -> Page[WebhookRead]:
    result = await webhooks.list_webhooks(uow, principal, page)
    return Page(items=[WebhookRead.of(w) for w in result.items], next_cursor=result.next_cursor)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Subscribe a URL to the change feed's events",
    description="The answer holds the signing secret, this once. The webhook sends the events"
    " that happen from now on, on records you may read.",
    responses=responses(401, 403, 422),
)
async def webhooks_create(
    body: WebhookCreate, request: Request, response: Response, principal: CurrentPrincipal, uow: UoW
) -> WebhookCreated:
    new = webhooks.NewWebhook(url=body.url, event_types=tuple(body.event_types), active=body.active)
    webhook = await webhooks.create_webhook(uow, principal, new, _policy(request))
    response.headers["Location"] = f"/api/v1/webhooks/{webhook.id}"
    response.headers["Cache-Control"] = "no-store"
    set_etag(response, webhook.version)
    return WebhookCreated.of(webhook)


@router.get("/{webhook_id:uuid}", summary="Get a webhook", responses=responses(401, 403, 404))
async def webhooks_get(
    webhook_id: UUID, response: Response, principal: CurrentPrincipal, uow: UoW
) -> WebhookRead:
    webhook = await webhooks.get_webhook(uow, principal, webhook_id)
    set_etag(response, webhook.version)
    return WebhookRead.of(webhook)


@router.patch(
    "/{webhook_id:uuid}",
    summary="Change a webhook: URL, event types, on or off",
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def webhooks_update(
    webhook_id: UUID,
    body: WebhookUpdate,
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> WebhookRead:
    changes = command(body, webhooks.WebhookChanges)
    webhook = await webhooks.update_webhook(
        uow, principal, webhook_id, changes, if_match, _policy(request)
    )
    set_etag(response, webhook.version)
    return WebhookRead.of(webhook)


@router.delete(
    "/{webhook_id:uuid}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a webhook and its delivery log",
    responses=responses(401, 403, 404, 412),
)
async def webhooks_delete(
    webhook_id: UUID, principal: CurrentPrincipal, uow: UoW, if_match: IfMatch
) -> None:
    await webhooks.delete_webhook(uow, principal, webhook_id, if_match)


@router.get(
    "/{webhook_id:uuid}/deliveries",
    summary="A webhook's delivery log, newest first",
    responses=responses(401, 403, 404, 422),
)
async def webhooks_deliveries_list(
    webhook_id: UUID,
    principal: CurrentPrincipal,
    uow: UoW,
    page: PageRequest = page_request("-created_at"),
) -> Page[WebhookDeliveryRead]:
    result = await webhooks.list_deliveries(uow, principal, webhook_id, page)
    return Page(
        items=[WebhookDeliveryRead.of(d) for d in result.items], next_cursor=result.next_cursor
    )


@router.post(
    "/{webhook_id:uuid}/deliveries/{delivery_id:uuid}/redeliver",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Send a delivery again (same message id), with its retries from the start",
    responses=responses(401, 403, 404),
)
async def webhooks_deliveries_redeliver(
    webhook_id: UUID, delivery_id: UUID, principal: CurrentPrincipal, uow: UoW
) -> WebhookDeliveryRead:
    delivery = await webhooks.redeliver(uow, principal, webhook_id, delivery_id)
    return WebhookDeliveryRead.of(delivery)


@router.post(
    "/{webhook_id:uuid}/redeliver",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Send again every delivery made since a time (same message ids)",
    responses=responses(401, 403, 404, 422),
)
async def webhooks_redeliver(
    webhook_id: UUID, body: WebhookRedeliver, principal: CurrentPrincipal, uow: UoW
) -> RedeliveryRead:
    count = await webhooks.redeliver_since(uow, principal, webhook_id, body.since)
    return RedeliveryRead(deliveries=count)
