"""How our own return forms identify themselves, so a returned form is read without guessing.

Two encodings, written by `chitieu draft` and read by `extract`:

* XLSX: a hidden sheet named `_chitieu` (state "veryHidden"). Rows 1–5 are key/value pairs in
  columns A/B: `format` = `chitieu-return-v1`, `plan_number`, `plan_date` (ISO), `unit`,
  `period`. Row 7 is the header `indicator | result_cell | target_cell | sheet`, and each
  row below gives an indicator id and the address of its result cell on the visible
  sheet (`sheet`). The same values are also stored as custom document properties
  `chitieu_plan_number`, `chitieu_unit`, `chitieu_period`.
  Since forms of this version also carry, per indicator, a workbook defined name
  (`result_name(n)`, named in column E `name` of the hidden sheet) on its result cell:
  Excel and LibreOffice move a defined name with its cell when a ward inserts or deletes
  rows or columns, where the addresses in column B stay put. Readers prefer the name and
  fall back to the address (forms drafted before the names existed).
* DOCX/PDF/paper: a QR code whose text is `qr_payload(...)` below.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

HIDDEN_SHEET = "_chitieu"
FORMAT = "chitieu-return-v1"
QR_PREFIX = "CHITIEU1?"
RESULT_NAME_PREFIX = "chitieu_kq_"


def result_name(n: int) -> str:
    """Defined name of the n-th (1-based) indicator's result cell: `chitieu_kq_01`."""
    return f"{RESULT_NAME_PREFIX}{n:02d}"


def qr_payload(plan_number: str, unit: str, period: str | None) -> str:
    """`CHITIEU1?plan=152%2FKH-UBND&unit=quan-hoa&period=2021-06` (ASCII, QR alphanumeric-safe)."""
    fields = {"plan": plan_number, "unit": unit}
    if period:
        fields["period"] = period
    return QR_PREFIX + urlencode(fields)


def parse_qr_payload(text: str) -> dict[str, str] | None:
    """The fields of a payload made by `qr_payload`, or None for any other QR code."""
    text = text.strip()
    if not text.startswith(QR_PREFIX):
        return None
    fields = dict(parse_qsl(text[len(QR_PREFIX) :]))
    if "plan" not in fields or "unit" not in fields:
        return None
    return fields
