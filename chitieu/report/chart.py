"""The bar chart of % completion per unit and indicator, readable printed in black and white.

Bars are grey fills with distinct hatches (one per indicator), outlined in black, with a
dashed 100% line; the PNG is 200 dpi so the print stays sharp. When units × indicators
would give more than `MAX_BARS` bars (a national report), the chart shows one bar per
indicator for the level's total instead; the per-unit figures are in the tables.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from chitieu.reconcile import Row, Status
from chitieu.report.sentences import prose_name
from chitieu.report.view import ReportView

HATCHES = ["", "///", "...", "xxx", "\\\\\\", "---", "+++", "ooo", "|||", "**"]
GREYS = ["0.25", "1.0", "0.75", "1.0", "0.55", "0.9", "1.0", "0.85", "1.0", "0.65"]
MAX_BARS = 120
LEGEND_WRAP = 90  # characters per line of an indicator's name in the legend
LABELLED_BARS = 60  # up to this many bars, each carries its value
DPI = 200

# a bar's height, or why there is none: "chưa báo cáo", "không giao" (no target)
Bar = float | str | None
Series = tuple[str, list[Bar]]
NOT_REPORTED = "chưa báo cáo"
NO_TARGET = "không giao"


AXIS_CAP_MIN = 200.0  # a bar is never cut below this %
AXIS_CAP_TYPICAL = 1.5  # nor below this many times the tallest bar but the top 10%
CUT_NOTE = "Cột có dấu ≈ vượt {cap}%, được vẽ cắt ngắn; số ghi trên cột là tỷ lệ thực."


def axis_cap(heights: list[float]) -> float | None:
    """The % at which bars are cut, or None when the tallest bar leaves the others readable.

    One unit at 900% of a target of 1 made the axis nine times the 100% line and every
    other bar a sliver: bars above max(200%, 1,5 × the 90th percentile) are cut there, when
    the tallest is a quarter above it, and carry their value (never hidden)."""
    if not heights:
        return None
    ranked = sorted(heights)
    typical = ranked[int(0.9 * (len(ranked) - 1))]
    cap = max(AXIS_CAP_MIN, AXIS_CAP_TYPICAL * typical)
    cap = float(-(-cap // 50) * 50)  # a round figure: 200, 250, 300 …
    return cap if ranked[-1] > 1.25 * cap else None


def _cut_mark(ax, x: float, half: float, y: float, span: float, *, across: bool = False) -> None:  # type: ignore[no-untyped-def]
    """The "≈" break drawn across a cut bar: a white band between two slanted lines."""
    a, b = x - half, x + half
    lo, hi = y - span * 0.02, y + span * 0.02
    for dy in (lo, hi):
        if across:
            ax.plot([dy - span * 0.01, dy + span * 0.01], [a, b], color="black", lw=0.8, zorder=4)
        else:
            ax.plot([a, b], [dy - span * 0.01, dy + span * 0.01], color="black", lw=0.8, zorder=4)
    if across:
        ax.fill_betweenx(
            [a, b],
            [lo - span * 0.01, lo + span * 0.01],
            [hi - span * 0.01, hi + span * 0.01],
            color="white",
            zorder=3,
        )
    else:
        ax.fill_between(
            [a, b],
            [lo - span * 0.01, lo + span * 0.01],
            [hi - span * 0.01, hi + span * 0.01],
            color="white",
            zorder=3,
        )


def bar_of(r: Row | None) -> Bar:
    """The bar for one row: its % of the target; a word when there is nothing to draw, so
    that 0%, no target and no report never look alike."""
    if r is None or r.target in (None, 0):
        return NO_TARGET
    if r.status == Status.chua_bao_cao or r.result is None:
        return NOT_REPORTED
    return r.percent


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
            series.append((prose_name(ind), [bar_of(ln.rows.get(ind.id)) for ln in view.lines]))
        title = (
            "Lũy kế từ đầu năm so với chỉ tiêu năm (%)"
            if view.all_on_year
            else "Tỷ lệ hoàn thành chỉ tiêu (%)"
        )
    else:
        # one bar per indicator, lying down: the indicators' names, read across the page,
        # would not fit under upright bars; a total with figures under review is marked
        totals = [view.total.rows.get(ind.id) for ind in inds]
        marked = [r is not None and r.status == Status.cho_xac_minh for r in totals]
        what = "Lũy kế so với chỉ tiêu năm" if view.all_on_year else "Tỷ lệ hoàn thành chỉ tiêu"
        title = f"{what} - {view.scope.lower()} (%)"
        _draw_across(
            [prose_name(i) for i in inds], [bar_of(r) for r in totals], marked, title, path
        )
        return path
    _draw(groups, series, title, path)
    return path


def _draw_across(
    names: list[str], bars: list[Bar], marked: list[bool], xlabel: str, path: Path
) -> None:
    """Horizontal bars, one per indicator, its name wrapped beside it, its value (with
    "(*)" when it includes figures under review) at its end."""
    import textwrap

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [textwrap.fill(n, 48) for n in names]
    # each indicator as tall as its wrapped name (in lines of 6 pt): evenly spaced bars
    # let a four-line name run into its neighbours'
    ys: list[float] = []
    at = 0.0
    for lb in labels:
        slot = max(2.0, lb.count("\n") + 1.8)
        ys.append(at + slot / 2)
        at += slot
    fig, ax = plt.subplots(figsize=(6.3, max(2.5, 0.105 * at + 0.6)))
    heights = [float(b) for b in bars if isinstance(b, float | int)]
    cap = axis_cap(heights)
    top = max([110.0, *(min(h, cap or h) * 1.2 for h in heights)])
    for y, b, star in zip(ys, bars, marked, strict=True):
        if isinstance(b, str) or b is None:
            ax.text(top * 0.01, y, b or "", va="center", fontsize=6, style="italic")
            continue
        cut = cap is not None and b > cap
        drawn = cap if cut else b
        ax.barh(y, drawn, 1.2, color="0.55", edgecolor="black", linewidth=0.6)
        if b == 0:
            ax.plot([0, 0], [y - 0.6, y + 0.6], color="black", linewidth=1.6)
        if cut:
            _cut_mark(ax, y, 0.6, drawn * 0.85, top, across=True)
        said = f"{b:.0f}%" + (" (*)" if star else "")
        ax.text(
            drawn + top * 0.01,
            y,
            said,
            va="center",
            fontsize=6,
            fontweight="bold" if cut else "normal",
        )
    ax.axvline(100, color="black", linestyle="--", linewidth=1.0)
    ax.set_xlim(0, top)
    ax.set_yticks(ys)
    ax.set_yticklabels(labels, fontsize=6)
    ax.set_ylim(at, 0)  # the first indicator on top, as in the text
    ax.set_xlabel(xlabel + (" - (*): gồm số liệu chờ xác minh" if any(marked) else ""), fontsize=7)
    if cap is not None and any(isinstance(b, float | int) and b > cap for b in bars):
        ax.set_title(CUT_NOTE.format(cap=f"{cap:.0f}"), fontsize=6.5, style="italic", loc="left")
    ax.tick_params(axis="x", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, bbox_inches="tight")
    plt.close(fig)


def _draw(groups: list[str], series: list[Series], ylabel: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n_groups, n_series = len(groups), len(series)
    width = 0.8 / n_series
    fig_w = min(16.0, max(6.3, 0.12 * n_groups * n_series + 1.5, 0.3 * n_groups + 1.5))
    plt.rcParams["hatch.linewidth"] = 0.6
    fig, ax = plt.subplots(figsize=(fig_w, 3.6))
    heights = [float(b) for _, bars in series for b in bars if isinstance(b, float | int)]
    cap = axis_cap(heights)  # a bar far above the rest is cut, its value written on it
    # the axis as tall as the tallest bar (cut ones at the cap)
    top = max([110.0, *(min(h, cap or h) * 1.18 for h in heights)])
    n_bars = n_groups * n_series
    label_size = 6 if n_bars <= 24 else 5
    for k, (name, bars) in enumerate(series):
        xs, hs = [], []
        for n, b in enumerate(bars):
            x = n - 0.4 + width * (k + 0.5)
            if isinstance(b, str):  # no bar: say why, upright at the base
                ax.text(
                    x,
                    top * 0.01,
                    b,
                    ha="center",
                    va="bottom",
                    rotation=90,
                    fontsize=5,
                    style="italic",
                )
                continue
            if b is None:
                continue
            cut = cap is not None and b > cap
            xs.append(x)
            hs.append(cap if cut else b)
            if b == 0:  # a 0% bar is a visible stub, not nothing
                ax.plot([x - width / 2, x + width / 2], [0, 0], color="black", linewidth=1.6)
            if cut:
                _cut_mark(ax, x, width / 2, cap * 0.85, top)
            if n_bars <= LABELLED_BARS or cut:  # a cut bar always says its value
                ax.text(
                    x,
                    hs[-1] + top * 0.01,
                    f"{b:.0f}%",
                    ha="center",
                    va="bottom",
                    rotation=90 if n_bars > 12 else 0,
                    fontsize=label_size,
                    fontweight="bold" if cut else "normal",
                )
        ax.bar(
            xs,
            hs,
            width,
            label=textwrap.fill(name, LEGEND_WRAP),
            color=GREYS[k % len(GREYS)],
            hatch=HATCHES[k % len(HATCHES)],
            edgecolor="black",
            linewidth=0.6,
        )
    ax.set_ylim(0, top)
    if cap is not None and max(heights) > cap:
        ax.set_title(CUT_NOTE.format(cap=f"{cap:.0f}"), fontsize=6.5, style="italic", loc="left")
    ax.axhline(100, color="black", linestyle="--", linewidth=1.0)
    # beside the axis, right of the last bar (over it, a bar's own label was hidden)
    ax.text(n_groups - 0.38, 100, "100%", ha="left", va="center", fontsize=7)
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
        # long names side by side made the figure several pages wide (bbox "tight"),
        # printing the bars at a third of their size: one column of wrapped names then
        long = any(len(name) > LEGEND_WRAP for name, _ in series)
        ax.legend(
            fontsize=6.5,
            ncol=1 if long else min(3, n_series),
            frameon=False,
            loc="upper center",
            # below the units' names, however long, slanted at 30°
            bbox_to_anchor=(0.5, -0.12 - 0.011 * max(map(len, groups)) if rotate else -0.12),
        )
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, bbox_inches="tight")
    plt.close(fig)


__all__ = ["axis_cap", "completion_chart"]
