import pytest

from kundenakte.core import text


@pytest.mark.parametrize(
    ("name", "letter"),
    [
        ("Ärztehaus am Markt", "A"),
        ("Özdemir Bäckerei", "O"),
        ("über Blick", "U"),
        ("Zahnarzt Zimmer", "Z"),
        ("3D-Druck Werkstatt", "#"),
        ("@Home Service", "#"),
        ("", "#"),
        ("Éclair Café", "E"),
    ],
)
def test_it_folds_umlauts_into_their_base_letter(name, letter):
    assert text.initial_letter(name) == letter


def test_it_sorts_umlauts_as_their_base_letter_and_sharp_s_as_ss():
    names = ["Otto", "Öztürk", "Oberle", "Straße", "Strasse Süd", "Stroh"]
    assert sorted(names, key=text.sort_key) == [
        "Oberle",
        "Otto",
        "Öztürk",
        "Straße",
        "Strasse Süd",
        "Stroh",
    ]


def test_a_search_document_holds_both_spellings_of_an_umlaut():
    document = text.search_document("Müller GmbH", None, "")
    assert "muller" in document
    assert "mueller" in document


def test_search_terms_offer_both_spellings_per_word():
    assert text.search_terms("  Müller  Köln ") == [("muller", "mueller"), ("koln", "koeln")]
    assert text.search_terms("mueller") == [("mueller",)]


def test_digits_keeps_only_digits():
    assert text.digits("+49 (030) 12 34-5") == "490301234" + "5"
