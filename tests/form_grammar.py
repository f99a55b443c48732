"""A grammar of return forms: the seeded plans of tests/plan_grammar.py, their units made of
every kind a form is drafted for, and what each unit's form must print (`Expected`).

On top of the plan grammar (its draws untouched: a second stream decides what is added):
huyện, thị xã and thành phố units under a tỉnh; agencies fitting the plan's level (sở of a
tỉnh, phòng of a quận/huyện, Công an, Biên phòng, Liên đoàn Lao động, the đội of a Công an
quận) with the managing body each prints above its name, some written in the plan
(`managing_body`), the others ND30 practice the drafting must know. Forms are sampled one
unit of each kind per plan, on a random period of the plan.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from form_layout import Expected
from plan_grammar import random_plan

PROVINCE_DISTRICTS = [
    ("huyện", "Đắk Hà"),
    ("huyện", "Tu Mơ Rông"),
    ("thành phố", "Kon Tum"),
    ("thị xã", "Phú Mỹ"),
    ("huyện", "Côn Đảo"),
    ("thành phố", "Bà Rịa"),
    ("huyện", "Ia H'Drai"),
]
# (name, managing body: "{top}" is the plan's own Ủy ban nhân dân, None = not known by rule
# and written in the plan instead, as `explicit`)
PROVINCE_AGENCIES = [
    ("Sở Y tế", "{top}"),
    ("Sở Lao động - Thương binh và Xã hội", "{top}"),
    ("Sở Giáo dục và Đào tạo", "{top}"),
    ("Sở Văn hóa, Thể thao và Du lịch", "{top}"),
    ("Sở Thông tin và Truyền thông", "{top}"),
    ("Công an tỉnh", "BỘ CÔNG AN"),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "BỘ TƯ LỆNH BỘ ĐỘI BIÊN PHÒNG"),
    ("Liên đoàn Lao động tỉnh", "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM"),
    ("Cục Hải quan Gia Lai - Kon Tum", None),
    ("Bộ Chỉ huy Quân sự tỉnh", None),
]
DISTRICT_AGENCIES = [
    ("Phòng Giáo dục và Đào tạo", "{top}"),
    ("Phòng Lao động - Thương binh và Xã hội", "{top}"),
    ("Phòng Văn hóa và Thông tin", "{top}"),
    ("Trung tâm Văn hóa, Thông tin và Thể thao", "{top}"),
    ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "{top}"),
    ("Đội Cảnh sát điều tra tội phạm về ma túy", "CÔNG AN {place}"),
    ("Ban Chỉ huy Quân sự", None),
    ("Trung tâm Y tế", None),
]
# Each agency's signing block and the ký hiệu of its reports, as a văn thư writes them
# (the grammar's own table, not the code's rules); None: the plan writes them (`OWN`).
HEADS = {
    "Sở Y tế": (["GIÁM ĐỐC"], "SYT"),
    "Sở Lao động - Thương binh và Xã hội": (["GIÁM ĐỐC"], "SLĐTBXH"),
    "Sở Giáo dục và Đào tạo": (["GIÁM ĐỐC"], "SGDĐT"),
    "Sở Văn hóa, Thể thao và Du lịch": (["GIÁM ĐỐC"], "SVHTTDL"),
    "Sở Thông tin và Truyền thông": (["GIÁM ĐỐC"], "STTTT"),
    "Công an tỉnh": (["GIÁM ĐỐC"], "CAT"),
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh": (["CHỈ HUY TRƯỞNG"], "BCHBĐBPT"),
    "Liên đoàn Lao động tỉnh": (["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"], "LĐLĐT"),
    "Cục Hải quan Gia Lai - Kon Tum": (["CỤC TRƯỞNG"], "CHQGLKT"),
    "Bộ Chỉ huy Quân sự tỉnh": (["CHỈ HUY TRƯỞNG"], "BCHQST"),
    "Phòng Giáo dục và Đào tạo": (["TRƯỞNG PHÒNG"], "PGDĐT"),
    "Phòng Lao động - Thương binh và Xã hội": (["TRƯỞNG PHÒNG"], "PLĐTBXH"),
    "Phòng Văn hóa và Thông tin": (["TRƯỞNG PHÒNG"], "PVHTT"),
    "Trung tâm Văn hóa, Thông tin và Thể thao": (["GIÁM ĐỐC"], "TTVHTTTT"),
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân": (["CHÁNH VĂN PHÒNG"], "VPHĐNDUBND"),
    "Đội Cảnh sát điều tra tội phạm về ma túy": (["ĐỘI TRƯỞNG"], "ĐCSĐTTPMT"),
    "Ban Chỉ huy Quân sự": (["CHỈ HUY TRƯỞNG"], "BCHQS"),
    "Trung tâm Y tế": None,
}
# what the plan writes for an agency whose head no rule could know
OWN = {"Trung tâm Y tế": (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "TTYT")}
EXPLICIT = {
    "Cục Hải quan Gia Lai - Kon Tum": "Tổng cục Hải quan",
    "Bộ Chỉ huy Quân sự tỉnh": "Quân khu 5",
    "Ban Chỉ huy Quân sự": "Bộ Chỉ huy Quân sự tỉnh",
    "Trung tâm Y tế": "Sở Y tế",
}
LOCAL = {"phường", "xã", "thị trấn", "huyện", "quận", "thị xã", "thành phố", "tỉnh"}


def form_plan(seed: int) -> dict:
    """The plan of `seed` with units of every kind its level has."""
    plan = random_plan(seed)
    rng = random.Random(seed * 104729 + 3)
    top = plan["units"][0]
    provincial = top["kind"] == "tỉnh" or top["name"] == "Hồ Chí Minh"
    districts = iter(rng.sample(PROVINCE_DISTRICTS, len(PROVINCE_DISTRICTS)))
    pool = PROVINCE_AGENCIES if provincial else DISTRICT_AGENCIES
    agencies = iter(rng.sample(pool, len(pool)))
    for n, u in enumerate(plan["units"][1:]):
        if u["kind"] == "cơ quan":
            name, _ = next(agencies, (None, None))
            if name is None:  # more agencies than the level has: a numbered ward
                u["kind"], u["name"] = "phường", f"Phường {60 + n}"
                continue
            u["name"] = name
            if name in EXPLICIT:
                u["managing_body"] = EXPLICIT[name]
            if name in OWN:
                u["signing"], u["symbol"] = OWN[name]
        elif provincial and rng.random() < 0.5:
            d = next(districts, None)
            if d is not None:
                u["kind"], u["name"] = d
    return plan


def expected(plan: dict, unit: dict) -> Expected:
    """What the form of `unit` prints, worked out from the grammar's own tables."""
    top = plan["units"][0]
    top_name = f"{top['kind']} {top['name']}".upper()
    if unit["kind"] in LOCAL:
        name = unit["name"]
        full = name if name.lower().startswith(unit["kind"] + " ") else f"{unit['kind']} {name}"
        return Expected(
            f"ỦY BAN NHÂN DÂN {full.upper()}",
            None,
            "TM. ỦY BAN NHÂN DÂN",
            ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
            "UBND",
        )
    known = dict(PROVINCE_AGENCIES + DISTRICT_AGENCIES).get(unit["name"])
    parent = unit.get("managing_body") or known
    if parent is not None:
        parent = parent.format(top=f"ỦY BAN NHÂN DÂN {top_name}", place=top_name).upper()
    name = unit["name"]
    if name.lower().endswith(" " + top["kind"]):  # "Công an tỉnh" prints its tỉnh's name
        name = f"{name} {top['name']}"
    signing, symbol = HEADS[unit["name"]] or OWN[unit["name"]]
    return Expected(name.upper(), parent, signing[0], tuple(signing), symbol)


def sampled_forms(seed: int, plan: dict) -> list[tuple[dict, float]]:
    """One unit of each kind (numbered ward, named phường/xã, district, agency), each with
    a draw in [0, 1) that picks its period among the plan's."""
    rng = random.Random(seed * 15485863 + 11)
    by_kind: dict[str, list[dict]] = {}
    for u in plan["units"][1:]:
        if u["kind"] == "cơ quan":
            kind = "cơ quan"
        elif u["name"].split()[-1].isdigit():
            kind = "phường số"
        elif u["kind"] in ("huyện", "thị xã", "thành phố"):
            kind = "huyện"
        else:
            kind = "phường, xã"
        by_kind.setdefault(kind, []).append(u)
    return [(rng.choice(us), rng.random()) for _, us in sorted(by_kind.items())]


def draft_forms(seeds: list[int], out: Path) -> list[tuple[str, Path, Expected]]:
    """The sampled forms of every seed's plan as PDFs (one LibreOffice call), with what
    each must print."""
    from chitieu.plan import parse_plan
    from chitieu.plan_parts import Unit
    from chitieu.render.pdf import convert_to_pdf
    from chitieu.render.return_form import ReturnForm

    drawn: list[tuple[str, ReturnForm, Path, Expected]] = []
    for seed in seeds:
        data = form_plan(seed)
        if "managing_body" not in Unit.model_fields:  # measuring a version without it
            data = json.loads(json.dumps(data))
            for u in data["units"]:
                u.pop("managing_body", None)
        text = json.dumps(data, ensure_ascii=False, indent=1)
        plan = parse_plan(text, out / f"seed{seed}.yaml")
        periods = plan.all_periods
        for unit, draw in sampled_forms(seed, data):
            form = ReturnForm(plan, plan.unit_by_id[unit["id"]], periods[int(draw * len(periods))])
            key = f"seed{seed}-{unit['id']}"
            path = form.write_docx(out / f"{key}.docx", out / ".qr" / f"{key}.png")
            drawn.append((key, form, path, expected(data, unit)))
    pdfs = convert_to_pdf([d for _, _, d, _ in drawn], out / "pdf")
    try:  # as `chitieu draft` prints them
        from chitieu.render.closing_pages import redraw_lonely_closings
    except ImportError:  # measuring a version without it
        pass
    else:
        redraw_lonely_closings([(f, d) for _, f, d, _ in drawn], pdfs, out / "pdf")
    return [(k, pdf, want) for (k, _, _, want), pdf in zip(drawn, pdfs, strict=True)]


__all__ = ["draft_forms", "expected", "form_plan", "sampled_forms"]
