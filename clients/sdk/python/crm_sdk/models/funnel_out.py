from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.funnel_out_average_won_amount import FunnelOutAverageWonAmount
    from ..models.funnel_stage_out import FunnelStageOut


T = TypeVar("T", bound="FunnelOut")


@_attrs_define
class FunnelOut:
    """
    Attributes:
        average_cycle_days (float | None): From creation to won, on average.
        average_won_amount (FunnelOutAverageWonAmount):
        created (int):
        lost (int):
        pipeline_id (UUID):
        stages (list[FunnelStageOut]):
        win_rate (float | None): Won / (won + lost) among the created deals.
        won (int):
    """

    average_cycle_days: float | None
    average_won_amount: FunnelOutAverageWonAmount
    created: int
    lost: int
    pipeline_id: UUID
    stages: list[FunnelStageOut]
    win_rate: float | None
    won: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        average_cycle_days: float | None
        average_cycle_days = self.average_cycle_days

        average_won_amount = self.average_won_amount.to_dict()

        created = self.created

        lost = self.lost

        pipeline_id = str(self.pipeline_id)

        stages = []
        for stages_item_data in self.stages:
            stages_item = stages_item_data.to_dict()
            stages.append(stages_item)

        win_rate: float | None
        win_rate = self.win_rate

        won = self.won

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "average_cycle_days": average_cycle_days,
                "average_won_amount": average_won_amount,
                "created": created,
                "lost": lost,
                "pipeline_id": pipeline_id,
                "stages": stages,
                "win_rate": win_rate,
                "won": won,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.funnel_out_average_won_amount import FunnelOutAverageWonAmount  # noqa: PLC0415
        from ..models.funnel_stage_out import FunnelStageOut  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_average_cycle_days(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        average_cycle_days = _parse_average_cycle_days(d.pop("average_cycle_days"))

        average_won_amount = FunnelOutAverageWonAmount.from_dict(d.pop("average_won_amount"))

        created = d.pop("created")

        lost = d.pop("lost")

        pipeline_id = UUID(d.pop("pipeline_id"))

        stages = []
        _stages = d.pop("stages")
        for stages_item_data in _stages:
            stages_item = FunnelStageOut.from_dict(stages_item_data)

            stages.append(stages_item)

        def _parse_win_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        win_rate = _parse_win_rate(d.pop("win_rate"))

        won = d.pop("won")

        funnel_out = cls(
            average_cycle_days=average_cycle_days,
            average_won_amount=average_won_amount,
            created=created,
            lost=lost,
            pipeline_id=pipeline_id,
            stages=stages,
            win_rate=win_rate,
            won=won,
        )

        funnel_out.additional_properties = d
        return funnel_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
