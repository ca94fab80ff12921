"""Which sentences of a rationale carry its claim, so an edit lands on what the reasoning rests on.

A soft negative must make the rationale wrong, and an edit to a detail the conclusion does not rest on does not:
*Peregrine falcons can fly at over 200 miles per hour* in a rationale that concludes the falcon is a bird, *The
Venn diagram compares two artists*, *Hansen's test involved applying one drop of water* (the question's own setup,
restated). A blind audit found these side details behind most failed number and unit negatives. What the reasoning
rests on is read off the problem, not off a list of seen sentences:

- **Restated input.** A sentence the rationale copies whole from the question or its context (in runs of at least
  ``min_restated_words`` words), or rewrites with almost only the input's words (``restated_share`` of them, in
  a sentence of twice that many words), is the problem's setup, quoted: not the rationale's claim. Where the rationale
  computes (a GSM8K solution restates a fact to compute with it: *If seven more rabbits are added to the
  thirteen ... 7+13 = 20*), uses a restated number again (the caller says so: ``reused``), or a concluding
  sentence takes up the restated one's words, the restatement is a premise.
- **Tied to the problem.** A sentence carries the claim when it shares a content word with the question or the
  answer, shares a number with the question, context or choices, or is a step of the reasoning: it computes
  (``=``, ``<<...>>``), infers (*..., so B will not have a subscript*), concludes (*So*, *Therefore*, ...) or
  shares a content word with a concluding sentence after it. A sentence that opens with a pronoun (*It has
  feathers, two wings ...*) continues the one before it. Other sentences (background, fun facts about a
  distractor, framing) that remark on an option are side details, and so is an exclamation that is no step of the
  reasoning (*They build nests that can be up to 13 feet wide!*), tied or not. Without a question there is nothing
  to tie to, and every sentence counts. Where the problem gives options, the claim is what decides between them,
  and a sentence tied to nothing at all is framing too (*In 1963, control over the western half was transferred
  to Indonesia*); without options (GSM8K) every line feeds the answer, and an untied one is kept.
- **A further remark on the answer.** Once a sentence has answered the question in its words and the answer's
  (*The part of the bamboo plant we usually eat is the stem.*), a sentence that goes on from it with a pronoun and
  an additive word (*It also carries food ...*) adds what the answer also is or does: a side detail.
- **Examples and instructions.** A sentence opened by *For example* illustrates a point; one opened by *Think
  about* or *Look at* tells the reader what to do: neither is the claim.

The words (what counts as a content word, which openers conclude or illustrate) are rules data: one top-level
``[claims]`` table (rules/claims.toml), read once and shared by every kind that judges side details (number, unit,
negation, lexicon), so the verdicts on one example are worked out once, whichever kinds ask.
"""
from __future__ import annotations

import bisect
import re
from functools import cached_property, lru_cache, wraps

from .numbers import SCALES, SMALL, TENS
from .quantities import names_a_unit
from .quotes import SENTENCE_WORDS

_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_TOKEN = re.compile(r"\w+(?:[.,]\d+)*")
# A sentence ends at . ! ? before white space and a capital, digit or quote, or at a line break; a decimal point or
# the stop of "D.C." inside a name has no such follower.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”')]*\s+(?=[A-Z0-9\"“(‘'$£€-])|\n+"
                           r"|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")   # "to the lichen.There are": a lost space
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*|(?<!\w)(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|"
                     r"eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|half|double|twice|triple)(?!\w)",
                     re.IGNORECASE)
_CALCULATION = re.compile(r"=|<<")
_ITEM_COMMA = re.compile(r",\s")
_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3}
# A number in an arithmetic step: inside a calculator annotation, on the answer line, or beside an operator or "=".
# ("20 gallons = 160 pints"; the hyphen of "45-pound" is no minus, and "x" is a times sign only before a number)
_STEP_NUMBER = re.compile(r"<<([^>]*)>>|####\s*([^\n]*)|(?<![\w.])(\d+(?:,\d{3})*(?:\.\d+)?)"
                          r"(?=\s*%?\s*(?:[A-Za-z]+\s+){0,2}(?:[+*/×÷=]|-(?![A-Za-z])|x(?=\s*[\d$(])))"
                          r"|(?<=[-+*/×÷=])\s*\$?\s*(\d+(?:,\d{3})*(?:\.\d+)?)")
_NEGATOR = re.compile(r"(?<!\w)(?:not|cannot|never)(?!\w)|n['’]t(?!\w)", re.IGNORECASE)
_WORD_NOUN = re.compile(r"(?<!\w)(?:words?|abbreviations?|names?)(?!\w)", re.IGNORECASE)
_MEANING = re.compile(r"(?<!\w)(?:mean|means|meaning|definition|defined?|words?)(?!\w)", re.IGNORECASE)
_READER = re.compile(r"(?<!\w)(?:you|your)(?!\w)", re.IGNORECASE)
_PREDICATE = re.compile(r"(?<!\w)(?:is|are|was|were|has|have|can)(?!\w)")
_DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_SMALL_NUMBERS = {w: k for k, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                               "nine", "ten", "eleven", "twelve"))}
_FRAME = re.compile(r"\w+(?:[.,]\d+)*|[^\w\s]")       # words and punctuation marks, for frames around a name
# Words every question and sentence has: two of them before the answer say nothing of where the question's slot is.
_FRAME_WORDS = frozenset({"a", "an", "the", "is", "are", "was", "were", "of", "in", "to", "it", "this", "that"})
_CONCEDED = re.compile(r"\s*(?:But|However|Yet),?\s+(?:they|it|these|those|this|that)\b")
_ALSO = re.compile(r"(?<!\w)also(?!\w)", re.IGNORECASE)
_PRONOUN_START = re.compile(r"\s*(?:It|They|Its|Their|This|These|That|Those|He|She|His|Her)\b")
# a number, in digits or words, and the word after it
_MEASURE = re.compile(r"(?:[\d.,]*\d[\d.,]*|(?:" + "|".join(SMALL + TENS + SCALES + ["half"]) + r")(?!\w))[\s-]*"
                      r"([A-Za-z]+)", re.IGNORECASE)
_SHARED = re.compile(r"(?<!\w)(?:both|each|all|every)(?!\w)", re.IGNORECASE)
_PERSONAL_START = re.compile(r"\s*(?:It|They|Its|Their|He|She|His|Her)\b")     # not "This country is ..."


@lru_cache(maxsize=1 << 16)          # a few thousand distinct words; each kind asks about the same ones
def _stem(word: str) -> str:
    word = word.lower().replace("’", "'")
    for suffix in ("'s", "ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)] + ("y" if suffix == "ies" else "")
    return word


_WHICH = re.compile(r"(?<!\w)(?:which|what)((?:\s+(?:of\s+(?:these|the|those)\s+|(?:type|kind|sort)s?\s+of\s+)?"
                    r"[A-Za-z]+){1,2})", re.IGNORECASE)


def _forms(words) -> set[str]:
    """A word's stem and its form without a plural s: "samples" stems to "sampl" but matches "sample"."""
    return {f for w in words for f in (_stem(w), w.lower()[:-1] if w.lower().endswith("s") else w.lower())}


def _name_words(text: str) -> set[str]:
    """Stems of the words ``text`` writes only inside a name of two or more capitalised words, after a sentence's
    first word (*the Seven Years' War*, *New Mexico*); a word also written in lower case is not one. A single
    capitalised word (*the South*) is left out: the rationale may well tie it to the direction (*the bottom of the
    map is to the south*)."""
    capital, lower = set(), set()
    for sentence in re.split(r"(?<=[.!?:\n])\s*", text):
        words = [m.group() for m in _WORD.finditer(sentence)]
        run: list[str] = []
        for k, word in enumerate(words + [""]):
            if k > 0 and word[:1].isupper():
                run.append(word)
                continue
            if len(run) >= 2:
                capital.update(_stem(w) for w in run)
            run = []
            if word[:1].islower():
                lower.add(_stem(word))
    return capital - lower


def _number_key(token: str) -> str:
    return token.lower().replace(",", "")


class ClaimRules:
    """The words of the ``[claims]`` table: ``stopwords`` (not content words besides spaCy's English
    function words: the words every question uses, *select*, *following*), ``conclusion_openers``,
    ``example_openers``, ``instruction_openers``, ``inference_words``, ``min_restated_words`` and
    ``restated_share``. An absent table turns the mechanism off (every sentence counts).

    One object serves every kind of a run: ``support(example)`` keeps the ``Support`` of the examples asked about
    lately (by identity: an ``Example`` is immutable), so the kinds of one example, and the later parse rounds of
    negation, share one."""

    RECENT = 1024                       # supports kept: more than the examples of any work unit in flight

    KEYS = ("stopwords", "conclusion_openers", "example_openers", "instruction_openers", "inference_words",
            "not_inference_before", "additive_words", "instance_nouns", "category_words", "word_origin",
            "passage_openers", "min_restated_words", "restated_share", "not_counted", "clause_joints",
            "position_nouns", "pointing_openers", "aside_questions", "time_units", "time_frame_openers",
            "time_frame_closers", "plan_openers", "input_openers")

    def __init__(self, table=None):
        self.enabled = table is not None
        self._recent: dict[int, tuple[object, Support]] = {}     # id(example) → (example, its Support)
        if table is None:
            self._own_stopwords, self._stopwords, self.min_restated = [], frozenset(), 0
            self.conclusion = self.example = self.inference = self.instruction = self.additive = self.instance = None
            self.category = self.word_talk = self.passage = self.joint = self.position = self.pointing = None
            self.aside_questions = frozenset()
            self.plan = self.described = None
            self.time_units = self.time_frame_openers = self.time_frame_closers = frozenset()
            self.restated_share = 1.0
            self.not_counted = frozenset()
            return
        table.check_known(*self.KEYS)
        self._own_stopwords = table.str_list("stopwords", [])
        self._stopwords: frozenset[str] | None = None
        self.min_restated = table.int("min_restated_words", 6, minimum=3)

        def openers(key):
            words = [r"\s+".join(map(re.escape, p.split())) for p in table.str_list(key, [])]
            return re.compile(r"\s*[\"“]?(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE) if words else None

        self.conclusion = openers("conclusion_openers")
        self.pointing = openers("pointing_openers")
        self.example = openers("example_openers")
        self.instruction = openers("instruction_openers")
        self.described = openers("input_openers")
        # "I will compare the distances ...", "To solve the problem, I will analyze whether ...": the writer's plan,
        # at the start or after an opening phrase of purpose or order
        plans = [r"\s+".join(map(re.escape, p.split())) for p in table.str_list("plan_openers", [])]
        self.plan = re.compile(r"\s*(?:(?:To|In order to)\s[^,.!?\n]{1,150},\s*|(?:First|Next|Then|Now|Finally|"
                               r"Here),?\s+)?(?:" + "|".join(plans) + r")(?!\w)", re.IGNORECASE) if plans else None
        self.restated_share = table.float("restated_share", 0.8, lo=0.0, hi=1.0)
        self.aside_questions = frozenset(w.lower() for w in table.str_list("aside_questions", []))
        self.time_units = frozenset(w.lower() for w in table.str_list("time_units", []))
        self.time_frame_openers = frozenset(w.lower() for w in table.str_list("time_frame_openers", []))
        self.time_frame_closers = frozenset(w.lower() for w in table.str_list("time_frame_closers", []))
        # "a specific figure (an average of $300 a year)": a parenthesis right after one of these quotes its instance
        nouns = [re.escape(w) for w in table.str_list("instance_nouns", [])]
        self.instance = re.compile(r"(?<!\w)(?:" + "|".join(nouns) + r")\s*\(([^()\n]*)\)", re.IGNORECASE) \
            if nouns else None
        # "It also carries food": a personal pronoun, at most one word (an auxiliary), then an additive word
        additive = [r"\s+".join(map(re.escape, p.split())) for p in table.str_list("additive_words", [])]
        self.additive = re.compile(r"\s*(?:It|They|He|She)\s+(?:[a-z]+\s+)?(?:" + "|".join(additive) + r")(?!\w)") \
            if additive else None
        # "A tropical rain forest is a type of ecosystem.": a sentence that only files a thing under a category
        categories = [re.escape(w) for w in table.str_list("category_words", [])]
        self.category = re.compile(r"\s*(?:An?|The)\s+[\w\s'-]+?\s+(?:is|are)\s+(?:a|an|one)\s+(?:"
                                   + "|".join(categories) + r")s?\s+of\s+([A-Za-z]+)\.\s*$") if categories else None
        # "The word igneous comes from the Latin word ignis", "the root word "polis"": where a word comes from
        phrases = [r"\s+".join(map(re.escape, p.split())) for p in table.str_list("word_origin", [])]
        self.word_talk = re.compile(r"(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)", re.IGNORECASE) \
            if phrases else None
        # "Read the passage carefully." and the passage quoted after it, up to the sentence that names it again
        phrases = table.str_list("passage_openers", [])
        self.passage = [(re.compile(r"\s*" + r"\s+".join(map(re.escape, p.split())) + r"(?!\w)", re.IGNORECASE),
                         re.compile(r"(?<!\w)" + re.escape(p.split()[-1]) + r"(?!\w)", re.IGNORECASE))
                        for p in phrases if len(p.split()) >= 2]
        # where a sentence's next clause begins: a comma or semicolon and a joining word, or a bare semicolon
        joints = [r"\s+".join(map(re.escape, p.split())) for p in table.str_list("clause_joints", [])]
        self.joint = re.compile(r";\s+|[,;]\s+(?:" + "|".join(joints) + r")(?!\w)", re.IGNORECASE) if joints else None
        # "the second text", "the last answer choice": a choice named by its place
        nouns = sorted((r"\s+".join(map(re.escape, p.split())) for p in table.str_list("position_nouns", [])),
                       key=len, reverse=True)
        self.position = re.compile(r"(?<!\w)(first|second|third|fourth|last)\s+(?:" + "|".join(nouns) + r")(?!\w)",
                                   re.IGNORECASE) if nouns else None
        # measure words after a number are no things the question counts ("ten times as great")
        self.not_counted = frozenset(_stem(w) for w in table.str_list("not_counted", ["times", "percent"]))
        words = [r"\s+".join(map(re.escape, p.split())) for p in table.str_list("inference_words", [])]
        # "since 1857", "since then": a time, not a reason. Before a year or one of these words, no inference.
        times = [r"\s+".join(map(re.escape, p.split())) for p in table.str_list("not_inference_before", [])]
        year = r"(?:1\d{3}|20\d{2})(?!\d)"
        not_before = r"(?!\s+(?:" + "|".join([year] + times) + r")(?!\w))"
        self.inference = re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)" + not_before,
                                    re.IGNORECASE) if words else None

    @property
    def stopwords(self) -> frozenset[str]:
        """spaCy's English function words and the table's own; loaded on first use, so listing kinds (which
        builds the transforms) does not import spaCy."""
        if self._stopwords is None:
            from spacy.lang.en.stop_words import STOP_WORDS

            self._stopwords = frozenset(_stem(w) for w in list(STOP_WORDS) + self._own_stopwords)
        return self._stopwords

    def support(self, example) -> Support:
        """The example's ``Support``: built on the first ask, then the same object for every kind that asks."""
        if not self.enabled:
            return Support(self, example)              # inert: nothing to share
        hit = self._recent.get(id(example))
        if hit is not None and hit[0] is example:      # the example is held, so its id is not reused meanwhile
            return hit[1]
        if len(self._recent) >= self.RECENT:
            self._recent.clear()
        support = Support(self, example)
        self._recent[id(example)] = (example, support)
        return support

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_recent": {}}       # a copy in another process starts with nothing cached


def claims_for(spec) -> ClaimRules:
    """The rules' one ``[claims]`` table for the kind ``spec`` (a ``KindSpec``), or an inert one where the kind's
    table says ``claims = false`` or the rules have none."""
    shared = getattr(spec, "claims", None)
    return shared if shared is not None and spec.table.bool("claims", True) else ClaimRules()


def _per_sentence(verdict):
    """A verdict on sentence i, worked out once per example: each is a function of the example and i alone, and
    every site in the sentence (of every kind) asks it again."""
    name = verdict.__name__

    @wraps(verdict)
    def once(self, i: int) -> bool:
        key = (name, i)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = verdict(self, i)
        return found

    return once


class Support:
    """For one example: ``side_detail(start, end)`` says why the span's sentence is not the claim ("" if it is)."""

    def __init__(self, rules: ClaimRules, example):
        self.rules = rules
        self.text = text = example.target
        self.active = rules.enabled and bool((example.question or "").strip())
        self._contents: dict[str, set[str]] = {}      # a sentence's content words, asked for once per site
        if not self.active:
            return
        bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        self.starts = sorted({b for b in bounds if b < len(text)}) or [0]
        answer = example.choices[example.answer] if example.answer is not None and \
            0 <= example.answer < len(example.choices) else ""
        self.topic = self._content(f"{example.question}\n{answer}")
        # words of the question only ever seen inside a name ("the Seven Years' War"): "20 years later" is no tie
        self._name_words = _name_words(f"{example.question}\n{answer}") & self.topic
        self.question = example.question or ""
        self.question_words = self._content(example.question)
        self.answer = answer.strip().lower()
        # With options, the claim is what decides between them: a sentence tied to nothing (the question, the
        # answer, a number given, a step) is framing. Without options (GSM8K), every step feeds the answer line.
        self.choices = len(example.choices) >= 2
        self._example = example
        self._given = [t.lower() for t in _TOKEN.findall(f"{example.question}\n{example.context}")]
        self.given_words = set(self._given)
        # A rationale that computes (GSM8K) restates the question's facts to compute with them: premises, all.
        self.computes = bool(_CALCULATION.search(text))
        self._tied: dict[int, bool] = {}
        # A target that begins with the lecture (QCM-LE's lecture + solution): where it ends, and the solution's first
        # sentence. The lecture's sentences are tied to the problem only as _lecture_tied says.
        lecture = (example.lecture or "").strip()          # a target joins its fields stripped (readers._target)
        self.lecture_end = len(lecture) if lecture and text.startswith(lecture) else 0
        self.solution_start = bisect.bisect_left(self.starts, self.lecture_end) if self.lecture_end else 0
        self._sentences: dict[int, tuple[int, int, bool] | None] = {}    # sentence → in_restated's reading of it
        self._memo: dict[tuple[str, int], bool] = {}                     # (verdict, sentence) → answer
        self._restated_at: dict[tuple[int, int], bool] = {}   # a number's span is asked about once per other number

    # Read on the first verdict that needs them: a kind asks about a few sentences, often none.
    @cached_property
    def asked_kinds(self) -> set[str]:
        """What the question asks which of: "Which material ...", "Which three months ...", "Which of these ..."."""
        return _forms(w for m in _WHICH.finditer(self.question) for w in _WORD.findall(m.group(1))) - \
            self.rules.stopwords

    @cached_property
    def choice_words(self) -> set[str]:
        return self._content("\n".join(self._example.choices))

    @cached_property
    def option_texts(self) -> list[str]:
        """The options that are names, not sentences."""
        return [c.strip() for c in self._example.choices if 1 <= len(_TOKEN.findall(c)) < SENTENCE_WORDS
                and not c.rstrip().endswith((".", "!", "?"))]

    @cached_property
    def option_words(self) -> set[str]:
        """The options' words the question does not use ("loon" for "Select the bird below.")."""
        return self._content("\n".join(self.option_texts)) - self.question_words

    @cached_property
    def asked(self) -> set[str]:
        """The question's words with a comparative's base ("harder": "A hard material keeps its shape")."""
        return self.question_words | {w[:-suffix] for w in self.question_words for suffix in (2, 3)
                                      if len(w) - suffix >= 4 and w.endswith(("er", "est")[suffix - 2])}

    @cached_property
    def numbers(self) -> set[str]:
        example = self._example
        given = f"{example.question}\n{example.context}\n" + "\n".join(example.choices)
        return {_number_key(m.group()) for m in _NUMBER.finditer(given)}

    @cached_property
    def restated(self) -> list[tuple[int, int]]:
        return self._restated(self.text, self._given)

    @cached_property
    def step_values(self) -> set[float]:
        """The values the rationale's arithmetic works with (operands and results of its steps, the answer line)."""
        values = set()
        for m in _STEP_NUMBER.finditer(self.text):
            for part in (m.group(1), m.group(2)):
                if part:
                    values |= {float(d.replace(",", "")) for d in _DIGITS.findall(part)}
            for single in (m.group(3), m.group(4)):
                if single:
                    values.add(float(single.replace(",", "")))
        return {round(v, 6) for v in values}

    def unused_by_the_arithmetic(self, values) -> bool:
        """Whether a rationale that computes works with none of ``values`` (a quantity's number, and what it comes
        to in the other units of its family: "two weeks" is worked with as 14 days): *The combined total of the
        rainfall for these three days is 7+8+8* names what is summed; the steps do not rest on "three days", and
        "three months" leaves every step as true as before."""
        return self.active and self.computes and bool(self.step_values) and \
            not {round(abs(v), 6) for v in values} & self.step_values

    # -- what a sentence is ------------------------------------------------------------------------------------
    def _content(self, text: str) -> set[str]:
        words = self._contents.get(text)
        if words is None:
            stop = self.rules.stopwords
            words = self._contents[text] = {s for s in map(_stem, _WORD.findall(text)) if len(s) >= 3 and s not in stop}
        return words

    def _sentence(self, pos: int) -> tuple[int, int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return i, self.starts[i], end

    def _span(self, i: int) -> str:
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[i]:end]

    @cached_property
    def _aside_question(self) -> int | None:
        """The first sentence, after the first, that asks one of ``aside_questions`` (*Why does Papua New Guinea
        share its island with another country?*) where the problem does not ask that kind of question itself: the
        rationale turns to a question of its own, and it and all that follows are an aside (the verdict came first:
        *This country is Papua New Guinea.*)."""
        asked = self.question.lstrip().split(maxsplit=1)[:1]
        if not self.rules.aside_questions or (asked and asked[0].lower() in self.rules.aside_questions):
            return None
        for i in range(1, len(self.starts)):
            sentence = self._span(i).strip()
            words = sentence.split(maxsplit=1)
            if words and words[0].lower() in self.rules.aside_questions and sentence.endswith("?"):
                return i
        return None

    @cached_property
    def _quoted_passage(self) -> tuple[int, int] | None:
        """The first and last sentence of a passage the rationale quotes after telling the reader to read it (*Read
        the passage carefully.*), up to the sentence that names the passage again (*The underlined part of the
        passage tells you ...*): the problem's input, restated, even when the input is an image."""
        for k in range(len(self.starts) - 1):
            for opener, noun in self.rules.passage or ():
                if opener.match(self._span(k)):
                    j = next((j for j in range(k + 1, len(self.starts)) if noun.search(self._span(j))), None)
                    return (k + 1, j - 1) if j is not None and j > k + 1 else None
        return None

    @_per_sentence
    def _concludes(self, i: int) -> bool:
        return bool(self.rules.conclusion and self.rules.conclusion.match(self._span(i)))

    def _is_tied(self, i: int) -> bool:
        """Whether sentence i is about the problem or is a step of the reasoning (see the module docstring)."""
        if i in self._tied:
            return self._tied[i]
        self._tied[i] = False                     # a cycle through pronoun continuations ends here
        sentence = self._span(i)
        words = self._content(sentence)
        nxt = self._span(i + 1) if i + 1 < len(self.starts) else ""
        if self.starts[i] < self.lecture_end:
            self._tied[i] = tied = self._lecture_tied(i, sentence, words)
            return tied
        tied = (self._tied_by_the_problem(sentence, words)
                or self._premise(i)
                or (i > 0 and bool(_PRONOUN_START.match(sentence)) and self._is_tied(i - 1))
                # the antecedent of a pronoun that ties: "The mole rat has large front teeth. Its mouth is adapted
                # for gnawing." (the question asks which mouth is adapted for gnawing)
                or (bool(_PERSONAL_START.match(nxt)) and bool(self._content(nxt) & self.question_words)))
        if tied and self._later_remark(i) and not (
                any(_number_key(m.group()) in self.numbers for m in _NUMBER.finditer(sentence)) or self._premise(i)):
            tied = False                          # tied by the option's name alone (or a pronoun after it)
        self._tied[i] = tied
        return tied

    @_per_sentence
    def _plan(self, i: int) -> bool:
        """Whether sentence i says what the writer will do (*I will identify the properties ...*), or goes on from
        such a sentence with a pronoun (*This involves looking at the visual cues ...*)."""
        if self.rules.plan is None:
            return False
        return bool(self.rules.plan.match(self._span(i))) or \
            (i > 0 and bool(_PRONOUN_START.match(self._span(i))) and self._plan(i - 1))

    @_per_sentence
    def _describes(self, i: int) -> bool:
        """Whether sentence i describes the problem's image: it opens with an ``input_openers`` phrase (*The image
        shows a food chain ...*), or goes on from such a sentence on the same line (*It includes three stages: wild
        oat on the left, ...*, *A compass rose is present in the bottom right corner*): a description runs to the
        end of its line, or to the first sentence that names the answer or reasons (*A brown pelican is a bird.*)."""
        if self.rules.described is None:
            return False
        if self.rules.described.match(self._span(i)):
            return True
        before = i - 1                # the description goes on, unless the sentence before began the reasoning
        return before >= 0 and "\n" not in self._span(before) and self._describes(before) and \
            not self._names_the_answer(before) and not self._premise(before)

    def _measured(self, start: int, end: int) -> bool:
        """Whether the span is a measured quantity of one of the things compared (*In Pair 1, the magnets are 1 inch
        apart*): a description's measurements are what the reasoning compares (*the magnets in Pair 1 are closer*),
        unlike its counts (*three stages*, *two pairs of magnets*), its layout (*on the left*) and a value all the
        things share."""
        m = _MEASURE.match(self.text, start, min(len(self.text), end + 24))
        if not m or not names_a_unit(m.group(1)):
            return False
        # "Both pairs have a separation distance of 2.5 inches", "in each pair is 0.35 cm": one value for all the
        # things compared, so a change moves them all and the comparison stands
        _, s, _ = self._sentence(start)
        return not _SHARED.search(self.text, s, start)

    def _names_the_answer(self, i: int) -> bool:
        return len(self.answer) > 2 and self.answer in self._span(i).lower()

    def _lecture_tied(self, i: int, sentence: str, words: set[str]) -> bool:
        """Sentence i of the lecture: the skill's background, the same for every problem of the skill, so no step of
        this problem's reasoning. It is tied by the problem's words or numbers, by a conclusion of the solution that
        takes up its words, or as the pronoun of a tied sentence on the same line; not by its own *so* or *because*,
        nor by a pronoun opening a line: there a lecture sets out its examples (*It started raining, so we ran
        inside.*, *They say that this nail polish dries in less than five minutes.*), the text under study. Nor is a
        question it asks (*Does the bus leave in 7 minutes?*): a lecture asserts, and its questions are examples."""
        if sentence.rstrip().endswith("?"):
            return False
        if self._tied_by_the_problem(sentence, words):
            return True
        if any(last >= self.solution_start for last in
               (self._last_conclusion_with.get(w, -1) for w in words - self.topic)):
            return True
        return i > 0 and bool(_PRONOUN_START.match(sentence)) and "\n" not in self._span(i - 1) and \
            self._is_tied(i - 1)

    def _tied_by_the_problem(self, sentence: str, words: set[str]) -> bool:
        """Whether the sentence shares a content word with the question or answer, or a number with the problem."""
        return self._shares_topic(sentence, words) or \
            any(_number_key(m.group()) in self.numbers for m in _NUMBER.finditer(sentence))

    def _shares_topic(self, sentence: str, words: set[str]) -> bool:
        """Whether the sentence shares a content word with the question or answer; a word the question has only in a
        name counts only where the sentence writes it as a name too."""
        shared = words & self.topic
        if not shared or not shared <= self._name_words:
            return bool(shared)
        return any(w[:1].isupper() and _stem(w) in shared for w in _WORD.findall(sentence))

    @_per_sentence
    def _premise(self, i: int) -> bool:
        """Whether sentence i is a step of the reasoning: it computes, infers, concludes, or shares a content word
        with a concluding sentence after it (*The rose plant has two alleles for F. So, ... is FF.*)."""
        sentence = self._span(i)
        if _CALCULATION.search(sentence) or self._concludes(i) or \
                (self.rules.inference and self.rules.inference.search(sentence)):
            return True
        return self._leads_to_conclusion(i)

    @_per_sentence
    def _leads_to_conclusion(self, i: int) -> bool:
        """Whether sentence i shares a content word with a concluding sentence after it, besides the question's and
        the answer's words (a conclusion restates the question, so any sentence on the topic shares those). A
        restated sentence's own *because* is the input's reasoning, not the rationale's: only this counts for it."""
        words = self._content(self._span(i)) - self.topic
        last = self._last_conclusion_with
        return any(last.get(w, -1) > i for w in words)

    @cached_property
    def _last_conclusion_with(self) -> dict[str, int]:
        """Content word → the last concluding sentence that has it: built once, so asking each sentence whether a
        later conclusion shares a word with it costs its own words, not a scan of every later sentence (which made a
        long text quadratic in its sentences)."""
        last: dict[str, int] = {}
        for j in range(len(self.starts)):
            if self._concludes(j):
                last.update(dict.fromkeys(self._content(self._span(j)), j))
        return last

    @_per_sentence
    def _later_remark(self, i: int) -> bool:
        """Whether sentence i names an option again after the sentence that first named it, says nothing in the
        question's words, and shares no word with what the rationale said of the option there (and in the
        sentences that carry on from it with a pronoun) or with any sentence on the question's words: a fun fact
        or a history aside about an option already placed (*This country is Haiti. ... Haiti considers the island
        part of its territory*; *A wombat is a mammal. It has fur ... Wombats have strong claws*). The sentence
        that places it, and one that goes on with its evidence (*A rock is a solid. A solid keeps its shape. The
        rock keeps its shape in a cup*), are claims."""
        if not self.choices or not self.option_words:
            return False
        words = self._content(self._span(i))
        if not words & self.option_words:
            return False
        # the sentence that placed the option: the first to name all of it together with the question's words
        # (*A wombat is a mammal*); one that names it without them defines or sets up (*A colorful object has ...*,
        # *Craig investigated whether pruning tomato plants ...*), and places nothing
        first = None
        for option in self.option_texts:
            own = self._content(option) - self.question_words
            if own and words & own:
                j = next((j for j in range(i) if own <= self._content(self._span(j))
                          and self._content(self._span(j)) & self.asked), None)
                if j is not None and (first is None or j < first):
                    first = j
        if first is None:
            return False
        # the kind the question asks which of, said by the placing sentence ("This country is Haiti"), places
        # nothing again ("several countries took control of the island"); any other word of the question ties
        placed_by = {w for w in self._content(self._span(first)) & self.asked if w in self.asked_kinds}
        if (words & self.asked) - placed_by:
            return False
        words = words - placed_by
        vocabulary: set[str] = set()
        # what placed it, and every sentence on the question's other words ("multiple countries claim the islands"
        # is on none but the kind) ...
        for j in range(len(self.starts)):
            if j != i and (j == first or self._content(self._span(j)) & (self.asked - placed_by)):
                k = j                             # ... with the sentences that carry on from it with a pronoun
                while k < len(self.starts) and k != i and (k == j or _PRONOUN_START.match(self._span(k))):
                    vocabulary |= self._content(self._span(k))
                    k += 1
        return not (words - self.option_words) & (vocabulary - placed_by)

    @_per_sentence
    def _added_remark(self, i: int) -> bool:
        """Whether sentence i adds a further fact about the answer after the sentence that answers the question:
        that sentence says the question's words and the answer's and nothing else (*The part of the bamboo plant we
        usually eat is the stem.*), and sentence i goes on from it, through sentences that open with a pronoun, with
        an additive word (*It supports the plant. It also carries food, water, and nutrients through the plant.*),
        or is one of those pronoun sentences before the additive one (*It supports the plant.*: "also" says the
        list began there).
        The question is answered by then; what the answer also does, the answer does not rest on. A sentence that
        names the answer itself (*It also says the tails help keep them warm* for "keep warm"), a step of the
        reasoning (one that infers or leads to a conclusion after it), and the sentences going on from a
        conclusion (*So, the Gobi Desert has dry, thin soil. It also has long, cold winters.*, where the option is
        both) stay claims."""
        if not self.choices or self.rules.additive is None or i == 0:
            return False
        answer = self._content(self.answer)
        if not answer or answer <= self._content(self._span(i)) or self._premise(i):
            return False
        if not self.rules.additive.match(self._span(i)):
            # a remark the additive word of a later one marks as the first of a list (*It supports the plant.*
            # before *It also carries food ...*): it goes on from the answer with a pronoun, as the later one does
            k = i + 1
            while k < len(self.starts) and _PERSONAL_START.match(self._span(k)) and \
                    not self.rules.additive.match(self._span(k)):
                k += 1
            if not (_PERSONAL_START.match(self._span(i)) and k < len(self.starts) and
                    _PERSONAL_START.match(self._span(k)) and self.rules.additive.match(self._span(k))):
                return False
        j = i - 1
        while j > 0:                              # back to the sentence the remarks go on from: over pronouns, and
            words = self._content(self._span(j))  # over remarks opened by the answer itself ("Metal can be pressed
            if answer <= words and words <= self.topic:            # into many different shapes. It also is ...")
                break
            if _PERSONAL_START.match(self._span(j)) and not answer <= words:
                j -= 1
            elif re.match(r"\s*" + re.escape(self.answer) + r"(?!\w)", self._span(j), re.IGNORECASE):
                j -= 1
            else:
                break
        answering = self._content(self._span(j))
        return answer <= answering and answering <= self.topic and not self._concludes(j)

    @_per_sentence
    def _conceded(self, i: int) -> bool:
        """Whether sentence i grants the other options something that the next sentence, opening with *But* and a
        pronoun for them, takes back: *Rough and hairy can also describe how something feels to the touch. But
        they do not describe these marbles.* The verdict on them is the next sentence; the grant is a general truth
        about those words, which the answer does not rest on."""
        if not self.choices or i + 1 >= len(self.starts) or not _CONCEDED.match(self._span(i + 1)):
            return False
        sentence = self._span(i)
        words = self._content(sentence)
        others = {w for o in self.option_texts if o.lower() != self.answer for w in self._content(o)}
        answer = self._content(self.answer)
        return bool(_ALSO.search(sentence)) and bool(words & others) and not (answer and answer <= words)

    def _entity(self, i: int) -> int:
        """The sentence that names what sentence i is about: i, or back along sentences that open with a pronoun."""
        while i > 0 and _PERSONAL_START.match(self._span(i)):
            i -= 1
        return i

    @cached_property
    def _references(self) -> list[set[str]]:
        """What the reader is told to look at and compare with (*Look at the picture of the Canada goose.*), by its
        head word: the thing the options are measured against, itself no option."""
        found = []
        for k in range(len(self.starts)):
            span = self._span(k)
            if self.rules.instruction and self.rules.instruction.match(span):
                words = [w for w in map(_stem, _WORD.findall(span))
                         if len(w) >= 3 and w not in self.rules.stopwords and w not in self.asked]
                if words:
                    found.append({words[-1]})
        return found

    @_per_sentence
    def _after_the_verdict(self, i: int) -> bool:
        """Whether sentence i remarks on a thing after the verdict on it is in: an earlier sentence about the same
        thing says, in the question's words, whether it has what the question asks for, and sentence i, about it
        again, takes up of the question only what that verdict's subject says (*its beak*), going on to what else
        it does. Of a distractor the verdict denies it (*Its beak is not adapted to get nectar out of long
        flowers.* then *The northern mockingbird uses its beak to eat insects and earthworms.*); of the thing the
        reader is told to compare with, either way (*Its beak is adapted to filter through mud.* then *The Canada
        goose gathers muddy water in its beak*). The answer rests on the verdicts, not on the remarks; an
        explanation of a verdict in the question's words (*... have the same species name within their genus*)
        takes up more than its subject and stays a claim."""
        if not self.choices or self._concludes(i) or _NEGATOR.search(self._span(i)):
            return False
        head = self._content(self._span(self._entity(i)))
        answer = self._content(self.answer) - self.question_words
        options = [own for own in (self._content(o) - self.question_words for o in self.option_texts) if own]
        things = [(own, True) for own in options if own != answer]
        if not any(own <= head for own in options):       # "the gray tree frog" is an option, not "the ... frog"
            things += [(ref, False) for ref in self._references]
        for own, denied in things:
            taken = (self._content(self._span(i)) & self.asked) - own
            if not own <= head or not taken:
                continue
            for j in range(i):
                verdict = self._span(j)
                split = _NEGATOR.search(verdict) or (None if denied else _PREDICATE.search(verdict))
                if split and own <= self._content(self._span(self._entity(j))) and not self._concludes(j) and \
                        (self._content(verdict[split.end():]) & self.asked) and \
                        taken <= self._content(verdict[:split.start()]):
                    return True
        return False

    @_per_sentence
    def _parallel_to_an_option(self, i: int) -> bool:
        """Whether sentence i says of something that is no option (nor named in the question) what another
        sentence says of an option, in the same words around it: *There is one path matter can take from the
        grizzly bear to the mushroom* (an option) beside *There are two paths matter can take from the lichen to
        the mushroom*. The rationale walks through every organism; only the options' lines decide the answer."""
        if not self.choices:
            return False
        mine = self._frames[i]
        for left, right, sentences in self._option_frames:
            if sentences == {i}:
                continue
            for a in range(len(mine) - len(left) + 1):
                if mine[a] != left[0] or mine[a:a + len(left)] != left:
                    continue
                for width in range(1, 5):
                    b = a + len(left) + width
                    filler = mine[a + len(left):b]
                    if mine[b:b + len(right)] == right and not self._names_part(filler) and \
                            all((t[0].isalnum() or t in "-'’") and not _NUMBER.fullmatch(t) for t in filler) \
                            and filler[0][0].isalnum() and filler not in self._option_names:
                        return True
        return False

    @cached_property
    def _frames(self) -> list[list[str]]:
        """Each sentence's words and punctuation marks, lower-cased (frames around a name)."""
        return [[t.lower() for t in _FRAME.findall(self._span(j))] for j in range(len(self.starts))]

    @cached_property
    def _option_names(self) -> list[list[str]]:
        return [[t.lower() for t in _FRAME.findall(option)] for option in self.option_texts]

    @cached_property
    def _named(self) -> list[list[str]]:
        """The question's tokens and each option's, lower-cased."""
        return [[t.lower() for t in _TOKEN.findall(text)] for text in [self.question, *self.option_texts]]

    def _names_part(self, filler: list[str]) -> bool:
        """Whether ``filler`` is a run of the question's or of an option's words: a part of an option ("December"
        of "December, January, and February") is no other thing, but "black racer" is not "black bear"."""
        words = [t for t in filler if t[0].isalnum()]
        return any(named[k:k + len(words)] == words for named in self._named for k in range(len(named)))

    @cached_property
    def _option_frames(self) -> list[tuple[list[str], list[str], set[int]]]:
        """The distinct frames of ``_option_mentions``, each with the sentences it is in: a frame is tried once per
        sentence asked about, not once per mention (a long text repeats its frames, and trying each mention made it
        quadratic in its sentences)."""
        frames: dict[tuple, tuple[list[str], list[str], set[int]]] = {}
        for j, left, right in self._option_mentions:
            frames.setdefault((tuple(left), tuple(right)), (left, right, set()))[2].add(j)
        return list(frames.values())

    @cached_property
    def _option_mentions(self) -> list[tuple[int, list[str], list[str]]]:
        """(sentence, up to three words before, the words after) of each mention of an option that has words
        enough either side to frame it: up to three on the right, up to the first punctuation (what follows "...
        to the rough-legged hawk:" is that organism's own path); at least two on the left, no punctuation there
        but a comma (*So, the green algae is a producer.*)."""
        found = []
        for j, other in enumerate(self._frames):
            for name in self._option_names:
                for k in range(len(other) - len(name) + 1):
                    if other[k] != name[0] or other[k:k + len(name)] != name:
                        continue
                    left, right = other[max(0, k - 3):k], other[k + len(name):k + len(name) + 3]
                    stop = next((p for p, t in enumerate(right) if not t[0].isalnum()), None)
                    right = right[:stop + 1] if stop is not None else right
                    if len(left) < 2 or not right or len(left) + len(right) < 4 or \
                            any(not t[0].isalnum() and t != "," for t in left):
                        continue
                    found.append((j, left, right))
        return found

    @_per_sentence
    def _about_a_choice(self, i: int) -> bool:
        sentence = self._span(i)
        if self._content(sentence) & self.choice_words:
            return True
        return i > 0 and bool(_PRONOUN_START.match(sentence)) and self._about_a_choice(i - 1)

    def _restated(self, text: str, src: list[str]) -> list[tuple[int, int]]:
        """Character spans of ``text`` inside a run of at least min_restated words copied from ``src`` (the
        source's words, lower-cased). Only a window of n words that are all the source's can be one of its runs."""
        n = self.rules.min_restated
        if len(src) < n:
            return []
        low = [t.lower() for t in _TOKEN.findall(text)]
        grams = None                                # the source's windows, built once a window may be one
        ends = []                                   # the last word of each window found in the source
        known = 0                                   # how many words up to k the source has, in a row
        for k, word in enumerate(low):
            known = known + 1 if word in self.given_words else 0
            if known >= n:
                if grams is None:
                    grams = {tuple(src[j:j + n]) for j in range(len(src) - n + 1)}
                if tuple(low[k - n + 1:k + 1]) in grams:
                    ends.append(k)
        if not ends:
            return []
        toks = list(_TOKEN.finditer(text))          # the same words, with their places
        spans: list[list[int]] = []
        for k in ends:
            s, e = toks[k - n + 1].start(), toks[k].end()
            if spans and s <= spans[-1][1]:
                spans[-1][1] = e
            else:
                spans.append([s, e])
        return [(s, e) for s, e in spans]

    # -- the verdict -------------------------------------------------------------------------------------------
    def centrality(self, pos: int) -> int:
        """How directly the answer rests on the sentence at ``pos``: 0 when it answers (opens a conclusion, or
        names every content word of the answer with a word of the question: *The jersey is made of polyester.*;
        a sentence that goes on with a pronoun names what its antecedent names), 1 when it names the answer alone
        (*Polyester is a strong and light synthetic fabric.*), is a step of the reasoning or takes up two or more
        of the question's words, 2 otherwise. Only where the problem gives options: without them (GSM8K) every
        line feeds the answer, and every sentence is 0.

        A kind that may edit any sentence (negation) keeps the candidates of its best rank (snaug/engine.py): in a
        blind audit of 888 ScienceQA negations, 6 of 463 edits in rank-0 sentences were rejected (3 of them skipped
        or repaired since by other guards), 26 of 343 in rank 1 and 17 of 82 in rank 2 (framing, background and side
        remarks that are on the topic but not the answer: *In a table, each cell gives information ...*, *Melted
        rock is a hot, thick liquid.*).
        """
        if not self.active or not self.choices:
            return 0
        i, start, _ = self._sentence(pos)
        rank = self._centrality(i)
        return rank + 1 if rank < 2 and self._side_part(i, pos - start) else rank

    def _side_part(self, i: int, offset: int) -> bool:
        """Whether ``offset`` in sentence i lies in a part of it (a joined clause, or an item of a list after a
        colon: ``clause_joints``) that shares no content word with the answer while another part does: *the handle
        is made of wood* beside *the head is made of rubber*, for "Which material is this spatula made of?"."""
        answer = self._content(self.answer)
        if self.rules.joint is None or not answer:
            return False
        sentence = self._span(i)
        cuts = [m.start() for m in self.rules.joint.finditer(sentence)]
        colon = sentence.find(": ")
        if colon >= 0:                  # the items of a list: each comma after the colon
            if offset < colon:
                return False            # what introduces the list holds every item, the answer's too
            cuts += [colon] + [m.start() for m in _ITEM_COMMA.finditer(sentence, colon)]
        if not cuts:
            return False
        bounds = [0, *sorted(set(cuts)), len(sentence)]
        parts = [(a, b, bool(self._content(sentence[a:b]) & answer)) for a, b in zip(bounds, bounds[1:]) if a < b]
        here = next((named for a, b, named in parts if a <= offset < b), True)
        return not here and any(named for _, _, named in parts)

    def best_centrality(self, start: int, end: int) -> int:
        """The best ``centrality`` of a sentence overlapping ``text[start:end]``."""
        if not self.active or not self.choices:
            return 0
        first, last = self._sentence(start)[0], self._sentence(max(start, end - 1))[0]
        return min(self._centrality(i) for i in range(first, last + 1))

    @_per_sentence
    def _centrality(self, i: int) -> int:
        words = self._content(self._span(i))
        # a sentence that goes on with a pronoun is about what the sentence it goes on from names (*An earthworm
        # is an invertebrate. It does not have a backbone.*)
        named = words | self._content(self._span(self._entity(i)))
        answer = self._content(self.answer)
        if self._names_answer_by_place(i):
            named = named | answer
        asked = len(words & self.question_words)
        # the kind the question asks which of is no tie to the question: *Metal is a tough material.* names
        # the answer and "material" (for "Which material is this spring made of?"), and answers nothing
        about = words & (self.question_words - self.asked_kinds)
        if answer and answer <= named and (about or self._fills_the_slot(i)):
            return 0
        own = 1 if (answer and answer <= named) or self._premise(i) or asked >= 2 else 2
        if self._concludes(i):
            # *This means that they are active at night* unpacks the sentence before it, and rests on the answer
            # no more directly than that sentence does (*Tiger sharks are nocturnal*, a remark beside *A tiger
            # shark is a fish*); *So, ...* concludes from the whole reasoning
            pointing = i > 0 and self.rules.pointing is not None and self.rules.pointing.match(self._span(i))
            return min(own, self._centrality(i - 1)) if pointing else 0
        return own

    def _names_answer_by_place(self, i: int) -> bool:
        """Whether sentence i names the answer by its place among the choices (*The second text uses literally in
        its traditional sense*, where the second choice is the answer)."""
        if self.rules.position is None:
            return False
        choices, answer = self._example.choices, self._example.answer
        for m in self.rules.position.finditer(self._span(i)):
            word = m.group(1).lower()
            if (len(choices) - 1 if word == "last" else _ORDINALS[word]) == answer:
                return True
        return False

    def _fills_the_slot(self, i: int) -> bool:
        """Whether sentence i puts the answer right after two words of the question, function words too: *the head
        is made of rubber* for "Which material is this spatula made of?" (*made* is a stop word, so no content word
        of the question shows it)."""
        found = self._answer_pattern.search(self._span(i).lower()) if self._answer_pattern else None
        if found is None:
            return False
        before = _WORD.findall(self._span(i).lower()[:found.start()])[-2:]
        return len(before) == 2 and set(before) <= self._question_tokens and not set(before) <= _FRAME_WORDS

    @cached_property
    def _answer_pattern(self) -> re.Pattern | None:
        return re.compile(r"(?<!\w)" + re.escape(self.answer) + r"(?!\w)") if self.answer else None

    @cached_property
    def _question_tokens(self) -> set[str]:
        return {w.lower() for w in _WORD.findall(self.question)}

    def in_restated(self, start: int, end: int) -> bool:
        """Whether the span's whole sentence is copied from the question or context. A run inside a sentence of
        the rationale's own (*It has feathers, two wings, and a beak* after the context's *Birds have feathers,
        two wings, and a beak*) applies the problem's rule to a case: that is reasoning, not a quotation."""
        if not self.active:
            return False
        found = self._restated_at.get((start, end))
        if found is None:
            found = self._restated_at[(start, end)] = self._in_restated(start, end)
        return found

    def _in_restated(self, start: int, end: int) -> bool:
        i, lo, hi = self._sentence(start)
        if i not in self._sentences:
            words = list(_TOKEN.finditer(self.text, lo, hi))
            if not words:
                self._sentences[i] = None
            else:
                # A sentence of the question rewritten (*Here is one way to fix the sentence fragment: During the
                # construction of Mount Rushmore, ... pounds of rock were removed ...*): almost all its words are
                # the input's.
                low = [w.group().lower() for w in words]
                rewritten = len(low) >= 2 * self.rules.min_restated and \
                    sum(w in self.given_words for w in low) >= self.rules.restated_share * len(low)
                self._sentences[i] = (words[0].start(), words[-1].end(), rewritten)
        reading = self._sentences[i]
        if reading is None:
            return False
        first, last, rewritten = reading
        return rewritten or any(s <= first and last <= e and s <= start and end <= e for s, e in self.restated)

    def _quotes_an_instance(self, start: int, end: int, s: int, e: int) -> bool:
        """Whether the span lies in a parenthesis right after a word for a piece of evidence, quoting its instance
        (*It uses a specific figure (an average of $300 a year).*, of an ad the rationale does not show): the
        reasoning rests on what kind of evidence it is, not on its value. A calculation there is a step."""
        if self.rules.instance is None:
            return False
        return any(m.start(1) <= start and end <= m.end(1) and not _CALCULATION.search(m.group(1))
                   for m in self.rules.instance.finditer(self.text, s, e))

    def counts_the_setup(self, start: int, end: int) -> bool:
        """Whether the number at ``text[start:end]`` counts the kind of thing the question asks *which* of (*Each
        particle in the two samples* for "Which sample has ...?", *The belt is made of two materials* for "Which
        material ...?", *Shale and slate are two rocks* for "What type of rock ...?"), or restates the question's own
        count (*all three objects* for "these three objects"), or counts the options themselves (*All three bowls of
        oatmeal* where each of the three options is a bowl of oatmeal): with options, that count is the
        problem's setup, not a claim of the reasoning, and a changed count is a slip the conclusion does not rest on.
        Other counts of things the question names (*fell by 8,000 people*, *four rocky planets*) are claims. A
        concluding sentence keeps its numbers; measure words (*ten times as great*) are not things counted."""
        if not (self.active and self.choices):
            return False
        # the words after it, up to three and not past a comma or a stop ("two famous Renaissance artists")
        following = _WORD.findall(re.split(r"[,.;:!?]", self.text[end:end + 50])[0])[:3]
        if following and re.search(rf"(?<!\w){re.escape(self.text[start:end])}\s+{re.escape(following[0])}(?!\w)",
                                   self.question, re.IGNORECASE):
            return True                           # "all three objects" for "these three objects": the question's count
        i, _, _ = self._sentence(start)
        if self._concludes(i):
            return False
        forms = _forms(following)
        if forms & self.asked_kinds and not forms & self.rules.not_counted:
            return True
        return self._counts_the_options(self.text[start:end], following)

    def lecture_count(self, start: int, end: int) -> bool:
        """Whether the number at ``text[start:end]`` counts things in a sentence of the lecture's own (*Vague pronoun
        references can be corrected in one of two ways*, *Two verbs are irregular in the present tense*, *Each pea
        plant has two alleles* for a trout's phenotype). A lecture is the skill's background, the same for every
        problem of the skill, and its counts are facts about the world that no step of this problem's reasoning takes:
        the problem's own counts are in the question, the context and the solution. Blind judges split on such edits
        (four in five passed; six in seven where the solution or the problem names the counted thing), so none is
        offered. A measurement (*1 kilogram*, *70°F*), a calculation, and a description of the problem's image
        (its counts are the problem's own) are not lecture counts."""
        if not (self.active and self.lecture_end and start < self.lecture_end):
            return False
        i, s, e = self._sentence(start)
        if self._describes(i) or _CALCULATION.search(self.text, s, e):
            return False
        return bool(_counted_nouns(self.text[end:end + 60], digits=any(c.isdigit() for c in self.text[start:end])))

    def dates_an_event(self, start: int, end: int) -> bool:
        """Whether the time at ``text[start:end]`` (its unit inside or right after) says when something happened: in
        a clause that one of ``time_frame_openers`` opens (*She moved to Arizona when she was six months old*) or
        before one of ``time_frame_closers`` (*two years ago*), where the question and its choices ask nothing of
        time. The reasoning rests on the event (her family came from Mexico), not on its date."""
        rules = self.rules
        if not (self.active and self.choices and rules.time_units) or self.computes:
            return False
        after = [w.lower() for w in _WORD.findall(self.text[end:end + 40])][:3]
        if not ({w.lower() for w in _WORD.findall(self.text[start:end])} | set(after[:1])) & rules.time_units:
            return False
        asked = [w.lower() for w in _WORD.findall(f"{self.question}\n" + "\n".join(self._example.choices))]
        if set(asked) & (rules.time_units | rules.time_frame_openers | {"long"}):
            return False                                   # "How long ...?", "When ...?", "six years": time is asked
        opened = max((self.text.rfind(ch, 0, start) for ch in ",;.!?\n"), default=-1) + 1
        before = {w.lower() for w in _WORD.findall(self.text[opened:start])}
        return bool(before & rules.time_frame_openers or set(after) & rules.time_frame_closers)

    def restates_a_setup_quantity(self, start: int, unit_start: int, end: int) -> bool:
        """Whether the quantity at ``text[start:end]`` (its unit from ``unit_start``) restates the context's setup
        once: the context gives that number with that unit, the question and its choices do not, and the rationale
        neither uses the quantity again nor computes or concludes with it. *observed the weather station's accuracy
        after 24 hours* (the context: *after 24 hours at 50°C*) when the question asks what the test can show: the
        duration is how the test was run, not what the answer rests on. A force the rationale restates and then
        compares (*350 N and 380 N*, then *350 N is less*) is used again. The same number counting something else
        (*after two days* beside *the two types of leaves*) is not the quantity used again."""
        if not (self.active and self.choices) or self.computes:
            return False
        i, _, _ = self._sentence(start)
        if self._concludes(i):
            return False
        number, unit = self.text[start:unit_start].strip(), self.text[unit_start:end].strip()
        if not number or not unit:
            return False
        stem = unit[:-1] if len(unit) > 3 and unit.lower().endswith("s") else unit
        quantity = re.compile(rf"(?<![\w.]){re.escape(number)}[\s-]*{re.escape(stem)}", re.IGNORECASE)
        example = self._example
        asked = f"{example.question}\n" + "\n".join(example.choices)
        return bool(quantity.search(example.context or "")) and not quantity.search(asked) and \
            len(quantity.findall(self.text)) == 1

    def _counts_the_options(self, number: str, following: list[str]) -> bool:
        """Whether the number counts the options themselves: its value is how many there are and the noun after it
        names what every option is (*All three bowls of oatmeal have the same mass* where the three options are
        each "a bowl of oatmeal at ..."). The problem sets that count out, the reasoning compares the options.
        Options that count the noun themselves (*six years*, *four years*, ...) are quantities, and the number
        that matches their count is the answer (*Four years passed*), not the setup."""
        if not following or _stem(following[0]) in self.rules.stopwords:
            return False
        value = int(number) if number.isdigit() else _SMALL_NUMBERS.get(number.lower())
        choices = self._example.choices
        if value != len(choices):
            return False
        noun = _forms(following[:1])
        for choice in choices:
            tokens = _TOKEN.findall(choice)
            if not noun & _forms(_WORD.findall(choice)) or any(
                    _NUMBER.fullmatch(a) and _forms([b]) & noun for a, b in zip(tokens, tokens[1:])):
                return False                      # options that count the noun ("four years") are quantities
        return True

    def side_detail(self, start: int, end: int, reused: bool = False) -> str:
        """Why ``text[start:end]`` is not part of the rationale's claim, or "". ``reused``: the caller found the
        span's value used again elsewhere in the rationale, so a restatement of it is a premise."""
        if not self.active:
            return ""
        i, s, e = self._sentence(start)
        if (self.rules.example and self.rules.example.match(self.text, s)) or self._quotes_an_instance(start, end, s, e):
            return "an example, not the claim"
        if self.rules.word_talk and self.rules.word_talk.search(self._span(i)) and _WORD_NOUN.search(self._span(i)) \
                and not _MEANING.search(self.question):
            return "an aside on where a word comes from"
        first_last = self._quoted_passage
        if first_last and first_last[0] <= i <= first_last[1]:
            return "the problem's passage, quoted"          # "Read the passage carefully. Scientists face ..."
        if self.rules.instruction and self.rules.instruction.match(self.text, s) and \
                not _CALCULATION.search(self.text, s, e):
            return "an instruction to the reader"     # "Think about two of the forces that act on the umbrella"
        if i > 0 and self.rules.instruction and _PERSONAL_START.match(self._span(i)) and \
                _READER.search(self._span(i)) and self.rules.instruction.match(self._span(i - 1)) and \
                not _CALCULATION.search(self.text, s, e):
            return "an instruction to the reader"     # "Look at the text in bold below. It tells you the best way ..."
        if self._plan(i) and not _CALCULATION.search(self.text, s, e) and not self._concludes(i):
            return "framing (the writer's plan, not a claim)"   # "I will compare the distances in the two pairs"
        if self._describes(i) and not self._premise(i) and not self._names_the_answer(i) and \
                not self._measured(start, end):
            return "describes the image (the problem's input)"   # "The image shows young tomato seedlings ..."
        category = self.rules.category and self.rules.category.match(self._span(i))
        if category and _forms([category.group(1)]) & self.question_words and not self._concludes(i):
            return "framing (files a thing under the question's own category)"
        if self.in_restated(start, end):
            if reused or self.computes or self._leads_to_conclusion(i) or self._names_the_answer(i):
                # reasoned with, or naming the answer ("Castor canadensis has the same scientific name as a North
                # American beaver"): the rationale's own claim, in the question's words
                return ""
            return "restated from the question or context"
        if self._span(i).rstrip().endswith("!") and not self._premise(i):
            return "side detail (an aside)"       # "They build nests that can be up to 13 feet wide!"
        if self._aside_question is not None and self._aside_question <= i:
            return "side detail (an aside the rationale asks itself)"   # "Why does Papua New Guinea share its island"
        if self._parallel_to_an_option(i) and not _CALCULATION.search(self._span(i)):
            return "side detail (said of something that is not an option)"
        if self._added_remark(i):
            return "side detail (a further remark on the answer)"
        if self._after_the_verdict(i):
            return "side detail (a remark after the verdict on that thing)"
        if self._conceded(i):
            return "side detail (a concession the next sentence takes back)"
        if self._is_tied(i):
            return ""
        if self._about_a_choice(i):
            return "side detail (a remark on an option, not the question)"
        if self.choices:
            return "side detail (not about the question, its answer or the reasoning)"
        return ""


_COUNTED = re.compile(r"[ \t]+[A-Za-z]")           # a word after the count, not "°F", "-kilogram", "%"
# Words between a count and what it counts: "two or more substances", "all five of these properties".
_COUNT_FILLER = frozenset({"or", "more", "fewer", "less", "of", "these", "those", "the", "its", "their", "such"})


def _counted_nouns(after: str, digits: bool = True) -> list[str]:
    """The nouns of the phrase a count opens, read off the words after it up to the first function word or mark:
    *ways* in "two ways:", *spellings* in "two different spellings.", *verbs* in "Two verbs are irregular". A word is
    a noun where lemminflect's tables know it as one or do not know it at all (*alleles*): the tables, not the tags,
    so the verdict is the same whichever sentences were parsed. ``digits``: the number is written in digits, so a
    unit after it makes a measurement (*5 mm*); after a number word pint's registry is too wide a net (*two poles*,
    *two hands* are counts, though pint knows a pole and a hand as lengths)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from .nlp import all_lemmas

    if not _COUNTED.match(after):
        return []                                 # "70°F", "2-kilogram", "25%": a measurement, not a count
    words = _WORD.findall(re.split(r"[,.;:!?()\u2014]", after, maxsplit=1)[0])[:6]
    while words and words[0].lower() in _COUNT_FILLER:
        words.pop(0)
    phrase = []
    for word in words:
        if word.lower() in STOP_WORDS:
            break
        phrase.append(word)
    if phrase and digits and names_a_unit(phrase[0]):
        return []                                 # "5 mm apart", "40 mL of solvent"
    nouns = []
    for word in phrase:
        found = all_lemmas(word.lower())
        if not found or "NOUN" in found:
            nouns.append(word)
    return nouns


def question_share(sentence: str, question: str) -> float:
    """The share of ``sentence``'s content words (spaCy's English stop words aside) that ``question`` has too: how
    much the sentence restates the question with its answer (*The figurine is made of clay.* 1.0 for *Which
    material is this figurine made of?* + *clay*; *When clay dries out, it can become very hard.* 1/3)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    def content(text):      # a stop word is known by its own form: "this" stemmed is "thi", no stop word
        return {_stem(w) for w in _WORD.findall(text) if w.lower() not in STOP_WORDS and len(_stem(w)) >= 3}

    words = content(sentence)
    return len(words & content(question)) / len(words) if words else 0.0
