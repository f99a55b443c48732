"""A unit's own report fields in the plan file: its signing block and its ký hiệu.

Kept apart from chitieu/plan.py (`Unit` takes them by inheritance) so that the plan
format grows by optional fields only (contracts.md §1):

    units:
      - {id: cong-an-tinh, name: "Công an tỉnh", kind: "cơ quan",
         signing: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], symbol: "CAT"}

Left out, chitieu.render.agency_heads derives both from the unit's name and level.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, field_validator

SYMBOL = re.compile(r"^[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")


class UnitReportFields(BaseModel):
    # the lines above the signature on its return form, uppercase ("GIÁM ĐỐC"; or
    # "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC"); a single string is one line
    signing: tuple[str, ...] | None = None  # a tuple: a Unit is hashable
    # the ký hiệu after "BC-" in "Số: …/BC-CAT" (ND30 PL3: uppercase letters, digits, "-")
    symbol: str | None = None

    @field_validator("signing", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("signing")
    @classmethod
    def _signing_lines(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if value is None:
            return None
        lines = tuple(" ".join(x.split()) for x in value if x.strip())
        if not lines:
            raise ValueError("signing: cần ít nhất một dòng chức vụ (ví dụ “GIÁM ĐỐC”)")
        return lines

    @field_validator("symbol")
    @classmethod
    def _symbol(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not SYMBOL.match(value):
            raise ValueError(
                f"symbol “{value}”: ký hiệu viết hoa, chỉ gồm chữ, số và dấu “-” (ví dụ “CAT”)"
            )
        return value


__all__ = ["UnitReportFields"]
