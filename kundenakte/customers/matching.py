"""Keys that tell whether two customers are probably the same firm or person.

The import matches a row to an existing customer by these keys, and the duplicate check blocks
candidate pairs by them before scoring. `name_key` is stored on every customer (kept current by
`Customer.refresh_derived`), so both look it up by index instead of comparing every pair.

"Müller Haustechnik GmbH & Co. KG", "Mueller Haustechnik GmbH" and "Haustechnik Müller" all give
"haustechnik mueller": umlauts spelled out (DIN 5007 variant 2, so "Müller" and "Mueller" meet),
legal forms and punctuation dropped, the words sorted.
"""

import re

from kundenakte.core import text

# Legal forms, as words after folding and with punctuation removed ("e.K." → "e k", "mbH" → "mbh").
# Multi-word forms are listed as word sequences and removed before the single words.
LEGAL_FORMS: tuple[tuple[str, ...], ...] = tuple(
    tuple(form.split())
    for form in sorted(
        (
            "gmbh co kg",
            "gmbh co kgaa",
            "gmbh co ohg",
            "ug haftungsbeschraenkt co kg",
            "ug haftungsbeschraenkt",
            "ag co kg",
            "se co kg",
            "gesellschaft mit beschraenkter haftung",
            "gesellschaft buergerlichen rechts",
            "e k",
            "e kfm",
            "e kfr",
            "e v",
            "e g",
            "mbh",
            "gmbh",
            "ggmbh",
            "ag",
            "kg",
            "kgaa",
            "ohg",
            "gbr",
            "ug",
            "se",
            "ek",
            "ev",
            "eg",
            "partg",
            "partg mbb",
            "ltd",
            "limited",
            "inc",
            "llc",
            "co",
            "und",
        ),
        key=lambda form: -len(form.split()),
    )
)

_NOT_WORD = re.compile(r"[^0-9a-z]+")
_DIGITS = re.compile(r"\D+")


def _words(name: str) -> list[str]:
    folded = text.fold_expanded(name.replace("&", " und "))
    return [word for word in _NOT_WORD.split(folded) if word]


# The legal forms by their first word, longest first as in LEGAL_FORMS: a word that starts no
# legal form (most words) costs one dict lookup, which the import of 100,000 rows notices.
_FORMS_BY_FIRST_WORD: dict[str, list[tuple[str, ...]]] = {}
for _form in LEGAL_FORMS:
    _FORMS_BY_FIRST_WORD.setdefault(_form[0], []).append(_form)


def _without_legal_forms(words: list[str]) -> list[str]:
    kept: list[str] = []
    i = 0
    while i < len(words):
        for form in _FORMS_BY_FIRST_WORD.get(words[i], ()):
            if tuple(words[i : i + len(form)]) == form:
                i += len(form)
                break
        else:
            kept.append(words[i])
            i += 1
    return kept or words  # a firm called "AG" keeps its name


def name_key(name: str) -> str:
    """The name without case, umlaut spelling, punctuation, legal form and word order."""
    return " ".join(sorted(_without_legal_forms(_words(name))))[:120]


def phone_key(phone: str) -> str:
    """The digits of a phone number, German trunk prefix and country code unified:
    "+49 (0)30 123-45", "0049 30 12345" and "030 12345" give "3012345"."""
    digits = _DIGITS.sub("", phone or "")
    for prefix in ("0049", "49"):
        if phone.lstrip().startswith(("+49", "0049")) and digits.startswith(prefix):
            digits = digits[len(prefix) :]
            break
    return digits.lstrip("0")


def email_key(email: str) -> str:
    return (email or "").strip().casefold()
