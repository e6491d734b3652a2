"""The Celery application; configuration comes from Django settings (CELERY_*).

The signals below carry the request id from the request that queues a task into the task's headers and
set it again in the worker while the task runs, so the task's log lines (and error reports) name the
request that caused them. The worker logs with the project's LOGGING (JSON), not Celery's own format.
Importing leadership.common.metrics connects the task counters in every process that runs tasks.
"""

import logging.config
import os
from contextvars import Token
from typing import Any

from celery import Celery, signals

from .common import metrics  # noqa: F401 - connects the Celery task counters
from .common.logging import bind_request_id, current_request_id, unbind_request_id

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leadership.settings")

app = Celery("leadership")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

REQUEST_ID_HEADER = "request_id"
_bound: dict[str, Token[str | None]] = {}  # task id -> token, between task_prerun and task_postrun


@signals.before_task_publish.connect(weak=False)
def _publish_request_id(headers: dict[str, Any] | None = None, **_kwargs: Any) -> None:
    request_id = current_request_id()
    if request_id is not None and headers is not None:
        headers.setdefault(REQUEST_ID_HEADER, request_id)


@signals.task_prerun.connect(weak=False)
def _bind_request_id(task_id: str | None = None, task: Any = None, **_kwargs: Any) -> None:
    """In the worker, the request id comes from the message's headers (Celery puts them on task.request).

    An eager task has no message: it runs inside the request, whose id is already bound.
    """
    request_id = getattr(task.request, REQUEST_ID_HEADER, None) if task is not None else None
    if request_id and task_id:
        _bound[task_id] = bind_request_id(str(request_id))


@signals.task_postrun.connect(weak=False)
def _unbind_request_id(task_id: str | None = None, **_kwargs: Any) -> None:
    token = _bound.pop(task_id, None) if task_id else None
    if token is not None:
        unbind_request_id(token)


@signals.setup_logging.connect(weak=False)
def _configure_logging(**_kwargs: Any) -> None:
    """Connected, this keeps Celery from installing its own handlers: the worker logs JSON lines too."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
