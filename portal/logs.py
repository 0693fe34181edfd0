"""Log lines as JSON, one object a line, for production (and gunicorn.conf.py).

A log collector reads one line as one event: a traceback or a message with line breaks
stays inside its JSON string. Fields: time (UTC, ISO 8601), level, logger, message;
exception (the traceback) when there is one; for Django's request and server loggers
the status code and the request's method and path; for gunicorn's access log the
method, path, status, size and duration; anything passed in `extra`.
"""

import json
import logging
from datetime import UTC, datetime
from typing import Any

# The attributes every LogRecord has; anything else on a record came in through `extra`.
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        for key, value in vars(record).items():
            if key not in STANDARD_ATTRIBUTES and key not in ("request", "server_time"):
                entry[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if request is not None and hasattr(request, "method"):
            entry["method"] = request.method
            entry["path"] = getattr(request, "path", "")
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            # gunicorn's access log: its atoms as fields of their own.
            atoms = record.args
            entry.update(
                remote=atoms.get("h"),
                method=atoms.get("m"),
                path=atoms.get("U"),
                query=atoms.get("q"),
                status=int(atoms["s"]) if str(atoms.get("s", "")).isdigit() else atoms.get("s"),
                bytes=atoms.get("B"),
                duration_ms=atoms.get("M"),
                user_agent=atoms.get("a"),
            )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)
