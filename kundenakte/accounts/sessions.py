"""Django's database sessions, read with one plain query (see kundenakte.core.reader).

Every request loads its session; through the ORM that read cost more to build than to run.
The same query reads the reference data's change counter (kundenakte.core.generation), which
tells whether this process's cached user, permissions and settings are still current.
Storage, expiry and writes are Django's own: only the read is replaced.
"""

from functools import cache

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connections, router
from django.utils import timezone

from kundenakte.core import generation
from kundenakte.core.reader import columns, from_row


@cache
def _query(alias: str) -> str:
    connection = connections[alias]
    table = connection.ops.quote_name(Session._meta.db_table)
    return (
        f"SELECT {columns(Session, table, connection)}, {generation.COUNTER_SQL} FROM {table}"
        " WHERE session_key = %s AND expire_date > %s"
    )


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        key = self.session_key  # None when the cookie's key is malformed
        session = counter = None
        if key is not None:
            connection = connections[router.db_for_read(Session)]
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            with connection.cursor() as cursor:
                cursor.execute(_query(connection.alias), [key, now])
                row = cursor.fetchone()
            if row is not None:
                session, counter = from_row(Session, row[:-1], connection), row[-1]
        generation.observe(counter)
        if session is None:
            self._session_key = None
        return session
