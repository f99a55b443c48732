"""`plan check` names an agency whose form would be signed "THỦ TRƯỞNG ĐƠN VỊ" or numbered
with a long derived ký hiệu, and the plan field that fixes each; a Tỉnh Đoàn prints its
place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from chitieu.plan import parse_plan
from chitieu.render.managing_body import agency_name
from chitieu.render.return_form import form_warnings

PLAN = """
document: {number: "3/KH-UBND", date: 2026-01-02, place: "Kon Tum",
           issuer: "ỦY BAN NHÂN DÂN TỈNH KON TUM", title: "Thử nghiệm"}
period: {start: 2026-01-01, end: 2026-12-31}
units:
  - {id: t, name: "Kon Tum", kind: "tỉnh"}
  - {id: doan, name: "Tỉnh Đoàn", kind: "cơ quan", parent: t}
  - {id: h, name: "Đắk Hà", kind: "huyện", parent: t}
  - {id: hd, name: "Huyện Đoàn", kind: "cơ quan", parent: h}
  - {id: doi, name: "Đội CSĐTTP về Ma Túy", kind: "cơ quan", parent: h}
  - {id: tram, name: "Trạm Kiểm soát liên hợp", kind: "cơ quan", parent: t}
  - {id: tram2, name: "Trạm Y tế lưu động", kind: "cơ quan", parent: t, signing: ["TRƯỞNG TRẠM"], symbol: "TYT"}
  - {id: so, name: "Sở Y tế", kind: "cơ quan", parent: t}
indicators:
  - {id: a, name: "Số vụ", measure: "vụ"}
targets:
  doan: {a: 1}
"""


def test_youth_unions_print_their_place() -> None:
    plan = parse_plan(PLAN)
    names = {u.id: agency_name(plan, u, u.name) for u in plan.units}
    assert names["doan"] == "Tỉnh Đoàn Kon Tum"
    assert names["hd"] == "Huyện Đoàn Đắk Hà"
    assert names["so"] == "Sở Y tế"  # no level at its end: as the plan writes it


def test_unknown_head_and_long_symbol_are_warned(tmp_path: Path) -> None:
    plan = parse_plan(PLAN)
    said = form_warnings(plan)
    unknown = [w for w in said if "THỦ TRƯỞNG ĐƠN VỊ" in w]
    assert len(unknown) == 1 and "Trạm Kiểm soát liên hợp" in unknown[0]
    assert "signing:" in unknown[0] and "(id: tram)" in unknown[0]
    long = [w for w in said if "symbol:" in w]
    assert len(long) == 1 and "BC-ĐCSĐTTPMT" in long[0] and "(id: doi)" in long[0]
    assert not any("tram2" in w or "Sở Y tế" in w or "Tỉnh Đoàn" in w for w in said)
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    run = subprocess.run(
        [str(Path(sys.executable).parent / "chitieu"), "plan", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0
    out = " ".join(run.stdout.split())
    assert "Trạm Kiểm soát liên hợp" in out and "THỦ TRƯỞNG ĐƠN VỊ" in out
    assert "BC-ĐCSĐTTPMT" in out
