"""Names, places and words the demo data is drawn from."""

from kundenakte.accounts.roles import Role
from kundenakte.customers.models import Status

DEMO_PASSWORD = "demo"
COMPANY_NAME = "Muster Handwerk GmbH"
# RFC 2606 reserves .example: demo addresses look real but can never reach a real inbox.
TLD = "example"


def words(text: str, sep: str | None = None) -> list[str]:
    """The word lists below are kept as text: a hundred quoted names would be mostly quotes."""
    return [word.strip() for word in text.split(sep)]


def table(text: str) -> list[list[str]]:
    """ "10115;Berlin;030, 04109;Leipzig;0341" → rows of fields."""
    return [[cell.strip() for cell in row.split(";")] for row in text.split(",")]


USERS = [
    ("demo", "Demo", "Benutzer", Role.ADMIN),
    ("mitarbeiter", "Maria", "Mitarbeiter", Role.STAFF),
    ("lesen", "Lars", "Leser", Role.READ_ONLY),
]
STATUSES = [  # name, class, colour
    ("Kontakt aufgenommen", Status.Kind.WITHOUT_NUMBER, "#2563eb"),
    ("Angebot angefragt", Status.Kind.WITHOUT_NUMBER, "#7c3aed"),
    ("Kein Interesse", Status.Kind.WITHOUT_NUMBER, "#dc2626"),
    ("Stammkunde", Status.Kind.WITH_NUMBER, "#0d9488"),
]
GENERAL_TAGS = words(
    "Newsletter|Weihnachtskarte|Messe 2026|Empfehlung|Großkunde|Wartungsvertrag|Rahmenvertrag|"
    "Skonto",
    "|",
)
SECTOR_TAGS = {
    "trade": "Handwerk",
    "gastro": "Gastronomie",
    "health": "Gesundheitswesen",
    "public": "Öffentliche Hand",
}

# Hand-picked firms: together they cover every letter A–Z, the umlauts and "#", whatever the
# seed. (company name, short name if not derivable, sector, owner's surname, owner's title)
ANCHORS = [
    ("Autohaus Albrecht GmbH", "", "retail", "Albrecht", ""),
    ("Ärztehaus am Markt GbR", "", "health", "Arnold", "Dr."),
    ("Bäckerei Özdemir e.K.", "", "trade", "Özdemir", ""),
    ("Brauerei Bergmann GmbH & Co. KG", "", "gastro", "Bergmann", ""),
    ("Carstens Catering GmbH", "", "gastro", "Carstens", ""),
    ("Dachdeckerei Dietrich GmbH", "", "trade", "Dietrich", ""),
    ("Elektro Engel GmbH", "", "trade", "Engel", ""),
    ("Fliesen Fischer e.K.", "", "trade", "Fischer", ""),
    ("Gasthaus zum Goldenen Löwen GmbH", "", "gastro", "", ""),
    ("Holzbau Huber GmbH & Co. KG", "", "trade", "Huber", ""),
    ("IT-Service Ilgner UG (haftungsbeschränkt)", "", "services", "Ilgner", ""),
    ("Ingenieurbüro Imhoff PartG mbB", "", "services", "Imhoff", "Dr."),
    ("Jansen Gartenbau GmbH", "", "trade", "Jansen", ""),
    ("Juwelier Jäger e.K.", "", "retail", "Jäger", ""),
    ("Kanzlei Krause & Partner Rechtsanwälte PartG mbB", "", "services", "Krause", "Dr."),
    ("Landmetzgerei Lorenz e.K.", "", "trade", "Lorenz", ""),
    ("Müller Haustechnik GmbH", "", "trade", "Müller", ""),
    ("Nordlicht Software GmbH", "", "services", "", ""),
    ("Optik Otto e.K.", "", "health", "Otto", ""),
    ("Ökostrom Rheinland eG", "Ökostrom Rheinland", "services", "", ""),
    ("Öztürk Bau GmbH", "", "trade", "Öztürk", ""),
    ("Physiotherapie Peters GbR", "", "health", "Peters", ""),
    ("Quast Metallbau GmbH", "", "trade", "Quast", ""),
    ("Quartiersmanagement Nordstadt e.V.", "", "public", "", ""),
    ("Reinigungsdienst Richter GmbH", "", "services", "Richter", ""),
    ("Schröder & Söhne KG", "", "trade", "Schröder", ""),
    ("Steuerberatung Schulz & Partner PartG mbB", "", "services", "Schulz", ""),
    ("Tischlerei Thiele GmbH", "", "trade", "Thiele", ""),
    ("Umzüge Ullrich GmbH", "", "services", "Ullrich", ""),
    ("ÜberBlick Medien GmbH", "", "services", "", ""),
    ("Übersetzungsbüro Lingua e.K.", "", "services", "Lindemann", ""),
    ("Vogel Versicherungsmakler GmbH", "", "services", "Vogel", ""),
    ("Weingut Wagner GbR", "", "gastro", "Wagner", ""),
    ("Xylo Holzdesign UG (haftungsbeschränkt)", "", "trade", "Xander", ""),
    ("Yachtservice Kiel GmbH", "", "trade", "", ""),
    ("Yoga-Studio Yildiz", "", "health", "Yildiz", ""),
    ("Zahnarztpraxis Dr. Zimmermann", "", "health", "Zimmermann", "Dr."),
    ("Zweirad Ziegler e.K.", "", "retail", "Ziegler", ""),
    ("3D-Druck Werkstatt UG (haftungsbeschränkt)", "", "services", "", ""),
    ("@Home Service GmbH", "", "services", "", ""),
    ("24/7 Notdienst GmbH", "", "trade", "", ""),
    ("1a Gebäudereinigung GmbH", "", "services", "", ""),
]
# company name; short name; postal code; city; country; street; phone; sector
FOREIGN = table(
    """Alpenholz Zimmerei GmbH; Alpenholz Zimmerei; 6020; Innsbruck; AT; Museumstraße 21;
    +43 512 584123; trade,
    Zürcher Feinmechanik AG; Zürcher Feinmechanik; 8005; Zürich; CH; Hardstrasse 219;
    +41 44 2718830; trade,
    Van der Berg Tuinbouw B.V.; Van der Berg Tuinbouw; 3011 AD; Rotterdam; NL; Coolsingel 42;
    +31 10 4123456; trade,
    Boulangerie Lefèvre SARL; Boulangerie Lefèvre; 67000; Strasbourg; FR;
    12 Rue des Grandes Arcades; +33 3 88 32 45 10; gastro"""
)

# postal code, city, area code; big cities appear several times and so are drawn more often.
PLACES = table(
    """10115;Berlin;030, 10178;Berlin;030, 10245;Berlin;030, 10437;Berlin;030,
    10623;Berlin;030, 12043;Berlin;030, 13347;Berlin;030, 14467;Potsdam;0331, 20095;Hamburg;040,
    20249;Hamburg;040, 22085;Hamburg;040, 22765;Hamburg;040, 80331;München;089, 80469;München;089,
    80796;München;089, 81369;München;089, 50667;Köln;0221, 50733;Köln;0221, 50937;Köln;0221,
    60311;Frankfurt am Main;069, 60486;Frankfurt am Main;069, 70173;Stuttgart;0711,
    70372;Stuttgart;0711, 40213;Düsseldorf;0211, 04109;Leipzig;0341, 04229;Leipzig;0341,
    01067;Dresden;0351, 01099;Dresden;0351, 30159;Hannover;0511, 90402;Nürnberg;0911,
    28195;Bremen;0421, 45127;Essen;0201, 44135;Dortmund;0231, 48143;Münster;0251,
    79098;Freiburg im Breisgau;0761, 18055;Rostock;0381, 99084;Erfurt;0361, 24103;Kiel;0431,
    93047;Regensburg;0941, 86150;Augsburg;0821, 09111;Chemnitz;0371, 07743;Jena;03641,
    33602;Bielefeld;0521, 68159;Mannheim;0621, 69117;Heidelberg;06221, 97070;Würzburg;0931,
    23552;Lübeck;0451, 83646;Bad Tölz;08041, 21335;Lüneburg;04131, 02826;Görlitz;03581,
    94032;Passau;0851, 52062;Aachen;0241, 53111;Bonn;0228, 55116;Mainz;06131,
    66111;Saarbrücken;0681, 34117;Kassel;0561, 26122;Oldenburg;0441, 89073;Ulm;0731,
    78462;Konstanz;07531, 06108;Halle (Saale);0345, 39104;Magdeburg;0391, 19053;Schwerin;0385,
    37073;Göttingen;0551, 76133;Karlsruhe;0721"""
)
STREETS = words(
    """Hauptstraße|Bahnhofstraße|Schillerstraße|Goethestraße|Lindenstraße|Gartenstraße|
Am Markt|Kirchplatz|Friedrich-Ebert-Straße|Industriestraße|Mühlenweg|Rosenstraße|Dorfstraße|
Schulstraße|Poststraße|Ringstraße|Waldweg|Birkenallee|Am Sportplatz|Gewerbepark Süd|Lessingstraße|
Mozartstraße|Beethovenstraße|Königsallee|Uhlandstraße|Feldstraße|Wiesenweg|Eichendorffstraße|
Bismarckstraße|Kantstraße|Parkstraße|Am Hafen|Torstraße|Rathausplatz|Hohe Straße|Brunnenstraße|
Sonnenallee|Weinbergweg|Talstraße|Zum Sportplatz|Meisenweg|Ahornweg|Kastanienallee|Marktstraße|
Im Gewerbegebiet|Carl-Benz-Straße|Robert-Bosch-Straße|Ernst-Reuter-Platz|Karl-Marx-Straße|
Bergstraße|Neue Straße|An der Mühle|Oststraße|Südring""",
    "|",
)

SURNAMES = words(
    """Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer
    Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange
    Schmitt Werner Schmitz Krause Meier Lehmann Schulze Maier Köhler Herrmann König Walter Huber
    Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert Vogel Friedrich Keller Günther
    Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter
    Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas
    Schreiber Graf Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch Bergmann Voigt Sauer Arnold
    Wolff Pfeiffer Ebert Nagel Oswald Ulrich Iwanowski Janssen Quandt Xander Ehlers Ilgner Ahrens
    Ohlsen"""
)
FOREIGN_SURNAMES = {
    "tr": words("Yilmaz Öztürk Özdemir Kaya Demir Şahin Çelik Yildiz Aydin Ünal Arslan Doğan"),
    "pl": words("Nowak Kowalski Wiśniewski Lewandowski Kamiński Zieliński Wójcik"),
    "it": words("Rossi Russo Esposito Romano Colombo Ricci Bianchi Greco"),
}
FIRST_NAMES = {  # origin: (male, female)
    "de": (
        """Thomas Michael Andreas Stefan Frank Jürgen Uwe Klaus Peter Markus Christian Sebastian
        Jan Tobias Felix Lukas Jonas Maximilian Florian Daniel Matthias Martin Holger Dirk Sven
        Björn Jörg Günter Wolfgang Hans-Peter Karl-Heinz Niklas Leon Paul Moritz Timo Ralf""",
        """Sabine Petra Claudia Andrea Susanne Nicole Stefanie Julia Katharina Anna Laura Lena
        Sarah Lisa Marie Sophie Hannah Birgit Monika Ursula Renate Heike Anja Kerstin Silke
        Christiane Jana Franziska Johanna Charlotte Greta Ingrid Gisela Jutta Maren Anne-Marie""",
    ),
    "tr": ("Mehmet Mustafa Ahmet Ali Murat Emre Can Kerem", "Ayşe Fatma Elif Zeynep Derya Selin"),
    "pl": ("Piotr Tomasz Krzysztof Marek Paweł", "Agnieszka Katarzyna Magdalena Joanna Ewa"),
    "it": ("Marco Giuseppe Alessandro Matteo Luca", "Giulia Francesca Chiara Elena Sofia"),
}
NEUTRAL_FIRST_NAMES = words("Kim Alex Robin Sascha Charlie Toni Eike Mika Jule")

TRADES = {  # sector: words that stand before the owner's name ("Bäckerei Özdemir")
    "trade": """Bäckerei Metzgerei Elektro Sanitär Dachdeckerei Malerbetrieb Tischlerei Schreinerei
    Zimmerei Heizungsbau Metallbau Fliesen Glaserei Raumausstattung Schlosserei Steinmetz Gartenbau
    Kfz-Werkstatt Friseursalon Parkett Rollladenbau""",
    "gastro": "Gasthaus Restaurant Café Bistro Landgasthof Pension Weinstube Eiscafé Hotel",
    "health": """Physiotherapie Zahnarztpraxis Hausarztpraxis Tierarztpraxis Apotheke Optik
    Hörakustik Pflegedienst Logopädie""",
    "services": """Steuerberatung Ingenieurbüro Architekturbüro Hausverwaltung Immobilien
    Versicherungsbüro Fahrschule Reisebüro Fotostudio Werbeagentur Gebäudereinigung Umzüge""",
    "retail": """Autohaus Blumenhaus Buchhandlung Getränkemarkt Modehaus Schuhhaus Weinhandlung
    Fahrradladen Juwelier Spielwaren Baustoffhandel Reformhaus""",
}
BUSINESSES = words(
    """Haustechnik Bau Logistik Elektrotechnik Metallbau Holzbau Landtechnik Kältetechnik
    Systemtechnik Personalservice Immobilien Spedition Verpackungen Maschinenbau Werkzeugbau Druck
    Dämmtechnik Stahlbau Fensterbau Solartechnik"""
)
FANCY = words(
    """Nordlicht Blauwal Sonnenstrom Elbwerk Lichtblick Heimathafen Rheingold Alpenglühen Spreewerk
    Heideland Waldblick Küstenwind Silberfuchs Bergkristall Flussgold Weitblick"""
)
FANCY_KINDS = words("Medien Software Solar Consulting Events Design Energie Systeme Reisen Digital")
GASTRO_NAMES = words(
    """Gasthof zur Linde|Hotel Seeblick|Ristorante Da Marco|Zum Schwarzen Adler|
Brauhaus am Dom|Pizzeria Bella Napoli|Café Sonnenschein|Hofladen Gut Kleinow|Kantine im Hof|
Landhotel Birkenhof|Imbiss Kiezgrill|Teestube Friesenherz""",
    "|",
)
PUBLIC_NAMES = words(
    """Stadtverwaltung {city}|Stadtwerke {city} GmbH|Gemeindeverwaltung {city}|
Grundschule am Lindenhof|Kita Sonnenschein|Volkshochschule {city}|Freiwillige Feuerwehr {city}|
TSV {city} 1861 e.V.|Förderverein Stadtbibliothek {city} e.V.|Kirchengemeinde St. Marien""",
    "|",
)
LEGAL_FORMS = ["GmbH"] * 6 + ["GmbH & Co. KG"] * 2 + ["KG", "AG", "OHG", "UG (haftungsbeschränkt)"]
POSITIONS = [  # male, female, neutral, department
    ("Geschäftsführer", "Geschäftsführerin", "Geschäftsführung", "Geschäftsleitung"),
    ("Einkäufer", "Einkäuferin", "Einkauf", "Einkauf"),
    ("Buchhalter", "Buchhalterin", "Buchhaltung", "Buchhaltung"),
    ("Büroleiter", "Büroleiterin", "Büroleitung", "Verwaltung"),
    ("Projektleiter", "Projektleiterin", "Projektleitung", "Technik"),
    ("Vertriebsleiter", "Vertriebsleiterin", "Vertriebsleitung", "Vertrieb"),
    ("Prokurist", "Prokuristin", "Prokura", "Geschäftsleitung"),
    ("Werkstattmeister", "Werkstattmeisterin", "Werkstattleitung", "Werkstatt"),
    ("Sachbearbeiter", "Sachbearbeiterin", "Sachbearbeitung", "Verwaltung"),
]
OWNER = ("Inhaber", "Inhaberin", "Inhaberschaft")
MOBILE_PREFIXES = words("0151 0152 0160 0162 0170 0171 0172 0173 0175 0176 0177 0178 0179")
FREEMAIL = ["example.com", "example.org", "example.net"]
NOTES = [
    "Bevorzugt Kontakt per E-Mail.",
    "Rechnungen bitte immer an die Buchhaltung senden.",
    "Lieferungen nur vormittags zwischen 8 und 12 Uhr.",
    "Zufahrt über den Hinterhof, Tor klemmt manchmal.",
    "Interessiert an einem Wartungsvertrag – im Frühjahr nachfassen.",
    "Zahlt regelmäßig mit Skonto.",
    "Ansprechpartner wechselt zum Jahresende.",
    "Kontakt über die Messe in Köln entstanden.",
    "Schlüssel beim Hausmeister abholen (Klingel „Hausmeister“).",
    "Nur telefonisch nach 16 Uhr erreichbar.",
    "Altbau, Baujahr 1928 – Angebot für Badsanierung gewünscht.",
    "Möchte keine Werbung per Post erhalten.",
]
