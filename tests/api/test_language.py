"""The API answers in the language of `?lang=`, else of Accept-Language, else English."""

import pytest

pytestmark = pytest.mark.django_db

ALPHA = "/api/v1/organizations/wikimedia-alpha/"


@pytest.mark.parametrize(
    ("query", "header", "name", "content_language"),
    [
        ("", "", "Wikimedia Alpha", "en"),
        ("", "fr", "Wikimédia Alpha de France", "fr"),
        ("", "fr-CA,fr;q=0.9,en;q=0.5", "Wikimédia Alpha de France", "fr"),
        ("", "ar", "ويكيميديا ألفا", "ar"),
        ("", "es", "Wikimedia Alpha", "es"),  # no Spanish name: English first
        ("", "de", "Wikimedia Alpha", "en"),  # not a language of the site
        ("?lang=fr", "", "Wikimédia Alpha de France", "fr"),
        ("?lang=ar", "fr", "ويكيميديا ألفا", "ar"),  # ?lang= wins over the header
        ("?lang=en", "ar", "Wikimedia Alpha", "en"),
        ("?lang=FR", "", "Wikimédia Alpha de France", "fr"),
        ("?lang=pt-BR", "", "Wikimedia Alpha", "pt-br"),
        ("?lang=fr-CA", "", "Wikimédia Alpha de France", "fr"),  # a region of a language of the site
        ("?lang=", "fr", "Wikimédia Alpha de France", "fr"),
    ],
)
def test_api_language_from_query_then_header(api_client, alpha, query, header, name, content_language):
    headers = {"HTTP_ACCEPT_LANGUAGE": header} if header else {}

    response = api_client.get(f"{ALPHA}{query}", **headers)

    assert (response.status_code, response.json()["name"], response["Content-Language"]) == (
        200,
        name,
        content_language,
    )


@pytest.mark.parametrize(
    ("query", "header", "content_language"),
    [("?lang=xx", "", "en"), ("?lang=xx", "ar", "ar"), ("?lang=de", "fr", "fr")],
)
def test_api_language_unknown_is_400_listing_the_allowed_codes(
    api_client, alpha, query, header, content_language
):
    headers = {"HTTP_ACCEPT_LANGUAGE": header} if header else {}

    response = api_client.get(f"{ALPHA}{query}", **headers)

    body = response.json()
    assert (response.status_code, body["allowed_languages"], response["Content-Language"]) == (
        400,
        ["en", "fr", "es", "pt-br", "id", "ar"],
        content_language,
    )
    assert len(body["lang"]) == 1
    assert "en, fr, es, pt-br, id, ar" in body["lang"][0]


@pytest.mark.parametrize("flag", ["yes", "2", "all"])
def test_api_all_languages_not_a_boolean_is_400(api_client, alpha, flag):
    response = api_client.get(f"{ALPHA}?all_languages={flag}")

    assert (response.status_code, response.json()) == (400, {"all_languages": ["Enter true or false."]})


def test_api_one_language_by_default_every_language_on_request(api_client, alpha):
    one = api_client.get(f"{ALPHA}?lang=fr").json()
    every = api_client.get(f"{ALPHA}?lang=fr&all_languages=1").json()

    assert ("translations" in one, one["name"], every["name"]) == (
        False,
        "Wikimédia Alpha de France",
        "Wikimédia Alpha de France",
    )
    assert every["translations"] == {
        "name": {
            "en": "Wikimedia Alpha",
            "fr": "Wikimédia Alpha de France",
            "es": None,
            "pt-br": None,
            "id": None,
            "ar": "ويكيميديا ألفا",
        },
        "description": {
            "en": "A fictional organisation for tests.",
            "fr": "Une organisation fictive pour les tests.",
            "es": None,
            "pt-br": None,
            "id": None,
            "ar": None,
        },
    }


def test_api_language_description_falls_back_to_english(api_client, alpha):
    response = api_client.get(f"{ALPHA}?lang=ar")

    assert response.json()["description"] == "A fictional organisation for tests."


def test_api_language_web_url_in_that_language(api_client, alpha):
    response = api_client.get(f"{ALPHA}?lang=fr")

    assert response.json()["web_url"] == "http://testserver/fr/organizations/wikimedia-alpha/"


@pytest.mark.parametrize(
    ("query", "header", "detail"),
    [
        ("?lang=fr", "", "Non trouvé."),
        ("", "ar", "غير موجود."),
        ("?lang=id", "ar", "Data tidak ditemukan."),
    ],
)
def test_api_language_of_error_messages(api_client, query, header, detail):
    headers = {"HTTP_ACCEPT_LANGUAGE": header} if header else {}

    response = api_client.get(f"/api/v1/organizations/nowhere/{query}", **headers)

    assert (response.status_code, response.json()) == (404, {"detail": detail})


def test_api_language_query_ignored_on_web_pages(client, org_a):
    response = client.get("/en/organizations/?lang=fr")

    assert (response.status_code, response["Content-Language"]) == (200, "en")
