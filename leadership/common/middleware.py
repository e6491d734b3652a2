"""Request logging without personal data: no address, no user, no query string."""

import logging
import re
import time
import uuid

from django.http import HttpRequest, HttpResponse

from .logging import bind_request_id, unbind_request_id

logger = logging.getLogger("leadership.requests")

# A proxy's or client's X-Request-ID is kept only when it looks like an id, so nothing else rides along
# into the logs, the tasks' headers and error reports.
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = bind_request_id(request_id)  # every log line and task of this request carries it
        try:
            started = time.perf_counter()
            response = self.get_response(request)
            match = getattr(request, "resolver_match", None)
            logger.info(
                "request",
                extra={
                    "request_id": request_id,
                    "method": request.method,
                    "route": match.route if match else None,
                    "view": match.view_name if match else None,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
        finally:
            unbind_request_id(token)
        response["X-Request-ID"] = request_id
        return response
