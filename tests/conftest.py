"""Shared fixtures. Real parts: real files, real SQLite, real PostgreSQL, real tools."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture
def cau_giay_plan_path() -> Path:
    return SAMPLES / "cau-giay-2021" / "plan.yaml"
