"""Negation, both directions: add a negation to an auxiliary or finite verb, or remove one; swap with ↔ without.

Rules (``rule`` ids in the shards):
- ``negation.aux_insert``: a finite auxiliary or copula gets a negation (*is* → *is not*, *can* → *cannot*).
- ``negation.do_insert``: a finite main verb gets do-support with agreement (*weighs* → *does not weigh*,
  *moved* → *did not move*, *have* → *do not have*).
- ``negation.aux_remove``: *is not* → *is*, *isn't* → *is*, *cannot* → *can*, *won't* → *will*.
- ``negation.do_remove``: *doesn't weigh* → *weighs*, *did not move* → *moved*.
- ``negation.with_without``: *with* ↔ *without*.

If the text already uses contractions (*n't*), insertions use them too (*isn't*, *doesn't weigh*).
Sites are found by adjacency and UPOS/morphology, never by a scheme-specific label, so OntoNotes (``neg``) and
UD (``advmod`` + *not*) parses behave alike.
"""
from __future__ import annotations

import random

from ..edits import Edit, match_case
from ..nlp import (AUX_FORMS, governor, has_parse, has_subject, has_tags, is_aux, is_negator, is_root, is_subject,
                   upos, verb_tag)
from . import Candidate, Skip, register

FINITE_TAGS = frozenset({"MD", "VBZ", "VBP", "VBD"})
DO_TAGS = {"does": "VBZ", "did": "VBD", "do": "VBP"}
# Finite "be" takes "not" directly even where a tagger calls it a main verb ("there is" → "there is not").
BE_FORMS = frozenset({"am", "is", "are", "was", "were"})
HAVE_FORMS = frozenset({"has", "have", "had"})


@register("negation", options=(
    "full", "contracted", "remove", "do_forms", "never_insert", "negative_words", "with_pairs", "with_exclude_after",
    "with_exclude_phrases"))
class Negation:
    # What propose() reads from the parse (snaug.nlp.ROLES); the engine switches every other component off.
    needs = frozenset({"tagger", "parser", "lemmatizer"})

    @staticmethod
    def warm_up() -> None:
        """lemminflect loads its tables on first use (seconds): once at start-up, not inside some example."""
        _lemmas("is")
        _inflect("be", "VBZ")
    def __init__(self, spec):
        self.kind = spec.name
        t = spec.table
        self.full = {k.lower(): v for k, v in t.str_map("full", {}).items()}
        self.contracted = {k.lower(): v for k, v in t.str_map("contracted", {}).items()}
        self.remove = {k.lower(): v for k, v in t.str_map("remove", {}).items()}
        self.do_forms = t.str_map("do_forms", {"VBZ": "does", "VBD": "did", "VBP": "do"})
        for tag in ("VBZ", "VBD", "VBP"):
            if tag not in self.do_forms:
                raise t.error("do_forms", f"needs an entry for {tag}")
        self.never_insert = frozenset(w.lower() for w in t.str_list("never_insert", []))
        self.negative_words = frozenset(w.lower() for w in t.str_list("negative_words", []))
        self.with_pairs: dict[str, str] = {}
        for pair in t.pairs("with_pairs", [["with", "without"]]):
            self.with_pairs[pair[0].lower()] = pair[1].lower()
            self.with_pairs[pair[1].lower()] = pair[0].lower()
        self.with_exclude_after = frozenset(w.lower() for w in t.str_list("with_exclude_after", []))
        self.with_exclude_phrases = [tuple(p.lower().split()) for p in t.str_list("with_exclude_phrases", [])]

    # -- proposal ------------------------------------------------------------------------------------------
    def propose(self, doc, example, rng: random.Random):
        tagged = has_tags(doc)
        text = example.target
        low = text.lower()        # no "n't" in the string, no "n't" token: skip the walk over every token
        contracted = ("n't" in low or "n’t" in low) and any(t.lower_ in ("n't", "n’t") for t in doc)
        apostrophe = "’" if "n’t" in low and any(t.lower_ == "n’t" for t in doc) else "'"
        candidates: list[Candidate] = []
        rejected: dict[str, int] = {}

        def reject(reason: str) -> None:
            rejected[reason] = rejected.get(reason, 0) + 1

        in_question = _question_lookup(doc)

        tokens = list(doc)        # one Token object each: doc[i] makes a new one per call
        for tok in tokens:
            nxt = tokens[tok.i + 1] if tok.i + 1 < len(tokens) else None
            if is_negator(tok):
                cand = self._remove(doc, text, tok, reject)
            elif tok.lower_ in self.with_pairs:
                cand = self._with(doc, tok, tagged, reject)
            elif tok.lower_ in HAVE_FORMS and tagged and not _perfect_auxiliary(tok):
                cand = self._do_insert(tok, contracted, apostrophe, in_question, reject)   # "has fins"
            elif is_aux(tok) or (not tagged and tok.lower_ in AUX_FORMS) or tok.lower_ in BE_FORMS:
                if nxt is not None and is_negator(nxt):
                    continue                      # handled as a removal at the negator
                cand = self._aux_insert(tok, tagged, contracted, apostrophe, in_question, reject)
            elif tagged and (upos(tok) == "VERB" or _rescued_verb(tok)):
                cand = self._do_insert(tok, contracted, apostrophe, in_question, reject)
            else:
                continue
            if cand is not None:
                candidates.append(cand)
        if candidates:
            return candidates
        if rejected:
            return Skip(max(rejected, key=lambda r: (rejected[r], r)))
        return Skip("no auxiliary, finite verb, negation or 'with'" if tagged
                    else "no auxiliary, negation or 'with' (untagged text)")

    # -- sites ---------------------------------------------------------------------------------------------
    def _aux_insert(self, tok, tagged, contracted, apostrophe, in_question, reject):
        low = tok.lower_
        tag = verb_tag(tok) if tagged else ("MD" if low in AUX_FORMS else "")
        if low in self.never_insert:
            return reject(f"auxiliary {low!r} not negated")
        if tagged and tag not in FINITE_TAGS:
            return reject("non-finite auxiliary")
        if tok.i > 0 and is_aux(tok.doc[tok.i - 1]):
            return reject("not the first auxiliary")
        if in_question(tok):
            return reject("question")
        if nxt_is(tok, lambda t: is_subject(t) or t.lower_ in ("i", "he", "she", "it", "we", "they", "there")):
            return reject("inverted subject")                      # "and so did Paleocoma"
        if nxt_is(tok, lambda t: t.lower_ in self.negative_words):
            return reject("already negative")                      # "was never"
        if contracted and low in self.contracted:
            after = self.contracted[low].replace("'", apostrophe)
        elif low in self.full:
            after = self.full[low]
        else:
            after = low + " not"
        after = match_case(tok.text, after) if not tok.text.startswith("'") else tok.text + after[len(low):]
        return Candidate("negation.aux_insert", (Edit(tok.idx, tok.idx + len(tok.text), tok.text, after),))

    def _do_insert(self, tok, contracted, apostrophe, in_question, reject):
        tag = verb_tag(tok) or ("VBZ" if _rescued_verb(tok) else "")
        if tag not in ("VBZ", "VBD", "VBP"):
            return None                           # infinitives, participles, imperatives: not a claim
        if any((is_aux(c) and c.i < tok.i) or is_negator(c) for c in tok.children):
            return reject("verb already has an auxiliary")
        if tok.dep_ == "acl":
            return reject("reduced clause")                        # "one with cinnamon added"
        if nxt_is(tok, lambda t: t.lower_ in self.negative_words):
            return reject("already negative")
        if not (has_subject(tok) or (tok.dep_ == "conj" and _plain_finite(tok.head))):
            return reject("finite verb without a subject")
        if in_question(tok):
            return reject("question")
        lemma = _verb_lemma(tok, tag)
        if lemma is None:
            return reject("verb form not in the inflection lexicon")
        do = self.do_forms[tag]
        if contracted and do in self.contracted:
            after = f"{self.contracted[do].replace(chr(39), apostrophe)} {lemma}"
        else:
            after = f"{do} not {lemma}"
        return Candidate("negation.do_insert",
                         (Edit(tok.idx, tok.idx + len(tok.text), tok.text, match_case(tok.text, after)),))

    def _remove(self, doc, text, neg, reject):
        if neg.i == 0:
            return reject("negation without an auxiliary")
        aux = doc[neg.i - 1]
        if not (is_aux(aux) or aux.lower_ in AUX_FORMS):
            return reject("negation without an auxiliary")
        end = neg.idx + len(neg.text)
        low = aux.lower_
        if low in DO_TAGS:
            verb = doc[neg.i + 1] if neg.i + 1 < len(doc) else None
            if verb is None or not verb.is_alpha or text[end:verb.idx] != " ":
                return reject("do-support without a following verb")
            lemma = verb.lemma_.lower() if verb.lemma_ else verb.lower_
            if upos(verb) not in ("VERB", "AUX", "") and "VERB" not in _lemmas(verb.lower_):
                return reject("do-support without a following verb")
            forms = _inflect(lemma, DO_TAGS[low]) or _inflect(verb.lower_, DO_TAGS[low])
            if not forms:
                return reject("verb form not in the inflection lexicon")
            span_end = verb.idx + len(verb.text)
            before = text[aux.idx:span_end]
            return Candidate("negation.do_remove", (Edit(aux.idx, span_end, before, match_case(aux.text, forms[0])),))
        if low in self.remove:
            before = text[aux.idx:end]
            return Candidate("negation.aux_remove", (Edit(aux.idx, end, before, match_case(aux.text, self.remove[low])),))
        aux_end = aux.idx + len(aux.text)
        return Candidate("negation.aux_remove", (Edit(aux_end, end, text[aux_end:end], ""),))

    def _with(self, doc, tok, tagged, reject):
        if tagged and upos(tok) not in ("ADP", "SCONJ"):
            return reject("'with' is not a preposition")
        prev = doc[tok.i - 1] if tok.i > 0 else None
        gov = governor(tok) if has_parse(doc) else None
        for word in (prev, gov):
            if word is not None and word is not tok and (
                    word.lower_ in self.with_exclude_after or word.lemma_.lower() in self.with_exclude_after):
                return reject("'with' governed by a verb or idiom")
        lowers = [t.lower_ for t in doc[max(0, tok.i - 3):tok.i + 4]]
        offset = tok.i - max(0, tok.i - 3)
        for phrase in self.with_exclude_phrases:
            for s in range(len(lowers) - len(phrase) + 1):
                if tuple(lowers[s:s + len(phrase)]) == phrase and s <= offset < s + len(phrase):
                    return reject("'with' inside an excluded phrase")
        after = match_case(tok.text, self.with_pairs[tok.lower_])
        return Candidate("negation.with_without", (Edit(tok.idx, tok.idx + len(tok.text), tok.text, after),))


def _question_lookup(doc):
    """Whether a token lies in a sentence that ends with "?". Built in one pass: ``Token.sent`` rescans the whole
    doc for sentence annotation on every call, which made long texts quadratic."""
    if not (doc.has_annotation("SENT_START") or has_parse(doc)):
        return lambda tok: False
    questions = [sent for sent in doc.sents if sent.text.rstrip().endswith("?")]
    if not questions:
        return lambda tok: False
    inside = set()
    for sent in questions:
        inside.update(range(sent.start, sent.end))
    return lambda tok: tok.i in inside


def nxt_is(tok, test) -> bool:
    return tok.i + 1 < len(tok.doc) and test(tok.doc[tok.i + 1])


def _perfect_auxiliary(tok) -> bool:
    """*has* in *has shown* (its head is a later participle), not *has fins* (a main verb, whatever the tag)."""
    head = tok.head
    return head is not tok and head.i > tok.i and verb_tag(head) in ("VBN", "VBD") and upos(head) in ("VERB", "AUX")


def _plain_finite(verb) -> bool:
    """A finite verb with its own subject and no auxiliary: a conjunct may share its subject (*left and came*)."""
    return (verb_tag(verb) in ("VBZ", "VBD", "VBP") and has_subject(verb)
            and not any(is_aux(c) and c.i < verb.i for c in verb.children))


def _rescued_verb(tok) -> bool:
    """A sentence root tagged as a plural noun that has a subject and is a verb's -s form (*Water boils*)."""
    if upos(tok) != "NOUN" or not is_root(tok) or not has_subject(tok):
        return False
    lemmas = _lemmas(tok.lower_).get("VERB", ())
    return any(tok.lower_ in _inflect(lemma, "VBZ") for lemma in lemmas)


def _verb_lemma(tok, tag: str) -> str | None:
    """The base form of a finite verb, checked against the inflection lexicon so a wrong lemma is not used."""
    low = tok.lower_
    candidates = []
    if tok.lemma_:
        candidates.append(tok.lemma_.lower())
    candidates += list(_lemmas(low).get("VERB", ()))
    for lemma in candidates:
        if low in _inflect(lemma, tag) or low in _inflect(lemma, tag, inflect_oov=True):
            return lemma
    return None


# lemminflect imports spaCy (seconds): load it with the first parse, not when `snaug kinds` lists this kind.
def _lemmas(word: str) -> dict:
    from lemminflect import getAllLemmas

    return getAllLemmas(word)


def _inflect(lemma: str, tag: str, inflect_oov: bool = True) -> tuple:
    from lemminflect import getInflection

    return getInflection(lemma, tag, inflect_oov=inflect_oov)
