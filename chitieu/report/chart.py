"""The bar chart of % completion per unit and indicator, readable printed in black and white.

Bars are grey fills with distinct hatches (one per indicator), outlined in black, with a
dashed 100% line; the PNG is 200 dpi so the print stays sharp. When units × indicators
would give more than `MAX_BARS` bars (a national report), the chart shows one bar per
indicator for the level's total instead; the per-unit figures are in the tables.
"""

from __future__ import annotations

from pathlib import Path

from chitieu.report.view import ReportView

HATCHES = ["", "///", "...", "xxx", "\\\\\\", "---", "+++", "ooo", "|||", "**"]
GREYS = ["0.25", "1.0", "0.75", "1.0", "0.55", "0.9", "1.0", "0.85", "1.0", "0.65"]
MAX_PCT = 200.0  # taller bars are clipped and labelled with their value
MAX_BARS = 120
DPI = 200

Series = tuple[str, list[float | None]]


def completion_chart(view: ReportView, path: Path) -> Path | None:
    """Write the PNG; None when no indicator has a target to measure against."""
    inds = [
        i
        for i in view.indicators
        if any(ln.rows.get(i.id) is not None and ln.rows[i.id].target for ln in view.lines)
    ]
    if not inds:
        return None
    if len(view.lines) * len(inds) <= MAX_BARS:
        groups = [ln.unit.name if ln.unit else ln.label for ln in view.lines]
        series: list[Series] = []
        for ind in inds:
            pcts = []
            for ln in view.lines:
                r = ln.rows.get(ind.id)
                pcts.append(r.percent if r is not None else None)
            series.append((ind.name, pcts))
        title = "Tỷ lệ hoàn thành chỉ tiêu (%)"
    else:
        groups = [ind.name for ind in inds]
        totals = [view.total.rows.get(ind.id) for ind in inds]
        series = [(view.scope, [r.percent if r is not None else None for r in totals])]
        title = f"Tỷ lệ hoàn thành chỉ tiêu - {view.scope.lower()} (%)"
    _draw(groups, series, title, path)
    return path


def _draw(groups: list[str], series: list[Series], ylabel: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n_groups, n_series = len(groups), len(series)
    width = 0.8 / n_series
    fig_w = min(16.0, max(6.3, 0.12 * n_groups * n_series + 1.5, 0.3 * n_groups + 1.5))
    plt.rcParams["hatch.linewidth"] = 0.6
    fig, ax = plt.subplots(figsize=(fig_w, 3.6))
    for k, (name, pcts) in enumerate(series):
        xs, hs, clipped = [], [], []
        for n, pct in enumerate(pcts):
            if pct is None:
                continue
            xs.append(n - 0.4 + width * (k + 0.5))
            hs.append(min(pct, MAX_PCT))
            if pct > MAX_PCT:
                clipped.append((xs[-1], pct))
        ax.bar(
            xs,
            hs,
            width,
            label=name,
            color=GREYS[k % len(GREYS)],
            hatch=HATCHES[k % len(HATCHES)],
            edgecolor="black",
            linewidth=0.6,
        )
        for x, pct in clipped:
            ax.text(x, MAX_PCT, f"{pct:.0f}%", ha="center", va="bottom", fontsize=6)
    ax.axhline(100, color="black", linestyle="--", linewidth=1.0)
    ax.text(n_groups - 0.45, 101, "100%", ha="right", va="bottom", fontsize=7)
    ax.set_ylabel(ylabel, fontsize=8)
    ax.set_xticks(range(n_groups))
    rotate = n_groups > 4
    ax.set_xticklabels(
        groups,
        rotation=30 if rotate else 0,
        ha="right" if rotate else "center",
        rotation_mode="anchor",
        fontsize=7,
    )
    ax.set_xlim(-0.6, n_groups - 0.4)
    ax.tick_params(axis="y", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    if n_series > 1:
        ax.legend(
            fontsize=6.5,
            ncol=min(3, n_series),
            frameon=False,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.32 if rotate else -0.12),
        )
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, bbox_inches="tight")
    plt.close(fig)


__all__ = ["completion_chart"]
