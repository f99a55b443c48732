"""Numbers and dates the way Vietnamese administrative documents print them.

"01", "10", "1.234 người", "87,5%", "Cầu Giấy, ngày 31 tháng 5 năm 2021" (ND30: day <10 and
month 1–2 take a leading zero), "31/5/2021" in short citations.
"""

from __future__ import annotations

from datetime import date


def count(n: int | float | None, pad: bool = True) -> str:
    """A count as the seeds print it: "01" … "09", "10", "1.234"; "" for None."""
    if n is None:
        return ""
    if isinstance(n, float) and not n.is_integer():
        return decimal(n)
    n = int(n)
    if pad and 0 < n < 10:
        return f"{n:02d}"
    return f"{n:,}".replace(",", ".")


def decimal(x: float, digits: int = 2) -> str:
    """1234.5 → "1.234,5" (thousands ".", decimal ","), trailing zeros dropped."""
    s = f"{x:,.{digits}f}".rstrip("0").rstrip(".")
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(x: float | None, digits: int = 1) -> str:
    """12.5 → "12,5%", 120 → "120%"; "" for None."""
    if x is None:
        return ""
    return decimal(round(x, digits), digits) + "%"


def nd30_date(d: date) -> str:
    """ "ngày 05 tháng 01 năm 2020", "ngày 29 tháng 6 năm 2019" (ND30 leading-zero rules)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def place_date_line(place: str, d: date) -> str:
    """ "Cầu Giấy, ngày 31 tháng 5 năm 2021"."""
    return f"{place}, {nd30_date(d)}"


def short_date(d: date) -> str:
    """ "31/5/2021", as citations in the body usually write it."""
    return f"{d.day}/{d.month}/{d.year}"
