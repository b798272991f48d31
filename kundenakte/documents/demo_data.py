"""The catalogue and the stories the demo documents are drawn from: a Berlin trades firm
(heating, bathrooms, painting, gardens, solar) and how its customers answer and pay."""

from typing import NamedTuple

# The demo firm's seller data (§ 14 Abs. 4 Nr. 1, 2 UStG). The VAT ID, tax number and IBAN pass
# their check digits (python-stdnum) but belong to nobody.
SELLER = {
    "company_name": "Muster Handwerk GmbH",
    "street": "Boxhagener Straße 112",
    "postal_code": "10245",
    "city": "Berlin",
    "phone": "030 29364817-0",
    "email": "info@muster-handwerk.example",
    "website": "https://www.muster-handwerk.example",
    "vat_id": "DE284917358",
    "tax_number": "37/123/45678",
    "iban": "DE65100700000123456789",
    "bic": "DEUTDEBBXXX",
    "bank_name": "Deutsche Bank Berlin",
}
DAYS_BACK = 730


def _catalogue(text: str) -> dict[str, tuple[str, str, str, str, tuple[int, int]]]:
    """Rows "key; description; unit; net price; VAT rate; fewest-most" → {key: (…)}."""
    rows = [[cell.strip() for cell in line.split(";")] for line in text.strip().splitlines()]
    return {
        key: (description, unit, price, rate, tuple(int(n) for n in span.split("-")))
        for key, description, unit, price, rate, span in rows
    }


ITEMS = _catalogue("""
    geselle; Arbeitszeit Geselle; Std.; 58.00; 19; 2-16
    meister; Arbeitszeit Meister; Std.; 74.00; 19; 1-4
    anfahrt; Anfahrtspauschale; pauschal; 39.00; 19; 1-1
    therme; Wartung Gas-Brennwerttherme inkl. Abgasmessung; pauschal; 149.00; 19; 1-1
    dichtung; Verschleißteile Brenner (Dichtungssatz, Zündelektrode); Satz; 24.80; 19; 1-1
    heizkoerper; Flachheizkörper Typ 22, 600 × 1000 mm; Stk.; 245.00; 19; 1-4
    ventil; Thermostatventil mit Voreinstellung; Stk.; 28.50; 19; 1-4
    demontage; Demontage und Entsorgung alter Sanitärobjekte; pauschal; 480.00; 19; 1-1
    wc; Wand-WC spülrandlos mit Vorwandelement; Stk.; 389.00; 19; 1-2
    waschtisch; Waschtisch 80 cm mit Unterschrank; Stk.; 545.00; 19; 1-2
    fliesen; Feinsteinzeugfliesen 60 × 60 cm, anthrazit; m²; 39.90; 19; 8-30
    verlegen; Fliesen verlegen inkl. Kleber und Fugenmaterial; m²; 54.00; 19; 8-30
    schutt; Entsorgung Bauschutt; m³; 85.00; 19; 1-3
    spachteln; Wandflächen spachteln und schleifen; m²; 9.80; 19; 30-160
    streichen; Dispersionsfarbe weiß, zweimal deckend streichen; m²; 7.40; 19; 30-160
    abdecken; Abdeck- und Schutzarbeiten; pauschal; 120.00; 19; 1-1
    ortung; Leckageortung mit Thermografie; pauschal; 210.00; 19; 1-1
    rohr; Kupferrohr 15 mm; m; 12.90; 19; 2-12
    fitting; Pressfitting 15 mm; Stk.; 6.80; 19; 4-16
    trockner; Bautrockner, Miete; Tag; 25.00; 19; 3-10
    fugen; Silikonfugen erneuern; m; 8.50; 19; 10-40
    beschlag; Fensterbeschläge einstellen und schmieren; Stk.; 14.00; 19; 4-20
    hecke; Heckenpflanze Liguster, 80 bis 100 cm; Stk.; 4.90; 7; 20-80
    stauden; Stauden, Topfware; Stk.; 3.60; 7; 10-60
    erde; Pflanzerde, 70 l; Sack; 9.50; 19; 4-20
    modul; PV-Modul 430 Wp, Glas-Glas; Stk.; 189.00; 0; 10-24
    wechselrichter; Hybrid-Wechselrichter 10 kW; Stk.; 1690.00; 0; 1-1
    pv_montage; Montage PV-Anlage inkl. Unterkonstruktion und Anmeldung; pauschal; 1850.00; 0; 1-1
    dguv; Prüfung ortsveränderlicher Geräte nach DGUV V3; Stk.; 6.50; 19; 20-120
    protokoll; Prüfprotokoll und Prüfplaketten; pauschal; 45.00; 19; 1-1
    objekt; Objektbetreuung laut Wartungsvertrag; Monat; 420.00; 19; 1-1
""")
# subject, items, only for private persons (the 0 % rate of § 12 Abs. 3 UStG: homes)
JOBS = [
    ("Wartung Heizungsanlage", ["therme", "dichtung", "anfahrt"], False),
    ("Austausch Heizkörper", ["heizkoerper", "ventil", "geselle", "anfahrt"], False),
    (
        "Badsanierung",
        ["demontage", "wc", "waschtisch", "fliesen", "verlegen", "geselle", "schutt"],
        False,
    ),
    ("Malerarbeiten Treppenhaus", ["abdecken", "spachteln", "streichen", "geselle"], False),
    ("Reparatur Wasserschaden", ["ortung", "rohr", "fitting", "meister", "trockner"], False),
    ("Fenster abdichten", ["fugen", "beschlag", "geselle", "anfahrt"], False),
    ("Bepflanzung Außenanlage", ["hecke", "stauden", "erde", "geselle"], False),
    ("Elektroprüfung DGUV V3", ["dguv", "protokoll", "anfahrt"], False),
    ("Photovoltaik-Anlage Einfamilienhaus", ["modul", "wechselrichter", "pv_montage"], True),
]
CANCEL_REASONS = [
    "Rechnungsanschrift war falsch.",
    "Leistung wurde doppelt berechnet.",
    "Falscher Mengenansatz bei den Materialpositionen.",
]
MONTHS = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
# The story of a project, and how likely it is.
STORIES = {
    "quote_open": 12,
    "quote_rejected": 10,
    "quote_accepted": 30,
    "invoice": 30,
    "delivery_note": 8,
    "cancelled": 5,
    "quote_draft": 2,
    "invoice_draft": 3,
}
HABITS = {"on_time": 76, "late": 14, "partly": 4, "partly_open": 2, "never": 4}


class Story(NamedTuple):
    """What happens in a project, from which day; `habit` is how its invoice gets paid."""

    name: str
    days_ago: int
    habit: str | None = None
    prospect: bool = False


# One of each comes first, so even a small demo shows every kind and state.
GUARANTEED = [
    Story("quote_open", 6),
    Story("quote_open", 75),  # unanswered past its valid-until date: expired
    Story("quote_rejected", 120),
    Story("quote_accepted", 200, "on_time"),
    Story("invoice", 2, "never", prospect=True),  # open, not yet due; the prospect's number
    Story("invoice", 120, "on_time"),
    Story("invoice", 60, "never"),  # overdue
    Story("invoice", 45, "partly_open"),  # partly paid, the rest overdue
    Story("cancelled", 90, "on_time"),
    Story("delivery_note", 30),
    Story("quote_draft", 3),
    Story("invoice_draft", 1),
]
