"""Hostile plan files through the real `chitieu plan check`: alias bombs, loops in the
unit hierarchy, control characters, absurd targets. Each is refused with its line."""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

import pytest

from hostile.plans import ancestors, random_plan
from hostile.returns import CHITIEU, ROOT

SEEDS = [11, 12, 13, 14]  # tuning half; the held-out half is 91-94 (tests below run both)
HELD_OUT = [91, 92, 93, 94]


def check(plan_file: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHITIEU, "plan", "check", str(plan_file)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "300", "LANG": "C.UTF-8"},
    )


def refused(out: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    for needle in needles:
        assert needle in out.stderr, out.stderr
    return out.stderr


def test_a_random_plan_passes(tmp_path: Path) -> None:
    """The grammar writes valid plans: what the other tests break is the only fault."""
    for seed in SEEDS + HELD_OUT:
        f = tmp_path / f"p{seed}.yaml"
        f.write_text(random_plan(random.Random(seed)).text(), encoding="utf-8")
        out = check(f)
        assert out.returncode == 0, out.stderr


def _bomb(rng: random.Random) -> tuple[list[str], int]:
    """A 'billion laughs' block under a key of its own: width**depth nodes from few lines."""
    width, depth = rng.randint(8, 10), rng.randint(8, 9)
    lines = ["lol0: &l0 [" + ", ".join(['"ha"'] * width) + "]"]
    for d in range(1, depth):
        lines.append(f"lol{d}: &l{d} [" + ", ".join([f"*l{d - 1}"] * width) + "]")
    return lines, depth


@pytest.mark.parametrize("seed", SEEDS + HELD_OUT)
def test_an_alias_bomb_is_refused_with_its_line(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    plan = random_plan(rng)
    lines, depth = _bomb(rng)
    # under a field the model knows (annex notes) or as a stray key: both are walked
    if rng.random() < 0.5:
        plan.extra = [*lines, "annex:", f"  notes: *l{depth - 1}"]
    else:
        plan.extra = lines
    f = tmp_path / "bomb.yaml"
    f.write_text(plan.text(), encoding="utf-8")
    err = refused(check(f, timeout=60), "bí danh")
    first_bomb_line = plan.text().splitlines().index(lines[0]) + 1
    line = int(err.split("dòng ")[1].split(":")[0])
    assert first_bomb_line <= line < first_bomb_line + depth


def test_an_alias_to_itself_is_refused(tmp_path: Path) -> None:
    plan = random_plan(random.Random(5))
    plan.extra = ["annex: &a {notes: [*a]}"]
    f = tmp_path / "loop.yaml"
    f.write_text(plan.text(), encoding="utf-8")
    line = plan.text().splitlines().index(plan.extra[0]) + 1
    refused(check(f, timeout=60), "bí danh", f"dòng {line}")


def test_aliases_a_clerk_would_write_are_fine(tmp_path: Path) -> None:
    """A block of notes reused twice is ordinary YAML: not a bomb."""
    plan = random_plan(random.Random(6))
    plan.extra = ["annex:", '  notes: &n ["Ghi chú một", "Ghi chú hai"]', "assignments: []"]
    f = tmp_path / "ok.yaml"
    f.write_text(plan.text(), encoding="utf-8")
    assert check(f).returncode == 0


@pytest.mark.parametrize("seed", SEEDS + HELD_OUT)
def test_a_loop_in_the_hierarchy_is_refused_with_the_lines_of_its_units(
    tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    plan = random_plan(rng)
    # a unit with at least one ancestor: make its topmost ancestor's parent be that unit
    candidates = [u["id"] for u in plan.units if ancestors(plan, str(u["id"]))]
    low = str(rng.choice(candidates))
    chain = [low, *ancestors(plan, low)]
    top = chain[-1]
    next(u for u in plan.units if u["id"] == top)["parent"] = low
    f = tmp_path / "cycle.yaml"
    f.write_text(plan.text(), encoding="utf-8")
    err = refused(check(f), "vòng lặp")
    for unit in chain:
        assert f"dòng {plan.unit_line[unit]}" in err, (unit, err)


CONTROLS = [chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), 127, *range(0x80, 0xA0)]]


@pytest.mark.parametrize("seed", SEEDS + HELD_OUT)
def test_control_characters_are_refused_at_check_time(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    plan = random_plan(rng)
    ch = rng.choice(CONTROLS)
    escaped = f"\\x{ord(ch):02x}"  # YAML double-quoted escape: the file itself stays text
    where = rng.choice(["unit", "indicator", "title"])
    if where == "unit":
        victim = rng.choice(plan.units)
        victim["name"] = str(victim["name"]) + "\x00"
    elif where == "indicator":
        victim = rng.choice(plan.indicators)
        victim["name"] = victim["name"] + "\x00"
    else:
        plan.title = plan.title + "\x00"
    text = plan.text().replace("\\u0000", escaped)
    f = tmp_path / "ctl.yaml"
    f.write_text(text, encoding="utf-8")
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if escaped in ln)
    refused(check(f), "ký tự điều khiển", f"dòng {line}")


@pytest.mark.parametrize("seed", SEEDS + HELD_OUT)
def test_absurd_targets_are_refused_with_their_line(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    plan = random_plan(rng)
    unit = rng.choice(sorted(plan.targets))
    ind = rng.choice(sorted(plan.targets[unit]))
    value = rng.choice([10 ** rng.randint(10, 30), rng.randint(1_000_000_001, 9_999_999_999)])
    plan.targets[unit][ind] = value
    f = tmp_path / "big.yaml"
    text = plan.text()
    f.write_text(text, encoding="utf-8")
    refused(check(f), "quá lớn", f"dòng {plan.target_line[(unit, ind)]}")
    # the bound itself is accepted
    plan.targets[unit][ind] = 1_000_000_000
    f.write_text(plan.text(), encoding="utf-8")
    assert check(f).returncode == 0
