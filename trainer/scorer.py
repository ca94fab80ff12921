"""ScienceQA accuracy, overall and per category, from predicted answer letters joined to the truth by id.

Categories (as in ScienceQA and Multimodal-CoT): NAT / SOC / LAN by subject; TXT (the question has a text
context), IMG (it has an image), NO (neither); G1-6 and G7-12 by grade. A category whose metadata no example
carries (e.g. the reconstructed shared ScienceQA lost most subjects and grades) is reported as absent, not as 0 %.
An unparseable answer counts as wrong and is reported; it is never replaced by a guess.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from .prompts import extract_answer  # noqa: F401  (the parser of the answers it scores lives with the format)

SUBJECTS = {"natural science": "NAT", "social science": "SOC", "language science": "LAN"}
CATEGORIES = ["NAT", "SOC", "LAN", "TXT", "IMG", "NO", "G1-6", "G7-12"]


@dataclass(frozen=True)
class Truth:
    answer: int
    subject: str | None
    context: str
    image: str | None
    grade: str | None


def categories(t: Truth) -> list[str]:
    out = []
    if t.subject in SUBJECTS:
        out.append(SUBJECTS[t.subject])
    has_text, has_image = bool((t.context or "").strip()), bool(t.image)
    out += (["TXT"] if has_text else []) + (["IMG"] if has_image else []) + ([] if has_text or has_image else ["NO"])
    m = re.fullmatch(r"grade(\d+)", t.grade or "")
    if m:
        out.append("G1-6" if int(m.group(1)) <= 6 else "G7-12")
    return out


def score(predicted: dict[str, int | None], truth: dict[str, Truth]) -> dict:
    """Accuracy with n per cell. ``predicted`` maps id → option index or None (unparseable)."""
    cells = {c: [0, 0] for c in ["ALL"] + CATEGORIES}
    for key, t in truth.items():
        if key not in predicted:
            continue
        right = predicted[key] == t.answer
        for cat in ["ALL"] + categories(t):
            cells[cat][0] += right
            cells[cat][1] += 1
    has_subject = any(t.subject in SUBJECTS for t in truth.values())
    has_grade = any(re.fullmatch(r"grade\d+", t.grade or "") for t in truth.values())
    table = {}
    for cat, (right, n) in cells.items():
        absent = (cat in ("NAT", "SOC", "LAN") and not has_subject) or (cat.startswith("G") and not has_grade)
        table[cat] = {"accuracy": round(100 * right / n, 2) if n else None, "correct": right, "n": n,
                      "absent": absent}
    return {
        "table": table,
        "unparseable": sorted(k for k, v in predicted.items() if v is None and k in truth),
        "missing": sorted(set(truth) - set(predicted)),
    }


def format_table(result: dict) -> str:
    lines = [f"{'category':<8}{'accuracy':>10}{'n':>8}"]
    for cat, cell in result["table"].items():
        value = "absent" if cell["absent"] else ("-" if cell["accuracy"] is None else f"{cell['accuracy']:.2f}")
        lines.append(f"{cat:<8}{value:>10}{cell['n']:>8}")
    lines.append(f"unparseable answers: {len(result['unparseable'])}; examples without a prediction: "
                 f"{len(result['missing'])}")
    return "\n".join(lines)


def to_csv(result: dict) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["category", "accuracy", "correct", "n", "absent"])
    for cat, cell in result["table"].items():
        writer.writerow([cat, "" if cell["accuracy"] is None else cell["accuracy"], cell["correct"], cell["n"],
                         cell["absent"]])
    return buf.getvalue()
