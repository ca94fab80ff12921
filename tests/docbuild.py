"""Build spaCy Docs by hand, in either label scheme, so rule tests need no model.

A case is written once, OntoNotes-style: ``"text/UPOS/PTB/dep/head[/lemma]"`` per token (head = absolute index).
``scheme="ontonotes"`` keeps it (Penn tags, ``neg``, ``auxpass``, ``ROOT``, as en_core_web_sm);
``scheme="ud"`` renames labels to Universal Dependencies (``advmod`` for negation, ``aux:pass``, ``obj``,
``compound:prt``, ``root``) and drops the Penn tags, giving UD morphology instead, so the rules must read
tense and agreement from ``morph``.
"""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

_NLP = spacy.blank("en")

UD_LABELS = {"neg": "advmod", "auxpass": "aux:pass", "nsubjpass": "nsubj:pass", "dobj": "obj", "prt": "compound:prt",
             "pobj": "obl", "acomp": "xcomp", "attr": "xcomp", "ROOT": "root", "prep": "case"}
MORPH = {
    "VBZ": "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin",
    "VBP": "Mood=Ind|Tense=Pres|VerbForm=Fin",
    "VBD": "Mood=Ind|Tense=Past|VerbForm=Fin",
    "VB": "VerbForm=Inf",
    "VBN": "Tense=Past|VerbForm=Part",
    "VBG": "Tense=Pres|VerbForm=Part",
    "MD": "VerbForm=Fin",
}


def build(text: str, annotation: str, scheme: str = "ontonotes", tagged: bool = True) -> Doc:
    rows = [tok.split("/") if not tok.startswith("//") else ["/"] + tok[2:].split("/")[1:]
            for tok in annotation.split()]
    words = [r[0] for r in rows]
    spaces, pos = [], 0
    for i, word in enumerate(words):
        start = text.index(word, pos)
        assert text[pos:start].strip() == "", f"token {word!r} not found in order in {text!r}"
        if i:
            spaces.append(text[pos:start])
        pos = start + len(word)
    spaces.append(text[pos:])
    # spaCy Docs carry at most one space after a token; the tests use single spaces between tokens.
    assert all(s in ("", " ") for s in spaces), f"use single spaces in test text {text!r}"
    space_flags = [s == " " for s in spaces]
    if not tagged:
        return Doc(_NLP.vocab, words=words, spaces=space_flags)
    ud = scheme == "ud"
    pos_, tags, deps, heads, lemmas, morphs = [], [], [], [], [], []
    for row in rows:
        upos, tag, dep, head = row[1], row[2], row[3], int(row[4])
        pos_.append(upos)
        heads.append(head)
        lemmas.append(row[5] if len(row) > 5 else row[0].lower())
        morph = ""
        if ud:
            if tag in MORPH and upos in ("VERB", "AUX"):
                morph = MORPH[tag]
            if row[0].lower() in ("not", "n't", "n’t"):
                morph = "Polarity=Neg"
            dep = UD_LABELS.get(dep, dep)
        morphs.append(morph)
        tags.append("" if ud else tag)
        deps.append(dep)
    doc = Doc(_NLP.vocab, words=words, spaces=space_flags, pos=pos_, tags=None if ud else tags, deps=deps,
              heads=heads, lemmas=lemmas, morphs=morphs)
    assert doc.text == text
    return doc
