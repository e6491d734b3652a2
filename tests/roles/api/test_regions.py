"""Regions: the eight Wikimedia regions and Global, named in the request's language."""

import pytest

from roles.models import Region

pytestmark = pytest.mark.django_db


def test_region_list_anonymous(api_client):
    response = api_client.get("/api/v1/regions/")

    assert response.status_code == 200
    assert response.json() == [
        {"code": "CEE", "name": "Central and Eastern Europe"},
        {"code": "ESEAP", "name": "East, Southeast Asia and the Pacific"},
        {"code": "LAC", "name": "Latin America and the Caribbean"},
        {"code": "MENA", "name": "Middle East and North Africa"},
        {"code": "NA", "name": "North America"},
        {"code": "NWE", "name": "Northern and Western Europe"},
        {"code": "SA", "name": "South Asia"},
        {"code": "SSA", "name": "Sub-Saharan Africa"},
        {"code": "GLOBAL", "name": "Global"},
    ]


@pytest.mark.parametrize("keep", [["NWE"], ["NWE", "SSA", "GLOBAL"]])
def test_region_list_query_count_constant(api_client, django_assert_num_queries, keep):
    Region.objects.exclude(code__in=keep).delete()

    with django_assert_num_queries(1):
        response = api_client.get("/api/v1/regions/")

    assert [item["code"] for item in response.json()] == keep


def test_region_detail_by_code(api_client):
    response = api_client.get("/api/v1/regions/SSA/")

    assert (response.status_code, response.json()) == (200, {"code": "SSA", "name": "Sub-Saharan Africa"})


def test_region_detail_unknown_is_404(api_client):
    response = api_client.get("/api/v1/regions/ATLANTIS/")

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_region_writes_not_allowed(signed_in, staff_user, method):
    path = "/api/v1/regions/" if method == "post" else "/api/v1/regions/NWE/"

    response = getattr(signed_in(staff_user), method)(path, {"code": "NWE"}, format="json")

    assert response.status_code == 405
