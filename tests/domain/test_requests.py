"""The request status graph, as a table."""

from __future__ import annotations

import pytest

from domain.errors import Conflict
from domain.interactions.requests import RequestStatus, check_move

S = RequestStatus
ALLOWED = {
    (S.NEW, S.OPEN), (S.NEW, S.PENDING), (S.NEW, S.RESOLVED), (S.NEW, S.CLOSED),
    (S.OPEN, S.PENDING), (S.OPEN, S.RESOLVED), (S.OPEN, S.CLOSED),
    (S.PENDING, S.OPEN), (S.PENDING, S.RESOLVED), (S.PENDING, S.CLOSED),
    (S.RESOLVED, S.OPEN), (S.RESOLVED, S.CLOSED),
    (S.CLOSED, S.OPEN),
}  # fmt: skip


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_every_move_is_allowed_or_refused_as_the_table_says(
    current: RequestStatus, target: RequestStatus
) -> None:
    """Exactly the moves in the table are allowed (staying put is no move); a refused
    move is a conflict naming where the request can go, in the workflow's order."""
    if current is target or (current, target) in ALLOWED:
        check_move(current, target)
        return
    with pytest.raises(Conflict) as refused:
        check_move(current, target)
    allowed = [t.value for t in S if (current, t) in ALLOWED]
    assert refused.value.errors[0].message == f"allowed: {', '.join(allowed)}"
