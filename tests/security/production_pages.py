"""Visit the main pages with production settings and print what each response sent, as one JSON line.

Run by tests/security/test_headers.py in a fresh process (`python -m tests.security.production_pages`) with
the environment of tests/production.py, on a SQLite database in that environment's VAR_DIR: the settings
module reads the environment once, at import, so production settings need a process of their own.
"""

from __future__ import annotations

import json
from typing import Any

import django
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

from tests.production import HOST

ORIGIN = f"https://{HOST}"
PLAIN_STATIC_STORAGE = "django.contrib.staticfiles.storage.StaticFilesStorage"


def _record(label: str, response: Any) -> dict[str, Any]:
    return {
        "page": label,
        "status": response.status_code,
        "headers": {name.lower(): value for name, value in response.headers.items()},
        "cookies": [
            {
                "name": name,
                "secure": bool(morsel["secure"]),
                "httponly": bool(morsel["httponly"]),
                "samesite": morsel["samesite"],
                "deleted": morsel.value == "" and str(morsel["max-age"]) == "0",
            }
            for name, morsel in response.cookies.items()
        ],
    }


def _world() -> dict[str, Any]:
    """One of each thing the main pages show: the factories the suite uses, written to this database."""
    from tests.factories import OrganizationFactory, UserFactory
    from tests.factories.nominations import NominationCallFactory
    from tests.factories.registry import CompetencyFactory, RoleFactory
    from tests.factories.training import TrainingSessionFactory

    organization = OrganizationFactory(name="Wikimedia Headers", name_en="Wikimedia Headers", slug="headers")
    return {
        "organization": organization,
        "role": RoleFactory(organization=organization),
        "competency": CompetencyFactory(slug="headers-skill"),
        "session": TrainingSessionFactory(course__organization=organization),
        "call": NominationCallFactory(organization=organization),
        "user": UserFactory(username="headers"),
    }


def main() -> None:
    django.setup()
    # Hashed static file names need `collectstatic` (half a minute of compression) and change no header.
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": PLAIN_STATIC_STORAGE}}):
        print(json.dumps(_visit()))  # noqa: T201 - the parent test reads this line


def _visit() -> list[dict[str, Any]]:
    call_command("migrate", verbosity=0)
    world = _world()
    from tests.factories.roles import PASSWORD

    anonymous_pages = {
        "home": "/en/",
        "organisations": "/en/organizations/",
        "organisation": f"/en/organizations/{world['organization'].slug}/",
        "roles": "/en/roles/",
        "role": f"/en/roles/{world['role'].pk}/",
        "competencies": "/en/competencies/",
        "competency": f"/en/competencies/{world['competency'].slug}/",
        "trainings": "/en/training/",
        "training session": f"/en/training/sessions/{world['session'].pk}/",
        "nomination call": f"/en/nominations/calls/{world['call'].pk}/",
        "nomination form": f"/en/nominations/calls/{world['call'].pk}/nominate/",
        "overview": "/en/overview/",
        "sign-up": "/en/accounts/signup/",
        "API docs": "/api/v1/docs/",
        "API root": "/api/v1/",
        "API list": "/api/v1/roles/",
        "login": "/en/accounts/login/",  # last: its CSRF cookie serves the sign-in below
    }
    client = Client(enforce_csrf_checks=True, HTTP_HOST=HOST)
    records = [_record(label, client.get(path, secure=True)) for label, path in anonymous_pages.items()]
    signed_in = {
        "sign-in": client.post(
            "/en/accounts/login/",
            {
                "login": world["user"].email,
                "password": PASSWORD,
                "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
            },
            secure=True,
            HTTP_ORIGIN=ORIGIN,
        ),
        "me (signed in)": client.get("/en/me/", secure=True),
        "API list (signed in)": client.get("/api/v1/organizations/", secure=True),
    }
    signed_in["log-out"] = client.post(
        "/en/accounts/logout/",
        {"csrfmiddlewaretoken": client.cookies["csrftoken"].value},
        secure=True,
        HTTP_ORIGIN=ORIGIN,
    )
    return records + [_record(label, response) for label, response in signed_in.items()]


if __name__ == "__main__":
    main()
