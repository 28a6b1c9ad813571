from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Response, status

from api.commands import command
from api.deps import CurrentPrincipal, IfMatch, UoW, page_request, set_etag
from api.idempotency import Idempotent
from api.problems import responses
from api.schemas.automation import (
    AutomationRuleCreate,
    AutomationRuleRead,
    AutomationRuleUpdate,
    AutomationRunRead,
    AutomationVocabulary,
    TriggerKindRead,
)
from api.schemas.common import Page
from domain.funnel.automation import definitions
from domain.funnel.automation.definitions import RuleChanges
from domain.funnel.automation.model import RuleFilter
from domain.funnel.triggers import Trigger
from domain.pagination import PageRequest

router = APIRouter(prefix="/automation-rules", tags=["automation"])


@router.get(
    "",
    summary="Automation rules (sorted by created_at: the order they run in)",
    responses=responses(401, 403, 422),
)
async def automation_rules_list(
    principal: CurrentPrincipal,
    uow: UoW,
    trigger: Trigger | None = None,
    enabled: bool | None = None,
    page: PageRequest = page_request("created_at"),
) -> Page[AutomationRuleRead]:
    result = await definitions.list_rules(
        uow, principal, RuleFilter(trigger=trigger, enabled=enabled), page
    )
    return Page(
        items=[AutomationRuleRead.of(r) for r in result.items], next_cursor=result.next_cursor
    )


@router.get(
    "/vocabulary",
    summary="What a rule may say: per trigger, the fields its conditions test and its actions",
    responses=responses(401, 403),
)
async def automation_rules_vocabulary(
    principal: CurrentPrincipal, uow: UoW
) -> AutomationVocabulary:
    found = await definitions.vocabulary(uow, principal)
    return AutomationVocabulary(triggers=[TriggerKindRead.of(t) for t in found])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create an automation rule (trigger, conditions, actions)",
    responses=responses(401, 403, 409, 422),
)
async def automation_rules_create(
    body: AutomationRuleCreate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    once: Idempotent,
) -> AutomationRuleRead:
    rule = await definitions.create_rule(uow, principal, command(body, RuleChanges))
    result = AutomationRuleRead.of(rule)
    await once.created(response, f"/api/v1/automation-rules/{rule.id}", rule.version, result)
    return result


@router.get("/{rule_id:uuid}", summary="Get an automation rule", responses=responses(401, 403, 404))
async def automation_rules_get(
    rule_id: UUID, response: Response, principal: CurrentPrincipal, uow: UoW
) -> AutomationRuleRead:
    rule = await definitions.get_rule(uow, principal, rule_id)
    set_etag(response, rule.version)
    return AutomationRuleRead.of(rule)


@router.patch(
    "/{rule_id:uuid}",
    summary="Change an automation rule, or switch it off with enabled: false",
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def automation_rules_update(
    rule_id: UUID,
    body: AutomationRuleUpdate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> AutomationRuleRead:
    rule = await definitions.update_rule(
        uow, principal, rule_id, command(body, RuleChanges), if_match
    )
    set_etag(response, rule.version)
    return AutomationRuleRead.of(rule)


@router.delete(
    "/{rule_id:uuid}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete an automation rule and its runs",
    responses=responses(401, 403, 404, 412),
)
async def automation_rules_delete(
    rule_id: UUID, principal: CurrentPrincipal, uow: UoW, if_match: IfMatch
) -> None:
    await definitions.delete_rule(uow, principal, rule_id, if_match)


@router.get(
    "/{rule_id:uuid}/runs",
    summary="The rule's runs, newest first: what it acted on, on whose behalf, and how",
    responses=responses(401, 403, 404, 422),
)
async def automation_rules_runs(
    rule_id: UUID,
    principal: CurrentPrincipal,
    uow: UoW,
    page: PageRequest = page_request("-at"),
) -> Page[AutomationRunRead]:
    result = await definitions.rule_runs(uow, principal, rule_id, page)
    return Page(
        items=[AutomationRunRead.of(r) for r in result.items], next_cursor=result.next_cursor
    )
