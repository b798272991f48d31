"""Django's database sessions, read with one plain query (see kundenakte.core.reader).

Every request loads its session; through the ORM that read cost more to build than to run.
Storage, expiry and writes are Django's own: only the read is replaced.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connections, router
from django.utils import timezone

from kundenakte.core.reader import Reader

_READER = Reader(Session, "session_key = %s AND expire_date > %s")


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        key = self.session_key  # None when the cookie's key is malformed
        session = None
        if key is not None:
            ops = connections[router.db_for_read(Session)].ops
            session = _READER.first([key, ops.adapt_datetimefield_value(timezone.now())])
        if session is None:
            self._session_key = None
        return session
