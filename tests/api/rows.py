"""What DRF's own fields make of an object, to compare with an API list's rows written by hand.

A list serializer that writes its rows itself (leadership.common.api_fields.FlatListSerializer) must answer
exactly what its declared fields would: the same keys in the same order and the same values. `drf_row` runs
the generic ModelSerializer path (or the serializer's `fields_representation`, where it adds to what its
fields give) on an object loaded the ordinary way (every column, related objects), under the same language,
`?all_languages` and user as the list's request, and returns it as the JSON text the renderer would write.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory


def drf_row(
    serializer_class: type[serializers.Serializer],
    instance: Any,
    *,
    path: str,
    lang: str = "en",
    all_languages: bool = False,
    user: Any = None,
    context: dict[str, Any] | None = None,
) -> str:
    django_request = APIRequestFactory().get(path)
    django_request.all_languages = all_languages
    request = Request(django_request)
    request.user = user or AnonymousUser()
    with translation.override(lang):
        serializer = serializer_class(instance, context={"request": request, **(context or {})})
        # A serializer that adds to what its fields give (blanks what a reader may not see) names it so.
        represent = getattr(serializer, "fields_representation", None)
        if represent is None:
            return json_text(serializers.ModelSerializer.to_representation(serializer, instance))
        return json_text(represent(instance))


def json_text(data: Any) -> str:
    """JSON as the API's renderer writes it (key order kept), for a byte-for-byte comparison."""
    return JSONRenderer().render(data).decode()


def list_rows(response: Any) -> list[str]:
    """The rows of a list response, each as JSON text in the order of its keys."""
    return [json_text(row) for row in json.loads(response.content)["results"]]
