"""Formula injection: names from the plan and from senders reach every workbook chitieu
writes (quota annex, task annex, return forms, the report). None may become a formula."""

from __future__ import annotations

import html
import random
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from chitieu.plan import load_plan
from hostile.returns import PLAN, cli, filled_return

PREFIXES = ["=", "+", "-", "@"]
PAYLOADS = [
    'HYPERLINK("http:evil","Xem")',
    "1+1",
    "SUM(A1:A9)",
    "cmd|' /C calc'!A0",
    'WEBSERVICE("http:x")',
    "2*3",
]


def _risky(rng: random.Random) -> str:
    return rng.choice(PREFIXES) + rng.choice(PAYLOADS)


# The formulas chitieu writes itself (`cell_text.Formula`: totals, differences, rates):
# arithmetic over cell references, SUM/IF/IFERROR/ROUND, numbers and "" only.
OURS = re.compile(r'^(?:[A-Z]{1,3}\$?\d+|SUM|IF|IFERROR|ROUND|[-+*/(),:<>= .\d]|"")*$')


def _formulas(xlsx: Path) -> list[str]:
    """Every formula in the workbook's sheets (the XML, not openpyxl's reading) that is
    not one of chitieu's own: a name or sender text turned into a formula."""
    found = []
    with zipfile.ZipFile(xlsx) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                text = zf.read(name).decode("utf-8")
                found += re.findall(r"<f(?: [^>]*)?>(.*?)</f>", text)
    found = [html.unescape(f) for f in found]
    # not ours: another shape, or exactly a payload we planted (SUM(A1:A9) has our shape)
    return [f for f in found if not OURS.match(f) or any(f == p for p in PAYLOADS)]


def _texts(xlsx: Path) -> set[str]:
    """Every text (not formula) cell value of the workbook."""
    wb = openpyxl.load_workbook(xlsx)
    return {str(c.value) for ws in wb for r in ws.iter_rows() for c in r if c.data_type == "s"}


@pytest.mark.parametrize("seed", [21, 22, 81])
def test_no_name_from_a_plan_or_a_sender_becomes_a_formula(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    unit_name, ind_name, note = _risky(rng), _risky(rng), _risky(rng)
    text = PLAN.read_text(encoding="utf-8")
    text = text.replace(
        '{id: doi-csdt-ma-tuy, name: "Đội CSĐTTP về Ma Túy"',
        "{id: doi-csdt-ma-tuy, name: " + _q(unit_name),
    )
    text = re.sub(r'(- id: hinh_su\n\s+name: )"[^"]*"', lambda m: m.group(1) + _q(ind_name), text)
    text = text.replace("  notes:\n", f"  notes:\n    - {_q(note)}\n", 1)
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(text, encoding="utf-8")
    home = tmp_path / "home"
    assert cli("plan", "check", str(plan_file), home=home).returncode == 0

    out = cli("draft", str(plan_file), "--out", str(tmp_path / "draft"), "--no-pdf", home=home)
    assert out.returncode == 0, out.stderr
    drafted = sorted((tmp_path / "draft").rglob("*.xlsx"))
    assert drafted
    for xlsx in drafted:
        assert _formulas(xlsx) == [], xlsx.name
    every = set().union(*(_texts(x) for x in drafted))
    for name in (unit_name, ind_name, note):
        assert any(name in t for t in every), name

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    file_name = _risky(rng).replace("/", "_") + ".xlsx"
    plan = load_plan(plan_file)
    filled_return(inbox / file_name, "quan-hoa", [1, 2, 1, 0, 1], plan)
    filled_return(inbox / "dv.xlsx", "doi-csdt-ma-tuy", [1, 1, 1, 1, 1], plan)
    out = cli("intake", str(plan_file), str(inbox), "--received-at", "01/07/2021 08:00", home=home)
    assert out.returncode == 0, out.stderr
    out = cli("report", str(plan_file), "--out", str(tmp_path / "report"), "--no-pdf", home=home)
    assert out.returncode == 0, out.stderr
    (report,) = (tmp_path / "report").rglob("*.xlsx")
    assert _formulas(report) == []
    texts = _texts(report)
    assert file_name in texts  # the sender's name is there, as text
    assert any(unit_name in t for t in texts) and any(ind_name in t for t in texts)


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
