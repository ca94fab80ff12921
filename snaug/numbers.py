"""Reading numbers in raw text and writing new values in the same surface style.

Numbers are found on the string, not on tokens: tokenisers split ``1,000``, ``-5`` and ``twenty-five`` in ways that
differ between pipelines, and a negative must be the source string with a span replaced. Two styles:

- digits: ``7``, ``-3``, ``1,000``, ``2.50``, ``45%``, ``1/2`` (kept: sign, decimals, thousands separators, percent
  sign and its spacing);
- words: ``eight``, ``Twenty-five``, ``one hundred and five``, ``eight hundred million`` (read with word2number,
  written with num2words; kept: hyphen or space between tens and units, ``and`` or not, letter case).

Whether a number may be changed (a year, a time, a label) is the number transform's business, not this module's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from .edits import match_case

_DIGITS = re.compile(r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?(?:/(?P<den>\d+))?(?P<pct>\s?%)?")

SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = ["hundred", "thousand", "million", "billion", "trillion"]
_WORD = "|".join(sorted(SMALL + TENS + SCALES, key=len, reverse=True))
# A run of number words joined by spaces, hyphens or "and"; not glued to other words ("two-thirds", "someone").
_WORDS = re.compile(rf"(?<![\w-])(?:{_WORD})(?:(?:\s+and\s+|\s+|-)(?:{_WORD}))*(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    text: str
    value: Decimal           # the numerator, for a fraction
    style: str               # "digits" or "words"
    decimals: int = 0
    grouped: bool = False    # written with thousands separators
    percent: str = ""        # "%" or " %" as written
    denominator: int | None = None
    negative: bool = False

    @property
    def is_int(self) -> bool:
        return self.decimals == 0 and self.value == self.value.to_integral_value()

    @property
    def singular(self) -> bool:
        """Whether a noun after it is singular in English: exactly one, written without decimals."""
        return self.denominator is None and not self.percent and self.decimals == 0 and abs(self.value) == 1


def find_numbers(text: str) -> list[Number]:
    """Every number in ``text`` in order, digits and words, without overlaps."""
    return list(_numbers_in(text))


# A count worked out as half of another: "/2", "* 1/2", "x 0.5", "* 50%", "÷ 2". The other half is as large.
HALVED = re.compile(r"(?:/|÷)\s*2(?![\d.,/])|[*x×]\s*\(?\s*(?:1/2|0?\.5|50\s*%)(?![\d.])")


@lru_cache(maxsize=256)              # planning the parse (snaug/scope.py) and reading the numbers scan alike
def matches(text: str) -> tuple[tuple[re.Match, ...], tuple[re.Match, ...]]:
    """The raw matches of the two patterns in ``text``: digits, then number words, each in order."""
    return tuple(_DIGITS.finditer(text)), tuple(_WORDS.finditer(text))


@lru_cache(maxsize=256)              # the number and unit kinds read the same text, one after the other
def _numbers_in(text: str) -> tuple[Number, ...]:
    found: list[Number] = []
    digits, words = matches(text)
    for m in digits:
        start = m.start()
        # a minus after a word, a digit or a closing bracket subtracts: "19(2)-6" is 19 x 2 minus 6, not "-6"
        negative = start > 0 and text[start - 1] in "-−" and (start == 1 or not (text[start - 2].isalnum() or
                                                                                text[start - 2] in ")]}%"))
        if negative:
            start -= 1
        value = Decimal(m.group("int").replace(",", "") + (f".{m.group('dec')}" if m.group("dec") else ""))
        found.append(Number(start, m.end(), text[start:m.end()], -value if negative else value, "digits",
                            decimals=len(m.group("dec") or ""), grouped="," in m.group("int"),
                            percent=m.group("pct") or "",
                            denominator=int(m.group("den")) if m.group("den") else None, negative=negative))
    for m in words:
        phrase = m.group()
        if re.fullmatch(r"(?i)hundred|thousand|million|billion|trillion", phrase):
            continue                                    # "hundreds of", "a million" are not counts we can change
        value = words_to_int(phrase)
        if value is not None:
            found.append(Number(m.start(), m.end(), phrase, Decimal(value), "words"))
    found.sort(key=lambda n: n.start)
    return tuple(found)


@lru_cache(maxsize=4096)             # the same few number words come back in every text
def words_to_int(phrase: str) -> int | None:
    from word2number import w2n

    try:
        value = w2n.word_to_num(phrase.lower())
    except (ValueError, IndexError):     # word2number fails with IndexError on runs like "thousand thousand"
        value = None
    # word2number reads malformed runs ("five six", "nineteen hundred") leniently: accept only a phrase that
    # num2words writes the same way, give or take hyphens, "and" and case, so writing a new value is faithful.
    # It also misreads some well-formed ones ("one million eight hundred and fifty-six thousand" -> 1856008):
    # then the plain scale-by-scale reading below is tried, under the same check.
    from num2words import num2words

    for candidate in (value, _scale_reading(phrase)):
        if isinstance(candidate, int) and _normal(num2words(candidate)) == _normal(phrase):
            return candidate
    return None


_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def _scale_reading(phrase: str) -> int | None:
    """Read number words group by group (units and tens, "hundred", then a scale word); None if a word is unknown."""
    total = group = 0
    for word in _normal(phrase).split():
        if word in SMALL:
            group += SMALL.index(word)
        elif word in TENS:
            group += 20 + 10 * TENS.index(word)
        elif word == "hundred":
            group *= 100
        elif word in _SCALE:
            total, group = total + group * _SCALE[word], 0
        else:
            return None
    return total + group


def _normal(words: str) -> str:
    return " ".join(w for w in re.split(r"[\s,-]+", words.lower()) if w and w != "and")


def format_like(number: Number, value: Decimal) -> str:
    """``value`` written the way ``number`` was written."""
    if number.style == "words":
        return _words_like(number.text, int(value))
    sign = "-" if value < 0 else ""
    if number.negative and value < 0:
        sign = number.text[0]                           # keep a typographic minus
    magnitude = abs(value).quantize(Decimal(1).scaleb(-number.decimals), rounding=ROUND_HALF_UP)
    body = f"{magnitude:,.{number.decimals}f}" if number.grouped else f"{magnitude:.{number.decimals}f}"
    if number.denominator is not None:
        body += f"/{number.denominator}"
    return sign + body + number.percent


def _words_like(original: str, value: int) -> str:
    from num2words import num2words

    words = num2words(value).replace(",", "")
    if not re.search(r"\band\b", original, re.IGNORECASE):
        words = words.replace(" and ", " ")
    if re.search(r"(?i)(?:ty)\s+(?:one|two|three|four|five|six|seven|eight|nine)\b", original):
        words = words.replace("-", " ")                 # "twenty five" written with a space
    return match_case(original, words)
