"""Return forms printed through LibreOffice and checked as a văn thư would (tests/form_layout.py).

A few forms here: Kon Tum's agencies and huyện (10 indicators, a table that runs onto page
2), and the sampled forms of one tune and one held-out seed of tests/form_grammar.py. The
full grammar, both halves, is `benchmarks/form_layout.py`.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from form_grammar import draft_forms, expected
from form_layout import Expected, closing_with_text, form_problems, issuer_block

from chitieu.draft import write_return_forms
from chitieu.plan import Plan, load_plan, parse_plan
from chitieu.render.managing_body import managing_body
from chitieu.render.pdf import convert_to_pdf
from chitieu.render.return_form import ReturnForm
from extract import extract_file

ROOT = Path(__file__).resolve().parent.parent
KON_TUM = ROOT / "samples" / "kon-tum-2024" / "plan.yaml"
KON_TUM_FORMS = {
    "cong-an-tinh": Expected(
        "CÔNG AN TỈNH KON TUM", "BỘ CÔNG AN", "GIÁM ĐỐC", ("GIÁM ĐỐC",), "CAT"
    ),
    "so-y-te": Expected(
        "SỞ Y TẾ", "ỦY BAN NHÂN DÂN TỈNH KON TUM", "GIÁM ĐỐC", ("GIÁM ĐỐC",), "SYT"
    ),
    "tinh-doan": Expected(
        "TỈNH ĐOÀN KON TUM", None, "TM. BAN THƯỜNG VỤ", ("TM. BAN THƯỜNG VỤ", "BÍ THƯ"), "TĐ"
    ),
    "dak-ha": Expected(
        "ỦY BAN NHÂN DÂN HUYỆN ĐẮK HÀ",
        None,
        "TM. ỦY BAN NHÂN DÂN",
        ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        "UBND",
    ),
}


@pytest.fixture(scope="module")
def kon_tum() -> Plan:
    return load_plan(KON_TUM)


@pytest.fixture(scope="module")
def kon_tum_pdfs(kon_tum: Plan, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("kon-tum")
    units = [kon_tum.unit_by_id[u] for u in KON_TUM_FORMS]
    docxs = write_return_forms(kon_tum, out, units).by_kind["form_docx"]
    pdfs = convert_to_pdf(docxs, out / "pdf")
    return {p.stem: p for p in pdfs}


@pytest.mark.parametrize("unit", list(KON_TUM_FORMS))
def test_kon_tum_forms_print_right(kon_tum_pdfs: dict[str, Path], unit: str) -> None:
    """Ten indicators: the table runs onto page 2 and its last rows, the Ghi chú, Nơi
    nhận and the signature go there together; an agency prints its managing body."""
    assert form_problems(kon_tum_pdfs[unit], KON_TUM_FORMS[unit]) == []


def test_the_signature_takes_the_end_of_the_text_along(kon_tum_pdfs: dict[str, Path]) -> None:
    import pdfplumber

    pdf = kon_tum_pdfs["cong-an-tinh"]
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == 2  # the case of the defect: it does not fit on page 1
        last = doc.pages[-1].extract_text()
    assert "Ghi chú" in last and "Nơi nhận" in last and "Tỷ lệ người nghiện" in last
    assert closing_with_text(pdf, KON_TUM_FORMS["cong-an-tinh"]) == []


SEEDS = {"tune": 7, "held_out": 5007}


@pytest.fixture(scope="module")
def grammar_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Path, Expected]]:
    """Both seeds' sampled forms, in one LibreOffice call."""
    return draft_forms(list(SEEDS.values()), tmp_path_factory.mktemp("grammar"))


@pytest.mark.parametrize("half", list(SEEDS))
def test_grammar_forms_print_right(
    grammar_pdfs: list[tuple[str, Path, Expected]], half: str
) -> None:
    mine = [x for x in grammar_pdfs if x[0].startswith(f"seed{SEEDS[half]}-")]
    assert len(mine) >= 2
    problems = {key: found[:4] for key, pdf, want in mine if (found := form_problems(pdf, want))}
    assert problems == {}


def test_managing_body_rules_and_the_plan_s_own(tmp_path: Path) -> None:
    """The rules know a Sở, a phòng, Công an tỉnh, a police đội; the plan's
    `managing_body` overrides them ("" = none); an agency no rule knows prints none."""
    from form_grammar import form_plan

    plan = load_plan(KON_TUM)
    by = plan.unit_by_id
    assert managing_body(plan, by["so-y-te"]) == "Ủy ban nhân dân tỉnh Kon Tum"
    assert managing_body(plan, by["cong-an-tinh"]) == "Bộ Công an"
    assert managing_body(plan, by["bien-phong"]) == "Bộ Tư lệnh Bộ đội Biên phòng"
    assert managing_body(plan, by["ldld-tinh"]) == "Tổng Liên đoàn Lao động Việt Nam"
    assert managing_body(plan, by["hai-quan"]) is None  # not guessed
    assert managing_body(plan, by["dak-ha"]) is None  # an Ủy ban nhân dân has none
    text = KON_TUM.read_text(encoding="utf-8").replace(
        'name: "Sở Y tế", kind: "cơ quan",', 'name: "Sở Y tế", kind: "cơ quan", managing_body: "",'
    )
    text = text.replace(
        'name: "Cục Hải quan Gia Lai - Kon Tum", kind: "cơ quan",',
        'name: "Cục Hải quan Gia Lai - Kon Tum", kind: "cơ quan", managing_body: "Tổng cục Hải quan",',
    )
    own = parse_plan(text, tmp_path / "plan.yaml")
    assert managing_body(own, own.unit_by_id["so-y-te"]) is None
    form = ReturnForm(own, own.unit_by_id["hai-quan"], own.main_period)
    assert form.letterhead().parent == "Tổng cục Hải quan"
    # a district's police đội and phòng, from the grammar's district plans
    for seed in range(1, 40):
        data = form_plan(seed)
        if data["units"][0]["kind"] in ("quận", "huyện"):
            break
    p = parse_plan(__import__("json").dumps(data, ensure_ascii=False), tmp_path / "d.yaml")
    for u in data["units"][1:]:
        if u["kind"] == "cơ quan":
            want = expected(data, u).parent
            got = managing_body(p, p.unit_by_id[u["id"]])
            assert (got.upper() if got else None) == want, u["name"]


def test_agency_form_with_its_managing_body_reads_back(
    kon_tum: Plan, kon_tum_pdfs: dict[str, Path], tmp_path: Path
) -> None:
    """Sở Y tế types its results into its two-page form (managing body above its name) and
    prints it: the reader finds the unit and the results, not the parent nor the targets."""
    from docx import Document

    src = kon_tum_pdfs["so-y-te"].parent.parent / "so-y-te.docx"
    assert issuer_block(kon_tum_pdfs["so-y-te"], KON_TUM_FORMS["so-y-te"]) == []
    doc = Document(str(src))
    table = next(t for t in doc.tables if "Kết quả" in " ".join(c.text for c in t.rows[0].cells))
    col = next(i for i, c in enumerate(table.rows[0].cells) if "Kết quả" in c.text)
    rows = {r.cells[1].text: r for r in table.rows[1:]}
    rows["Buổi tuyên truyền, nói chuyện chuyên đề phòng, chống ma túy"].cells[col].text = "07"
    rows["Người được xác định tình trạng nghiện ma túy"].cells[col].text = "64"
    filled = tmp_path / "bao-cao-so-y-te.docx"
    doc.save(str(filled))
    convert_to_pdf([filled], tmp_path, timeout=300)
    for path in (filled, tmp_path / "bao-cao-so-y-te.pdf"):
        got = extract_file(path, kon_tum)
        assert got.unit == "so-y-te", path
        values = {r.indicator: r.value for r in got.records if r.value is not None}
        assert values == {"tuyen_truyen": 7, "xac_dinh_nghien": 64}, path
        assert not any(r.needs_review for r in got.records), path


def test_draft_takes_the_last_rows_to_a_signature_left_alone(tmp_path: Path) -> None:
    """A long table runs over pages, and LibreOffice cannot move rows of its continued
    part to the signature's page. Of one unit's forms with 16–25 indicators, those whose
    signature LibreOffice leaves without the table are drawn again by `draft` with their
    last two rows (under the header) opening that page."""
    import json

    import docx as python_docx
    from form_grammar import form_plan

    from chitieu.draft import draft
    from chitieu.render.closing_pages import signature_without_table

    data = form_plan(11)  # a tune seed
    unit = next(u for u in data["units"] if u["id"] == "u1")
    data["units"] = [data["units"][0], unit]
    first = data["periods"][0]  # one year: one form
    year = first["start"][:4]
    data["periods"] = [first]
    data["targets"] = {
        "u1": {
            k: v.get(year, 0) if isinstance(v, dict) else v
            for k, v in data["targets"]["u1"].items()
        }
    }
    assert len(data["indicators"]) == 25

    def plan_of(n: int) -> Plan:
        cut = dict(data, indicators=data["indicators"][:n])
        kept = {i["id"] for i in cut["indicators"]}
        cut["targets"] = {"u1": {k: v for k, v in data["targets"]["u1"].items() if k in kept}}
        return parse_plan(json.dumps(cut, ensure_ascii=False), tmp_path / f"plan{n}.yaml")

    sizes = range(16, 26)
    docxs = []
    for n in sizes:  # as LibreOffice prints them first, all in one call
        plan = plan_of(n)
        form = ReturnForm(plan, plan.unit_by_id["u1"], plan.all_periods[0])
        docxs.append(form.write_docx(tmp_path / f"u1-{n}.docx", tmp_path / f"qr{n}.png"))
    lonely = [
        n
        for n, pdf in zip(sizes, convert_to_pdf(docxs, tmp_path / "first"), strict=True)
        if signature_without_table(pdf)
    ]
    assert lonely  # the case of the defect is exercised
    n = lonely[0]
    result = draft(plan_of(n), tmp_path / "out")
    (pdf,) = result.by_kind["form_pdf"]
    assert form_problems(pdf, expected(data, unit)) == []
    (form,) = result.by_kind["form_docx"]
    tables = [
        t
        for t in python_docx.Document(str(form)).tables
        if "Kết quả thực hiện" in [c.text for c in t.rows[0].cells]
    ]
    assert [len(t.rows) for t in tables] == [n - 1, 3]  # header + n-2 rows; header + 2 rows


def test_agency_names_break_between_words() -> None:
    """A managing body or an agency too wide for the letterhead column breaks where no
    word of its name is cut ("BỘ TƯ LỆNH BỘ ĐỘI / BIÊN PHÒNG", not "… BIÊN / PHÒNG")."""
    from form_grammar import DISTRICT_AGENCIES, EXPLICIT, PROVINCE_AGENCIES

    from chitieu.render.letterhead import CELL_PAD_MM, ISSUER_PT, LEFT_MM, PARENT_PT, name_lines
    from chitieu.render.metrics import text_width_pt
    from chitieu.render.name_breaks import COMPOUNDS
    from chitieu.render.text import width_pt

    width = width_pt(LEFT_MM - 2 * CELL_PAD_MM)
    names = [n for n, _ in PROVINCE_AGENCIES + DISTRICT_AGENCIES] + list(EXPLICIT.values())
    names += ["Bộ Tư lệnh Bộ đội Biên phòng", "Tổng Liên đoàn Lao động Việt Nam"]
    broken = 0
    for name in names:
        for size, bold in ((ISSUER_PT, True), (PARENT_PT, False)):
            lines = name_lines(name.upper(), size, width, bold=bold).split("\n")
            assert " ".join(lines) == " ".join(name.upper().split())
            assert all(text_width_pt(ln, size, bold=bold) <= width + 0.5 for ln in lines)
            broken += len(lines) > 1
            for a, b in itertools.pairwise(lines):
                assert f"{a.split()[-1]} {b.split()[0]}" not in COMPOUNDS, lines
    assert broken >= 6  # the case is exercised


def test_agency_heads_by_rule_and_by_plan(tmp_path: Path) -> None:
    """Each agency of the grammar signs with its head's title and numbers its report with
    its abbreviation (the grammar's own table); a plan's `signing` and `symbol` win; a
    city's police is a GIÁM ĐỐC only where the city has districts; a bad ký hiệu is refused
    in Vietnamese, naming the field."""
    import json

    from form_grammar import HEADS, OWN, form_plan

    from chitieu.errors import PlanError

    checked = set()
    for seed in range(2, 40, 2):
        data = form_plan(seed)
        plan = parse_plan(json.dumps(data, ensure_ascii=False), tmp_path / f"s{seed}.yaml")
        for u in data["units"][1:]:
            form = ReturnForm(plan, plan.unit_by_id[u["id"]], plan.all_periods[0])
            want = expected(data, u)
            assert (tuple(form.signing_lines), form.number) == (
                want.signing_lines,
                f"/BC-{want.symbol}",
            ), u["name"]
            checked.add(u["name"] if u["kind"] == "cơ quan" else u["kind"])
    assert set(HEADS) <= checked and set(OWN) <= checked  # every agency was drafted

    def police(top_kind: str, below: str) -> list[str]:
        text = f"""
document: {{number: "1/KH-UBND", date: 2024-01-02, place: "X", issuer: "ỦY BAN NHÂN DÂN", title: "T"}}
period: {{start: 2024-01-01, end: 2024-12-31}}
units:
  - {{id: top, name: "Bắc Ninh", kind: "{top_kind}"}}
  - {{id: a, name: "Công an thành phố", kind: "cơ quan", parent: top}}
  - {{id: b, name: "Một", kind: "{below}", parent: top}}
indicators: [{{id: i, name: "Chỉ tiêu"}}]
targets: {{a: {{i: 1}}, b: {{i: 1}}}}
"""
        plan = parse_plan(text, tmp_path / "p.yaml")
        return ReturnForm(plan, plan.unit_by_id["a"], plan.main_period).signing_lines

    assert police("thành phố", "quận") == ["GIÁM ĐỐC"]  # Hà Nội's
    assert police("thành phố", "phường") == ["TRƯỞNG CÔNG AN"]  # Vũng Tàu's
    text = KON_TUM.read_text(encoding="utf-8").replace(
        'name: "Sở Y tế", kind: "cơ quan",',
        'name: "Sở Y tế", kind: "cơ quan", signing: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], '
        'symbol: "SYT-VP",',
    )
    own = parse_plan(text, tmp_path / "own.yaml")
    form = ReturnForm(own, own.unit_by_id["so-y-te"], own.main_period)
    assert (form.signing_lines, form.letterhead().number) == (
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
        "/BC-SYT-VP",
    )
    with pytest.raises(PlanError) as bad:
        parse_plan(text.replace('"SYT-VP"', '"syt vp"'), tmp_path / "bad.yaml")
    assert "symbol" in str(bad.value) and "ký hiệu" in str(bad.value)
