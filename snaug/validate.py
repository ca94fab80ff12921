"""Validators: the filter half of propose → filter. Each drop is counted with its reason.

Checks, in order: the edits reproduce a different text (``unchanged``), at most ``max_edits`` edits
(``too many edits``), similarity at least ``min_similarity`` (``too dissimilar``), and no negative already kept
for this example (``duplicate``).
"""
from __future__ import annotations

from .edits import apply_edits, edit_similarity
from .rules import ValidateConfig
from .transforms import Candidate


def check(source: str, candidate: Candidate, seen: set[str], config: ValidateConfig) -> tuple[str, str]:
    """Return ``(negative_text, "")`` for a kept candidate, or ``("", reason)`` for a dropped one."""
    text = apply_edits(source, candidate.edits)
    if text == source:
        return "", "unchanged"
    if len(candidate.edits) > config.max_edits:
        return "", "too many edits"
    if edit_similarity(source, candidate.edits) < config.min_similarity:
        return "", "too dissimilar"
    if text in seen:
        return "", "duplicate"
    return text, ""
