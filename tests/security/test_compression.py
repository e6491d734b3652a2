"""HTML and JSON are compressed for clients that accept gzip (issue 13), without giving up BREACH's
mitigations: Django's GZipMiddleware pads its output with random bytes, and the CSRF token a form carries
stays masked, different in every response."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from django.conf import settings
from django.middleware.csrf import CSRF_TOKEN_LENGTH, _unmask_cipher_token
from django.middleware.gzip import GZipMiddleware
from django.urls import reverse

from tests.factories.registry import RoleFactory

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _body(response) -> str:
    assert response["Content-Encoding"] == "gzip"
    return gzip.decompress(response.content).decode()


def test_gzip_sits_after_whitenoise_and_before_every_middleware_that_writes_the_body():
    middleware = settings.MIDDLEWARE
    position = middleware.index("django.middleware.gzip.GZipMiddleware")

    assert middleware[position - 1] == "whitenoise.middleware.WhiteNoiseMiddleware"
    assert position < middleware.index("django.middleware.csrf.CsrfViewMiddleware")
    assert position < middleware.index("csp.middleware.CSPMiddleware")
    assert GZipMiddleware.max_random_bytes > 0  # Django's padding against BREACH


def test_html_page_is_compressed_when_asked_and_plain_otherwise(client):
    RoleFactory.create_batch(3)

    compressed = client.get("/en/roles/", **GZIP)
    plain = client.get("/en/roles/")

    assert compressed.status_code == 200
    assert "Accept-Encoding" in compressed["Vary"]
    html = _body(compressed)
    assert html.lstrip().lower().startswith("<!doctype html")
    assert len(compressed.content) < len(html.encode()) / 3
    assert not plain.has_header("Content-Encoding")
    assert plain.content.decode().lstrip().lower().startswith("<!doctype html")


def test_json_list_is_compressed_when_asked(client):
    RoleFactory.create_batch(3)

    response = client.get("/api/v1/roles/", HTTP_ACCEPT="application/json", **GZIP)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert len(json.loads(_body(response))["results"]) == 3


def test_compressed_form_page_carries_a_masked_csrf_token_new_in_every_response(client):
    url = reverse("account_login")

    first = client.get(url, **GZIP)
    secret = client.cookies[settings.CSRF_COOKIE_NAME].value
    second = client.get(url, **GZIP)
    tokens = [TOKEN.search(_body(response)).group(1) for response in (first, second)]

    assert [len(token) for token in tokens] == [CSRF_TOKEN_LENGTH, CSRF_TOKEN_LENGTH]
    assert tokens[0] != tokens[1]  # masked anew: nothing constant for BREACH to guess at
    assert secret not in tokens
    assert [_unmask_cipher_token(token) for token in tokens] == [secret, secret]


def test_compressed_responses_are_padded_to_different_lengths(client):
    RoleFactory.create_batch(3)

    lengths = {
        len(client.get("/api/v1/roles/", HTTP_ACCEPT="application/json", **GZIP).content) for _ in range(8)
    }

    assert len(lengths) > 1  # the same JSON, compressed to varying lengths by the random padding
