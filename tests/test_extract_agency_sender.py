"""Which agency sent a return, when its name holds a place or another unit's name.

Letterheads are drawn from the form grammar (tests/form_grammar.py: every agency a plan of
its level has, under the managing body it prints): the issuer as the plan names it or with
the place after it ("CÔNG AN TỈNH KON TUM"), "HĐND"/"UBND" written short or in full, wrapped
at any word over one to three lines. The agency must win over the place in its name (the
tỉnh Kon Tum, through "Công an" + "tỉnh Kon Tum") and over the managing body above it. Two
units named alike are reported, never guessed. Seeds are split into a tuning half and a
held-out half; real DOCX files (no form ids: a return typed by the agency itself) go
through `extract_file`.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from docx import Document
from form_grammar import expected, form_plan

from chitieu.plan import Plan, parse_plan
from extract.document import ReadDocument, TextLine
from extract.interpret import interpret
from extract.pipeline import extract_file
from extract.sender import decide_sender
from extract.units import UnitFinder

TUNE = range(0, 40, 2)
HELD_OUT = range(1, 40, 2)
SHORT = {"Hội đồng nhân dân": "HĐND", "Ủy ban nhân dân": "UBND"}


def _plan(seed: int, tmp: Path) -> tuple[dict, Plan]:
    data = form_plan(seed)
    return data, parse_plan(json.dumps(data, ensure_ascii=False), tmp / f"seed{seed}.yaml")


def _wrap(text: str, rng: random.Random) -> list[str]:
    """The text in lines of a random width (a letterhead column holds 22 to 40 letters),
    cut between words as a word processor does."""
    width = rng.randint(22, 40)
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _issuer(data: dict, unit: dict, rng: random.Random) -> str:
    """The agency's name as its own letterhead may print it."""
    name = unit["name"]
    if rng.random() < 0.5:
        for long, short in SHORT.items():
            name = name.replace(long, short)
    top = data["units"][0]
    if rng.random() < 0.6:  # with its place: "Công an tỉnh Kon Tum", "Sở Y tế tỉnh Kon Tum"
        level = top["kind"]
        ends_with_level = name.lower().endswith(" " + level)
        name = f"{name} {top['name']}" if ends_with_level else f"{name} {level} {top['name']}"
    return name.upper()


def _letterheads(seed: int, data: dict, rng: random.Random) -> list[tuple[str, list[str]]]:
    out = []
    for unit in data["units"][1:]:
        if unit["kind"] != "cơ quan":
            continue
        parent = expected(data, unit).parent
        for _ in range(4):
            above = _wrap(parent, rng) if parent else []
            out.append((unit["id"], above + _wrap(_issuer(data, unit, rng), rng)))
    return out


@pytest.mark.parametrize("half", ["tune", "held-out"])
def test_agency_letterheads_name_the_agency(half: str, tmp_path: Path) -> None:
    tried = wrong = 0
    failures: list[str] = []
    for seed in TUNE if half == "tune" else HELD_OUT:
        data, plan = _plan(seed, tmp_path)
        finder = UnitFinder(plan)
        rng = random.Random(f"agency-{seed}")
        for uid, lines in _letterheads(seed, data, rng):
            tried += 1
            hit = finder.in_letterhead(lines)
            if hit is None or hit.unit is None or hit.unit.id != uid:
                wrong += 1
                failures.append(f"seed {seed}: {lines} -> {hit and hit.unit and hit.unit.id}")
    assert tried >= 100
    assert wrong == 0, "\n".join(failures[:10])


def test_police_of_the_province_is_not_the_province(tmp_path: Path) -> None:
    """ "CÔNG AN TỈNH KON TUM" under "BỘ CÔNG AN": the Công an unit, not the tỉnh."""
    plan = parse_plan(Path("samples/kon-tum-2024/plan.yaml").read_text(), tmp_path / "p.yaml")
    finder = UnitFinder(plan)
    for lines in (
        ["BỘ CÔNG AN", "CÔNG AN TỈNH KON TUM"],
        ["BỘ CÔNG AN", "CÔNG AN TỈNH", "KON TUM"],
        ["ỦY BAN NHÂN DÂN TỈNH KON TUM", "CÔNG AN TỈNH KON TUM"],
    ):
        hit = finder.in_letterhead(lines)
        assert hit is not None and hit.unit is not None and hit.unit.id == "cong-an-tinh", lines
    # the tỉnh itself is still named by its own letterhead
    hit = finder.in_letterhead(["ỦY BAN NHÂN DÂN", "TỈNH KON TUM"])
    assert hit is not None and hit.unit is not None and hit.unit.id == "kon-tum"


def _two_districts_plan(tmp: Path) -> Plan:
    data = form_plan(1)
    top = data["units"][0]
    top.update(name="Kon Tum", kind="tỉnh")
    data["document"]["place"] = "Kon Tum"
    data["units"][1:] = [
        {"id": "dak-ha", "name": "Đắk Hà", "kind": "huyện", "parent": "top"},
        {"id": "sa-thay", "name": "Sa Thầy", "kind": "huyện", "parent": "top"},
        {"id": "gd-dak-ha", "name": "Phòng Giáo dục và Đào tạo", "kind": "cơ quan"},
        {"id": "gd-sa-thay", "name": "Phòng Giáo dục và Đào tạo", "kind": "cơ quan"},
    ]
    data["units"][3]["parent"] = "dak-ha"
    data["units"][4]["parent"] = "sa-thay"
    data["targets"] = {}
    data["assignments"][0]["lead"] = "Đắk Hà"
    return parse_plan(json.dumps(data, ensure_ascii=False), tmp / "two.yaml")


def test_two_agencies_alike_are_reported_not_guessed(tmp_path: Path) -> None:
    plan = _two_districts_plan(tmp_path)
    finder = UnitFinder(plan)
    alone = finder.in_letterhead(["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"])
    assert alone is not None and alone.unit is None  # either district's: not chosen
    doc = ReadDocument(
        kind="docx", lines=[TextLine(t) for t in ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "BÁO CÁO"]]
    )
    sender = decide_sender(doc, finder, "")
    assert sender.unit is None and sender.unknown
    assert interpret(doc, plan, "bc.docx").unit is None
    # the district above it, or its place after its name, decides
    for lines in (
        ["ỦY BAN NHÂN DÂN HUYỆN SA THẦY", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"],
        ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN SA THẦY"],
        ["UBND TỈNH KON TUM", "PHÒNG GIÁO DỤC VÀ", "ĐÀO TẠO HUYỆN SA THẦY"],
    ):
        hit = finder.in_letterhead(lines)
        assert hit is not None and hit.unit is not None and hit.unit.id == "gd-sa-thay", lines


def _typed_return(path: Path, plan: Plan, head: list[str]) -> Path:
    """A return the agency typed itself: its letterhead beside the quốc hiệu, the title, a
    table with the plan's indicators. No form ids: the sender comes from the letterhead."""
    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "\n".join(head)
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    doc.add_paragraph("BÁO CÁO")
    doc.add_paragraph(f"Kết quả thực hiện Kế hoạch số {plan.document.number}")
    rows = doc.add_table(rows=1, cols=4)
    for cell, text in zip(
        rows.rows[0].cells, ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"], strict=True
    ):
        cell.text = text
    for n, ind in enumerate(plan.indicators[:3], start=1):
        cells = rows.add_row().cells
        for cell, text in zip(
            cells, [str(n), ind.name, ind.measure or "%", str(n + 4)], strict=True
        ):
            cell.text = text
    doc.add_paragraph("THỦ TRƯỞNG ĐƠN VỊ")
    doc.save(path)
    return path


@pytest.mark.parametrize("half", ["tune", "held-out"])
def test_typed_docx_returns_of_agencies_through_extract_file(half: str, tmp_path: Path) -> None:
    tried = 0
    for seed in list(TUNE if half == "tune" else HELD_OUT)[:8]:
        data, plan = _plan(seed, tmp_path)
        rng = random.Random(f"typed-{seed}")
        cases = _letterheads(seed, data, rng)
        for n, (uid, head) in enumerate(rng.sample(cases, min(3, len(cases)))):
            path = _typed_return(tmp_path / f"s{seed}-{n}.docx", plan, head)
            got = extract_file(path, plan)
            tried += 1
            assert got.unit == uid, (seed, head, got.unit, [p.message for p in got.problems])
    assert tried >= 12


@pytest.mark.parametrize("half", ["tune", "held-out"])
def test_drafted_agency_forms_read_back_by_their_letterhead(half: str, tmp_path: Path) -> None:
    """Each agency's drafted return form (DOCX) names it by its letterhead alone, the
    managing body above it and the place after its name ("CÔNG AN TỈNH KON TUM") included:
    a copy retyped without the form's ids still goes to the agency."""
    from chitieu.render.return_form import ReturnForm
    from extract.pipeline import read_document

    tried = with_place = 0
    seeds = list(TUNE if half == "tune" else HELD_OUT)
    provincial = [  # plans with an agency named after its level ("Công an tỉnh")
        s
        for s in seeds
        if any(u["name"].endswith(" tỉnh") for u in form_plan(s)["units"])
        and form_plan(s)["units"][0]["kind"] == "tỉnh"
    ]
    for seed in provincial[:2] + [s for s in seeds if s not in provincial][:2]:
        data, plan = _plan(seed, tmp_path)
        finder = UnitFinder(plan)
        for unit in plan.units:
            if unit.is_local_government:
                continue
            form = ReturnForm(plan, unit, plan.all_periods[0])
            want = expected(data, next(u for u in data["units"] if u["id"] == unit.id))
            assert form.issuer == want.issuer_words
            key = f"s{seed}-{unit.id}"
            path = form.write_docx(tmp_path / f"{key}.docx", tmp_path / f"{key}.png")
            sender = decide_sender(read_document(path), finder, "")
            assert sender.unit is not None and sender.unit.id == unit.id, (seed, form.issuer)
            assert sender.note is None
            tried += 1
            with_place += form.issuer != unit.name.upper()
    assert tried >= 8 and with_place >= 1


def test_police_form_prints_its_province(tmp_path: Path) -> None:
    from chitieu.render.return_form import ReturnForm

    plan = parse_plan(Path("samples/kon-tum-2024/plan.yaml").read_text(), tmp_path / "p.yaml")
    by = plan.unit_by_id
    assert ReturnForm(plan, by["cong-an-tinh"], plan.main_period).issuer == "CÔNG AN TỈNH KON TUM"
    assert ReturnForm(plan, by["ldld-tinh"], plan.main_period).issuer == (
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH KON TUM"
    )
    assert ReturnForm(plan, by["so-y-te"], plan.main_period).issuer == "SỞ Y TẾ"
    assert ReturnForm(plan, by["tinh-doan"], plan.main_period).issuer == "TỈNH ĐOÀN KON TUM"
