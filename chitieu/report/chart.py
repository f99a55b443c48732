"""The bar chart of % completion per unit and indicator, readable printed in black and white.

Bars are grey fills with distinct hatches (one per indicator), outlined in black, with a
dashed 100% line; the PNG is 200 dpi so the print stays sharp.
"""

from __future__ import annotations

from pathlib import Path

from chitieu.report.view import ReportView

HATCHES = ["", "///", "...", "xxx", "\\\\\\", "---", "+++", "ooo", "|||", "**"]
GREYS = ["0.25", "1.0", "0.75", "1.0", "0.55", "0.9", "1.0", "0.85", "1.0", "0.65"]
MAX_PCT = 200.0  # taller bars are clipped and labelled with their value
DPI = 200


def completion_chart(view: ReportView, path: Path) -> Path | None:
    """Write the PNG; None when no indicator has a target to measure against."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    inds = [i for i in view.indicators if any(i.id in ln.rows for ln in view.lines)]
    inds = [i for i in inds if any(ln.rows.get(i.id) and ln.rows[i.id].target for ln in view.lines)]
    if not inds:
        return None
    labels = [ln.unit.name if ln.unit else ln.label for ln in view.lines]
    n_units, n_inds = len(labels), len(inds)
    width = 0.8 / n_inds
    fig_w = min(16.0, max(6.3, 0.12 * n_units * n_inds + 1.5))
    fig, ax = plt.subplots(figsize=(fig_w, 3.6))
    plt.rcParams["hatch.linewidth"] = 0.6
    for k, ind in enumerate(inds):
        xs, hs, clipped = [], [], []
        for n, ln in enumerate(view.lines):
            r = ln.rows.get(ind.id)
            pct = r.percent if r is not None else None
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
            label=ind.name,
            color=GREYS[k % len(GREYS)],
            hatch=HATCHES[k % len(HATCHES)],
            edgecolor="black",
            linewidth=0.6,
        )
        for x, pct in clipped:
            ax.text(x, MAX_PCT, f"{pct:.0f}%", ha="center", va="bottom", fontsize=6)
    ax.axhline(100, color="black", linestyle="--", linewidth=1.0)
    ax.text(n_units - 0.45, 101, "100%", ha="right", va="bottom", fontsize=7)
    ax.set_ylabel("Tỷ lệ hoàn thành chỉ tiêu (%)", fontsize=8)
    ax.set_xticks(range(n_units))
    ax.set_xticklabels(
        labels,
        rotation=30 if n_units > 4 else 0,
        ha="right" if n_units > 4 else "center",
        rotation_mode="anchor",
        fontsize=7,
    )
    ax.set_xlim(-0.6, n_units - 0.4)
    ax.tick_params(axis="y", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(
        fontsize=6.5,
        ncol=min(3, n_inds),
        frameon=False,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.32 if n_units > 4 else -0.12),
    )
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, bbox_inches="tight")
    plt.close(fig)
    return path


__all__ = ["completion_chart"]
