"""The substring index behind the customer search, one per database.

`Customer.search_text` is searched for substrings ("mull" finds "müller"), which no B-tree index
helps with. SQLite gets an FTS5 table with the trigram tokenizer, kept in step with the customer
table by triggers; PostgreSQL gets a pg_trgm GIN index that serves `LIKE '%…%'` directly.

The FTS table is an index, not a model (no more than PostgreSQL's GIN index is); its DDL is in
customers/migrations/0011, its triggers are `triggers()`, applied by migrations
(kundenakte.core.triggers). `manage.py recount_derived` rebuilds the FTS index (`REFILL`).
"""

from kundenakte.core.triggers import trigger

FTS_TABLE = "customers_customer_fts"
TRIGRAM_INDEX = "customer_search_trgm"
# Words shorter than a trigram cannot use either index and are matched by LIKE instead.
MIN_INDEXED_LENGTH = 3
REFILL = {"sqlite": [f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"]}

_DELETE_OLD = (
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text);"
)
_INSERT_NEW = f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text);"
_SQLITE = {
    "customers_customer_fts_ai": f"AFTER INSERT ON customers_customer BEGIN {_INSERT_NEW} END",
    "customers_customer_fts_ad": f"AFTER DELETE ON customers_customer BEGIN {_DELETE_OLD} END",
    "customers_customer_fts_au": "AFTER UPDATE OF search_text ON customers_customer "
    f"BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
}


def triggers() -> dict:
    """SQLite's triggers that keep the FTS table in step; PostgreSQL's index needs none."""
    return {
        "sqlite": [
            trigger(name, "customers_customer", f"CREATE TRIGGER {name} {sql}")
            for name, sql in _SQLITE.items()
        ]
    }


def fts_query(terms: list[tuple[str, ...]]) -> str:
    """An FTS5 MATCH expression: every word must match in one of its spellings.

    Each spelling is a quoted phrase (inner quotes doubled), so no user input is read as FTS5
    syntax; with the trigram tokenizer a phrase matches as a substring.
    """
    words = []
    for spellings in terms:
        phrases = ['"' + spelling.replace('"', '""') + '"' for spelling in spellings]
        words.append("(" + " OR ".join(phrases) + ")")
    return " AND ".join(words)
