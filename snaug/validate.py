"""Validators: the filter half of propose → filter. Each drop is counted with its reason.

Checks, in order, each set in ``[validate]`` of the rules (and on by default):

- ``unchanged``: the edits reproduce the source. Always on: such a candidate is no negative at all.
- ``too many edits``: more than ``max_edits`` separate edits (0 turns the check off). A soft negative is a small
  edit; several scattered edits make it easy to tell from the gold text.
- ``too dissimilar``: character similarity below ``min_similarity`` (0 turns it off).
- ``equivalent quantity``: a unit swap whose quantity equals the original (``-40 °C`` → ``-40 °F``, ``0 cm`` →
  ``0 km``) when ``reject_equivalent`` is true: it reads differently but says the same.
- ``impossible quantity``: a unit swap below absolute zero (``-18 °C`` → ``-18 K``), with the same switch: a
  negative a model can reject by physics alone teaches it nothing about reading.
- ``duplicate``: a text already kept for this example, by this kind or an earlier one, when ``dedupe`` is true.
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
    if config.max_edits and len(candidate.edits) > config.max_edits:
        return "", "too many edits"
    if config.min_similarity and edit_similarity(source, candidate.edits) < config.min_similarity:
        return "", "too dissimilar"
    if config.reject_equivalent and candidate.quantity is not None:
        from .quantities import equivalent, impossible

        if equivalent(candidate.quantity):
            return "", "equivalent quantity"
        if impossible(candidate.quantity):
            return "", "impossible quantity"
    if config.dedupe and text in seen:
        return "", "duplicate"
    return text, ""
