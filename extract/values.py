"""Cell text -> whole number, and how sure we are of it.

Accepted as certain: "01", "0", "1.234" and "15 320" (thousand separators), "-", "—",
"Không" (zero), a number followed by a measure word ("02 vụ", "9.150 lượt") when the word
fits the indicator's measure, a number repeated in words ("92 (chín mươi hai)"), an
integral spreadsheet number. Blank is missing, not zero. A symbol the document's legend
explains ("x: không giao chỉ tiêu", "(-) không phát sinh") means what the legend says.

Kept but for review: a sign ("-5": a count is never negative), digits of another script
(Arabic-Indic), "15,320" (a comma is a decimal mark in Vietnamese), a measure word other
than the indicator's, absurdly large numbers. Anything else gives a value only as a
suggestion, for review. For scans, the digits-only re-read of a cell (`Cell.digits`) must
agree with the text, or be read with high confidence; otherwise the value is for review.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from extract.document import Cell
from extract.legend import Legend, Meaning
from extract.numwords import words_value
from extract.text import fold

ZERO_WORDS = {"-", "—", "–", "−", "_", "không", "khong", "0"}
# Measure words, folded, by what they count: a word of another class than the indicator's
# measure is a different quantity ("65 buổi" is not a number of people).
MEASURE_CLASSES: tuple[frozenset[str], ...] = (
    frozenset({"nguoi", "doi tuong", "ng", "dt", "truong hop", "nguoi nghien", "hoc vien"}),
    frozenset({"vu", "vu viec", "vu an"}),
    frozenset({"ho so", "bo ho so"}),
    frozenset({"lan"}),
    frozenset({"luot", "luot nguoi"}),
    frozenset({"buoi", "cuoc", "dot", "buoi tuyen truyen"}),
    frozenset({"diem", "tu diem", "dia ban", "diem nong"}),
    frozenset({"co so"}),
    frozenset({"ho", "gia dinh", "ho gia dinh"}),
    frozenset({"lop", "lop hoc"}),
    frozenset({"tin", "bai", "tin bai"}),
    frozenset({"to", "to roi", "cuon", "ban", "an pham"}),
    frozenset({"pano", "bang ron", "khau hieu", "pa no"}),
    frozenset({"xa", "phuong", "xa phuong", "don vi"}),
)
MEASURE_WORDS = frozenset().union(*MEASURE_CLASSES)
ABSURD = 10_000_000  # more than any count a unit of a province can report
# Thresholds for read (OCR) cells; digital cells have confidence 1.0.
DIGITS_ACCEPT = 0.60  # a re-read alone is trusted from this confidence (tesseract conf 60)
TEXT_ACCEPT = 0.80  # an OCR text cell without a re-read is trusted from this confidence

_N = r"(?:\d{1,3}(?:\.\d{3})+|\d{1,3}(?:[ \u202f]\d{3})+|\d{1,15})"
_NUMBER = re.compile(rf"^([+\-−]?)\s*({_N})$")
_COMMA_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_WITH_WORDS = re.compile(rf"^({_N})\s*\(([^()\d]+)\)$")
_WITH_MEASURE = re.compile(rf"^({_N})\s+([^\d()]+?)\.?$")
_NUMBERING = re.compile(r"^\(\s*\d{1,2}\s*\)$|^\(\s*[a-zA-Z]\s*\)$")


@dataclass(frozen=True)
class Parsed:
    """A parsed cell: `value` None with `clean` True means blank (missing)."""

    value: int | None
    clean: bool
    confidence: float = 1.0
    why: str | None = None  # Vietnamese, when not clean
    measure: str | None = None  # the measure word written after the number, folded
    not_assigned: bool = False  # the legend says the symbol means "không giao chỉ tiêu"

    @property
    def blank(self) -> bool:
        return self.value is None and self.clean


BLANK = Parsed(None, True)
NOT_ASSIGNED = Parsed(None, True, not_assigned=True)


def is_numbering(text: str) -> bool:
    """Column-numbering cells such as "(1)", "(2)" under a header."""
    return bool(_NUMBERING.match(text.strip()))


def _ascii_digits(text: str) -> tuple[str, bool]:
    """Digits of any script as ASCII, and whether any were not ASCII (Arabic-Indic...)."""
    out: list[str] = []
    foreign = False
    for ch in text:
        if ch.isdigit() and not ("0" <= ch <= "9"):
            d = unicodedata.digit(ch, None)
            if d is not None:
                out.append(str(d))
                foreign = True
                continue
        out.append(ch)
    return "".join(out), foreign


def _int(number: str) -> int:
    return int(re.sub(r"[.\s\u202f]", "", number))


def parse_text(text: str, legend: Legend | None = None) -> Parsed:
    t = text.replace("\u00a0", " ").strip().strip("|").strip()
    if not t:
        return BLANK
    if legend is not None:
        meaning = legend.meaning(t)
        if meaning is Meaning.zero:
            return Parsed(0, True)
        if meaning is Meaning.not_assigned:
            return NOT_ASSIGNED
    t, foreign = _ascii_digits(t)
    parsed = _parse(t)
    if foreign and parsed.value is not None:
        why = f"ô «{text.strip()}» viết bằng chữ số lạ (không phải 0–9)"
        return Parsed(parsed.value, False, min(parsed.confidence, 0.5), why, parsed.measure)
    return parsed


def _parse(t: str) -> Parsed:
    low = t.lower()
    if low in ZERO_WORDS or fold(t) in ("khong", "0"):
        return Parsed(0, True)
    m = _NUMBER.match(t)
    if m:
        value = _int(m.group(2))
        if m.group(1) in ("-", "−"):
            return Parsed(-value, False, 0.5, f"ô «{t}» là số âm; số đếm không thể âm")
        return _bounded(Parsed(value, True), t)
    if _COMMA_THOUSANDS.match(t):
        why = f"ô «{t}»: dấu phẩy là dấu thập phân hay phân cách hàng nghìn?"
        return Parsed(int(t.replace(",", "")), False, 0.4, why)
    m = _WITH_WORDS.match(t)
    if m:
        value, said = _int(m.group(1)), words_value(m.group(2))
        if said == value:
            return _bounded(Parsed(value, True), t)
        why = f"ô «{t}»: số và chữ không khớp nhau" if said is not None else None
        return Parsed(value, False, 0.4, why or f"ô «{t}» không phải một số rõ ràng")
    m = _WITH_MEASURE.match(t)
    if m:
        word = fold(m.group(2))
        value = _int(m.group(1))
        if word in MEASURE_WORDS:
            return _bounded(Parsed(value, True, measure=word), t)
        return Parsed(value, False, 0.4, f"ô «{t}» ghi kèm chữ «{m.group(2).strip()}»", word)
    digits = re.findall(r"\d+", t)
    guess = int(digits[0]) if len(digits) == 1 and len(digits[0]) <= 6 else None
    return Parsed(guess, False, 0.3, f"ô «{t}» không phải một số rõ ràng")


def _bounded(parsed: Parsed, t: str) -> Parsed:
    if parsed.value is not None and parsed.value >= ABSURD:
        return replace(parsed, clean=False, confidence=0.2, why=f"ô «{t}»: số lớn bất thường")
    return parsed


def fits_measure(parsed: Parsed, measure: str | None) -> Parsed:
    """`parsed` for an indicator counted in `measure`: a measure word written in the cell
    must count the same thing ("7 người" for "người" yes, "65 buổi" for "người" no)."""
    if parsed.measure is None or not measure:
        return parsed
    want = fold(measure)
    if parsed.measure == want or any(
        parsed.measure in cls and want in cls for cls in MEASURE_CLASSES
    ):
        if parsed.clean or parsed.why is None or "ghi kèm chữ" not in parsed.why:
            return parsed
        return replace(parsed, clean=True, confidence=1.0, why=None)
    if not parsed.clean:
        return parsed
    why = f"đơn vị tính «{parsed.measure}» khác đơn vị tính của chỉ tiêu («{measure}»)"
    return replace(parsed, clean=False, confidence=0.4, why=why)


def parse_number(value: float | int) -> Parsed:
    """A number stored as a number (spreadsheets)."""
    if isinstance(value, bool):
        return Parsed(None, False, 0.0, "ô chứa giá trị đúng/sai, không phải số")
    if float(value).is_integer() and value >= 0:
        return _bounded(Parsed(int(value), True), str(value))
    return Parsed(
        round(value) if value >= 0 else None, False, 0.3, f"ô chứa số {value} không phải số nguyên"
    )


def parse_cell(cell: Cell, legend: Legend | None = None, measure: str | None = None) -> Parsed:
    """The value of one cell, using the re-read digits of scans to decide certainty."""
    return fits_measure(_parse_cell(cell, legend), measure)


def _parse_cell(cell: Cell, legend: Legend | None) -> Parsed:
    if cell.formula_without_value:
        return Parsed(None, False, 0.0, "ô chứa công thức nhưng không có giá trị đã tính")
    text = parse_text(cell.text, legend)
    if cell.digits is None:
        if text.clean and cell.confidence < TEXT_ACCEPT and not text.blank:
            return Parsed(
                text.value, False, cell.confidence, "chữ số đọc từ ảnh với độ tin cậy thấp"
            )
        return replace(text, confidence=min(text.confidence, cell.confidence))
    reread = parse_text(cell.digits)
    dconf = cell.digits_confidence if cell.digits_confidence is not None else 0.0
    if text.clean and reread.clean and text.value == reread.value:
        return Parsed(text.value, True, max(cell.confidence, dconf), measure=text.measure)
    if text.value is not None and text.value == reread.value and text.why:
        return text  # both reads agree on a value that is doubtful by itself ("-5")
    if reread.clean and not reread.blank and dconf >= DIGITS_ACCEPT:
        return Parsed(reread.value, True, dconf)
    # For the reviewer, suggest the read that was surer of itself.
    if text.value is not None and (reread.value is None or cell.confidence >= dconf):
        value = text.value
    else:
        value = reread.value
    if text.blank and reread.blank:
        return BLANK
    return Parsed(value, False, min(dconf, cell.confidence), "hai lần đọc ô không khớp nhau")
