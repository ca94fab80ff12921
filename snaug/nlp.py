"""Choosing the spaCy pipeline, and the small adapter that hides its label scheme.

Transforms never test raw dependency labels: en_core_web_sm speaks OntoNotes/ClearNLP (``neg``, ``auxpass``,
``dobj``), UD-trained pipelines speak Universal Dependencies (``advmod`` on *not*, ``aux:pass``, ``obj``). The
helpers below accept both and lean on UPOS and morphology, which the two schemes share.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
import importlib.util
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

from . import SnaugError

BLANK = "blank:en"     # --spacy-model value for the tokenizer-only pipeline
PREFERRED_PIPELINES = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf", "en_ud_ewt_sm")
# Components whose output no transform reads; disabling them keeps parsing at its floor.
UNUSED_COMPONENTS = ("ner", "entity_ruler", "textcat", "textcat_multilabel", "spancat")


# What a transform type may declare it reads (its ``needs``), and the component factories that provide each.
# "tagger" is tags and UPOS (attribute_ruler maps tags to pos_ and morph), "parser" heads, labels and sentences.
ROLES = {
    "tagger": frozenset({"tagger", "morphologizer", "attribute_ruler"}),
    "parser": frozenset({"parser", "beam_parser"}),
    "lemmatizer": frozenset({"lemmatizer", "trainable_lemmatizer", "edit_tree_lemmatizer"}),
}
ALL_COMPONENTS = frozenset(ROLES)
# A rule-based lemmatizer reads the tags, so asking for lemmas asks for tags too.
_IMPLIED = {"lemmatizer": "tagger"}


def components_for(nlp, needs: frozenset[str]) -> list[str]:
    """The components of ``nlp`` that provide ``needs`` (see ROLES), and the embedding layers they listen to.

    Components of a factory not in ROLES are kept: what they do is not known, so they are not switched off.
    """
    unknown = set(needs) - set(ROLES)
    if unknown:
        raise SnaugError(f"unknown pipeline need(s) {', '.join(sorted(unknown))} (known: {', '.join(ROLES)})")
    needs = set(needs) | {_IMPLIED[n] for n in needs if n in _IMPLIED}
    wanted_factories = frozenset().union(*(ROLES[n] for n in needs))
    known_factories = frozenset().union(*ROLES.values())
    keep = set()
    for name in nlp.pipe_names:
        factory = nlp.get_pipe_meta(name).factory
        if factory in wanted_factories or (factory not in known_factories and
                                           not hasattr(nlp.get_pipe(name), "listening_components")):
            keep.add(name)
    for name in nlp.pipe_names:                      # tok2vec / transformer layers shared by listeners
        listeners = getattr(nlp.get_pipe(name), "listening_components", None)
        if listeners is not None and keep & set(listeners):
            keep.add(name)
    return [name for name in nlp.pipe_names if name in keep]


@dataclass(frozen=True)
class Pipeline:
    nlp: object
    name: str
    version: str
    has_parser: bool
    ref: str             # what load_pipeline() takes to load the same pipeline again (in a worker process)


def _installed_english_pipelines() -> list[str]:
    try:
        from spacy.util import get_installed_models
    except ImportError:  # pragma: no cover - spaCy < 3.1
        return []
    names = sorted(get_installed_models())
    return [n for n in names if n.startswith("en_")]


def load_pipeline(name_or_path: str | None = None, warn=lambda msg: print(msg, file=sys.stderr)) -> Pipeline:
    """Load ``name_or_path``, or the best installed English pipeline with a parser, or a blank one.

    The blank fallback tokenises only: rules that need tags or a parse skip with a counted reason.
    """
    import spacy

    from .compute import pipeline_ops
    from .ruler import table_matches

    if name_or_path == BLANK:
        return _describe(spacy.blank("en"), BLANK)
    if name_or_path:
        try:
            with pipeline_ops():
                nlp = spacy.load(name_or_path, exclude=list(UNUSED_COMPONENTS))
        except (OSError, ImportError, ValueError) as exc:
            raise SnaugError(f"cannot load spaCy pipeline {name_or_path!r}: {str(exc).splitlines()[0]}") from None
        table_matches(nlp)
        return _describe(nlp, name_or_path)
    candidates = [n for n in PREFERRED_PIPELINES if importlib.util.find_spec(n) is not None]
    candidates += [n for n in _installed_english_pipelines() if n not in candidates]
    for name in candidates:
        try:
            with pipeline_ops():
                nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
        except (OSError, ImportError, ValueError):
            continue
        if "parser" in nlp.pipe_names:
            table_matches(nlp)
            return _describe(nlp, name)
    warn("warning: no English spaCy pipeline with a parser is installed; using a blank tokenizer, so rules that "
         "need tags or a parse will skip (install en_core_web_sm, or pass --spacy-model)")
    return _describe(spacy.blank("en"), BLANK)


def _describe(nlp, ref: str) -> Pipeline:
    meta = nlp.meta
    name = "blank" if ref == BLANK else f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}"
    return Pipeline(nlp=nlp, name=name, version=str(meta.get("version", "")),
                    has_parser="parser" in nlp.pipe_names, ref=ref)


# --- label-scheme adapter -------------------------------------------------------------------------------------

NEGATOR_FORMS = frozenset({"not", "n't", "n’t"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj", "csubjpass", "csubj:pass", "expl"})
AUX_DEPS = frozenset({"aux", "auxpass", "aux:pass", "cop"})
PARTICLE_DEPS = frozenset({"prt", "compound:prt"})
ROOT_DEPS = frozenset({"ROOT", "root"})
# Auxiliary forms, for docs without tags (blank pipeline) and to overrule a tagger that calls them verbs.
AUX_FORMS = frozenset({
    "am", "is", "are", "was", "were", "be", "been", "being", "'s", "'re", "'m",
    "do", "does", "did", "have", "has", "had", "'ve", "'d",
    "can", "could", "will", "would", "shall", "should", "may", "might", "must", "ca", "wo", "sha", "'ll",
})
# Penn Treebank tag → UPOS, for pipelines that tag but do not set pos_.
_PTB_UPOS = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ",
    "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "IN": "ADP", "RP": "ADP", "MD": "AUX", "VB": "VERB", "VBD": "VERB",
    "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "DT": "DET", "CD": "NUM", "PRP": "PRON",
}
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})


# lemminflect imports spaCy (seconds): loaded on the first call, not when `snaug kinds` lists the kinds. Cached:
# lemminflect deep-copies its tables on every call, and the same few hundred words come back in every rationale.
# Callers only read what it returns.
@lru_cache(maxsize=1 << 16)
def all_lemmas(word: str) -> dict:
    """lemminflect's lemmas of ``word`` by part of speech ({"NOUN": ("wall",), ...}), from its tables alone: the same
    whichever pipeline components ran."""
    from lemminflect import getAllLemmas

    return getAllLemmas(word)


@lru_cache(maxsize=1 << 16)
def inflections(lemma: str, tag: str, inflect_oov: bool = True) -> tuple:
    """lemminflect's forms of ``lemma`` for a Penn ``tag`` ("VBZ": ("weighs",)), cached as ``all_lemmas`` is."""
    from lemminflect import getInflection

    return getInflection(lemma, tag, inflect_oov=inflect_oov)


# What lemminflect lemmatises, and the clitics it does not know (the tagger calls "ca" of "can't" an AUX).
_LEMMA_UPOS = {"NOUN": "NOUN", "PROPN": "NOUN", "VERB": "VERB", "AUX": "AUX", "ADJ": "ADJ", "ADV": "ADV"}
_BASE_TAGS = frozenset({"VB", "VBP", "NN", "NNP", "JJ", "RB"})
_CLITIC_LEMMAS = {"ca": "can", "wo": "will", "sha": "shall", "'ll": "will", "'ve": "have", "'re": "be", "'m": "be",
                  "n't": "not", "n’t": "not"}


def lemma_of(tok: Token) -> str:
    """The lower-cased lemma of ``tok``, from lemminflect's tables by the word and its UPOS (the word itself where
    they have none, or the token is untagged).

    Not ``tok.lemma_``: a trainable lemmatizer is an eighth of the parse, guesses non-words (*doubl*), and is absent
    from some pipelines; the tables give the same answer whichever pipeline tagged the text. A proper noun is
    lemmatised as a noun, since a weak tagger calls capitalised common nouns proper (*Cells*). Where the word has
    several lemmas and its tag says it is a base form, the word is its own (*do not lay* → *lay*, not *lie*).
    """
    pos = upos(tok)
    base_form = tok.tag_ in _BASE_TAGS or (pos in ("VERB", "AUX") and verb_tag(tok) in ("VB", "VBP"))
    return word_lemma(tok.lower_, pos, base_form)


@lru_cache(maxsize=1 << 16)
def word_lemma(low: str, pos: str, base_form: bool = False) -> str:
    """``lemma_of`` for a lower-cased word, its UPOS, and whether its tag is a base form's."""
    if low in _CLITIC_LEMMAS:
        return _CLITIC_LEMMAS[low]
    table_pos = _LEMMA_UPOS.get(pos)
    if table_pos is None:
        return low
    found = [f.lower() for f in lemmas(low, table_pos)]
    if not found:
        return low
    return low if base_form and low in found else found[0]


@lru_cache(maxsize=1 << 16)
def lemmas(word: str, upos: str) -> tuple:
    """lemminflect's lemmas of ``word`` as a ``upos`` (NOUN, VERB, AUX, ADJ, ADV or PROPN), its rules included for
    words out of its lexicon; cached as ``all_lemmas`` is."""
    from lemminflect import getLemma

    return getLemma(word, upos=upos)


def has_tags(doc: Doc) -> bool:
    return _annotation(doc, "tags", lambda: doc.has_annotation("POS") or doc.has_annotation("TAG"))


def has_parse(doc: Doc) -> bool:
    return _annotation(doc, "parse", lambda: doc.has_annotation("DEP"))


def has_sentences(doc: Doc) -> bool:
    return _annotation(doc, "sentences", lambda: doc.has_annotation("SENT_START") or doc.has_annotation("DEP"))


def sentence_bounds(tok: Token) -> tuple[int, int]:
    """(start, end) token indices of ``tok``'s sentence, as ``tok.sent`` gives them. ``Token.sent`` checks the whole
    doc's annotation on every call (a scan of every token); the sentence starts are found here once per doc."""
    doc = tok.doc
    starts = doc.user_data.get(("snaug.sentences",))
    if starts is None:
        starts = doc.user_data[("snaug.sentences",)] = [sent.start for sent in doc.sents] + [len(doc)]
    k = bisect.bisect_right(starts, tok.i) - 1
    return starts[k], starts[k + 1]


def token_lowers(doc: Doc) -> list[str]:
    """Every token's ``lower_``, read once per doc: guards that walk a sentence word by word read this list rather
    than build a Token per ``doc[j]`` and look its string up again. Callers only read it."""
    found = doc.user_data.get(("snaug.lowers",))
    if found is None:
        found = doc.user_data[("snaug.lowers",)] = [t.lower_ for t in doc]
    return found


def token_texts(doc: Doc) -> list[str]:
    """Every token's ``text``, read once per doc (see token_lowers)."""
    found = doc.user_data.get(("snaug.texts",))
    if found is None:
        found = doc.user_data[("snaug.texts",)] = [t.text for t in doc]
    return found


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per doc: the property joins every token's text again on each call."""
    found = doc.user_data.get(("snaug.text",))
    if found is None:
        found = doc.user_data[("snaug.text",)] = doc.text
    return found


def _annotation(doc: Doc, what: str, test) -> bool:
    """``Doc.has_annotation`` scans every token: asked per token, it made a long text quadratic. Once per doc."""
    key = ("snaug.has", what)
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = bool(test())
    return found


def upos(tok: Token) -> str:
    """Universal POS, from ``pos_`` or mapped from a Penn Treebank ``tag_``; "" when untagged."""
    return tok.pos_ or _PTB_UPOS.get(tok.tag_, "")


def is_negator(tok: Token) -> bool:
    return tok.lower_ in NEGATOR_FORMS


def is_aux(tok: Token) -> bool:
    """An auxiliary or copula: UPOS AUX, an aux/cop relation in either scheme, or (untagged) a known form."""
    if upos(tok) == "AUX" or tok.dep_ in AUX_DEPS or tok.tag_ == "MD":
        return True
    if not has_tags(tok.doc):
        return tok.lower_ in AUX_FORMS
    return False


def is_subject(tok: Token) -> bool:
    return tok.dep_ in SUBJECT_DEPS


def is_particle(tok: Token) -> bool:
    return tok.dep_ in PARTICLE_DEPS or tok.tag_ == "RP"


def is_root(tok: Token) -> bool:
    return tok.dep_ in ROOT_DEPS


def has_subject(tok: Token) -> bool:
    return any(is_subject(child) for child in tok.children)


def verb_tag(tok: Token) -> str:
    """The Penn Treebank verb tag of ``tok`` from ``tag_`` or, failing that, from UD morphology; "" if none."""
    if tok.tag_ in VERB_TAGS or tok.tag_ == "MD":
        return tok.tag_
    morph = tok.morph
    if not morph:
        return ""
    form = morph.get("VerbForm")
    if "Fin" in form:
        if "Past" in morph.get("Tense"):
            return "VBD"
        if "3" in morph.get("Person") and "Sing" in morph.get("Number"):
            return "VBZ"
        return "VBP"
    if "Imp" in morph.get("Mood"):
        return "VB"
    if "Inf" in form:
        return "VB"
    if "Part" in form:
        return "VBD" if "Past" in morph.get("Tense") else "VBG"
    if "Ger" in form:
        return "VBG"
    return ""


def governor(tok: Token) -> Token:
    """The word a preposition belongs to: its head (OntoNotes ``prep``), or its head's head (UD ``case``)."""
    return tok.head.head if tok.dep_ == "case" else tok.head
