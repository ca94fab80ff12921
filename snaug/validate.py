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

from typing import Hashable

from .edits import edit_similarity, text_key
from .rules import ValidateConfig
from .transforms import Candidate


def screen(source: str, candidate: Candidate, seen: set, config: ValidateConfig,
           assessed: tuple[Hashable, str] | None = None) -> tuple[Hashable, str]:
    """Return ``(key, "")`` for a kept candidate, or ``(key, reason)`` for a dropped one.

    ``key`` is ``edits.text_key`` of the negative, and ``seen`` holds the keys already kept: the negative's text is
    never built here, so screening costs the size of the edit, not of the rationale. ``assessed``: what ``assess``
    said of this candidate before, so a candidate screened again against other keys is not checked twice.
    """
    key, reason = assessed if assessed is not None else assess(source, candidate, config)
    if reason:
        return key, reason
    if config.dedupe and key in seen:
        return key, "duplicate"
    return key, ""


def assess(source: str, candidate: Candidate, config: ValidateConfig) -> tuple[Hashable, str]:
    """``screen`` without the duplicate check: ``(key, reason)``, the reason "" if every other check passes."""
    key = text_key(source, candidate.edits)
    if key is None:
        return key, "unchanged"
    if config.max_edits and len(candidate.edits) > config.max_edits:
        return key, "too many edits"
    if config.min_similarity and edit_similarity(source, candidate.edits) < config.min_similarity:
        return key, "too dissimilar"
    if config.reject_equivalent and candidate.quantity is not None:
        from .quantities import equivalent, impossible

        if equivalent(candidate.quantity):
            return key, "equivalent quantity"
        if impossible(candidate.quantity):
            return key, "impossible quantity"
    return key, ""


def check(source: str, candidate: Candidate, seen: set[str], config: ValidateConfig) -> tuple[str, str]:
    """``screen`` for one candidate against texts: ``(negative_text, "")`` if kept, ``("", reason)`` if dropped."""
    _, reason = screen(source, candidate, set(), config)
    if reason:
        return "", reason
    text = candidate.text(source)
    if config.dedupe and text in seen:
        return "", "duplicate"
    return text, ""
