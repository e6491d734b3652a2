"""Structured logs: one JSON object per line, each carrying the id of the request it belongs to.

The request id lives in a context variable: RequestLogMiddleware sets it for the length of a request, and
the Celery signals in leadership/celery.py carry it in a task's headers and set it again in the worker, so
that an operator can follow one request through its pages, queries and the tasks it queued.
"""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar, Token
from datetime import UTC, datetime

from celery import current_task

_RESERVED = set(vars(logging.makeLogRecord({})))

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request (or of the request that queued the task) being handled, if any."""
    return request_id_var.get()


def bind_request_id(request_id: str | None) -> Token[str | None]:
    """Set the current request id; pass the returned token to `unbind_request_id` when done."""
    return request_id_var.set(request_id)


def unbind_request_id(token: Token[str | None]) -> None:
    request_id_var.reset(token)


class RequestIdFilter(logging.Filter):
    """Put the current request id (and, inside a task, the task's id and name) on every record.

    Attached to the handlers, so that any logger's lines, ours or a library's, carry it; a record that
    already names its request id (the request line itself) keeps it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request_id = request_id_var.get()
        if request_id is not None and not hasattr(record, "request_id"):
            record.request_id = request_id
        task = current_task
        if task and getattr(task.request, "id", None) and not hasattr(record, "task_id"):
            record.task_id = task.request.id
            record.task_name = task.name
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        payload.update({key: value for key, value in vars(record).items() if key not in _RESERVED})
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str, ensure_ascii=False)
