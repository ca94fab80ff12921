"""Lexicon swaps: replace a word (or phrase) by its opposite from a table in the rules.

Orientation is one such kind; any kind declared in a rules file with ``transform = "lexicon"`` is another, with
no Python. A pair applies only where the word has an allowed part of speech and is not a verb particle or part of
an idiom listed in ``exclude_phrases`` (*he left the room*, *come back*, *so far* are not orientations).
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass

from ..edits import Edit, match_case
from ..nlp import all_lemmas, has_parse, has_tags, is_particle, token_lowers, upos, verb_tag
from ..claims import claims_for
from ..numbers import HALVED, find_numbers
from ..quotes import inside, quoted_spans, restated_spans
from . import Candidate, Skip, register

_WORDS = re.compile(r"[A-Za-z]+")

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
    not_after_words: frozenset[str]   # the word before must not be one of these ("3 times farther")
    not_before_words: frozenset[str]  # the word after must not be one of these ("the text below shows")
    needs_object: bool                # a preposition with no object points at the page ("the table below")
    modifies: frozenset[str]          # before a noun, only these nouns ("left side", not "right amount")
    head_needs_determiner: bool       # with no noun after it: "the left", "her back", not "$12 left", "tank top"
    topic: frozenset[str]             # if set: the problem (question, context, options) must use one of these
    opposite: tuple[str, ...]         # the replacement as lower-case words, to find the opposite nearby


def _contrasted(entry: Entry, words, lexicon) -> bool:
    """Whether the problem or its rationale says the opposite too, as any word of the lexicon spelled like it
    (*south*, *southern*; *outdoor* for *outside*; *back* for *backward*): then which of the two a quantity belongs
    to is what the reasoning tells apart. Only lexicon words count: *upon* is no *up*."""
    opposite = entry.opposite[0]
    stem = opposite[:3]
    return any(w == opposite or (w.startswith(stem) and w in lexicon) for w in words)


_CLAUSE_EDGE = re.compile(r"[,;.!?\n](?!\d)")          # a stop or comma that is no decimal point
_SENTENCE_EDGE = re.compile(r"[.!?\n](?!\d)")
_WORKED = re.compile(r"=|\d\s*[-+*/x×÷]\s*[$€£]?\d")


def _around(text: str, pos: int, edges: re.Pattern) -> tuple[int, int]:
    """The stretch of ``text`` around ``pos`` between two matches of ``edges`` (a clause, a sentence)."""
    start = max((m.end() for m in edges.finditer(text, 0, pos)), default=0)
    edge = edges.search(text, pos)
    return start, edge.start() if edge else len(text)


def _worked_out(text: str, pos: int) -> bool:
    """Whether the clause around ``pos`` works a quantity out ("16-4 = 12", "100*0.2 = $20")."""
    return bool(_WORKED.search(text, *_around(text, pos, _CLAUSE_EDGE)))


_ANNOTATION = re.compile(r"<<[^>]*>>")
_OPERATOR = "+-*/x×÷=−"


def _value(number) -> object:
    return number.value / number.denominator if number.denominator else number.value


def _as_much_on_the_other_side(text: str, question: str, pos: int, opposite: tuple[str, ...]) -> bool:
    """Whether the quantity the sentence at ``pos`` works out is also what the problem or the rationale states for
    the opposite side: *1/2 her day inside because 1 - (1/2) = 1/2* where the question has *spends 1/2 her time
    ... outside*; *Up a mountain ... = 30000 feet* before *Coming down, Stephen covered another 30000 feet*.
    Swapped, it says the other side's quantity, which is as true. What the other side states is the number nearest
    its word, stated on its own (not an operand: *the right side: 48 spots + 7*), with the word after it, if any,
    also in this sentence (*downhill at 3MPH* is no distance of *3 miles uphill*)."""
    start, end = _around(text, pos, _SENTENCE_EDGE)
    sentence = _ANNOTATION.sub(" ", text[start:end])
    if "=" not in sentence:
        return False
    found = find_numbers(sentence[sentence.rindex("=") + 1:])
    if not found:
        return False
    result = _value(found[0])
    words = {w.lower() for w in _WORDS.findall(sentence)}
    word = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, opposite)) + r"(?![\w-])", re.IGNORECASE)
    for source, here in ((question, None), (text, start)):
        for m in word.finditer(source):
            lo, hi = _around(source, m.start(), _SENTENCE_EDGE)
            if lo == here:
                continue
            other = _ANNOTATION.sub(lambda a: " " * len(a.group()), source[lo:hi])
            at = m.start() - lo
            numbers = find_numbers(other)
            if not numbers:
                continue
            number = min(numbers, key=lambda x: min(abs(x.start - at), abs(x.end - at)))
            before = other[:number.start].rstrip(" $€£(")
            unit = re.match(r"\s*([A-Za-z]+)", other[number.end:])
            after = other[number.end + (unit.end() if unit else 0):].lstrip()
            if _value(number) == result and not before.endswith(tuple(_OPERATOR)) and \
                    not after.startswith(tuple(_OPERATOR)) and (unit is None or unit.group(1).lower() in words):
                return True
    return False


def _measures(doc, i: int, n: int) -> bool:
    """Whether the word at ``i`` (``n`` words) says which way a quantity lies or moves: a quantity measures it
    (*4 meters below*, *15 mph above*, *60 up + 30 down*) or is its object (*above 60*, *down to 14%*, *down by:
    100*0.2*). *rolls downhill on his skateboard*, *the decorations already up*, *to get to the bottom* label the
    setup, however the clause calculates."""
    def number(t):
        return t.like_num or t.text[:1].isdigit() or t.text[-1:].isdigit() or t.text in ("$", "£", "€")

    reach = 4 if i >= 2 and doc[i - 1].lower_ == "the" and doc[i - 2].lower_ in ("from", "of", "to") else 2
    if any(number(doc[j]) for j in range(max(0, i - reach), i)):   # "15 mph above", "5 feet from the top"
        return True
    after = doc[i + n:i + n + 5]
    if len(after) and number(after[0]):
        return True
    # "down to 10/2", "down by: 100*0.2", "above her goal by $65"
    joint = next((k for k, t in enumerate(after) if t.lower_ in ("by", "to")), None)
    return joint is not None and (joint == 0 or after[joint].lower_ == "by") and \
        any(number(t) for t in after[joint + 1:joint + 4])


def _a_name_in_the_problem(doc, question: str, entry: Entry, i: int, n: int) -> bool:
    """Whether the word, before a noun, repeats a name the question gives (*her front lawn*, *the external
    drive*, *the top shelf*) while the question never says the opposite: the problem has one such thing, and the
    word is part of its name, not a side the reasoning chooses (*the left side* where the question has both)."""
    after = i + n
    if after >= len(doc) or not doc[after].text[:1].isalpha() or not has_tags(doc) or \
            upos(doc[i]) not in ("ADJ", "NOUN") or upos(doc[after]) not in ("NOUN", "PROPN") or \
            entry.rule.endswith((".compass", ".compass_adjective")):
        return False              # a preposition ("above sea level") or a compass point relates, it names nothing
    phrase = r"\s+".join(re.escape(w) for w in entry.words)
    noun = re.escape(doc[after].lower_.rstrip("s"))
    if not re.search(rf"(?<!\w){phrase}\s+{noun}", question, re.IGNORECASE):
        return False
    opposite = r"\s+".join(re.escape(w) for w in entry.opposite)
    return not re.search(rf"(?<!\w){opposite}(?!\w)", question, re.IGNORECASE)


def _the_question_s_phrase(doc, question: str, entry: Entry, i: int, n: int, width: int = 4) -> bool:
    """Whether the word sits in a run of ``width`` words the rationale copies from the question (*The air inside a
    soap bubble is a gas* for "Is the air inside a soap bubble a solid, a liquid, or a gas?") while the question
    never says the opposite: the run names what the question is about, and *the air outside a soap bubble is a
    gas* is still true, of something else."""
    # a modifier inside the noun phrase the question is about ("the air inside a soap bubble", "the top shelf"),
    # not a predicate ("The room gets warmer, so the ice cube melts" restates a premise: a claim)
    before = doc[i - 1] if i > 0 else None
    after = doc[i + n] if i + n < len(doc) else None
    if not has_tags(doc) or not ((before is not None and upos(before) in ("NOUN", "PROPN"))
                                 or (upos(doc[i]) == "ADJ" and after is not None and upos(after) == "NOUN")):
        return False
    words = token_lowers(doc)
    q = " " + " ".join(re.findall(r"[\w'’-]+|[^\w\s]", question.lower())) + " "
    for lo in range(max(0, i + n - width), i + 1):
        run = words[lo:lo + width]
        if len(run) == width and all(w[:1].isalnum() for w in run) and f" {' '.join(run)} " in q:
            opposite = r"\s+".join(re.escape(w) for w in entry.opposite)
            return not re.search(rf"(?<!\w){opposite}(?!\w)", question, re.IGNORECASE)
    return False


def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().split())


@register("lexicon", options=(
    "pos", "groups", "exclude_phrases", "skip_particles", "determiners", "coordinators", "reversal_links",
    "symmetric_links", "symmetric_relations", "restatement_openers", "restatement_closers", "instruction_verbs",
    "position_modifiers", "claims", "open_problem_contrast", "signed_groups", "layout_nouns"))
class LexiconSwap:
    # What propose() reads from the parse (snaug.nlp.ROLES); the engine switches every other component off.
    # The parser is for verb particles (he left *off*): a dependency label, in either scheme.
    needs = frozenset({"tagger", "parser"})
    def __init__(self, spec):
        self.kind = spec.name
        table = spec.table
        default_pos = self._pos(table, table.str_list("pos", sorted(UPOS_TAGS - {"VERB", "AUX", "PUNCT"})))
        self.skip_particles = table.bool("skip_particles", True)
        # "Read the passage carefully. <the passage> The underlined part ...": a restated passage is quoted.
        self.openers = table.str_list("restatement_openers", [])
        self.closers = table.str_list("restatement_closers", [])
        # An instruction to look ("Look at the scale to the right", "See the map on the left") points at the
        # page; it claims nothing. Other imperatives are steps of the reasoning ("Then add the stars in the east").
        self.instruction_verbs = frozenset(w.lower() for w in table.str_list("instruction_verbs", []))
        # "A compass rose is in the bottom right corner": where a thing sits on the page or picture, not a claim
        self.layout_nouns = frozenset(w.lower() for w in table.str_list("layout_nouns", []))
        # Words that open a noun phrase: "the left", "her back", "the beaver's front teeth".
        self.determiners = frozenset(w.lower() for w in table.str_list("determiners", []))
        # Words that may stand between the determiner and a side: "the far left", "the upper right".
        self.position_modifiers = frozenset(w.lower() for w in table.str_list("position_modifiers", []))
        # A word joined to its own opposite by one of these ("east and west walls", "from bottom to top",
        # "top/bottom") is one side of a pair: swapping it duplicates, swapping both says the same thing.
        self.coordinators = frozenset(w.lower() for w in table.str_list("coordinators", []))
        # Compared with its opposite by one of these ("more to the left than to the right"): both sides swap.
        self.reversal_links = frozenset(w.lower() for w in table.str_list("reversal_links", []))
        # Said to equal its opposite ("the top looks the same as the bottom"): no swap is false.
        self.symmetric_links = frozenset(w.lower() for w in table.str_list("symmetric_links", []))
        # A symmetric relation between the two ("the north pole is closest to the south pole"): reversing says the
        # same thing, so the one-sided swap is the negative (like poles facing).
        self.symmetric_relations = frozenset(w.lower() for w in table.str_list("symmetric_relations", []))
        # Which sentences carry the claim (snaug/claims.py): a side detail swapped does not make the rationale wrong.
        self.claims = claims_for(spec)
        # In a word problem (no options, a rationale that calculates), a direction its text never sets against the
        # opposite labels the setup ("due east", "drawing outside"), unless it is a signed word in a clause that works
        # its quantity out (rules/orientation.toml).
        self.open_problem_contrast = table.bool("open_problem_contrast", False)
        self.signed_groups = frozenset(f"{self.kind}.{g}" for g in table.str_list("signed_groups", []))
        self.index: dict[str, list[Entry]] = {}
        groups = table.tables("groups")
        if not groups:
            raise table.error("groups", "a lexicon kind needs at least one [[groups]] table")
        for group in groups:
            group.check_known("rule", "pairs", "pos", "needs_tags", "symmetric", "next_word_in", "adverb_not_after",
                              "not_after_pos", "not_after_words", "not_before_words", "needs_object", "modifies",
                              "head_needs_determiner", "topic_words")
            rule = f"{self.kind}.{group.str('rule')}"
            pos = self._pos(group, group.str_list("pos")) if "pos" in group.data else default_pos
            needs_tags = group.bool("needs_tags", True)
            symmetric = group.bool("symmetric", True)
            next_word_in = frozenset(w.lower() for w in group.str_list("next_word_in", []))
            adverb_not_after = self._pos(group, group.str_list("adverb_not_after", []))
            not_after_pos = self._pos(group, group.str_list("not_after_pos", []))
            not_after_words = frozenset(w.lower() for w in group.str_list("not_after_words", []))
            not_before_words = frozenset(w.lower() for w in group.str_list("not_before_words", []))
            needs_object = group.bool("needs_object", False)
            modifies = frozenset(w.lower() for w in group.str_list("modifies", []))
            head_needs_determiner = group.bool("head_needs_determiner", False)
            if head_needs_determiner and not self.determiners:
                raise group.error("head_needs_determiner", "needs the kind's determiners list")
            pairs = group.pairs("pairs", [])
            if not pairs:
                raise group.error("pairs", "expected at least one [word, opposite] pair")
            # the group's own words are its topic too: a question that says "near" asks about distance
            topic = frozenset(w.lower() for w in group.str_list("topic_words", [])) | \
                frozenset(w for pair in pairs for p in pair for w in _phrase_words(p)) \
                if "topic_words" in group.data else frozenset()
            for pair in pairs:
                directions = [(pair[0], pair[1]), (pair[1], pair[0])] if symmetric else [(pair[0], pair[1])]
                for src, dst in directions:
                    words = _phrase_words(src)
                    entries = self.index.setdefault(words[0], [])
                    # The first pair that claims a word (with the same guard) wins; later ones are ignored.
                    if not any(e.words == words and e.pos == pos for e in entries):
                        entries.append(Entry(words, dst.lower(), rule, pos, needs_tags, next_word_in,
                                             adverb_not_after, not_after_pos, not_after_words, not_before_words,
                                             needs_object, modifies, head_needs_determiner, topic,
                                             _phrase_words(dst)))
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
        quotes = quoted_spans(text, example.choices) + restated_spans(text, self.openers, self.closers)
        support = self.claims.support(example)
        candidates: list[Candidate] = []
        rejected: dict[str, int] = {}
        reversed_at: set[int] = set()      # tokens already swapped as the other side of a comparison
        # the words of question, context and options (and with the rationale's: what the problem says at all)
        problem_words = {w.lower() for w in _WORDS.findall(
            " ".join((example.question, example.context or "", *example.choices)))} if example.question else set()
        said: set[str] | None = None
        # a word problem: no options, and a rationale that calculates (rules/orientation.toml open_problem_contrast)
        word_problem = self.open_problem_contrast and bool(example.question) and len(example.choices) < 2 and \
            bool(_WORKED.search(text))
        i = 0
        while i < len(doc):
            entries = self.index.get(lowers[i])
            if not entries or i in reversed_at:
                i += 1
                continue
            tok = doc[i]
            for entry in entries:
                n = len(entry.words)
                if tuple(lowers[i:i + n]) != entry.words:
                    continue
                reason = self._guard(doc, entry, tagged, excluded, i, n)
                if not reason and entry.topic and example.question and not entry.topic & problem_words:
                    reason = "the problem asks nothing of this kind (a remark off its topic)"
                if not reason and inside(quotes, tok.idx, doc[i + n - 1].idx + len(doc[i + n - 1].text)):
                    reason = "inside a quotation"
                if not reason and self.instruction_verbs and _instruction(doc, i, self.instruction_verbs):
                    reason = "in an instruction to the reader"
                if not reason and any(w in self.layout_nouns for w in lowers[i + n:i + n + 2]):
                    reason = "a place on the page or picture"      # "in the bottom right corner"
                if not reason and support.active:
                    reason = support.side_detail(tok.idx, tok.idx + len(tok.text))
                if not reason and word_problem:
                    if said is None:
                        said = problem_words | set(lowers)
                    if not _contrasted(entry, said, self.index) and not (
                            entry.rule in self.signed_groups and _measures(doc, i, n) and _worked_out(text, tok.idx)):
                        reason = "a direction the problem never sets against its opposite (a label of the setup)"
                    elif i + n < len(doc) and lowers[i + n] in ("half", "halves") and \
                            HALVED.search(text, *_around(text, tok.idx, _SENTENCE_EDGE)):
                        reason = "a side whose share is half (the other side is as large)"   # "the bottom half: 10/2"
                    elif _as_much_on_the_other_side(text, example.question, tok.idx, entry.opposite):
                        reason = "the other side has as much (the swap stays true)"
                # with options, a phrase copied from the question names its subject; an open problem's rationale
                # restates the question to compute the asked quantity ("15 mph above the speed limit"), a claim
                if not reason and example.question and (
                        _a_name_in_the_problem(doc, example.question, entry, i, n)
                        or len(example.choices) >= 2 and _the_question_s_phrase(doc, example.question, entry, i, n)):
                    reason = "names a thing of the problem (its opposite is not in the question)"
                partner = None
                if not reason:
                    reason, partner = self._opposite_nearby(doc, lowers, entry, i, n)
                    if partner is not None and partner[0] in reversed_at:
                        partner = None               # that opposite is the other side of an earlier pair
                if reason:
                    rejected[reason] = rejected.get(reason, 0) + 1
                    continue
                edits = [self._edit(doc, text, i, n, entry.replacement)]
                if partner is not None:          # a comparison: the other side swaps too
                    j, m, replacement = partner
                    edits.append(self._edit(doc, text, j, m, replacement))
                    reversed_at.update(range(j, j + m))
                candidates.append(Candidate(entry.rule, tuple(sorted(edits, key=lambda e: e.start))))
                i += n - 1
                break
            i += 1
        if candidates:
            return candidates
        return Skip(max(rejected, key=lambda r: (rejected[r], r)) if rejected else "no trigger word")

    @staticmethod
    def _edit(doc, text: str, i: int, n: int, replacement: str) -> Edit:
        start, end = doc[i].idx, doc[i + n - 1].idx + len(doc[i + n - 1].text)
        before = text[start:end]
        return Edit(start, end, before, match_case(before, replacement))

    def _guard(self, doc, entry: Entry, tagged: bool, excluded: set[int], i: int, n: int) -> str:
        tok = doc[i]
        if any(j in excluded for j in range(i, i + n)):
            return "inside an excluded phrase"
        if entry.next_word_in and (i + n >= len(doc) or doc[i + n].lower_ not in entry.next_word_in):
            return "not followed by an allowed word"
        if entry.not_after_words and i > 0 and doc[i - 1].lower_ in entry.not_after_words:
            return f"after {doc[i - 1].lower_!r}"
        if entry.not_before_words and i + n < len(doc) and doc[i + n].lower_ in entry.not_before_words:
            return f"before {doc[i + n].lower_!r}"
        if _hyphen_before(doc, i):
            return "second part of a hyphenated word"      # make-up, pick-up, east-west
        if self._repeated(doc, i, n):
            return "a repeated word"                       # "Down, down, down!": a figure of speech, not a claim
        if not tagged:
            return "ambiguous word needs POS tags" if entry.needs_tags else self._name_guard(doc, i, n)
        if self.skip_particles and is_particle(tok):
            return "verb particle"
        if upos(tok) not in entry.pos:
            return f"part of speech {upos(tok) or '?'} not allowed"
        if entry.not_after_pos and i > 0 and upos(doc[i - 1]) in entry.not_after_pos:
            return f"after a {upos(doc[i - 1])}"
        if entry.adverb_not_after and upos(tok) == "ADV" and i > 0 and upos(doc[i - 1]) in entry.adverb_not_after:
            return f"after a {upos(doc[i - 1])} (phrasal use)"
        if entry.needs_object:
            reason = _object_guard(doc, i + n - 1)
            if reason:
                return reason
        if entry.modifies or entry.head_needs_determiner:
            reason = self._sense_guard(doc, entry, i, n)
            if reason:
                return reason
        return self._name_guard(doc, i, n)

    def _sense_guard(self, doc, entry: Entry, i: int, n: int) -> str:
        """The positional sense, read off the phrase around the word.

        Before a noun the word is a modifier, and the noun tells the sense: *left side*, *front teeth* are places,
        *right amount*, *top speed*, *down payment*, *back squat* are not. With no noun after it, the word heads
        its own phrase, which a determiner opens (*the left*, *her back*, *at the top*); without one it is
        another word (*$12 left*, *This left 12*, *tank top*, *give it back*).
        """
        after = i + n
        if after < len(doc) and doc[after].text in ("-", "‐") and after + 1 < len(doc) and _attached(doc, after):
            after += 1                                   # left-hand, front-wheel: the noun after the hyphen
        nxt = doc[after] if after < len(doc) else None
        if nxt is not None and entry.modifies:
            word = nxt.lower_
            # lemminflect's lemmas, not the pipeline's: its lemmatizer runs only when another kind (negation) asks
            # for it, and a kind's negatives must not depend on the others requested ("north walls" for "wall")
            if word in entry.modifies or any(lemma in entry.modifies for lemma in all_lemmas(word).get("NOUN", ())):
                return ""
            if upos(nxt) in ("NOUN", "PROPN", "NUM") or after > i + n:
                return f"modifies {upos(nxt).lower() or 'a word'} outside its list (another sense)"
        if not entry.head_needs_determiner:
            return ""
        if nxt is not None and (upos(nxt) in ("NUM", "DET", "PRON") or nxt.like_num):
            return "takes an object (a verb, not a position)"    # This left 12 apples; give her back 25€
        j = i - 1
        while j >= 0 and j >= i - 3 and doc[j].lower_ in self.position_modifiers:
            j -= 1                                       # the far left, the bottom left corner; not "the total left"
        if j >= 0 and (doc[j].lower_ in self.determiners or doc[j].tag_ in ("PRP$", "WP$", "POS")):
            return ""
        return "no determiner (not a position: what is left, a compound)"

    @staticmethod
    def _name_guard(doc, i: int, n: int) -> str:
        """A compass word that heads a proper name (*North Carolina*, *South Dakota*, *East Asia*, *the North
        Pole*) is part of the name, not a direction: swapped, it names another place, and the sentence is as often
        still true (*the South Pole is cold*, *does not intersect North America*, *East Asia* and *West Asia* both
        exist) as false. Whether a place by the swapped name exists would need a gazetteer, so no name is a site.

        Read off the spelling, not a tag (the tagger calls *North* PROPN, ADJ or NOUN by turns): the word is
        written with a capital (title case, so *They go NORTH now* is not a name) and the next word is too, with
        no punctuation between (*North. The ...* is no name). A capital at a sentence's start is not a name by
        itself: *North of the river* and *South is ...* still swap.
        """
        tok = doc[i]
        if not tok.text[:1].isupper() or tok.text.isupper() or i + n >= len(doc):
            return ""
        nxt = doc[i + n]
        if nxt.text in ("-", "‐") and _attached(doc, i + n) and i + n + 1 < len(doc):
            nxt = doc[i + n + 1]                         # "South-East Asia"
        if nxt.is_alpha and nxt.text[:1].isupper():
            return "part of a proper name"
        return ""

    def _opposite_nearby(self, doc, lowers: list[str], entry: Entry, i: int, n: int):
        """(reason, None) to skip, ("", partner) to swap both sides of a comparison, ("", None) to swap one.

        The nearest occurrence of the word's own opposite in its sentence decides: joined to it by a coordinator
        (*east and west walls*, *top/bottom*) the word is one side of a pair; said to equal it (*the top looks
        the same as the bottom*) no swap is false; compared with it (*more to the left than to the right*), a
        one-sided swap compares a side with itself, and the negative is the reversed comparison; so too for two
        clauses in parallel (*6 particles on the left side and 4 on the right side*).
        """
        if not self.coordinators and not self.reversal_links and not self.symmetric_links:
            return "", None
        opp, m = entry.opposite, len(entry.opposite)
        sent = doc[i].sent if has_parse(doc) else doc[:]
        best = None
        for j in range(sent.start, sent.end - m + 1):
            if tuple(lowers[j:j + m]) == opp and (j + m <= i or j >= i + n) and \
                    (best is None or abs(j - i) < abs(best - i)):
                best = j
        if best is None:
            return "", None
        lo, hi = (best + m, i) if best < i else (i + n, best)
        between = [t for t in doc[lo:hi]]
        words = {t.lower_ for t in between}
        # one list with it: the parse hangs every later item on the first (*north, east, south, and west*)
        conj = has_parse(doc) and any(_list_head(a) == _list_head(b) and "conj" in (a.dep_, b.dep_)
                                      for a in doc[i:i + n] for b in doc[best:best + m])
        if conj or (between and len(between) <= 3 and any(w in self.coordinators for w in words)
                    and all(w in self.coordinators or w in self.determiners for w in words)):
            return "coordinated with its opposite", None
        if words & self.symmetric_links:
            return "said to equal its opposite", None
        compared = any(t.tag_ in ("JJR", "RBR") or "Cmp" in t.morph.get("Degree") for t in between)
        if words & self.symmetric_relations:
            return "", None
        if words & self.reversal_links or compared or self._same_phrase(doc, lowers, entry, i, n, best, m):
            back = next((e.replacement for e in self.index.get(lowers[best], ()) if e.words == opp), None)
            if back is not None and self._frame(lowers, sent.start, best) == self._frame(lowers, sent.start, i):
                return "", (best, m, back)
            return "compared with its opposite", None
        return "", None

    def _repeated(self, doc, i: int, n: int) -> bool:
        """Whether the word is repeated right beside it, with at most a coordinator between (*down, down, down*,
        *far, far away*, *up and up*): a figure of speech; a one-word swap breaks the figure, not a claim."""
        word = doc[i].lower_
        for step, start in ((-1, i - 1), (1, i + n)):
            j = start
            while 0 <= j < len(doc) and doc[j].lower_ in self.coordinators and abs(j - start) < 2:
                j += step
            if 0 <= j < len(doc) and doc[j].lower_ == word:
                return True
        return False

    @staticmethod
    def _same_phrase(doc, lowers: list[str], entry: Entry, i: int, n: int, j: int, m: int) -> bool:
        """Whether the swap makes the word's phrase repeat its opposite's (*the blocks she walked north from the
        blocks she walked south*, *the back wheel has double the spokes the front wheel has*): a sentence relating
        a thing to itself. The phrase is the parse's subtree of the word's head, where the parse gives one."""
        def phrase(k: int, length: int) -> tuple[int, int]:
            tok = doc[k]
            head = tok.head if tok.dep_ not in ("ROOT", "root") and tok.head.i != k else tok
            lo, hi = head.left_edge.i, head.right_edge.i + 1
            while lo < k and (doc[lo].dep_ in ("case", "det") or upos(doc[lo]) in ("ADP", "DET")):
                lo += 1              # UD hangs the preposition on the noun ("on the bottom layers"); a weak parse
                                     # hangs "the" elsewhere: compare the phrases from their first content word
            if not lo <= k < k + length <= hi or hi - lo > 8:
                return k, k + length
            return lo, hi

        if i >= 3 and j >= 3 and lowers[i - 3:i] == lowers[j - 3:j]:
            return True                                  # "the blocks she walked north ... she walked south"
        if not has_parse(doc):
            return False
        lo1, hi1 = phrase(i, n)
        lo2, hi2 = phrase(j, m)
        if hi1 - lo1 <= n or max(lo1, lo2) < min(hi1, hi2):
            return False                                 # no phrase beyond the word, or phrases that overlap
        swapped = lowers[lo1:i] + list(entry.opposite) + lowers[i + n:hi1]
        return swapped == lowers[lo2:hi2]

    def _frame(self, lowers: list[str], start: int, j: int) -> str:
        """The word before token j, or "" where j opens its sentence or a coordinated clause."""
        return lowers[j - 1] if j > start and lowers[j - 1] not in self.coordinators else ""


def _attached(doc, i: int) -> bool:
    """Whether token i is written with no space on either side (a hyphen inside a word)."""
    return i > 0 and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _hyphen_before(doc, i: int) -> bool:
    return i >= 2 and doc[i - 1].text in ("-", "‐", "/") and _attached(doc, i - 1)


def _object_guard(doc, i: int) -> str:
    """A preposition needs its object (*below the surface*, *above 20°C*). Without one, *above*/*below* point at
    the page or the text (*the table below*, *the model above*, *highlighted below*, *as above*): a swap moves a
    pointer, not a claim. The surface (a noun phrase starts after the word) and the parse (the word has an
    object) must agree; where they do not, the parse is not trusted and the word is left alone."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    surface = nxt is not None and (upos(nxt) in ("DET", "NOUN", "PROPN", "NUM", "PRON", "ADJ", "SYM")
                                   or nxt.like_num or nxt.text[:1] in "$-−")
    if not surface:
        return "no object (a pointer to the page or text)"
    if not has_parse(doc):
        return "needs a parse to find its object"
    tok = doc[i]
    parsed = any(c.i > i and c.dep_ in ("pobj", "obj", "obl", "nmod", "dobj") for c in tok.children) or \
        (tok.dep_ == "case" and tok.head.i > i)
    if not parsed:
        return "parse and surface disagree on its object"
    return ""


def _instruction(doc, i: int, verbs: frozenset[str]) -> bool:
    """Whether token i is in an instruction to look: the sentence's root one of ``verbs``, in the base form, with
    no subject and no auxiliary (*Look at the scale to the right.*). Without a parse, or where the tagger does not
    call the root a base form, the sentence is read as a claim."""
    if not has_parse(doc):
        return False
    sent = doc[i].sent
    # after a heading and a colon ("Longer growing season: Look at the map on the right."), a capitalised verb of
    # ``verbs`` opens the instruction whatever the parser made the root
    colon = max((t.i for t in doc[sent.start:i] if t.text == ":"), default=None)
    if colon is not None and colon + 1 < i:
        opener = doc[colon + 1]
        if opener.lower_ in verbs and opener.text[:1].isupper() and \
                not any(c in t.text_with_ws for t in doc[colon + 1:i] for c in ".!?\n"):
            return True
    root = sent.root
    lo, hi = sorted((root.i, i))
    if any(c in t.text_with_ws for t in doc[lo:hi] for c in ".!?\n"):
        return False                                     # the parse ran two sentences together: not trusted
    if root.lower_ not in verbs:                         # an imperative is the base form: no lemma needed
        return False
    base = verb_tag(root) == "VB"
    return base and upos(root) == "VERB" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass", "expl", "aux", "auxpass", "aux:pass", "mark")
        or c.lower_ == "to" for c in root.children)


def _list_head(tok):
    """The first item of the coordination ``tok`` is in (``tok`` itself when it is in none)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok
