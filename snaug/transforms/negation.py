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

Where a flipped polarity would not make the rationale wrong, or not grammatical, the site is skipped with a
counted reason, and each guard asks for two signals where a tagger could mislead one:

- auxiliaries are a closed class: a word tagged AUX/MD that is not one (*It weighs 5 kg*) is a verb or nothing;
- *have* before an adjectival participle (*has webbed feet*, *the candies she has left*) may be possessive or
  perfect: the lexicon says the participle is also an adjective, so the reading is unclear;
- a clause that restates the question (*decide if it has that property*, *look at which poles are closest*,
  *investigated whether*, *The table tells you that*) or lies inside a quotation is not the rationale's claim;
- *Some X are* and *Some X are not* are both true: a subject with an existential quantifier is left alone;
- polarity items follow the flip: *does not have any* → *has some*, *has some* → *does not have any*; *ever*,
  *yet*, *either* have no positive partner, so those sites are skipped;
- *is most likely younger* → *is most likely not younger*: the negation goes after a sentence adverb; but where
  English fuses the negation with the auxiliary, an additive adverb moves in front of it: *can also help* → *also
  cannot help* (*cannot also help* reads as "cannot do both", *can also not help* as a choice not to);
- a past form that is also a participle, after the noun a clause's *be* or *have* already has (*There are 12
  cheerleaders left*, *Mary had 60 dollars left*), says what remains: *did not leave* there is not English, and
  the *have* is the clause's verb (*did not have 60 dollars left*) however the parse hangs it;
- a positive-polarity adverb right after the auxiliary turns into its negative partner instead of taking a *not*
  beside it: *will still have* → *will no longer have*, *has already melted* → *has not yet melted*.
"""
from __future__ import annotations

import random
import re
from dataclasses import replace

from ..edits import Edit, match_case
from ..nlp import (AUX_DEPS, AUX_FORMS, NEGATOR_FORMS, ROOT_DEPS, all_lemmas, doc_text, governor, has_parse,
                   has_sentences, has_subject, has_tags, inflections, is_aux, is_negator, is_particle, is_subject,
                   lemma_of, sentence_bounds, token_lowers, token_texts, upos, verb_tag)
from ..claims import claims_for
from ..numbers import HALVED, find_numbers
from ..quotes import Quotes, words_under_study
from .verbs import (BE_FORMS, CLAUSE_BREAKS, HAVE_FORMS, absolute_with, aux_form, aux_word, clause_end,
                    ends_with_question_mark, finite_tags, have_reading, label_clause, lexical_head, lexical_tag,
                    modifies_next_noun, noun_read_as_verb, nxt_is, object_relative, participle_after_object,
                    participle_form, plain_finite, reduced_relative, rescued_verb, sentence_lookup,
                    subject_by_position, subject_of, superlative, tense_from_neighbours, verb_lemma)
from . import Candidate, Skip, register

FINITE_TAGS = frozenset({"MD", "VBZ", "VBP", "VBD"})
# A modal takes a bare verb: one followed by a past or third-person form is a name ("Will paid", "May works").
_MODAL_NAME_AFTER = frozenset({"VBD", "VBZ", "VBN", "VBG"})
# An amount compared in the subject ("less rain falls in June than in May"): the verb is no claim to negate alone.
_COMPARATIVE_AMOUNTS = frozenset({"more", "less", "fewer"})
# Before a modal's form, these make it a noun (a can, a will, per can): no clause has its auxiliary there.
_NOUN_DETERMINERS = frozenset({"a", "an", "the", "each", "every", "per", "another", "/"})
_MODALS = frozenset({"will", "would", "can", "could", "shall", "should", "may", "might", "must"})


def _next_verb_tag(tok) -> str:
    """The tag of the first verb after ``tok``, past adverbs and particles; "" where a non-verb comes first."""
    for nxt in tok.doc[tok.i + 1:tok.i + 4]:
        if upos(nxt) in ("ADV", "PART"):
            continue
        return verb_tag(nxt) if upos(nxt) in ("VERB", "AUX") else ""
    return ""
DO_TAGS = {"does": "VBZ", "did": "VBD", "do": "VBP"}


# Children before a quantifier that do not modify it ("Since half of the spaces": "Since" is no "western half").
_NOT_MODIFIERS = frozenset({"case", "mark", "cc", "punct", "advmod"})
# a proportion after one of these is a bound, not a half: "more than half of them are not" is false where it is
_BOUND_WORDS = frozenset({"than", "least", "most", "over", "under", "nearly", "almost"})
# What opens the first half of an equative whose second half is "as ...": "as many ... as", "twice the number of
# bones as", "the same amount as", "half as much as".
_EQUATIVE_OPENERS = frozenset({"as", "twice", "thrice", "times", "half", "same"})
_STEP_WORDS = frozenset({"so", "then", "and", "but", "thus"})
# Two groups of one size ("is 2:2", "2 offspring with ... for every 2 offspring with ..."): in a split into two,
# "without" one group names the other, and the same count holds of it.
_EQUAL_PARTS = re.compile(r"(?<![\d.])(\d+):\1(?![\d:])|(?<![\d.])(\d+) [^.]*\bfor every (\2)(?!\d)")
# "She hand washes them": a noun between a subject pronoun and its verb belongs to the verb.
_SUBJECT_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they"})
# "four out of the eight planets": a part and its whole, a half where the whole is twice the part
_OUT_OF = re.compile(r"(?<![\w-])([\w,.-]+)\s+out\s+of\s+(?:the\s+)?([\w,.-]+)\s")


def _after_a_pronoun_and_its_verb(tok) -> bool:
    """Whether ``tok`` is the verb or the auxiliary of a subject pronoun that opens its clause, a finite verb and an
    auxiliary in a row (*She fills is 15 times*, a slip for *fills it*): no English clause has that order, so the
    text there is not what it says (*what she says is true* has its pronoun after *what*)."""
    doc = tok.doc
    for i in (tok.i - 2, tok.i - 1):
        if i < 0 or i + 2 >= len(doc) or doc[i].lower_ not in _SUBJECT_PRONOUNS or not is_aux(doc[i + 2]):
            continue
        verb, before = doc[i + 1], doc[i - 1] if i else None
        opens = before is None or before.is_punct or before.is_space or upos(before) == "CCONJ"
        finite = upos(verb) == "VERB" and verb.tag_ in ("VBZ", "VBD", "VBP") or \
            verb.lower_.endswith(("s", "ed")) and "VERB" in all_lemmas(verb.lower_) and not is_aux(verb)
        if opens and finite:
            return True
    return False


@register("negation", options=(
    "full", "contracted", "remove", "do_forms", "never_insert", "negative_words", "not_after",
    "existential_quantifiers", "complement_quantifiers", "mention_nouns", "npi", "npi_skip", "npi_degree", "ppi",
    "question_words",
    "question_words_after_verb",
    "question_verbs", "page_nouns", "report_verbs", "condition_words", "temporal_words", "standard_words",
    "generic_subjects", "reasoners", "argument_verbs", "marking_verbs", "with_pairs", "with_exclude_after",
    "with_exclude_phrases", "additive_adverbs", "ppi_adverbs", "claims", "scope_ends", "focus_particles",
    "prefer_central", "negative_prefixes", "with_exclude_before", "with_attributes", "removal_contrasts",
    "supposition_openers",
    "scoped_adverbs"))
class Negation:
    # What propose() reads from the parse (snaug.nlp.ROLES); the engine switches every other component off.
    needs = frozenset({"tagger", "parser"})

    @staticmethod
    def warm_up() -> None:
        """lemminflect loads its tables on first use (seconds): once at start-up, not inside some example."""
        all_lemmas("is")
        inflections("be", "VBZ")

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
        # Sentence adverbs that scope over the negation: "is most likely not", never "is not most likely".
        self.not_after = sorted((tuple(p.lower().split()) for p in t.str_list("not_after", [])), key=len, reverse=True)
        # Additive adverbs that move in front of an auxiliary with a fused negative form: "can also help" ->
        # "also cannot help" (with the other auxiliaries "is also not" stays).
        self.additive_adverbs = frozenset(w.lower() for w in t.str_list("additive_adverbs", []))
        # Positive-polarity adverbs right after the auxiliary: negating around them is not English ("will not
        # still have"); the adverb itself turns into its negative partner ("will no longer have").
        self.ppi_adverbs = {k.lower(): v for k, v in t.str_map("ppi_adverbs", {}).items()}
        self.focus_particles = frozenset(w.lower() for w in t.str_list("focus_particles", []))
        self.supposition_openers = [tuple(p.lower().split()) for p in t.str_list("supposition_openers", [])]
        self.removal_contrasts = {k.lower(): v for k, v in t.str_map("removal_contrasts", {}).items()}
        self.negative_prefixes = tuple(w.lower() for w in t.str_list("negative_prefixes", []))
        self.existential = frozenset(w.lower() for w in t.str_list("existential_quantifiers", []))
        self.complement_quantifiers = frozenset(w.lower() for w in t.str_list("complement_quantifiers", []))
        words = "|".join(map(re.escape, sorted(self.complement_quantifiers)))
        self._half_re = re.compile(rf"(?<![\w-])(?:(?:one|a)[- ])?(?:{words})(?:,? or (?:50\s?%|1/2),?)?\s+of\s"
                                   rf"|(?<![\w.,/])(?:50\s?%|1/2)\s+of\s", re.IGNORECASE) if words else None
        self.mention_nouns = frozenset(w.lower() for w in t.str_list("mention_nouns", []))
        self.npi = {k.lower(): v for k, v in t.str_map("npi", {}).items()}
        self.npi_skip = [tuple(p.lower().split()) for p in t.str_list("npi_skip", [])]
        self.npi_degree = {k.lower(): v for k, v in t.str_map("npi_degree", {}).items()}
        self.ppi = {k.lower(): v for k, v in t.str_map("ppi", {}).items()}
        self.question_words = frozenset(w.lower() for w in t.str_list("question_words", []))
        self.question_after_verb = frozenset(w.lower() for w in t.str_list("question_words_after_verb", []))
        self.question_verbs = frozenset(w.lower() for w in t.str_list("question_verbs", []))
        self.condition_words = frozenset(w.lower() for w in t.str_list("condition_words", []))
        self.generic_subjects = frozenset(w.lower() for w in t.str_list("generic_subjects", []))
        self.temporal_words = frozenset(w.lower() for w in t.str_list("temporal_words", []))
        self.scope_ends = frozenset(w.lower() for w in t.str_list("scope_ends", []))
        self.marking_verbs = frozenset(w.lower() for w in t.str_list("marking_verbs", []))
        self.argument_verbs = frozenset(w.lower() for w in t.str_list("argument_verbs", []))
        self.standard_words = frozenset(w.lower() for w in t.str_list("standard_words", []))
        self.reasoners = frozenset(w.lower() for w in t.str_list("reasoners", []))
        self.page_nouns = frozenset(w.lower() for w in t.str_list("page_nouns", []))
        self.report_verbs = frozenset(w.lower() for w in t.str_list("report_verbs", []))
        # Which sentences carry the claim (snaug/claims.py): a side detail negated does not make the rationale wrong.
        self.claims = claims_for(spec)
        # Keep only the negations in the sentences the answer rests on most directly (claims ``centrality``): a
        # side remark on the topic negated is false, but the rationale's reasoning still stands.
        self.prefer_central = t.bool("prefer_central", False)
        self.with_pairs: dict[str, str] = {}
        for pair in t.pairs("with_pairs", [["with", "without"]]):
            self.with_pairs[pair[0].lower()] = pair[1].lower()
            self.with_pairs[pair[1].lower()] = pair[0].lower()
        self.with_exclude_after = frozenset(w.lower() for w in t.str_list("with_exclude_after", []))
        self.scoped_adverbs = frozenset(w.lower() for w in t.str_list("scoped_adverbs", []))
        self.with_exclude_before = frozenset(w.lower() for w in t.str_list("with_exclude_before", []))
        self.with_attributes = frozenset(w.lower() for w in t.str_list("with_attributes", []))
        self.with_exclude_phrases = [tuple(p.lower().split()) for p in t.str_list("with_exclude_phrases", [])]
        # Words a site may start at whatever their tags (propose's pre-filter): negators, 'with', have and be.
        self.site_words = NEGATOR_FORMS | self.with_pairs.keys() | HAVE_FORMS | BE_FORMS

    # -- proposal ------------------------------------------------------------------------------------------
    def propose(self, doc, example, rng: random.Random):
        tagged = has_tags(doc)
        toks = list(doc)                  # one Token object per word: ``doc[i]`` builds a new one on every call
        lowers = token_lowers(doc)
        contracted = "n't" in lowers or "n’t" in lowers
        apostrophe = "’" if "n’t" in lowers else "'"
        candidates: list[Candidate] = []
        rejected: dict[str, int] = {}

        def reject(reason: str) -> None:
            rejected[reason] = rejected.get(reason, 0) + 1

        questions = {sent.start for sent in doc.sents if ends_with_question_mark(example.target, sent)} \
            if has_sentences(doc) else set()
        in_question = sentence_lookup(doc, questions)
        quotes = Quotes(example.target, example.choices, example.question)
        support = self.claims.support(example)
        studied = words_under_study(example)

        for i, tok in enumerate(toks):
            # Cheap pre-filter: a word no branch below takes (no negator, 'with', auxiliary form or relation, modal,
            # verb or root noun) is passed over before the quotation and guard checks.
            if not (lowers[i] in self.site_words or aux_word(lowers[i]) or tok.tag_ == "MD" or tok.dep_ in AUX_DEPS):
                pos = upos(tok)
                if pos != "VERB" and pos != "AUX" and not (pos == "NOUN" and tok.dep_ in ROOT_DEPS):
                    continue
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if quotes.inside(tok.idx, tok.idx + len(tok.text)) and (
                    is_negator(tok) or tok.lower_ in self.with_pairs or aux_form(tok) or upos(tok) == "VERB"):
                reject("inside a quotation")
                continue
            if nxt is not None and is_negator(nxt) and not is_negator(tok) and tok.lower_ not in self.with_pairs:
                continue                          # "has not", "is not": handled as a removal at the negator
            if tok.lower_ in studied and upos(tok) in ("VERB", "AUX"):
                reject("a word under study, not used")  # "between the guide words dangle and drank"
                continue
            if is_negator(tok):
                site = doc[tok.i - 1] if tok.i else tok
                reason = self._not_a_claim(site) if tagged else ""
                cand = reject(reason) if reason else self._remove(doc, example.target, tok, reject)
            elif tok.lower_ in self.with_pairs:
                cand = self._with(doc, tok, tagged, reject)
            elif tok.lower_ in HAVE_FORMS:
                # main verb (*has fins* -> *does not have fins*) or perfect auxiliary (*has melted*)? Only tags tell
                reading = have_reading(tok) if tagged else "unclear"
                if reading == "unclear":
                    cand = reject("possessive or perfect 'have' unclear")     # "has webbed feet"
                elif reading == "main":
                    cand = self._do_insert(tok, contracted, apostrophe, in_question, reject)   # "has fins"
                else:
                    cand = self._aux_insert(tok, tagged, contracted, apostrophe, in_question, reject)
            elif (is_aux(tok) and (aux_form(tok) or not tagged)) or tok.lower_ in BE_FORMS:
                cand = self._aux_insert(tok, tagged, contracted, apostrophe, in_question, reject)
            elif tagged and (upos(tok) == "VERB" or rescued_verb(tok) or (is_aux(tok) and lexical_tag(tok))):
                cand = self._do_insert(tok, contracted, apostrophe, in_question, reject)
            else:
                continue
            if cand is not None and cand.rule.endswith("_insert"):
                cand = self._contrast_after(doc, tok, cand)
            if cand is not None:
                reason = support.side_detail(cand.edits[0].start, cand.edits[0].end)
                if reason:
                    reject(reason)
                elif self.prefer_central:
                    candidates.append(replace(cand, rank=support.centrality(cand.edits[0].start)))
                else:
                    candidates.append(cand)
        if candidates:
            return candidates
        if rejected:
            return Skip(max(rejected, key=lambda r: (rejected[r], r)))
        return Skip("no auxiliary, finite verb, negation or 'with'" if tagged
                    else "no auxiliary, negation or 'with' (untagged text)")

    # -- is this site a claim? -------------------------------------------------------------------------------
    def _not_a_claim(self, tok) -> str:
        """Why negating the clause of ``tok`` (an auxiliary or finite verb) would not make a false claim; "" if it would."""
        if self._in_embedded_question(tok):
            return "embedded question"                 # "decide if it has", "look at which poles are"
        if self._frames_a_question(tok):
            return "verb framing a question"          # "investigated whether", "tells you which"
        doc = tok.doc
        if self._under_analysis(tok):
            return "argument under analysis"         # "The text argues that Murphy can't empathize ..."
        if _after_a_pronoun_and_its_verb(tok):
            return "garbled source (pronoun, verb, auxiliary)"    # "She fills is 15 times" (for "fills it")
        if label_clause(tok):
            return "clause used as a label"          # "An arrow points from Railroad owners buy a machine to ..."
        end = sentence_bounds(tok)[1] if has_sentences(doc) else len(doc)
        lowers = token_lowers(doc)
        if any(lowers[j] in NEGATOR_FORMS and (j + 1 == len(doc) or doc[j + 1].is_punct) for j in range(tok.i + 1, end)):
            return "contrast with an elliptical negation"   # "The socks are fuzzy, but the tie is not."
        if object_relative(tok):
            return "object relative clause"          # "the number he has now", "the miles that Terry drives"
        if tok.i >= 2 and lemma_of(tok) == "take" and doc[tok.i - 1].text == "it" and \
                upos(doc[tok.i - 2]) == "NOUN":
            return "reduced relative clause"         # "the time it takes him to run it": which time is meant
        subject = subject_of(tok)
        if subject is None and tok.i and upos(doc[tok.i - 1]) == "PRON":
            subject = doc[tok.i - 1]
        if subject is not None and subject.lower_ in self.reasoners and lemma_of(lexical_head(tok)) in \
                self.question_verbs:
            return "reasoner's framing"               # "We know (that) ...", "You can tell because ..."
        if self._in_condition(tok, self.temporal_words):
            return "temporal clause"                  # "when Max turns 3"
        if self._in_condition(tok, self.standard_words) or self._in_equal_standard(tok):
            return "standard of a comparison"         # "1 less blue hanger than there are green hangers"
        before = self._clause_before(tok)
        if any(t.lower_ in self.negative_words and not is_negator(t) and not nxt_is(t, lambda n: n.text == ",")
               for t in before):
            return "already negative"                 # "12 students neither like ...", "No water is left"
        if any(t.lower_ == "way" and nxt_is(t, lambda n: upos(n) == "PRON") for t in before):
            return "a manner clause"                  # "the way they hold their arms": "the way they do not hold"
        opener = [t.lower_ for t in doc[sentence_bounds(tok)[0] if has_sentences(doc) else 0:tok.i]][:3]
        if any(tuple(opener[:len(p)]) == p for p in self.supposition_openers):
            return "a supposition, not a claim"       # "Let's say the side of a square is s"
        if any(is_negator(t) and t.i and doc[t.i - 1].text == "," for t in before):
            return "a subject contrasted with 'not'"    # "April, not February, has the highest": "does not have"
        if any(is_negator(t) and doc[t.i - 1].text == "," for t in doc[tok.i + 1:clause_end(doc, tok.i + 1) + 2]):
            return "a predicate contrasted with 'not'"  # "makes eggs, not pollen": "does not make eggs, not pollen"
        verb = lexical_head(tok) if is_aux(tok) else tok
        if (verb.i > tok.i or upos(verb) == "VERB") and verb.i + 1 < len(doc) and is_negator(doc[verb.i + 1]):
            return "a predicate contrasted with 'not'"  # "would cost not $5, but $3": "would not cost not $5"
        if any(t.lower_ in _COMPARATIVE_AMOUNTS for t in before) and \
                any(t.lower_ in self.standard_words for t in doc[tok.i + 1:clause_end(doc, tok.i + 1)]):
            return "a comparative subject"            # "less rain falls in June than in May": "does not fall"
        if subject is not None and subject.lower_ in self.generic_subjects and self._in_condition(tok, self.condition_words):
            return "generic condition"                # "keeps its shape when you squeeze it"
        if self._marked_on_page(tok):
            return "page pointer"                     # "Boston is marked with a gray circle on the map"
        if subject is not None:
            if self._page_pointer(tok, subject):
                return "page pointer"                 # "The table tells you that ..."
            dets = [subject] + [c for c in subject.children if c.i < subject.i]
            if any(d.lower_ in self.existential for d in dets):
                return "existential subject"          # "Some X are made of" / "Some X are not"
            # "Half the floors are full" and "Half the floors are not full" are both true (the other half is the
            # complement); "Half of 32 tables is 16" is an amount, and "is not 16" is false
            if any(d.lower_ in self.complement_quantifiers and
                   not any(c.i < d.i and c.dep_ not in _NOT_MODIFIERS for c in d.children)
                   for d in dets) and not self._states_an_amount(tok):
                return "a proportion whose complement is as large"
        # the same count worked out as a half ("Of these, 754100/2 = 377050 are women"): "are not women" holds of
        # the other half too
        if HALVED.search("".join(t.text_with_ws for t in before)) and not self._states_an_amount(tok):
            return "a proportion whose complement is as large"
        if self._half_of_a_group(tok) and not self._states_an_amount(tok):
            return "a proportion whose complement is as large"
        return ""

    def _beside_a_negative(self, tok) -> bool:
        """Whether a negative word stands right after ``tok`` ("was never") or right before it ("nor biked"): the
        clause is negative already."""
        return nxt_is(tok, lambda t: t.lower_ in self.negative_words) or \
            (tok.i > 0 and tok.doc[tok.i - 1].lower_ in self.negative_words)

    @staticmethod
    def _states_an_amount(tok) -> bool:
        """Whether the clause from ``tok`` to its end (a comma, a stop) gives a number or a calculation: in *Half of
        Tanya's 20 erasers are red, so she has 20/2=10* the amount is the next clause's, and *are not red* still
        holds of the other half."""
        doc = tok.doc
        return any(t.like_num or t.text in ("=", "<<") or any(ch.isdigit() for ch in t.text)
                   for t in doc[tok.i + 1:clause_end(doc, tok.i + 1)])

    def _marked_on_page(self, tok) -> bool:
        verb = lexical_head(tok) if is_aux(tok) else tok
        if lemma_of(verb) not in self.marking_verbs and verb.lower_ not in self.marking_verbs:
            return False
        doc = tok.doc
        return any(lemma_of(w) in self.page_nouns or w.lower_ in self.page_nouns
                   for w in doc[verb.i + 1:clause_end(doc, verb.i + 1)])

    def _under_analysis(self, tok) -> bool:
        doc = tok.doc
        start = sentence_bounds(tok)[0] if has_sentences(doc) else 0
        for j in range(tok.i - 1, start - 1, -1):
            word = doc[j]
            if lemma_of(word) in self.argument_verbs or word.lower_ in self.argument_verbs:
                return any(lemma_of(w) in self.page_nouns or w.lower_ in self.page_nouns
                           for w in doc[max(start, j - 3):j])
        return False

    @staticmethod
    def _back_in_clause(tok):
        """(index, lower-cased word) of the words before ``tok`` in its clause, nearest first, to a clause break."""
        doc = tok.doc
        start = sentence_bounds(tok)[0] if has_sentences(doc) else 0
        texts, lowers = token_texts(doc), token_lowers(doc)
        for j in range(tok.i - 1, start - 1, -1):
            if texts[j] in CLAUSE_BREAKS or "\n" in texts[j]:
                return
            yield j, lowers[j]

    def _in_condition(self, tok, words) -> bool:
        return any(low in words for _, low in self._back_in_clause(tok))

    def _in_equal_standard(self, tok) -> bool:
        """Whether ``tok`` is in the second half of *as ... as* (*three times as many marbles as Mariam has*), or
        of a multiple stated with *as* (*twice the number of bones as the fourth dog carried*)."""
        doc = tok.doc
        lowers = token_lowers(doc)
        start = sentence_bounds(tok)[0] if has_sentences(doc) else 0
        j = next((j for j, low in self._back_in_clause(tok) if low == "as"), None)
        if j is None or any(upos(t) in ("VERB", "AUX") or t.lower_ in _STEP_WORDS for t in doc[j + 1:tok.i]):
            return False            # the standard's own verb comes first: "as Darren bought is 8", "... so he lost"
        return any(low in _EQUATIVE_OPENERS for low in lowers[max(start, j - 6):j])

    def _in_embedded_question(self, tok) -> bool:
        doc = tok.doc
        start = sentence_bounds(tok)[0] if has_sentences(doc) else 0
        for j, low in self._back_in_clause(tok):
            if low in self.question_words:
                return True
            if low in self.question_after_verb and j > start and self._asks(doc[j - 1], low):
                return True
        return False

    def _asks(self, word, question_word: str) -> bool:
        """Whether ``word`` right before a question word governs an embedded question ("decide if", "look at which")."""
        if lemma_of(word) in self.question_verbs or word.lower_ in self.question_verbs:
            return True
        # A preposition or particle: "look at which", "figure out which" (taggers call "at" ADP or SCONJ).
        return question_word != "if" and (upos(word) in ("ADP", "SCONJ") or is_particle(word))

    def _frames_a_question(self, tok) -> bool:
        doc = tok.doc
        j = tok.i + 1
        while j < len(doc) and (is_particle(doc[j]) or upos(doc[j]) == "ADP" or doc[j].lower_ in ("you", "us", "me")) \
                and doc[j].lower_ not in self.question_words and doc[j].lower_ not in self.question_after_verb:
            j += 1                                     # "whether" tagged as a preposition still opens the question
        if j >= len(doc):
            return False
        low = doc[j].lower_
        if low in self.question_words and low != "what":
            return True
        if low in self.question_after_verb and (lemma_of(tok) in self.question_verbs
                                                or tok.lower_ in self.question_verbs):
            return True
        # "Amanda needs to figure out how many walls there are": the need to answer a question is the task's
        # framing, as the question verb itself is; "needs to find 5 more apples" asks nothing and stays a claim
        if low != "to" or j + 1 >= len(doc):
            return False
        after = doc[j + 1]
        return (lemma_of(after) in self.question_verbs or after.lower_ in self.question_verbs) and \
            self._frames_a_question(after)

    def _page_pointer(self, tok, subject) -> bool:
        if lemma_of(tok) not in self.report_verbs:
            return False
        if lemma_of(subject) not in self.page_nouns and subject.lower_ not in self.page_nouns:
            return False
        doc = tok.doc
        j = tok.i + 1
        while j < len(doc) and doc[j].lower_ in ("you", "us", "me"):
            j += 1
        return j < len(doc) and (doc[j].lower_ in ("that", '"', "“", ":") or doc[j].lower_ in self.question_words
                                 or doc[j].lower_ in self.question_after_verb)

    def _polarity_items(self, doc, after_index: int, table: dict, skip: list, reject, degree: dict | None = None):
        """Edits for the polarity items the flip must carry ("any" → "some"; with ``degree``, a bare "much" →
        "a lot"), or None to skip the site."""
        edits = []
        end = clause_end(doc, after_index)
        words = token_lowers(doc)
        for j in range(after_index + 1, end):    # the negation's scope ends where an adjunct clause begins:
            low = words[j]                       # "has 32 readers after losing some" keeps its "some"
            if low in self.temporal_words or low in self.scope_ends or verb_tag(doc[j]) == "VBG":
                end = j
                break
        lowers = words[after_index:end]
        for phrase in skip:
            for s in range(len(lowers) - len(phrase) + 1):
                if tuple(lowers[s:s + len(phrase)]) == phrase:
                    reject("polarity item without a partner")      # "not ... ever", "not ... either"
                    return None
        for j in range(after_index, end):
            if words[j] in table:
                t = doc[j]
                edits.append(Edit(t.idx, t.idx + len(t.text), t.text, match_case(t.text, table[t.lower_])))
            elif degree and words[j] in degree:
                nxt = doc[j + 1] if j + 1 < len(doc) else None
                graded = upos(nxt) if nxt is not None else ""
                if graded in ("ADJ", "ADV") or (nxt is not None and nxt.like_num):
                    continue                     # "not much larger", "not much more": it grades that word
                if graded in ("NOUN", "PROPN"):
                    reject("polarity item without a partner")       # "not ... much water": "a lot of" rewords
                    return None
                t = doc[j]
                edits.append(Edit(t.idx, t.idx + len(t.text), t.text, match_case(t.text, degree[t.lower_])))
        if len(edits) > 1:
            reject("several polarity items")
            return None
        return edits

    # -- sites ---------------------------------------------------------------------------------------------
    def _aux_insert(self, tok, tagged, contracted, apostrophe, in_question, reject):
        low = tok.lower_
        tag = verb_tag(tok) if tagged else ("MD" if low in AUX_FORMS else "")
        if low in self.never_insert:
            return reject(f"auxiliary {low!r} not negated")
        if tagged and tag not in FINITE_TAGS:
            return reject("non-finite auxiliary")
        if tok.i > 0 and is_aux(tok.doc[tok.i - 1]) and not (low in _MODALS and tok.doc[tok.i - 1].lower_ in _MODALS):
            return reject("not the first auxiliary")        # (a modal before a modal is a name: "Will will be")
        if in_question(tok):
            return reject("question")
        # "the traditional sense of the word can because ...", "it uses will before the main verb": the modal is
        # talked about, not used; a modal in use is followed by its verb (or ends an elliptical clause)
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if low in _MODALS and ((tok.i > 0 and tok.doc[tok.i - 1].lower_ in self.mention_nouns) or (
                nxt is not None and upos(nxt) in ("ADP", "SCONJ", "CCONJ") and nxt.lower_ not in ("not", "n't"))):
            return reject("a word talked about, not used")
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        if low in _MODALS and prev is not None and (prev.lower_ in _NOUN_DETERMINERS or prev.like_num):
            return reject("a noun, not a modal")                   # "his earnings per can", "a can", "2 can"
        if tagged and low in _MODALS and _MODAL_NAME_AFTER & {_next_verb_tag(tok)}:
            return reject("a name, not a modal")               # "Will paid $30 for his shoes"
        if low in _MODALS and nxt is not None and nxt.lower_ in _MODALS:
            return reject("a name, not a modal")               # "In 5 years, Will will be 12": no modal takes a modal
        if low in DO_TAGS and nxt is not None and tok.i + 2 < len(tok.doc) and not nxt.whitespace_ and \
                tok.doc[tok.i + 2].text in ("-", "‐", "–"):
            return reject("main verb 'do' before a compound")   # "She does push-ups": "does not push-ups"
        if nxt_is(tok, lambda t: is_subject(t) or t.lower_ in ("i", "he", "she", "it", "we", "they", "there")):
            return reject("inverted subject")                      # "and so did Paleocoma"
        if self._beside_a_negative(tok):
            return reject("already negative")                      # "was never", "nor is"
        if nxt_is(tok, lambda t: t.lower_ in self.focus_particles):
            return reject("'not only' opens a correlative")        # "will only cost $115": "will not only cost"
        if tagged and nxt_is(tok, self._negated_adjective):
            return reject("double negative (not in-, not un-)")    # "is incorrect": "is not incorrect" affirms
        reason = self._not_a_claim(tok) if tagged else ""
        if reason:
            return reject(reason)
        doc = tok.doc
        adverb = self._sentence_adverb(tok)
        polarity = self._polarity_items(doc, (adverb or tok).i + 1, self.ppi, [], reject) if tagged else []
        if polarity is None:
            return None
        fused = self.contracted[low].replace("'", apostrophe) if contracted and low in self.contracted else \
            self.full.get(low)
        ppi = doc[tok.i + 1] if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in self.ppi_adverbs else None
        if ppi is not None:                                        # "will still have" -> "will no longer have"
            edit = Edit(ppi.idx, ppi.idx + len(ppi.text), ppi.text, match_case(ppi.text, self.ppi_adverbs[ppi.lower_]))
        elif adverb is not None and not (adverb.lower_ in self.additive_adverbs
                                         and (low in self.full or fused and tag == "MD")):
            end = adverb.idx + len(adverb.text)                    # "is most likely not younger", "is also not"
            edit = Edit(end, end, "", " not")
        else:                                                      # "cannot", "isn't"
            after = fused or low + " not"
            if tok.text.startswith(("'", "’")) and not (fused and fused.startswith(" ")):
                after = tok.text + after[len(low):]                # "it's not" ("they'll" -> "they will not")
            elif not tok.text.startswith(("'", "’")):
                after = match_case(tok.text, after)
            edit = Edit(tok.idx, tok.idx + len(tok.text), tok.text, after)
            if adverb is not None:                                 # "can also help" -> "also cannot help"
                before = tok.text + tok.whitespace_ + adverb.text       # an additive adverb is one word
                fronted = adverb.lower_ + tok.whitespace_ + (fused or low + " not")
                if fused and fused.startswith(" "):                # "they'll also need" -> "they also will not need"
                    fronted = " " + adverb.lower_ + fused
                edit = Edit(tok.idx, tok.idx + len(before), before, match_case(tok.text, fronted))
        return Candidate("negation.aux_insert", (edit, *polarity))

    def _selects_with(self, word) -> bool:
        """A word after which, or under which, *with* is selected (*compare with*, *associating X with Y*): by its
        form, its lemma, or any verb lemma of it (the lemmatizer may miss *associating*)."""
        exclude = self.with_exclude_after
        return word.lower_ in exclude or lemma_of(word) in exclude or \
            bool(set(all_lemmas(word.lower_).get("VERB", ())) & exclude)

    def _verb_selecting_with_before(self, doc, tok) -> bool:
        """A verb that selects *with* a few words before it in the clause, across its object (*associating the
        advertised product with*)."""
        for word in reversed(doc[max(0, tok.i - 5):tok.i - 1]):
            if upos(word) in ("PUNCT", "CCONJ", "SCONJ") or word.lower_ in self.with_pairs:
                return False
            if set(all_lemmas(word.lower_).get("VERB", ())) & self.with_exclude_after:
                return True
        return False

    def _negated_adjective(self, tok) -> bool:
        """An adjective that is a negative prefix on another word (*incorrect*, *unlikely*, *non-living*): a *not*
        before it is a double negative that reads as hedged praise, not as the opposite claim."""
        if upos(tok) != "ADJ":
            return False
        low = tok.lower_
        return any(low.startswith(p) and len(low) - len(p) >= 4 and all_lemmas(low[len(p):].lstrip("-"))
                   for p in self.negative_prefixes)

    def _sentence_adverb(self, tok):
        """The last word of a sentence adverb right after ``tok`` ("is most likely"), if any."""
        doc = tok.doc
        lowers, i = token_lowers(doc), tok.i + 1
        for phrase in self.not_after:
            if tuple(lowers[i:i + len(phrase)]) == phrase:
                return doc[i + len(phrase) - 1]
        return None

    def _do_insert(self, tok, contracted, apostrophe, in_question, reject):
        tag = verb_tag(tok)
        if is_aux(tok) or rescued_verb(tok):
            tag = lexical_tag(tok) or tag        # a verb tagged as a modal or a noun: its form decides
        if tag not in ("VBZ", "VBD", "VBP"):
            return None                           # infinitives, participles, imperatives: not a claim
        if any((is_aux(c) and c.i < tok.i) or is_negator(c) for c in tok.children):
            return reject("verb already has an auxiliary")
        if tok.dep_ == "acl":
            return reject("reduced clause")                        # "one with cinnamon added"
        if modifies_next_noun(tok):
            return reject("participle before its noun")            # "added the 8 graded tests"
        if self._beside_a_negative(tok):
            return reject("already negative")                      # "neither took the bus nor biked home"
        if tok.i and tok.doc[tok.i - 1].lower_ in self.focus_particles:
            return reject("'not only' opens a correlative")        # "It only costs $5": "does not only cost"
        if tok.i > 1 and upos(tok.doc[tok.i - 1]) == "NOUN" and tok.doc[tok.i - 2].lower_ in _SUBJECT_PRONOUNS:
            return reject("a noun compounded with the verb")       # "She hand washes": "does not hand wash"
        if not (has_subject(tok) or (tok.dep_ == "conj" and plain_finite(tok.head)) or subject_by_position(tok)):
            return reject("finite verb without a subject")
        joined = tok.doc[tok.i + 2] if tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in ("and", "or") \
            else None
        if joined is not None and joined.head == tok and joined.dep_ == "conj" and not has_subject(joined) and \
                (verb_tag(joined) in ("VBZ", "VBD", "VBP") or
                 (tag == "VBZ" and upos(joined) == "NOUN" and "VBZ" in finite_tags(joined))):
            # "It walks and flies" -> "It does not walk and flies": one subject, two bare verbs, and the negation
            # takes only the first, with do-support beside a plain verb. With an object between them the clause
            # reads on ("did not sell 12 muffins and has to sell 20 more"). The tagger often reads the second "-s"
            # verb as a plural noun ("flies"): the parse's conjunct and a form agreeing with the first say it is one.
            return reject("first of two bare verbs sharing a subject")
        if tag == "VBD" and tok.i and tok.doc[tok.i - 1].text == "," and participle_form(tok):
            return reject("participle or past tense unclear")   # "a new type of rock, called a ..."
        if tag == "VBD" and participle_form(tok) and reduced_relative(tok):
            return reject("reduced relative clause")        # "The amount paid to the teacher per day is $25"
        if tag == "VBD" and participle_form(tok) and participle_after_object(tok):
            return reject("participle describing an object")    # "Mary had 60 dollars left"
        if tag in ("VBP", "VBZ") and "ADJ" in all_lemmas(tok.lower_) and participle_after_object(tok):
            return reject("adjective describing an object")     # "there are 5 students still awake"
        if noun_read_as_verb(tok):
            return reject("noun read as a verb")      # "= 13 objects", "which grasses grow"
        if in_question(tok):
            return reject("question")
        reason = self._not_a_claim(tok)
        if reason:
            return reject(reason)
        if tag in ("VBD", "VBP") and {"VBD", "VBP"} <= finite_tags(tok):
            tag = tense_from_neighbours(tok)      # "his bills cost $1200": past or present? ask the sentence
            if not tag:
                return reject("past or present tense unclear")
        lemma = verb_lemma(tok, tag)
        if lemma is None:
            return reject("verb form not in the inflection lexicon")
        polarity = self._polarity_items(tok.doc, tok.i + 1, self.ppi, [], reject)
        if polarity is None:
            return None
        do = self.do_forms[tag]
        negated = self.contracted[do].replace("'", apostrophe) if contracted and do in self.contracted else f"{do} not"
        end = tok.idx + len(tok.text)
        adverb = tok.doc[tok.i - 1] if tok.i else None
        if adverb is not None and self.ppi_adverbs.get(adverb.lower_, "").startswith("not ") and \
                adverb.whitespace_ == " ":
            # "They already have 20 tubs" -> "They do not yet have", never "already do not have" ("still do not
            # have" is English and stays)
            edit = Edit(adverb.idx, end, f"{adverb.text} {tok.text}",
                        match_case(adverb.text, f"{negated} {self.ppi_adverbs[adverb.lower_][4:]} {lemma}"))
        elif adverb is not None and adverb.lower_ in self.scoped_adverbs and adverb.whitespace_ == " ":
            # "directly addresses" -> "does not directly address"
            word = adverb.text if adverb.text.isupper() else adverb.lower_
            edit = Edit(adverb.idx, end, f"{adverb.text} {tok.text}",
                        match_case(adverb.text, f"{negated} {word} {lemma}"))
        else:
            edit = Edit(tok.idx, end, tok.text, match_case(tok.text, f"{negated} {lemma}"))
        return Candidate("negation.do_insert", (edit, *polarity))

    def _remove(self, doc, text: str, neg, reject):
        if neg.i == 0:
            return reject("negation without an auxiliary")
        aux = doc[neg.i - 1]
        if not (is_aux(aux) or aux.lower_ in AUX_FORMS):
            return reject("negation without an auxiliary")
        after = doc[neg.i + 1] if neg.i + 1 < len(doc) else None
        if after is None or (after.is_punct and after.text not in ("'", "’")):
            return reject("elliptical negation")            # "..., but the tie is not." -> "but the tie is."
        polarity = self._polarity_items(doc, neg.i + 1, self.npi, self.npi_skip, reject,
                                        self.npi_degree) if has_tags(doc) else []
        if polarity is None:
            return None
        contrast = self._contrast(doc, aux)             # before the auxiliary, so first among the edits
        end = neg.idx + len(neg.text)
        low = aux.lower_
        if low in DO_TAGS:
            verb = doc[neg.i + 1] if neg.i + 1 < len(doc) else None
            if verb is None or not verb.is_alpha or text[end:verb.idx] != " ":
                return reject("do-support without a following verb")
            lemma = lemma_of(verb)
            if upos(verb) not in ("VERB", "AUX", ""):
                # the tagger calls it no verb; the lexicon may overrule a mis-tag ("do not lay" tagged a noun), but
                # not where it modifies the noun after it: "did not slow dance" is no "slowed dance"
                after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
                verb_lemmas = all_lemmas(verb.lower_).get("VERB", ())
                if not verb_lemmas or (after is not None and upos(after) in ("NOUN", "PROPN")):
                    return reject("do-support without a following verb")
                lemma = verb.lower_ if verb.lower_ in verb_lemmas else verb_lemmas[0]
            forms = inflections(lemma, DO_TAGS[low]) or inflections(verb.lower_, DO_TAGS[low])
            if not forms:
                return reject("verb form not in the inflection lexicon")
            span_end = verb.idx + len(verb.text)
            before = text[aux.idx:span_end]
            return Candidate("negation.do_remove",
                             (*contrast, Edit(aux.idx, span_end, before, match_case(aux.text, forms[0])), *polarity))
        if low in self.remove:
            before = text[aux.idx:end]
            return Candidate("negation.aux_remove",
                             (*contrast, Edit(aux.idx, end, before, match_case(aux.text, self.remove[low])), *polarity))
        aux_end = aux.idx + len(aux.text)
        return Candidate("negation.aux_remove", (*contrast, Edit(aux_end, end, text[aux_end:end], ""), *polarity))

    def _half_of_a_group(self, tok) -> bool:
        """Whether the subject before ``tok`` is a half of a group however it is written (*one-half, or 50%, of the
        planets*, *50% of the students*, *four out of the eight planets*), read off the words, since a weak parse
        may not find that subject: a half and its complement are as large. Not after a comparison (*more than half
        of*, *at least 50% of*)."""
        if self._half_re is None:
            return False
        doc = tok.doc
        start = sentence_bounds(tok)[0] if has_sentences(doc) else 0
        text = doc_text(doc)[doc[start].idx:tok.idx]
        if " of " not in text:
            return False                                   # every way of writing it ends in "of"
        matches = list(self._half_re.finditer(text))
        for m in _OUT_OF.finditer(text):
            part, whole = (find_numbers(g) for g in m.groups())     # "four out of the eight planets"
            if len(part) == len(whole) == 1 and 2 * part[0].value == whole[0].value:
                matches.append(m)
        for m in matches:
            previous = re.findall(r"[A-Za-z]+", text[:m.start()])[-1:]
            if previous and previous[0].lower() in _BOUND_WORDS:
                continue
            between = [t for t in doc[start:tok.i] if t.idx - doc[start].idx >= m.end()]
            if not any(upos(t) in ("VERB", "AUX") for t in between):
                return True
        return False

    def _clause_before(self, tok) -> list:
        """The words of ``tok``'s clause before it: back to the sentence start, a semicolon or a conjunction."""
        doc = tok.doc
        start = sentence_bounds(tok)[0] if has_sentences(doc) else 0
        words = []
        for t in reversed(doc[start:tok.i]):
            if t.text == ";" or upos(t) in ("CCONJ", "SCONJ"):
                break
            words.append(t)
        return words[::-1]

    def _contrast(self, doc, aux) -> list[Edit]:
        """The connective to change with a removed negation: *A, but they are not B* contrasts B with A; without
        the *not* nothing is contrasted (*..., but they are in the same species*), so *but* becomes *and*. Found a
        few words before the auxiliary, after a comma, with only the clause's subject between."""
        for j in range(aux.i - 1, max(0, aux.i - 5), -1):
            word = doc[j]
            if word.lower_ in self.removal_contrasts:
                return [self._connective(word)] if doc[j - 1].text == "," else []
            if word.is_punct or upos(word) in ("VERB", "AUX", "SCONJ", "CCONJ"):
                return []
        return []

    def _connective(self, word) -> Edit:
        """*but* → *and*, in the word's own case."""
        return Edit(word.idx, word.idx + len(word.text), word.text,
                    match_case(word.text, self.removal_contrasts[word.lower_]))

    def _contrast_after(self, doc, tok, cand):
        """``cand`` with the connective changed where the negation it adds leaves nothing to contrast: *A, but
        they are not B* → *not A, and they are not B*."""
        end = sentence_bounds(tok)[1] if has_sentences(doc) else len(doc)
        for j in range(tok.i + 1, end - 1):
            if doc[j].lower_ in self.removal_contrasts and doc[j - 1].text == ",":
                if any(is_negator(t) for t in doc[j + 1:min(end, j + 7)]):
                    return replace(cand, edits=tuple(sorted((*cand.edits, self._connective(doc[j])))))
                return cand
        return cand

    def _with(self, doc, tok, tagged, reject):
        if tagged and upos(tok) not in ("ADP", "SCONJ"):
            return reject("'with' is not a preposition")
        prev = doc[tok.i - 1] if tok.i > 0 else None
        gov = governor(tok) if has_parse(doc) else None
        for word in (prev, gov):
            if word is not None and word is not tok and self._selects_with(word):
                return reject("'with' governed by a verb or idiom")
        if self._verb_selecting_with_before(doc, tok):
            return reject("'with' governed by a verb or idiom")     # "associating the product with ..."
        graded = doc[tok.i + 2] if nxt_is(tok, lambda t: t.lower_ == "the") and tok.i + 2 < len(doc) else \
            doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if any(t.lower_ in self.with_attributes for t in doc[tok.i + 1:tok.i + 4]):
            return reject("'with' an attribute everything has")  # "air with temperatures between 25°C and 35°C":
            #                                                     all air has one, "air without temperatures" is none
        if graded is not None and (graded.lower_ in self.with_exclude_before or superlative(graded)):
            return reject("'with' an amount already graded")     # "the one with the lowest rainfall", "with
        #                                                             little rain": "without the lowest" is no claim
        lowers = [t.lower_ for t in doc[max(0, tok.i - 3):tok.i + 4]]
        offset = tok.i - max(0, tok.i - 3)
        for phrase in self.with_exclude_phrases:
            for s in range(len(lowers) - len(phrase) + 1):
                if tuple(lowers[s:s + len(phrase)]) == phrase and s <= offset < s + len(phrase):
                    return reject("'with' inside an excluded phrase")
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is None or nxt.is_punct:
            return reject("'with' without its object")          # "as many as she has to remain with,"
        if tok.lower_ == "without" and nxt is not None and (verb_tag(nxt) == "VBG" or nxt.lower_.endswith("ing")
                                                              and "VERB" in all_lemmas(nxt.lower_)):
            return reject("'without' + gerund")                 # "slept without dreaming" -> "slept with dreaming"
        if tok.lower_ == "with" and nxt is not None and (nxt.like_num or upos(nxt) == "NUM"):
            return reject("'with' a number")                     # "bunches with 8 bananas" -> "without 8 bananas"
        if tagged and absolute_with(tok):
            return reject("absolute 'with' clause")             # "with half of the flasks also containing cinnamon"
        start, end = sentence_bounds(tok) if has_sentences(doc) else (0, len(doc))
        if _EQUAL_PARTS.search(doc[start:end].text):
            return reject("'with' in a split into equal parts")   # "2:2": "offspring without bush growth" are the
            #                                                        other 2, and the ratio stays true
        if any(w is not None and upos(w) in ("NOUN", "PROPN") for w in (prev, gov)) and \
                any(is_negator(t) for t in self._clause_before(tok)):
            return reject("'with' describing what a denied claim is about")   # "is not adapted for protection
            # against predators with sharp teeth": the denial is as true of predators without them; "cannot live
            # without water" (the verb's) still changes
        described = doc[tok.i + 2] if nxt is not None and upos(nxt) == "DET" and tok.i + 2 < len(doc) else nxt
        if tok.lower_ == "with" and tagged and self._negated_adjective(described):
            return reject("'with' a negated adjective")    # "with an unspotted tail": "without an unspotted tail"
        after = match_case(tok.text, self.with_pairs[tok.lower_])
        return Candidate("negation.with_without", (Edit(tok.idx, tok.idx + len(tok.text), tok.text, after),))
