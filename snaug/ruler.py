"""The attribute ruler's matches from a table, when its patterns are a table.

A pipeline's ``attribute_ruler`` sets ``pos_`` and ``morph`` from each token's tag (and, in some pipelines, its
dependency label or lower-cased form). spaCy finds which of its patterns apply with the general ``Matcher``: on the
shared pipeline (88 patterns) that took 1.2 s of CPU for 112,522 tokens, more than the tagger and the tokenizer
together, about a seventh of the whole parse. Every one of those patterns is a single token with exact values
(``{"TAG": "NN"}``, ``{"TAG": "VBZ", "DEP": "cop"}``), so a token's matches are a dictionary lookup on those values.

``table_matches(nlp)`` gives each such ruler a ``match`` that does that and returns exactly what spaCy's returns:
the same (pattern number, key, start, end) tuples in the same order, so ``set_annotations`` (spaCy's, unchanged)
sets the same attributes. A ruler with any other pattern (several tokens, operators, ``IN``, ``REGEX``, attributes
other than those below) keeps spaCy's matcher, and so does one whose patterns change after the check.
"""
from __future__ import annotations

from types import MethodType

# Matcher pattern keys read here, and the token attribute each compares (the value's hash, as ``Doc.to_array``
# gives it; TEXT is ORTH's other name in Matcher patterns).
_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "TAG": "TAG", "DEP": "DEP"}


class _Table:
    """Per set of pattern keys (e.g. TAG and DEP), the patterns by their values: one lookup per token per set."""

    SEEN = 100_000

    def __init__(self, ruler, groups: dict, columns: list[str], key_ids: list[int]):
        self.columns, self.key_ids = columns, key_ids
        self.groups = groups                 # (column indexes) → {(value hashes) → [pattern numbers]}
        self.built_for = (id(ruler.matcher), len(ruler.attrs))
        self.seen: dict = {}                  # a token's values → the rules they match, for values seen before

    def current(self, ruler) -> bool:
        return self.built_for == (id(ruler.matcher), len(ruler.attrs)) and len(ruler.matcher) == len(ruler.attrs)

    def matches(self, doc) -> list[tuple[int, int, int, int]]:
        rows = doc.to_array(self.columns).tolist() if len(doc) else []
        found = []
        seen = self.seen
        for start, row in enumerate(rows):
            row = tuple(row)
            numbers = seen.get(row)
            if numbers is None:
                if len(seen) >= self.SEEN:
                    seen.clear()
                numbers = seen[row] = sorted(n for cols, by_values in self.groups.items()
                                             for n in by_values.get(tuple(row[c] for c in cols), ()))
            found.extend((n, self.key_ids[n], start, start + 1) for n in numbers)
        found.sort()                          # spaCy's order: pattern number (later rules win), then position
        return found


def _table_for(ruler) -> _Table | None:
    """The table for ``ruler``'s patterns, or None when one of them is not a single token of exact values."""
    from spacy.strings import get_string_id

    columns: list[str] = []
    groups: dict = {}
    key_ids = []
    if len(ruler.matcher) != len(ruler.attrs):
        return None
    for number, index in enumerate(ruler.indices):
        key = get_string_id(str(number))      # the Matcher key AttributeRuler.add gave rule ``number``
        found = ruler.matcher.get(key)
        if found is None or found[0] is not None or index not in (0, -1):
            return None
        patterns = found[1]
        if len(patterns) != 1 or len(patterns[0]) != 1:
            return None                       # one pattern of one token per rule: nothing to deduplicate
        token = patterns[0][0]
        if not token or any(name not in _ATTRS or not isinstance(value, str) for name, value in token.items()):
            return None
        if len({_ATTRS[name] for name in token}) < len(token):
            return None                       # ORTH and TEXT in one token: two tests of one attribute
        cells = {}
        for name, value in token.items():
            attr = _ATTRS[name]
            if attr not in columns:
                columns.append(attr)
            cells[columns.index(attr)] = get_string_id(value)
        cols = tuple(sorted(cells))
        groups.setdefault(cols, {}).setdefault(tuple(cells[c] for c in cols), []).append(number)
        key_ids.append(key)
    if not columns:
        return None
    return _Table(ruler, groups, columns, key_ids)


def table_matches(nlp) -> list[str]:
    """Give every attribute ruler of ``nlp`` whose patterns are a table the table's ``match``; the names of those
    that got it. The ruler's own ``match`` is used again whenever its patterns have changed since."""
    done = []
    for name, component in nlp.components:
        if nlp.get_pipe_meta(name).factory != "attribute_ruler" or not hasattr(component, "matcher"):
            continue
        table = _table_for(component)
        if table is None:
            continue
        spacy_match = type(component).match

        def match(ruler, doc, table=table, spacy_match=spacy_match):
            return table.matches(doc) if table.current(ruler) else spacy_match(ruler, doc)

        component.match = MethodType(match, component)
        done.append(name)
    return done
