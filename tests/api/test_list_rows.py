"""The pieces lists use to write their rows by hand (leadership.common.api_fields): what DRF would write."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from leadership.common.api_fields import DateTimeText, KeyedUrls, ObjectKey, identity_urls

pytestmark = pytest.mark.django_db


class Organizations(serializers.Serializer):
    url = serializers.HyperlinkedIdentityField(view_name="organization-detail", lookup_field="slug")


def bound_url_field(path: str) -> serializers.HyperlinkedIdentityField:
    serializer = Organizations(context={"request": Request(APIRequestFactory().get(path))})
    return serializer.fields["url"]


@pytest.mark.parametrize("path", ["/api/v1/organizations/", "/api/v1/organizations/?format=json"])
@pytest.mark.parametrize("slug", ["wikimedia-alpha", "wm_2", "11", "ünïcode", "a b"])
def test_identity_urls_give_the_fields_url(path, slug):
    field = bound_url_field(path)

    assert identity_urls(field)(ObjectKey("slug", slug)) == str(
        field.to_representation(ObjectKey("slug", slug))
    )


def test_keyed_urls_build_twice_and_fall_back_for_other_keys():
    built = []

    def build(key):
        built.append(key)
        return f"https://example.org/x/{key}/?y=1"

    urls = KeyedUrls(build, lookup="slug")

    assert [urls(ObjectKey("slug", key)) for key in ("a", "b-c", "d e")] == [
        "https://example.org/x/a/?y=1",
        "https://example.org/x/b-c/?y=1",
        "https://example.org/x/d e/?y=1",
    ]
    assert built == ["11", "22", "d e"]  # the two probes, then only the key quoting could change


@pytest.mark.parametrize("zone", ["UTC", "America/Sao_Paulo", "Asia/Kolkata"])
def test_date_time_text_writes_what_the_field_writes(zone):
    moments = [
        datetime.datetime(2025, 3, 1, 12, 30, 5, 123456, tzinfo=datetime.UTC),
        datetime.datetime(2025, 7, 1, 0, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris")),
        datetime.datetime(2025, 7, 1, 8, 0),  # noqa: DTZ001 (naive on purpose: it goes through the field)
        None,
    ]
    field = serializers.DateTimeField()

    with timezone.override(zone):
        written = [DateTimeText()(moment) for moment in moments]
        expected = [None if moment is None else field.to_representation(moment) for moment in moments]

    assert written == expected
