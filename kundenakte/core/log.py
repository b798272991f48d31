"""Logging pieces for settings.LOGGING."""

import logging


class ClientErrorWithoutTraceback(logging.Filter):
    """Log a refused request (4xx) as its one line, without the exception's traceback.

    Django logs a `PermissionDenied` with the exception attached, so every 403 filled the log
    with a traceback through the permission decorator that says nothing the line does not. A
    server error (5xx) keeps its traceback: that one points at a bug.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
