"""Lexicon swaps: replace a word (or phrase) by its opposite from a table in the rules.

Orientation is one such kind; any kind declared in a rules file with ``transform = "lexicon"`` is another, with
no Python. A pair applies only where the word has an allowed part of speech and is not a verb particle or part of
an idiom listed in ``exclude_phrases`` (*he left the room*, *come back*, *so far* are not orientations).
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from ..edits import Edit, match_case
from ..nlp import has_tags, is_particle, upos
from . import Candidate, Skip, register

UPOS_TAGS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
             "SCONJ", "SYM", "VERB", "X"}


@dataclass(frozen=True)
class Entry:
    words: tuple[str, ...]          # the phrase to find, lower-case tokens
    replacement: str                # lower-case replacement text
    rule: str
    pos: frozenset[str]             # allowed UPOS of the first token
    needs_tags: bool                # skip when the pipeline gives no tags
    next_word_in: frozenset[str]    # if set: the word after the phrase must be one of these
    adverb_not_after: frozenset[str]  # as an adverb, the word before must not have these UPOS (phrasal verbs)
    not_after_pos: frozenset[str]     # the word before must not have these UPOS ("$12 left" is what remains)


def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().split())


@register("lexicon", options=("pos", "groups", "exclude_phrases", "skip_particles"))
class LexiconSwap:
    # What propose() reads from the parse (snaug.nlp.ROLES); the engine switches every other component off.
    # The parser is for verb particles (he left *off*): a dependency label, in either scheme.
    needs = frozenset({"tagger", "parser"})
    def __init__(self, spec):
        self.kind = spec.name
        table = spec.table
        default_pos = self._pos(table, table.str_list("pos", sorted(UPOS_TAGS - {"VERB", "AUX", "PUNCT"})))
        self.skip_particles = table.bool("skip_particles", True)
        self.index: dict[str, list[Entry]] = {}
        groups = table.tables("groups")
        if not groups:
            raise table.error("groups", "a lexicon kind needs at least one [[groups]] table")
        for group in groups:
            group.check_known("rule", "pairs", "pos", "needs_tags", "symmetric", "next_word_in", "adverb_not_after",
                              "not_after_pos")
            rule = f"{self.kind}.{group.str('rule')}"
            pos = self._pos(group, group.str_list("pos")) if "pos" in group.data else default_pos
            needs_tags = group.bool("needs_tags", True)
            symmetric = group.bool("symmetric", True)
            next_word_in = frozenset(w.lower() for w in group.str_list("next_word_in", []))
            adverb_not_after = self._pos(group, group.str_list("adverb_not_after", []))
            not_after_pos = self._pos(group, group.str_list("not_after_pos", []))
            pairs = group.pairs("pairs", [])
            if not pairs:
                raise group.error("pairs", "expected at least one [word, opposite] pair")
            for pair in pairs:
                directions = [(pair[0], pair[1]), (pair[1], pair[0])] if symmetric else [(pair[0], pair[1])]
                for src, dst in directions:
                    words = _phrase_words(src)
                    entries = self.index.setdefault(words[0], [])
                    # The first pair that claims a word (with the same guard) wins; later ones are ignored.
                    if not any(e.words == words and e.pos == pos for e in entries):
                        entries.append(Entry(words, dst.lower(), rule, pos, needs_tags, next_word_in,
                                             adverb_not_after, not_after_pos))
        for entries in self.index.values():
            entries.sort(key=lambda e: -len(e.words))   # longest phrase first
        self.exclude: dict[str, list[tuple[str, ...]]] = {}
        for phrase in table.str_list("exclude_phrases", []):
            words = _phrase_words(phrase)
            self.exclude.setdefault(words[0], []).append(words)

    @staticmethod
    def _pos(table, values: list[str]) -> frozenset[str]:
        for value in values:
            if value not in UPOS_TAGS:
                raise table.error("pos", f"{value!r} is not a Universal POS tag ({', '.join(sorted(UPOS_TAGS))})")
        return frozenset(values)

    def _excluded_tokens(self, lowers: list[str]) -> set[int]:
        covered: set[int] = set()
        for i, word in enumerate(lowers):
            for phrase in self.exclude.get(word, ()):
                if tuple(lowers[i:i + len(phrase)]) == phrase:
                    covered.update(range(i, i + len(phrase)))
        return covered

    def propose(self, doc, example, rng: random.Random):
        lowers = [t.lower_ for t in doc]
        if not any(w in self.index for w in lowers):
            return Skip("no trigger word")
        tagged = has_tags(doc)
        text = example.target
        excluded = self._excluded_tokens(lowers) if self.exclude else set()
        candidates: list[Candidate] = []
        rejected: dict[str, int] = {}
        i = 0
        while i < len(doc):
            entries = self.index.get(lowers[i])
            if not entries:
                i += 1
                continue
            tok = doc[i]
            for entry in entries:
                n = len(entry.words)
                if tuple(lowers[i:i + n]) != entry.words:
                    continue
                reason = self._guard(doc, entry, tagged, excluded, i, n)
                if reason:
                    rejected[reason] = rejected.get(reason, 0) + 1
                    continue
                start, end = tok.idx, doc[i + n - 1].idx + len(doc[i + n - 1].text)
                before = text[start:end]
                after = match_case(before, entry.replacement)
                candidates.append(Candidate(entry.rule, (Edit(start, end, before, after),)))
                i += n - 1
                break
            i += 1
        if candidates:
            return candidates
        return Skip(max(rejected, key=lambda r: (rejected[r], r)) if rejected else "no trigger word")

    def _guard(self, doc, entry: Entry, tagged: bool, excluded: set[int], i: int, n: int) -> str:
        tok = doc[i]
        if any(j in excluded for j in range(i, i + n)):
            return "inside an excluded phrase"
        if entry.next_word_in and (i + n >= len(doc) or doc[i + n].lower_ not in entry.next_word_in):
            return "not followed by an allowed word"
        if not tagged:
            return "ambiguous word needs POS tags" if entry.needs_tags else ""
        if self.skip_particles and is_particle(tok):
            return "verb particle"
        if upos(tok) not in entry.pos:
            return f"part of speech {upos(tok) or '?'} not allowed"
        if entry.not_after_pos and i > 0 and upos(doc[i - 1]) in entry.not_after_pos:
            return f"after a {upos(doc[i - 1])}"
        if entry.adverb_not_after and upos(tok) == "ADV" and i > 0 and upos(doc[i - 1]) in entry.adverb_not_after:
            return f"after a {upos(doc[i - 1])} (phrasal use)"
        return ""
