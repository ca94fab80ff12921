"""The HTML report: one self-contained file (inline SVG plots, inline CSS and JS, no network) to read offline.

Plots are drawn with matplotlib (Agg backend, SVG output, so they stay sharp and add no image files); the page is
a Jinja2 template beside this module.
"""
from __future__ import annotations

import io
from importlib import resources
from pathlib import Path

from .check import Verdict
from .diff import html as diff_html
from .summary import HISTOGRAM_BINS, Row, sample


def _svg(fig) -> str:
    buf = io.StringIO()
    # No date or creator in the SVG, and a fixed id salt: the same shards give the same report bytes.
    fig.savefig(buf, format="svg", bbox_inches="tight",
                metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]          # drop the XML prolog and doctype: inline SVG needs neither


def plots(summary: dict, dropped: dict | None = None) -> dict:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "snaug", "font.size": 10, "axes.spines.top": False,
                         "axes.spines.right": False})
    kinds = list(summary["kinds"])
    stats = [summary["kinds"][k] for k in kinds]
    out = {}

    fig, ax = plt.subplots(figsize=(6, 2.8))
    bars = ax.bar(kinds, [s["negatives"] for s in stats], color="#4c72b0")
    ax.bar_label(bars, fmt="{:,.0f}", fontsize=8)
    ax.set_ylabel("negatives")
    ax.set_title("Negatives per kind")
    out["negatives"] = _svg(fig)

    fig, ax = plt.subplots(figsize=(6, 2.8))
    bars = ax.bar(kinds, [100 * s["coverage"] for s in stats], color="#55a868")
    ax.bar_label(bars, fmt="{:.1f}%", fontsize=8)
    ax.set_ylim(0, 105)
    ax.set_ylabel("% of examples")
    ax.set_title("Coverage: examples with at least one negative")
    out["coverage"] = _svg(fig)

    fig, ax = plt.subplots(figsize=(6, 2.8))
    edges = [i / HISTOGRAM_BINS for i in range(HISTOGRAM_BINS + 1)]
    for kind, s in zip(kinds, stats):
        if s["similarity"]["n"]:
            ax.stairs(s["similarity"]["histogram"], edges, label=kind, linewidth=1.5)
    ax.set_xlabel("character similarity to the rationale (1 - touched / length)")
    ax.set_ylabel("negatives")
    lowest = min((s["similarity"]["min"] for s in stats if s["similarity"]["n"]), default=0.0)
    ax.set_xlim(max(0.0, int(lowest * 10) / 10 - 0.05), 1.0)
    ax.set_title("Similarity of negatives")
    if any(s["similarity"]["n"] for s in stats):
        ax.legend(fontsize=8, frameon=False, loc="upper left")
    out["similarity"] = _svg(fig)

    rules = sorted(((n, r) for s in stats for r, n in s["rules"].items()), reverse=True)[:15][::-1]
    fig, ax = plt.subplots(figsize=(6, 0.3 * max(len(rules), 3) + 0.8))
    bars = ax.barh([r for _, r in rules], [n for n, _ in rules], color="#8172b2")
    ax.bar_label(bars, fmt="{:,.0f}", fontsize=8)
    ax.set_xlabel("negatives")
    ax.set_title("Top rules")
    out["rules"] = _svg(fig)
    out["reasons"] = {kind: _reasons_plot(plt, kind, summary["kinds"][kind]["skips"], (dropped or {}).get(kind, {}))
                      for kind in kinds}
    return out


def _reasons_plot(plt, kind: str, skips: dict[str, int], drops: dict[str, int]) -> str:
    """Why a kind made no negative: skip reasons (examples) and validator drops (candidates), longest bar on top."""
    bars = sorted([(n, f"skip: {r}", "#dd8452") for r, n in skips.items()] +
                  [(n, f"dropped: {r}", "#c44e52") for r, n in drops.items()])
    if not bars:
        return ""
    fig, ax = plt.subplots(figsize=(6, 0.3 * max(len(bars), 2) + 0.9))
    drawn = ax.barh([label for _, label, _ in bars], [n for n, _, _ in bars], color=[c for _, _, c in bars])
    ax.bar_label(drawn, fmt="{:,.0f}", fontsize=8)
    ax.set_xlabel("examples skipped / candidates dropped")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))       # counts: no 0.5 ticks
    ax.set_title(f"{kind}: skips and validator drops")
    return _svg(fig)


def render(path: str | Path, directory: Path, verdict: Verdict, summary: dict, rows: list[Row],
           per_kind: int = 25, seed: int = 0, context: int = 160) -> None:
    from jinja2 import Environment, select_autoescape

    template_text = resources.files(__package__).joinpath("report.html.j2").read_text(encoding="utf-8")
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.from_string(template_text)
    samples = {}
    for kind in summary["kinds"]:
        picked = sample(rows, per_kind, seed=seed, kind=kind)
        samples[kind] = [{"id": row.id, "split": row.split, "rule": neg["rule"],
                          "diff": diff_html(row.target, neg["edits"], context)} for row, neg in picked]
    manifest = verdict.manifest or {}
    page = template.render(
        directory=str(directory), verdict=verdict, summary=summary, plots=plots(summary, manifest.get("dropped")),
        samples=samples,
        manifest=manifest, dropped=manifest.get("dropped", {}), records=manifest.get("records"),
        per_kind=per_kind, seed=seed, sim=lambda v: "–" if v is None else f"{v:.3f}",
    )
    Path(path).write_text(page, encoding="utf-8")
