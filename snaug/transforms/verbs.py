"""How a verb stands in its clause, read from a parse that a weak tagger made: which form it has (finite, a
participle, a noun read as a verb), what its clause is (a reduced relative, an object relative, a label), where the
clause ends, and its base form checked against the inflection lexicon.

Negation asks these before it adds or removes a *not*: each answers from the words as well as the tags, since the
shared pipeline tags about one word in fifteen wrongly (../shared/README.md), and a wrong reading is a skip.
"""
from __future__ import annotations

import re

from ..nlp import (AUX_FORMS, all_lemmas, has_parse, has_sentences, has_subject, inflections,
                   is_aux, is_negator, is_root, is_subject, lemma_of, lemmas, sentence_bounds,
                   token_lowers, token_texts, upos, verb_tag)

# Finite "be" takes "not" directly even where a tagger calls it a main verb ("there is" → "there is not").
BE_FORMS = frozenset({"am", "is", "are", "was", "were"})
HAVE_FORMS = frozenset({"has", "have", "had"})
CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "—", "–", "\n"})
# words that open a noun phrase and no clause ("each" and numbers may be a subject: "they each paid", "20 joined")
NOUN_OPENERS = frozenset({"the", "a", "an", "these", "those", "his", "her", "their", "its", "our", "my", "your"})


def superlative(tok) -> bool:
    """*lowest*, *best*: by tag, or by form where the tagger says otherwise."""
    low = tok.lower_
    return tok.tag_ in ("JJS", "RBS") or (low.endswith("est") and all_lemmas(low).get("ADJ", (low,))[0] != low)


def aux_form(tok) -> bool:
    """Auxiliaries are a closed class: a tagger calling *weighs* a modal does not make it one."""
    return aux_word(tok.lower_)


def aux_word(lower: str) -> bool:
    """``aux_form`` on a word already lower-cased."""
    return lower.replace("’", "'") in AUX_FORMS


def clause_end(doc, i: int) -> int:
    """The index after the last token of the clause that goes on at ``i`` (up to a comma, semicolon or sentence end)."""
    end = sentence_bounds(doc[i - 1])[1] if i and has_sentences(doc) else len(doc)
    texts = token_texts(doc)
    for j in range(i, end):
        if texts[j] in CLAUSE_BREAKS or "\n" in texts[j] or texts[j] in (".", "!", "?"):
            return j
    return end


def lexical_head(tok):
    """The verb an auxiliary belongs to (the next verb within three words), or ``tok`` itself."""
    if not is_aux(tok):
        return tok
    doc = tok.doc
    for j in range(tok.i + 1, min(tok.i + 4, len(doc))):
        if upos(doc[j]) == "VERB":
            return doc[j]
    return tok


def label_clause(tok) -> bool:
    """A clause as the end of a *from ... to ...* range is a label, not a claim: *An arrow points from Railroad
    owners buy a machine to John Henry challenges the machine* (ScienceQA's event chains). A clause cannot be the
    object of a preposition otherwise, so only a range counts: *the particles in the two samples have* is a
    subject with its own prepositional phrase."""
    doc = tok.doc
    start, end = sentence_bounds(tok) if has_sentences(doc) else (0, len(doc))
    words = token_lowers(doc)[start:end]
    if "from" not in words or "to" not in words:
        return False
    starts = []
    subject = subject_of(tok)
    if subject is not None:
        starts.append(min(t.i for t in subject.subtree))
    j = tok.i - 1                           # and on the words, for a parse that hangs the subject elsewhere
    while j >= 0 and upos(doc[j]) in ("NOUN", "PROPN", "ADJ", "NUM"):
        j -= 1
    if j < tok.i - 1:
        starts.append(j if j >= 0 and upos(doc[j]) == "DET" else j + 1)
    for first in starts:
        if 0 < first <= tok.i:
            before = doc[first - 1]
            if before.lower_ in ("from", "to") and doc[first].text[:1].isupper():
                return True                 # a label starts like a sentence: "from Railroad owners buy ..."
    return False


def absolute_with(tok) -> bool:
    """*with* opening an absolute clause (*with half of the flasks containing cinnamon*): *without* there is not
    its opposite but nonsense. A participle within a short noun phrase after it marks one."""
    doc = tok.doc
    for j in range(tok.i + 1, min(tok.i + 8, len(doc))):
        word = doc[j]
        if verb_tag(word) in ("VBG", "VBN") and j > tok.i + 1:
            return upos(doc[j - 1]) in ("NOUN", "PROPN", "PRON", "ADV")
        if upos(word) not in ("DET", "NUM", "ADJ", "NOUN", "PROPN", "PRON", "ADV") and word.lower_ != "of":
            return False
    return False


def reduced_relative(tok) -> bool:
    """A past form that is also a participle, right after its noun, with the clause's own finite *be* or *have*
    later on (*The amount paid to the teacher per day is $25*): a participle modifying the noun, whatever the tag
    says; *did not pay* there is not English. Read on the words: a weak parser makes *paid* the root."""
    doc = tok.doc
    if not tok.i or upos(doc[tok.i - 1]) not in ("NOUN", "PROPN"):
        return False
    for j in range(tok.i + 1, clause_end(doc, tok.i + 1)):
        word = doc[j]
        if word.lower_ in BE_FORMS or (word.lower_ in HAVE_FORMS and upos(word) == "AUX") or \
                (is_aux(word) and word.lower_ not in ("to",)):
            return True
        if upos(word) in ("VERB",) and verb_tag(word) in ("VBZ", "VBP", "VBD"):
            return False                                    # another finite verb first: a clause of its own
    return False


CLAUSE_OPENERS = frozenset({"which", "that", "who", "whom", "whose"})


def participle_after_object(tok) -> bool:
    """A past form that is also a participle, right after a noun (or after *still* behind it), in a clause whose
    finite *be* or *have* comes before that noun (*Mary had 75 - 15 = 60 dollars left*, *There are 12 cheerleaders
    left*, *There were 78 oranges left uneaten*): the noun is what the clause has or what there is, and the
    participle says what became of it (*left* is what remains). *did not leave* there is not English. So it is
    when a base form takes the noun as its object (*Now find the city labeled Rome*). The same holds after any finite
    verb whose object a calculation works out (*Ziggy gets 30 - 28 = 2 rap songs requested*). A
    noun with no such verb before it in its clause is the subject (*In her final year, 15 students left her class*)."""
    doc = tok.doc
    j = tok.i - 1
    if j > 0 and doc[j].lower_ == "still":
        j -= 1
    if j < 0 or upos(doc[j]) not in ("NOUN", "PROPN"):
        return False
    if upos(doc[j]) == "NOUN" and calculated_quantity(doc, j) and _ends_a_step(doc, tok.i + 1):
        return True                                     # "1 + 2 = 3 days of school missed 72 - 3 = ...": what the
        #                                                 sum counts, not "5 students left the class"
    for k in range(j - 1, max(-1, j - 25), -1):
        word = doc[k]
        if word.is_punct and word.text not in ("-", "–", "/", "$", "=", "+", "*", "%", "<", ">") or \
                "\n" in word.text_with_ws or word.lower_ in CLAUSE_OPENERS:
            return False                                # the clause begins here
        if word.lower_ in BE_FORMS or word.lower_ in HAVE_FORMS:
            return True
        if upos(word) == "VERB" and verb_tag(word) == "VB" and \
                all(upos(w) in ("DET", "NUM", "ADJ", "NOUN", "PROPN") for w in doc[k + 1:j]):
            return True                                 # "Now find the city labeled Rome": the base form's object
        if upos(word) == "VERB" and verb_tag(word) in ("VBZ", "VBP", "VBD"):
            # another verb first: its object may be the subject of a clause (*said 15 students left*), unless the
            # noun is what a calculation after that verb comes to (*gets 30 - 28 = 2 rap songs requested*)
            return upos(doc[j]) == "NOUN" and calculated_quantity(doc, j)
    return False


_ANNOTATED_RESULT = re.compile(r"=[\d.,]+>>[\d.,]+$")      # GSM8K's "<<30-28=2>>2", tokenised as "...1=2>>2"


def _ends_a_step(doc, i: int) -> bool:
    """Whether nothing of the clause follows ``i``: the end, a punctuation mark, or a number that opens the next
    calculation (GSM8K writes its steps without stops: "= 3 days of school missed 72 days of school – 3 days ...")."""
    if i >= len(doc) or doc[i].is_punct or "\n" in doc[i - 1].whitespace_:
        return True
    return doc[i].like_num and any(t.text in ("+", "-", "–", "*", "/", "x", "×", "=") or t.text.startswith("<<")
                                   for t in doc[i + 1:i + 8])


def calculated_quantity(doc, j: int) -> bool:
    """Whether the noun at ``j`` ends a quantity that a calculation comes to: "= 2 rap songs", "= <<30-28=2>>2 rap
    songs", "= 3 days of school" (a number right after the "=" or the calculator's annotation, then nouns and
    adjectives, and "of")."""
    k = j - 1
    while k >= 0 and (upos(doc[k]) in ("NOUN", "ADJ") or doc[k].lower_ == "of"):
        k -= 1
    if k < 0:
        return False
    if _ANNOTATED_RESULT.search(doc[k].text):
        return True
    return doc[k].like_num and k > 0 and (doc[k - 1].text == "=" or doc[k - 1].text.endswith(">>"))


def object_relative(tok) -> bool:
    """Whether ``tok`` is the verb (or first auxiliary) of a relative clause whose object is its head noun.

    *the number he has now*, *the spoons Carolyn has:*, *the miles that Terry drives daily*, *any container it
    is in*: a noun, optionally *that*/*which*, a pronoun or name as subject, then the verb with no object after
    it. Negating such a clause changes which thing is meant, not what is claimed of it.
    """
    doc = tok.doc
    j = tok.i - 1
    if j > 1 and upos(doc[j]) == "ADV" and doc[j].lower_ != "there":
        j -= 1                                          # "the 45 minutes that Jimmy already used"
        if doc[j].lower_ in CLAUSE_OPENERS:
            return False                                # "a phrase that humorously suggests": its subject
    if j < 1 or doc[j].lower_ in ("there", "it's"):
        return False
    if upos(doc[j]) in ("PRON", "PROPN") or name_spelled(doc, j):     # a tagger may call "Carmen" a plural noun
        k = j - 1
        while k >= 0 and (upos(doc[k]) == "PROPN" or name_spelled(doc, k)) and \
                (upos(doc[j]) == "PROPN" or name_spelled(doc, j)):
            k -= 1                                      # a two-word name: "the miles Mary Ann drives"
    elif upos(doc[j]) == "NOUN":                        # "the ducklings the first two ducks have:"
        k = j - 1
        while k >= 0 and upos(doc[k]) in ("NUM", "ADJ", "NOUN"):
            k -= 1
        if k < 0 or upos(doc[k]) != "DET" or doc[k].lower_ in ("that", "which"):
            return False
        k -= 1
    else:
        return False
    if k >= 0 and doc[k].lower_ in ("that", "which", "whom"):
        k -= 1
    if k < 0 or not (upos(doc[k]) == "NOUN" or "NOUN" in all_lemmas(doc[k].lower_)):   # "goldfish" tagged ADJ
        return False
    verb = lexical_head(tok)
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in ("more", "less", "fewer") and verb.i + 2 < len(doc) and \
            doc[verb.i + 2].lower_ == "than":
        return True                 # "the number of pencils that Colleen has more than Joy": the object is the noun
    if nxt is not None and _time_adverbial(doc, verb.i + 1):
        return True                 # "the number of mice the snake eats each year": when, not what
    return nxt is None or (upos(nxt) not in ("DET", "NUM", "NOUN", "PRON", "PROPN", "ADJ")
                           and nxt.text not in ("$", "£", "€") and not nxt.like_num)


# "each year", "both days", "every two weeks": a noun phrase that says when, not what (it is no object).
_WHEN_DETERMINERS = frozenset({"each", "every", "both", "per", "this", "last", "next", "all"})
_TIME_NOUNS = frozenset({"year", "day", "week", "month", "hour", "minute", "second", "night", "morning", "evening",
                         "afternoon", "time", "season", "weekend", "decade", "semester", "term"})


def _time_adverbial(doc, i: int) -> bool:
    """Whether the words from ``i`` are a time adverbial: one of the when-determiners, an optional number, then a
    time noun (*each year*, *both years*, *every 2 weeks*)."""
    if doc[i].lower_ not in _WHEN_DETERMINERS:
        return False
    j = i + 1
    if j < len(doc) and doc[j].like_num:
        j += 1
    if j >= len(doc):
        return False
    word = doc[j].lower_
    return word in _TIME_NOUNS or (word.endswith("s") and word[:-1] in _TIME_NOUNS)


def name_spelled(doc, i: int) -> bool:
    """A title-case word inside a sentence, after a lower-case word: a name by its spelling, whatever its tag."""
    word = doc[i]
    return (word.is_alpha and word.text[:1].isupper() and not word.text.isupper() and i > 0
            and doc[i - 1].is_alpha and doc[i - 1].text[:1].islower())


def subject_of(tok):
    """The subject of the clause whose auxiliary or verb is ``tok``, from the parse; None if there is none."""
    if not has_parse(tok.doc):
        return None
    for head in (tok, tok.head):
        for child in head.children:
            if is_subject(child) and child.dep_ != "expl":
                return child
    return None


_SUBJECT_OPENERS = frozenset({"the", "this", "that", "each", "every", "a", "an"})


def subject_by_position(tok) -> bool:
    """Whether a finite verb opens its sentence's predicate right after a plain noun phrase that opens the sentence
    (*The second text uses can in its traditional sense*), the noun agreeing with the verb: that phrase is its
    subject whatever the parse says. A word talked about (*can*) leads the parser astray (*uses* parsed as a
    subject); the tags and the word order are not fooled."""
    doc = tok.doc
    start = sentence_bounds(tok)[0] if has_sentences(doc) else 0
    words = doc[start:tok.i]
    if not 2 <= len(words) <= 5 or words[0].lower_ not in _SUBJECT_OPENERS:
        return False
    head = words[-1]
    if upos(head) != "NOUN" or any(upos(w) not in ("ADJ", "NUM", "NOUN") for w in words[1:-1]):
        return False
    tag = verb_tag(tok)
    if tag not in finite_tags(tok):
        return False
    plural = head.tag_ == "NNS" or "Plur" in head.morph.get("Number") or \
        (head.tag_ not in ("NN", "NNP") and head.lower_.endswith("s") and lemma_of(head) != head.lower_)
    return tag == "VBD" or (tag == "VBZ" and not plural) or (tag == "VBP" and plural)


def have_reading(tok) -> str:
    """*have* as a main verb ("main"), a perfect auxiliary ("perfect") or either ("unclear").

    Perfect when a past participle follows (past adverbs); unclear when that participle is also an adjective
    and what follows it is not an object (*has webbed feet*, *the candies she has left is*): the lexicon and
    the tagger disagree there too often to pick one.
    """
    doc = tok.doc
    j = tok.i + 1
    while j < len(doc) and upos(doc[j]) == "ADV" and not is_negator(doc[j]) and not participle_form(doc[j]):
        j += 1                            # a past participle tagged as an adverb ("has sewn") is no adverb
    participle = doc[j] if j < len(doc) and participle_form(doc[j]) else None
    if participle is None and perfect_auxiliary(tok) and participle_form(tok.head):
        participle = tok.head
        if participle_after_object(participle):
            return "main"                 # "Haruto has 108 tomatoes left": what he has, and what became of it
    if participle is None:
        return "main"
    if "ADJ" in all_lemmas(participle.lower_):
        after = doc[participle.i + 1] if participle.i + 1 < len(doc) else None
        if after is None or upos(after) in ("NOUN", "PROPN", "ADJ", "AUX", "VERB") or (
                after.is_punct and participle.dep_ in ("relcl", "acl:relcl", "acl", "ccomp")):
            return "unclear"
    return "perfect"


def participle_form(tok) -> bool:
    if not tok.is_alpha:
        return False
    return any(tok.lower_ in inflections(lemma, "VBN") for lemma in all_lemmas(tok.lower_).get("VERB", ()))


def finite_tags(tok) -> set[str]:
    return {tag for lemma in all_lemmas(tok.lower_).get("VERB", ()) for tag in ("VBZ", "VBD", "VBP")
            if tok.lower_ in inflections(lemma, tag)}


def lexical_tag(tok) -> str:
    """The finite verb tag the inflection lexicon gives ``tok``'s form, when it gives exactly one; else ""."""
    tags = finite_tags(tok)
    return tags.pop() if len(tags) == 1 else ""


def tense_from_neighbours(tok) -> str:
    """For a form that is past and present alike (*cost*, *put*, *cut*): the tense of the nearest finite verb in
    the sentence whose form is not ambiguous ("He makes $2500 and his bills cost $1200" → present); "" if none."""
    doc = tok.doc
    subject = subject_of(tok)
    if subject is not None and (subject.lower_ in ("he", "she", "it", "this", "that") or subject.tag_ in ("NN", "NNP")
                                or "Sing" in subject.morph.get("Number")):
        return "VBD"                               # "The bill cost $5": a present would have been "costs"
    start, end = sentence_bounds(tok) if has_sentences(doc) else (0, len(doc))
    for j in sorted(range(start, end), key=lambda j: abs(j - tok.i)):
        word = doc[j]
        if word is tok or not (upos(word) in ("VERB", "AUX") or is_aux(word)):
            continue
        tags = finite_tags(word) or ({verb_tag(word)} if word.lower_ in AUX_FORMS else set())
        if word.lower_ in ("is", "are", "am", "has", "does", "do", "have", "can", "will"):
            tags = {"VBP"}
        elif word.lower_ in ("was", "were", "had", "did", "could", "would"):
            tags = {"VBD"}
        if tags == {"VBD"}:
            return "VBD"
        if tags and tags <= {"VBZ", "VBP"}:
            return "VBP"
    return ""


def modifies_next_noun(tok) -> bool:
    """A past participle between a determiner (and a number after it) and a noun (*the 8 graded tests*, *the used
    crayons*): it modifies the noun, whatever the tag says. A bare number before it may be the subject (*20 joined
    the club*), and a weak parser's *amod* is no evidence either (*Grace mowed lawns*)."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None or upos(nxt) not in ("NOUN", "PROPN") or not participle_form(tok) or not tok.i:
        return False
    j = tok.i - 1
    if doc[j].like_num and j:
        j -= 1
    return doc[j].lower_ in NOUN_OPENERS


def noun_read_as_verb(verb) -> bool:
    """A form that is also a noun, tagged a verb where a noun fits better: right after a bare number (*= 13
    objects*), right before another verb (*which grasses grow*), or closing the first half of a correlative
    subject (*Both magnet size and distance affect ...*: a verb cannot sit between *both* and its *and*)."""
    if "NOUN" not in all_lemmas(verb.lower_):
        return False
    doc = verb.doc
    prev = doc[verb.i - 1] if verb.i else None
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in CORRELATIVE_PAIRS.values():
        start = sentence_bounds(verb)[0]
        opener = next((t for t in reversed(doc[start:verb.i]) if t.lower_ in CORRELATIVE_PAIRS), None)
        if opener is not None and CORRELATIVE_PAIRS[opener.lower_] == nxt.lower_ and not any(
                upos(t) in ("VERB", "AUX") for t in doc[opener.i + 1:verb.i]):
            return True
    if prev is not None and verb.i >= 2 and verb.lower_.endswith("s") and \
            (upos(prev) == "ADJ" or prev.tag_ == "NN" or (upos(prev) == "NOUN" and not prev.lower_.endswith("s"))):
        before = doc[verb.i - 2]
        count = before.text.replace(",", "")
        if (upos(before) == "NUM" or count[:1].isdigit()) and before.lower_ not in ("one", "1") and \
                not (verb.i >= 3 and doc[verb.i - 3].lower_ in ("by", "x", "×")):
            # a count above one: the singular word after it modifies the noun ("3 gold coins"); "1 truck uses"
            # and "one pizza costs" have their verb; "The second text uses" has no count; "10 by 8 painting" a size
            return True             # "3 gold coins at 50 dollars": a number, a modifier, then a plural noun's form
    return (prev is not None and (upos(prev) == "NUM" or prev.like_num)) or (nxt is not None and upos(nxt) == "VERB")


CORRELATIVE_PAIRS = {"both": "and", "either": "or", "neither": "nor"}


def ends_with_question_mark(text: str, sent) -> bool:
    """``sent.text.rstrip().endswith("?")`` read off the example's text: ``Span.text`` rebuilds it token by token."""
    doc = sent.doc
    last = doc[sent.end - 1]
    return text[doc[sent.start].idx:last.idx + len(last.text)].rstrip().endswith("?")


def sentence_lookup(doc, question_starts: set[int]):
    if not question_starts:
        return lambda tok: False
    return lambda tok: sentence_bounds(tok)[0] in question_starts


def nxt_is(tok, test) -> bool:
    return tok.i + 1 < len(tok.doc) and test(tok.doc[tok.i + 1])


def perfect_auxiliary(tok) -> bool:
    """*has* in *has shown* (its head is a later participle), not *has fins* (a main verb, whatever the tag)."""
    head = tok.head
    return head is not tok and head.i > tok.i and verb_tag(head) in ("VBN", "VBD") and upos(head) in ("VERB", "AUX")


def plain_finite(verb) -> bool:
    """A finite verb with its own subject and no auxiliary: a conjunct may share its subject (*left and came*)."""
    return (verb_tag(verb) in ("VBZ", "VBD", "VBP") and has_subject(verb)
            and not any(is_aux(c) and c.i < verb.i for c in verb.children))


def rescued_verb(tok) -> bool:
    """A sentence root tagged as a plural noun that has a subject and is a verb's -s form (*Water boils*)."""
    if upos(tok) != "NOUN" or not is_root(tok) or not has_subject(tok):
        return False
    lemmas = all_lemmas(tok.lower_).get("VERB", ())
    return any(tok.lower_ in inflections(lemma, "VBZ") for lemma in lemmas)


def verb_lemma(tok, tag: str) -> str | None:
    """The base form of a finite verb, checked against the inflection lexicon so a wrong lemma is not used.

    A word the lexicon knows gets one of its verb lemmas that inflects back to it; a word it knows only as another
    part of speech (*striped*, *potatoes* tagged as verbs) gets none, since its rules would make a verb of anything
    (*stripe*, *potatoe*). Only a word it does not know at all is lemmatised by its rules (*photosynthesizes* →
    *photosynthesize*).
    """
    low = tok.lower_
    known = all_lemmas(low)
    candidates = known.get("VERB", ()) if known else lemmas(low, "VERB")
    preferred = lemma_of(tok)
    for lemma in sorted(candidates, key=lambda c: c != preferred):
        if low in inflections(lemma, tag):
            return lemma
    return None
