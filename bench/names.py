"""German names, trades, places and tags the generator draws from.

The lists cover every letter of the A–Z bar, initial umlauts (Ä, Ö, Ü), accented letters that
fold to their base letter (Ç) and names that start with a digit or symbol, so every filter of the
list has realistic work to do. Weights roughly follow how common a name is in Germany.
"""


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Surnames, most common first; the generator weights them by rank (Zipf-like).
SURNAMES = _words(
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch "
    "Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann "
    "Lange Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König "
    "Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert Vogel "
    "Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht "
    "Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto "
    "Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn "
    "Pohl Engel Horn Busch Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer Yılmaz Kaya Demir "
    "Şahin Çelik Yıldız Öztürk Özdemir Aydın Arslan Ünal Ülker Özkan Nguyen Nowak Kowalski "
    "Ivanović Popescu Ernst Ebert Eckert Ehlers Illner Ihle Jansen Janßen Jakob Nagel Nolte Ott "
    "Oswald Quandt Quast Urban Ulrich Uhl Xander Yüksel Zeller Ahrens Äbersold Ohlsen"
)

FEMALE_FIRST_NAMES = _words(
    "Anna Maria Ursula Monika Petra Sabine Julia Katharina Laura Lena Sophie Emma Mia Hannah "
    "Claudia Andrea Stefanie Nicole Jana Sandra Birgit Renate Gisela Ingrid Elke Dörte Jülide "
    "Özlem Ayşe Elif Zeynep Agnieszka Ilse Ute Yvonne Xenia Quirina Vanessa Tanja Heike"
)

MALE_FIRST_NAMES = _words(
    "Thomas Michael Andreas Stefan Peter Klaus Jürgen Uwe Frank Markus Christian Alexander Jan "
    "Tobias Lukas Felix Maximilian Paul Jonas Leon Özgür Ömer Ümit Mehmet Ali Piotr Dirk Holger "
    "Ingo Kai Bernd Günter Horst Wolfgang Ralf Sven Torsten Yannick Xaver Quirin Volker Hans"
)

TITLES = ("Dr.", "Prof. Dr.", "Dipl.-Ing.", "Dr. med.")

# "Bäckerei Schmidt": a trade in front of the owner's surname.
TRADES_BEFORE_NAME = _words(
    "Autohaus Bäckerei Metzgerei Fleischerei Friseursalon Gärtnerei Elektro Sanitär Malerbetrieb "
    "Dachdeckerei Zimmerei Schreinerei Tischlerei Steuerberatung Rechtsanwaltskanzlei "
    "Ingenieurbüro Architekturbüro Zahnarztpraxis Physiotherapie Apotheke Optik Juwelier Blumen "
    "Reisebüro Fahrschule Hotel Gasthof Café Kfz-Werkstatt Umzüge Ärztehaus Änderungsschneiderei "
    "Ökohof Übersetzungsbüro Orthopädietechnik Immobilien Versicherungsbüro Yogastudio Weingut "
    "Hörgeräte Nähstudio Quartiersladen Xylografie Zahntechnik"
)

# "Müller Haustechnik GmbH": a line of business after a surname or a made-up brand.
TRADES_AFTER_NAME = _words(
    "Haustechnik Bau Logistik Consulting Elektrotechnik Metallbau Holzbau Gebäudereinigung "
    "Transporte Maschinenbau Software IT-Service Medien Werbetechnik Landtechnik Kältetechnik "
    "Sicherheitstechnik Druck Verpackung Handel Immobilien Gartenbau Fensterbau Energietechnik "
    "Umwelttechnik Personalservice Veranstaltungstechnik Feinkost Objekteinrichtung"
)

# Made-up brand words over the alphabet, so rare letters (I, Q, X, Y) occur as company names.
BRANDS = _words(
    "Alpha Bavaria Contor Delta Elbe Franken Genius Hanse Inntal Jade Kontor Lahn Main Nordstern "
    "Oder Pegasus Quadrat Rhein Spree Taunus Uckermark Vita Weser Xenon Yachtwerft Zenit Äskulap "
    "Ökologia Überland Ilmtal Isar"
)

# Names that start with a digit or a symbol: the "#" of the A–Z bar.
SYMBOL_NAMES = (
    "1a Autoservice",
    "24/7 Schlüsseldienst",
    "3D-Druck Werkstatt",
    "4Wheels Reifenhandel",
    "100% Bio Laden",
    "@Home Immobilien",
    "#Digital Agentur",
    "&Partner Werbeagentur",
    "(K)ein Problem Umzüge",
    '"Zur Post" Gasthof',
    "007 Sicherheitsdienst",
    "2Rad Fahrradhandel",
    "+Plus Reinigung",
    "5 Sterne Catering",
)

# Legal forms and how often they appear; "" is a sole trader without a legal form.
LEGAL_FORMS = (
    ("GmbH", 45),
    ("GmbH & Co. KG", 10),
    ("e. K.", 9),
    ("KG", 5),
    ("OHG", 3),
    ("GbR", 7),
    ("AG", 2),
    ("UG (haftungsbeschränkt)", 5),
    ("", 14),
)

# (postal code, city, country, phone area code without the leading zero, weight)
PLACES = (
    ("10115", "Berlin", "DE", "30", 40),
    ("20095", "Hamburg", "DE", "40", 20),
    ("80331", "München", "DE", "89", 18),
    ("50667", "Köln", "DE", "221", 12),
    ("60311", "Frankfurt am Main", "DE", "69", 9),
    ("70173", "Stuttgart", "DE", "711", 7),
    ("40213", "Düsseldorf", "DE", "211", 7),
    ("04109", "Leipzig", "DE", "341", 7),
    ("44135", "Dortmund", "DE", "231", 7),
    ("45127", "Essen", "DE", "201", 7),
    ("28195", "Bremen", "DE", "421", 6),
    ("01067", "Dresden", "DE", "351", 6),
    ("30159", "Hannover", "DE", "511", 6),
    ("90402", "Nürnberg", "DE", "911", 6),
    ("47051", "Duisburg", "DE", "203", 5),
    ("44787", "Bochum", "DE", "234", 4),
    ("42103", "Wuppertal", "DE", "202", 4),
    ("33602", "Bielefeld", "DE", "521", 4),
    ("53111", "Bonn", "DE", "228", 4),
    ("48143", "Münster", "DE", "251", 4),
    ("68159", "Mannheim", "DE", "621", 3),
    ("76133", "Karlsruhe", "DE", "721", 3),
    ("86150", "Augsburg", "DE", "821", 3),
    ("65183", "Wiesbaden", "DE", "611", 3),
    ("41061", "Mönchengladbach", "DE", "2161", 3),
    ("45879", "Gelsenkirchen", "DE", "209", 3),
    ("52062", "Aachen", "DE", "241", 3),
    ("38100", "Braunschweig", "DE", "531", 3),
    ("24103", "Kiel", "DE", "431", 3),
    ("09111", "Chemnitz", "DE", "371", 3),
    ("06108", "Halle (Saale)", "DE", "345", 3),
    ("39104", "Magdeburg", "DE", "391", 3),
    ("79098", "Freiburg im Breisgau", "DE", "761", 3),
    ("55116", "Mainz", "DE", "6131", 3),
    ("23552", "Lübeck", "DE", "451", 3),
    ("99084", "Erfurt", "DE", "361", 3),
    ("18055", "Rostock", "DE", "381", 3),
    ("34117", "Kassel", "DE", "561", 2),
    ("14467", "Potsdam", "DE", "331", 2),
    ("66111", "Saarbrücken", "DE", "681", 2),
    ("26121", "Oldenburg", "DE", "441", 2),
    ("49074", "Osnabrück", "DE", "541", 2),
    ("69117", "Heidelberg", "DE", "6221", 2),
    ("64283", "Darmstadt", "DE", "6151", 2),
    ("93047", "Regensburg", "DE", "941", 2),
    ("97070", "Würzburg", "DE", "931", 2),
    ("37073", "Göttingen", "DE", "551", 2),
    ("89073", "Ulm", "DE", "731", 2),
    ("07743", "Jena", "DE", "3641", 2),
    ("54290", "Trier", "DE", "651", 2),
    ("02826", "Görlitz", "DE", "3581", 1),
    ("90762", "Fürth", "DE", "911", 1),
    ("88662", "Überlingen", "DE", "7551", 1),
    ("74613", "Öhringen", "DE", "7941", 1),
    ("83646", "Bad Tölz", "DE", "8041", 1),
    ("25980", "Sylt", "DE", "4651", 1),
    ("1010", "Wien", "AT", "1", 2),
    ("8010", "Graz", "AT", "316", 1),
    ("8001", "Zürich", "CH", "44", 2),
    ("4051", "Basel", "CH", "61", 1),
)

COUNTRY_CODES = {"DE": "49", "AT": "43", "CH": "41"}

STREETS = _words(
    "Hauptstraße Bahnhofstraße Dorfstraße Schulstraße Gartenstraße Bergstraße Lindenstraße "
    "Kirchstraße Waldstraße Ringstraße Mühlenweg Goethestraße Schillerstraße Industriestraße "
    "Gewerbestraße Friedrichstraße Königsallee Rosenweg Birkenweg Ahornweg Talstraße Poststraße "
    "Mozartstraße Marktplatz Uferstraße Eichendorffweg Wilhelm-Busch-Straße Öschweg Lindenallee"
)

FREEMAIL = ("web.de", "gmx.de", "t-online.de", "gmail.com", "posteo.de", "outlook.de")
COMPANY_MAILBOXES = ("info", "kontakt", "office", "mail", "service")

# 30 tags a small firm would use, with a rough popularity weight.
TAGS = (
    ("Stammkunde", 30),
    ("Newsletter", 25),
    ("Weihnachtskarte", 20),
    ("Serienbrief", 15),
    ("Großkunde", 10),
    ("Handwerk", 12),
    ("Gastronomie", 8),
    ("Einzelhandel", 8),
    ("Ärzte", 6),
    ("Öffentliche Hand", 5),
    ("Export", 4),
    ("Wartungsvertrag", 10),
    ("Rahmenvertrag", 6),
    ("VIP", 3),
    ("Zahlungsziel 30 Tage", 7),
    ("Lastschrift", 9),
    ("Skonto", 6),
    ("Empfehlung", 5),
    ("Kaltakquise", 4),
    ("Partner", 4),
    ("Lieferant", 3),
    ("Reklamation", 2),
    ("Mahnstufe 1", 2),
    ("Fachhandel", 5),
    ("Industrie", 5),
    ("Bau", 6),
    ("IT-Dienstleister", 3),
    ("Immobilien", 3),
    ("Messe 2025", 4),
    ("Übersetzung gewünscht", 1),
)

# One customer with a surname nobody else has: the "rare term" of the search benchmark.
NEEDLE_FIRST_NAME = "Dörte"
NEEDLE_LAST_NAME = "Quirinius-Ypsilanti"
NEEDLE_TERM = "ypsilanti"
