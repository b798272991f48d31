"""The substring index behind the customer search, one per database.

`Customer.search_text` is searched for substrings ("mull" finds "müller"), which no B-tree index
helps with. SQLite gets an FTS5 table with the trigram tokenizer, kept in step with the customer
table by triggers; PostgreSQL gets a pg_trgm GIN index that serves `LIKE '%…%'` directly.

Django's SQLite schema editor rebuilds a table (copy, drop, rename) for many column changes, and
dropping the table drops its triggers. `search_index_ensure()` puts them back and rebuilds the
index; the migration uses it, and a test fails when a later migration has removed them.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

from kundenakte.core.triggers import execute_all, sqlite_triggers_missing

FTS_TABLE = "customers_customer_fts"
TRIGGERS = ("customers_customer_fts_ai", "customers_customer_fts_ad", "customers_customer_fts_au")
TRIGRAM_INDEX = "customer_search_trgm"
# Words shorter than a trigram cannot use either index and are matched by LIKE instead.
MIN_INDEXED_LENGTH = 3

_SQLITE_TABLE = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
    search_text, content='customers_customer', content_rowid='id', tokenize='trigram'
)"""

_SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS {TRIGGERS[0]} AFTER INSERT ON customers_customer BEGIN
    INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TRIGGERS[1]} AFTER DELETE ON customers_customer BEGIN
    INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TRIGGERS[2]}
AFTER UPDATE OF search_text ON customers_customer BEGIN
    INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
    INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
END""",
]

_POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON customers_customer "
    "USING gin (search_text gin_trgm_ops)",
]


def search_index_ensure(connection: BaseDatabaseWrapper) -> None:
    """Create the index if it is missing; on SQLite also rebuild it after lost triggers."""
    if connection.vendor == "postgresql":
        statements = _POSTGRES
    elif connection.vendor == "sqlite":
        if not sqlite_triggers_missing(connection, TRIGGERS):
            return
        statements = [_SQLITE_TABLE, *_SQLITE_TRIGGERS]
        statements.append(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
    else:
        return
    execute_all(connection, statements)


def search_index_drop(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        statements = [f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}"]
    elif connection.vendor == "sqlite":
        statements = [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS]
        statements.append(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    else:
        return
    execute_all(connection, statements)


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
