from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ForecastRowOut")


@_attrs_define
class ForecastRowOut:
    """
    Attributes:
        currency (str):
        key (str): The month (YYYY-MM) or the owner's user id.
        open_amount (int):
        open_deals (int):
        weighted_amount (int): Open amounts times stage probability.
        won_amount (int):
        won_deals (int):
    """

    currency: str
    key: str
    open_amount: int
    open_deals: int
    weighted_amount: int
    won_amount: int
    won_deals: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        key = self.key

        open_amount = self.open_amount

        open_deals = self.open_deals

        weighted_amount = self.weighted_amount

        won_amount = self.won_amount

        won_deals = self.won_deals

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "key": key,
                "open_amount": open_amount,
                "open_deals": open_deals,
                "weighted_amount": weighted_amount,
                "won_amount": won_amount,
                "won_deals": won_deals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        currency = d.pop("currency")

        key = d.pop("key")

        open_amount = d.pop("open_amount")

        open_deals = d.pop("open_deals")

        weighted_amount = d.pop("weighted_amount")

        won_amount = d.pop("won_amount")

        won_deals = d.pop("won_deals")

        forecast_row_out = cls(
            currency=currency,
            key=key,
            open_amount=open_amount,
            open_deals=open_deals,
            weighted_amount=weighted_amount,
            won_amount=won_amount,
            won_deals=won_deals,
        )

        forecast_row_out.additional_properties = d
        return forecast_row_out

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
