"""Normalising names for sorting, first letters and search (DIN 5007).

DIN 5007 variant 1 (dictionaries) sorts "Ä" as "A" and "ß" as "ss"; variant 2 (phone books)
sorts "Ä" as "Ae". We sort by variant 1, and search by both so that "Müller" is found by
"muller" and "mueller" alike.
"""

import re
import unicodedata

_VARIANT_2 = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_SPACES = re.compile(r"\s+")


def _strip_accents(text: str) -> str:
    if text.isascii():  # nothing to strip; most names, e-mails and numbers (an import's 100,000)
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lower-case, accents and umlauts folded to their base letter, ß as ss (DIN 5007 var. 1)."""
    folded = _strip_accents(text.casefold().replace("ß", "ss"))
    return _SPACES.sub(" ", folded).strip()


def fold_expanded(text: str) -> str:
    """Like fold(), but umlauts spelled out: ä → ae (DIN 5007 var. 2)."""
    return fold(text.casefold().translate(_VARIANT_2))


def sort_key(text: str) -> str:
    """Upper-case sort key: "Ärzte Özil" → "ARZTE OZIL"."""
    return fold(text).upper()


def initial_letter(text: str) -> str:
    """The A–Z bar letter of a name: its folded first character, or "#" for digits and symbols."""
    key = sort_key(text)
    first = key[:1]
    return first if "A" <= first <= "Z" else "#"


def search_terms(text: str) -> list[tuple[str, ...]]:
    """The words of a query, each with the spellings to try: "Müller" → ("muller", "mueller")."""
    terms = []
    for word in text.split():
        spellings = dict.fromkeys((fold(word), fold_expanded(word)))
        terms.append(tuple(s for s in spellings if s))
    return [t for t in terms if t]


def search_document(*parts: str | None) -> str:
    """The text a record is searched in: every part in both foldings, lower-case."""
    words: list[str] = []
    for part in parts:
        if not part:
            continue
        plain = fold(part)
        words.append(plain)
        expanded = fold_expanded(part)
        if expanded != plain:
            words.append(expanded)
    return " ".join(words)


def digits(text: str) -> str:
    """Only the digits of a phone number, so "030 / 12 34" is found by "03012"."""
    return "".join(ch for ch in text if ch.isdigit())
