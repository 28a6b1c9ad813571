"""The change feed names an update by the business moment it was (domain/changes.py):
webhooks and sync clients filter on `deal.won` rather than reading every update."""

from __future__ import annotations

from typing import Any

import pytest

from domain.access.levels import RecordKind
from domain.audit import AuditAction
from domain.changes import CHANGES_OF, FEED_TYPES, Change, change_of

K = RecordKind


@pytest.mark.parametrize(
    ("kind", "before", "after", "expected"),
    [
        (
            K.DEALS,
            {"stage_id": "a", "status": "open"},
            {"stage_id": "b", "status": "open"},
            "moved",
        ),
        (K.DEALS, {"stage_id": "a", "status": "open"}, {"stage_id": "b", "status": "won"}, "won"),
        (K.DEALS, {"stage_id": "a", "status": "open"}, {"stage_id": "c", "status": "lost"}, "lost"),
        (K.DEALS, {"stage_id": "a", "title": "x"}, {"stage_id": "a", "title": "y"}, "updated"),
        (K.TASKS, {"status": "open"}, {"status": "done"}, "completed"),
        (K.TASKS, {"status": "open"}, {"status": "canceled"}, "updated"),
        (K.INTERACTIONS, {"status": "planned"}, {"status": "done"}, "completed"),
        (K.REQUESTS, {"status": "open"}, {"status": "resolved"}, "resolved"),
        (K.REQUESTS, {"status": "resolved"}, {"status": "closed"}, "closed"),
        (K.REQUESTS, {"status": "resolved"}, {"status": "open"}, "updated"),
        (K.CONTACTS, {"status": "x"}, {"status": "done"}, "updated"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_an_update_is_named_by_what_it_did(
    kind: RecordKind, before: dict[str, Any], after: dict[str, Any], expected: str
) -> None:
    """A deal entering another stage is moved, won or lost by the stage's kind; a task or
    interaction done is completed; a request resolved or closed is that; any other update
    of any kind stays `updated`."""
    assert change_of(kind, AuditAction.UPDATED, before, after) == Change(expected)


def test_other_actions_keep_the_audit_trails_name() -> None:
    """Creating, archiving, restoring and merging are named as in the audit trail."""
    for action in (AuditAction.CREATED, AuditAction.ARCHIVED, AuditAction.MERGED):
        assert change_of(K.CONTACTS, action, {}, {"status": "done"}).value == action.value


def test_every_name_an_entity_can_get_is_a_feed_type() -> None:
    """What `change_of` can answer for a kind is among the types the feed accepts in its
    `types` filter, so a client can ask for any event it may be sent."""
    assert "deal.won" in FEED_TYPES and "request.closed" in FEED_TYPES
    assert "deal.merged" not in FEED_TYPES
    assert (
        Change.COMPLETED in CHANGES_OF[K.TASKS] and Change.COMPLETED in CHANGES_OF[K.INTERACTIONS]
    )
