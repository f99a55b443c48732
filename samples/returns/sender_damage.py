"""A grammar of letterheads whose sender line was cut, damaged or misnumbered, seeded.

A return's letterhead as the scan reader hands it over: each line's text, its box in
points, its words' OCR confidence and the page's (or the photo frame's) size. The sender
line ("UBND PHƯỜNG DỊCH VỌNG HẬU") is damaged in the ways that turn it into another
unit's exact name:

* `cut_end` / `cut_start`: the photo's frame (or the scanner's edge) cuts the line at its
  right or left end; every line is cut at the same x, the page ends there.
* `lost_end` / `lost_start`: a stamp, a fold or a stain takes the name's last (first)
  words or digits; what is left keeps its place on the page, off the column's centre,
  sometimes with a speck read as a character where the words were.
* `digit`: a numbered name's digit lost, added or confused ("PHƯỜNG 11" read "PHƯỜNG 1",
  "PHƯỜNG 1" read "PHƯỜNG 7"), mostly with a low word confidence, sometimes read with
  confidence (nothing on the page can tell then).
* `clean`: the name as printed (a ward whose name is another's prefix must not be
  doubted for it).

Senders are drawn mostly among units that have a *rival* (another unit of the plan whose
name a damaged reading of theirs can become). Plans: four of `samples/` and a generated
one (`NUMBERED`) with "Phường 1" … "Phường 14", "Xã 1" … "Xã 3" and named wards sharing
words ("Tân Phú", "Tân Phú Trung", "Phú Trung"). The body names the sender (clean,
damaged as `label_damage` damages labels, or not at all), the signature sometimes.

The same seed gives the same draw. Even seeds are the tune half, odd seeds the test half.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from functools import cache

from chitieu.plan import Plan, load_plan, parse_plan
from samples.returns.label_damage import damage, half_of, plan_path

PLANS = ("cau-giay-2021", "vung-tau-2022", "kon-tum-2024", "ha-noi-vung-xanh-2024", "numbered")
DAMAGES = (
    ("clean", 2),
    ("cut_end", 2),
    ("cut_start", 1),
    ("lost_end", 2),
    ("lost_start", 1),
    ("digit", 3),
)
PAGE = (595.3, 841.9)  # A4 in points
QUOC_HIEU = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
_DIGIT_READ = {
    "1": "74",
    "7": "1",
    "3": "8",
    "8": "360",
    "5": "6",
    "6": "58",
    "0": "8",
    "4": "19",
    "2": "7",
    "9": "4",
}
_SPECKS = ("|", "I", ".", "'", "~", "l")


def _numbered_yaml() -> str:
    units = [("ha-binh", "Hà Bình", "thành phố", None)]
    units += [(f"phuong-{i}", f"Phường {i}", "phường", "ha-binh") for i in range(1, 15)]
    units += [(f"xa-{i}", f"Xã {i}", "xã", "ha-binh") for i in range(1, 4)]
    units += [
        ("tan-phu", "Tân Phú", "phường", "ha-binh"),
        ("tan-phu-trung", "Tân Phú Trung", "phường", "ha-binh"),
        ("phu-trung", "Phú Trung", "phường", "ha-binh"),
        ("an-loc", "An Lộc", "xã", "ha-binh"),
        ("an-loc-tay", "An Lộc Tây", "xã", "ha-binh"),
    ]
    lines = [
        "document:",
        '  number: "88/KH-UBND"',
        "  date: 2024-03-01",
        '  place: "Hà Bình"',
        '  issuer: "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ BÌNH"',
        "  parent: null",
        '  title: "Triển khai công tác phòng, chống ma túy năm 2024"',
        "period: {start: 2024-03-01, end: 2024-03-31}",
        "report_deadline: 2024-04-05",
        "units:",
    ]
    for uid, name, kind, parent in units:
        up = f", parent: {parent}" if parent else ""
        lines.append(f'  - {{id: {uid}, name: "{name}", kind: "{kind}"{up}}}')
    lines += [
        "indicators:",
        '  - {id: hinh_su, name: "Điều tra khám phá hình sự", measure: "vụ"}',
        "targets:",
    ]
    lines += [f"  {uid}: {{hinh_su: 2}}" for uid, *_ in units[1:]]
    return "\n".join(lines) + "\n"


@cache
def load(name: str) -> Plan:
    """A plan of PLANS, loaded once."""
    if name == "numbered":
        return parse_plan(_numbered_yaml(), "numbered.yaml")
    return load_plan(plan_path(name))


@dataclass(frozen=True)
class Line:
    text: str
    bbox: tuple[float, float, float, float]
    confidences: tuple[float, ...]  # one per word of `text`


@dataclass(frozen=True)
class SenderCase:
    seed: int
    plan: str
    truth: str  # the sender's unit id
    damage: str  # one of DAMAGES
    read: str  # the sender line as read
    lines: tuple[Line, ...]
    page_size: tuple[float, float]
    body: str  # "clean", "damaged", "none"
    rival: bool  # another unit's name is a damaged reading of the sender's

    @property
    def half(self) -> str:
        return half_of(self.seed)

    @property
    def classes(self) -> tuple[str, ...]:
        return (
            f"damage={self.damage}",
            f"plan={self.plan}",
            f"body={self.body}",
            f"rival={'yes' if self.rival else 'no'}",
        )


def _upper(t: str) -> str:
    return unicodedata.normalize("NFC", t.upper())


def _core(unit: object) -> str:
    name = unit.name  # type: ignore[attr-defined]
    kind = unit.kind  # type: ignore[attr-defined]
    if name.lower().startswith(kind.lower() + " "):
        return name[len(kind) + 1 :]
    return name


def _has_rival(unit: object, units: list) -> bool:
    """Another unit of the same kind whose name is this one's with words or digits lost,
    or one digit changed: a damaged reading of this sender names it exactly."""
    mine = _core(unit).lower()
    for other in units:
        if other is unit or other.kind != unit.kind:  # type: ignore[attr-defined]
            continue
        theirs = _core(other).lower()
        if mine != theirs and (mine.startswith(theirs) or mine.endswith(theirs)):
            return True
        a, b = mine.split(), theirs.split()
        one_word = len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1
        if one_word and any(c.isdigit() for c in a[-1] + b[-1]):
            return True
    return False


def _placed(text: str, centre: float, y: float, size: float, cw: float) -> list[tuple[str, float]]:
    """Each character of a line centred on `centre`, with its left x."""
    width = len(text) * cw
    x = centre - width / 2
    return [(c, x + i * cw) for i, c in enumerate(text)]


def _line(
    chars: list[tuple[str, float]], y: float, size: float, cw: float, rng: random.Random
) -> Line | None:
    text = "".join(c for c, _ in chars).strip()
    if not text:
        return None
    inked = [(c, x) for c, x in chars if not c.isspace()]
    x0, x1 = inked[0][1], inked[-1][1] + cw
    j = lambda: rng.uniform(-1.2, 1.2)  # noqa: E731
    confs = tuple(round(rng.uniform(0.86, 0.97), 3) for _ in text.split())
    return Line(text, (x0 + j(), y + j() / 3, x1 + j(), y + size + j() / 3), confs)


def draw(seed: int) -> SenderCase:
    rng = random.Random(f"sender-damage-{seed}")
    pname = rng.choice(PLANS)
    plan = load(pname)
    units = [u for u in plan.reporting_units if u.is_local_government]
    trapped = [u for u in units if _has_rival(u, units)]
    unit = rng.choice(trapped if trapped and rng.random() < 0.7 else units)
    digits = any(c.isdigit() for c in unit.name)
    kinds = [(k, w) for k, w in DAMAGES if k != "digit" or digits]
    what = rng.choices([k for k, _ in kinds], weights=[w for _, w in kinds])[0]

    size = rng.uniform(12.0, 14.0)
    cw = size * rng.uniform(0.62, 0.72)  # an upper-case bold letter's advance
    left_c, right_c = rng.uniform(165, 215), rng.uniform(415, 445)
    parent = plan.unit_by_id.get(unit.parent) if unit.parent else None
    sender_text = f"UBND {_upper(unit.full_name)}"
    rows: list[tuple[str, float, float]] = []  # text, centre, y
    y = rng.uniform(45, 70)
    if parent is not None:
        rows.append((f"UBND {_upper(parent.full_name)}", left_c, y))
    rows.append((QUOC_HIEU[0], right_c, y))
    y += size * 1.35
    sender_at = len(rows)
    rows.append((sender_text, left_c, y))
    rows.append((QUOC_HIEU[1], right_c, y + size * 1.35))
    y += size * 3.5
    rows.append((f"Số: {rng.randint(3, 99)}/BC-UBND", left_c, y))
    rows.append((f"{unit.name}, ngày 30 tháng 3 năm 2024", right_c, y))

    placed = [_placed(t, c, yy, size, cw) for t, c, yy in rows]
    page_w, page_h = PAGE
    sender = placed[sender_at]
    name_start = len("UBND ") + (0 if unit.name_has_kind else len(unit.kind) + 1)
    confs: tuple[float, ...] | None = None
    if what == "cut_end":
        # the frame's edge: after a whole word (the trap) or inside the name's last words
        spaces = [i for i, (c, _) in enumerate(sender) if c == " " and i > name_start]
        if spaces and rng.random() < 0.65:
            cut_i = rng.choice(spaces)
        else:
            cut_i = rng.randint(name_start + 1, len(sender) - 1)
        x_cut = sender[cut_i][1] + rng.uniform(0.0, cw * 0.4)
        placed = [[(c, x) for c, x in p if x + cw <= x_cut] for p in placed]
        if rng.random() < 0.3 and placed[sender_at]:
            placed[sender_at].append((rng.choice(_SPECKS), placed[sender_at][-1][1] + cw))
        page_w = x_cut + rng.uniform(0.0, 2.0)
    elif what == "cut_start":
        cut_i = rng.randint(1, max(1, name_start + len(_core(unit)) // 2))
        x_cut = sender[cut_i][1] - rng.uniform(0.0, cw * 0.4)
        placed = [[(c, x - x_cut) for c, x in p if x >= x_cut] for p in placed]
        page_w -= x_cut
    elif what in ("lost_end", "lost_start"):
        name = sender[name_start:]
        bounds = [i for i, (c, _) in enumerate(name) if c == " "]
        if what == "lost_end":
            if bounds and not (digits and rng.random() < 0.5):
                keep = name[: rng.choice(bounds)]
            else:  # a digit (or the last letters) under the stamp
                keep = name[: max(1, len(name) - rng.randint(1, 2))]
            placed[sender_at] = sender[:name_start] + keep
        else:
            keep = name[bounds[0] + 1 :] if bounds else name[1:]
            placed[sender_at] = ([] if rng.random() < 0.5 else sender[:name_start]) + keep
            if placed[sender_at] and placed[sender_at][0][0] == " ":
                placed[sender_at] = placed[sender_at][1:]
        if rng.random() < 0.3 and placed[sender_at]:
            tail = placed[sender_at][-1][1] + 2 * cw
            placed[sender_at].append((rng.choice(_SPECKS), tail))
    elif what == "digit":
        where = [i for i, (c, _) in enumerate(sender) if c.isdigit()]
        i = rng.choice(where)
        how = rng.choice(("lose", "add", "confuse", "confuse"))
        c, x = sender[i]
        if how == "lose" and len(where) > 1:
            sender = sender[:i] + sender[i + 1 :]
        elif how == "add" or (how == "lose" and len(where) == 1):
            sender = [*sender[: i + 1], (rng.choice("1174"), x + cw), *sender[i + 1 :]]
        else:
            sender = [*sender[:i], (rng.choice(_DIGIT_READ[c]), x), *sender[i + 1 :]]
        placed[sender_at] = sender
        unsure = rng.random() < 0.75
        n = len("".join(ch for ch, _ in sender).split())
        low = round(rng.uniform(0.3, 0.78), 3) if unsure else round(rng.uniform(0.8, 0.96), 3)
        confs = (*tuple(round(rng.uniform(0.86, 0.97), 3) for _ in range(n - 1)), low)
    elif what == "clean" and digits and rng.random() < 0.1:
        n = len(sender_text.split())
        sure = [round(rng.uniform(0.86, 0.97), 3) for _ in range(n - 1)]
        confs = (*sure, round(rng.uniform(0.5, 0.78), 3))  # a blurred digit read right

    lines: list[Line] = []
    read = ""
    for k, (p, (_, _, yy)) in enumerate(zip(placed, rows, strict=True)):
        ln = _line(p, yy, size, cw, rng)
        if ln is None:
            continue
        if k == sender_at:
            read = ln.text
            if confs is not None and len(confs) == len(ln.text.split()):
                ln = Line(ln.text, ln.bbox, confs)
        lines.append(ln)

    body = rng.choice(("clean", "damaged", "none"))
    subject = f"Ủy ban nhân dân {unit.in_prose}"
    if body == "damaged":
        subject = damage(rng, subject, (1, 2)).text
    elif body == "none":
        subject = "Ủy ban nhân dân"
    y = lines[-1].bbox[3] + 40
    prose = [
        "BÁO CÁO",
        "Kết quả thực hiện chỉ tiêu phòng, chống ma túy",
        f"{subject} báo cáo kết quả thực hiện các chỉ tiêu được giao như sau:",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]
    for t in prose:
        width = min(len(t) * cw * 0.75, page_w - 40)
        c = min(page_w / 2, 300)
        n = len(t.split())
        conf = tuple(round(rng.uniform(0.88, 0.97), 3) for _ in range(n))
        lines.append(Line(t, (c - width / 2, y, c + width / 2, y + size), conf))
        y += size * 1.6
    return SenderCase(
        seed,
        pname,
        unit.id,
        what,
        read,
        tuple(lines),
        (round(page_w, 1), page_h),
        body,
        _has_rival(unit, units),
    )
