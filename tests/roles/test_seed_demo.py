"""`manage.py seed_demo`: fictional, complete, idempotent demo data that queues no email."""

import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname
from post_office.models import Email

from roles import demo
from roles.enums import (
    Capacity,
    MembershipRequestKind,
    MembershipRequestState,
    OrganizationKind,
    OrganizationStatus,
    RegionCode,
)
from roles.models import Membership, MembershipRequest, Organization, Person

pytestmark = pytest.mark.django_db

User = get_user_model()
ARABIC = re.compile(r"[\u0600-\u06FF]")
ORGANIZER_ROLES = "(organizer of Wikimedia Kilimarani (demo); hub coordinator of Sub-Saharan Africa Demo Hub)"


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", quiet=True, allow_without_debug=True, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows of every model of the roles app (history included), the accounts and the email outbox."""
    models = [*apps.get_app_config("roles").get_models(), User, EmailAddress, Email]
    return {model._meta.label: model._default_manager.count() for model in models}


def slugs(queryset) -> set[str]:
    return set(queryset.values_list("slug", flat=True))


# --- Running it, and running it again --------------------------------------------------------------


def test_seed_demo_twice_changes_no_row_count_and_queues_no_email():
    seed()
    first = row_counts()

    output = seed()

    assert row_counts() == first
    assert first["post_office.Email"] == 0
    assert first["roles.Organization"] == 44
    assert first["auth.User"] == 39
    assert first["roles.Person"] == 39
    assert first["roles.Membership"] == 67
    assert first["roles.MembershipRequest"] == 5
    assert output.splitlines()[0] == "Demo data ready (nothing was missing)."


def test_seed_demo_first_run_reports_what_it_created_and_prints_the_demo_logins():
    output = seed()

    assert output.splitlines() == [
        "Demo data ready (created 12 languages, 44 organisations, 31 hub links, 39 accounts, 67 memberships, "
        "5 requests and invitations).",
        "  Open:            http://testserver/",
        f"  Demo admin:      admin@demo.example.org  password: {settings.DEMO_PASSWORD}",
        f"  Demo organizer:  organizer@demo.example.org  password: {settings.DEMO_PASSWORD}",
        f"                   {ORGANIZER_ROLES}",
        "  Every other …@demo.example.org account has the same password.",
    ]


def test_seed_demo_rerun_keeps_changes_and_restores_only_missing_rows():
    seed()
    chapter = Organization.objects.get(slug="wikimedia-nordlandia")
    chapter.name_en = "Wikimedia Nordlandia (demo, renamed)"
    chapter.save()
    Membership.objects.filter(person__user__email="juma.mwakalinga@demo.example.org").delete()
    Membership.objects.filter(person__user__email="ilona.varga@demo.example.org").update(
        capacity=Capacity.MEMBER
    )

    output = seed()

    assert output.splitlines()[0] == "Demo data ready (created 2 memberships)."
    assert (
        Organization.objects.get(slug="wikimedia-nordlandia").name_en
        == "Wikimedia Nordlandia (demo, renamed)"
    )
    assert set(
        Membership.objects.filter(person__user__email="ilona.varga@demo.example.org").values_list(
            "organization__slug", "capacity"
        )
    ) == {("riverbend-wikimedians", Capacity.MEMBER)}
    assert Email.objects.count() == 0


def test_seed_demo_rerun_restores_the_demo_password_and_the_admins_rights():
    seed()
    admin = User.objects.get(email="admin@demo.example.org")
    admin.set_password("something-else-entirely")
    admin.is_superuser = False
    admin.save()

    seed(verbosity=0)

    admin.refresh_from_db()
    assert admin.check_password(settings.DEMO_PASSWORD) is True
    assert (admin.is_staff, admin.is_superuser) == (True, True)


def test_seed_demo_refuses_to_run_with_debug_off_unless_allowed(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo", quiet=True, stdout=StringIO())

    assert Organization.objects.count() == 0


def test_seed_demo_runs_the_roles_steps_first():
    assert demo.collect_steps()[: len(demo.DEMO_STEPS)] == demo.DEMO_STEPS


# --- Organisations ---------------------------------------------------------------------------------


def test_seed_demo_covers_every_kind_and_region_in_six_languages(client):
    assert seed(verbosity=0) == ""
    organizations = Organization.objects.all()

    assert set(organizations.values_list("kind", flat=True)) == set(OrganizationKind.values)
    assert set(organizations.values_list("region__code", flat=True)) == set(RegionCode.values)
    assert set(organizations.values_list("status", flat=True)) == {OrganizationStatus.APPROVED}
    assert organizations.filter(active=True).count() == 44
    for organization in organizations:
        for language in settings.MODELTRANSLATION_LANGUAGES:
            for field in ("name", "description"):
                assert getattr(organization, build_localized_fieldname(field, language)), (
                    organization,
                    language,
                )
        assert ARABIC.search(organization.name_ar), organization.slug
        assert ARABIC.search(organization.description_ar), organization.slug
    chapter = Organization.objects.get(slug="wikimedia-kilimarani")
    assert chapter.name_fr == "Wikimédia Kilimarani (démo)"
    assert chapter.name_ar == "ويكيميديا كيليماراني (تجريبي)"
    assert chapter.description_es == (
        "Un capítulo ficticio creado como datos de demostración: apoya a las personas voluntarias que "
        "escriben, fotografían y enseñan en su país. Prioridades: el crecimiento de Wikipedia en suajili y "
        "la mentoría de nuevas personas organizadoras."
    )
    with translation.override("ar"):
        url = reverse("roles:organization_list")
    response = client.get(url, {"region": "SSA"})
    assert response.status_code == 200
    assert "ويكيميديا كيليماراني (تجريبي)" in response.content.decode()


def test_seed_demo_organizations_are_clearly_fictional_with_countries_and_languages():
    seed()

    for organization in Organization.objects.all():
        assert "demo" in organization.name_en.lower(), organization.name_en
        assert organization.website == f"https://{organization.slug}.example.org/"
        assert organization.wikidata_qid == ""
    chapter = Organization.objects.get(slug="wikimedia-coralia")
    assert [country.code for country in chapter.countries] == ["FJ", "TO", "WS"]
    assert sorted(chapter.languages.values_list("code", flat=True)) == ["en", "fj", "sm", "to"]


def test_seed_demo_hubs_serve_affiliates_of_their_region_and_across_regions():
    seed()

    regional_hub = Organization.objects.get(slug="sub-saharan-africa-demo-hub")
    assert slugs(regional_hub.served_organizations.all()) == {
        "wikimedia-kilimarani",
        "wikimedia-savane-bleue",
        "ziwa-kuu-wikimedians",
        "ilanga-wikimedians",
    }
    for hub in Organization.objects.filter(kind=OrganizationKind.REGIONAL_HUB):
        affiliates = Organization.objects.filter(region=hub.region, kind__in=demo.AFFILIATE_KINDS)
        assert slugs(hub.served_organizations.all()) == slugs(affiliates), hub.slug
    thematic_hub = Organization.objects.get(slug="small-languages-demo-hub")
    served = thematic_hub.served_organizations.all()
    assert slugs(served) == {
        "wikimedia-serrania",
        "wikimedia-savane-bleue",
        "zaytuna-wikimedians",
        "wikimedia-tanjung-selatan",
        "lingua-viva-demo-association",
    }
    assert set(served.values_list("region__code", flat=True)) == {"LAC", "SSA", "MENA", "ESEAP", "NWE"}
    assert slugs(Organization.objects.get(slug="wikimedia-savane-bleue").hubs.all()) == {
        "sub-saharan-africa-demo-hub",
        "small-languages-demo-hub",
    }


# --- Accounts, people and memberships --------------------------------------------------------------


def test_seed_demo_admin_and_organizer_log_in_with_the_demo_password(client):
    seed()
    admin = User.objects.get(email="admin@demo.example.org")
    organizer = User.objects.get(email="organizer@demo.example.org")

    response = client.post(
        reverse("account_login"), {"login": "organizer@demo.example.org", "password": settings.DEMO_PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(organizer.pk)
    assert organizer.check_password(settings.DEMO_PASSWORD) is True
    assert (organizer.is_staff, organizer.is_superuser) == (False, False)
    assert set(organizer.person.memberships.values_list("organization__slug", "capacity")) == {
        ("wikimedia-kilimarani", Capacity.ORGANIZER),
        ("sub-saharan-africa-demo-hub", Capacity.HUB_COORDINATOR),
    }
    assert admin.check_password(settings.DEMO_PASSWORD) is True
    assert (admin.is_staff, admin.is_superuser, admin.is_active) == (True, True, True)


def test_seed_demo_people_have_verified_emails_profiles_and_memberships():
    seed()

    assert EmailAddress.objects.filter(verified=True, primary=True).count() == 39
    for user in User.objects.select_related("person"):
        assert EmailAddress.objects.get(user=user).email == user.email
        assert user.email.endswith("@demo.example.org")
        assert user.person.email == user.email
    person = Person.objects.get(user__email="lucia.fernandez@demo.example.org")
    assert person.display_name == "Lucía Fernández"
    assert person.wikimedia_username == "Lucía Fernández (demo)"
    assert person.region.code == "LAC"
    assert str(person.time_zone) == "America/Argentina/Buenos_Aires"
    assert person.is_public is True
    assert sorted(person.languages.values_list("code", flat=True)) == ["en", "es"]
    assert set(Person.objects.values_list("region__code", flat=True)) == set(RegionCode.values)
    assert Person.objects.filter(is_public=True).count() == 26
    assert Person.objects.exclude(wikimedia_username="").count() == 7
    assert {
        capacity: Membership.objects.filter(capacity=capacity).count() for capacity in Capacity.values
    } == {
        Capacity.ORGANIZER: 35,
        Capacity.HUB_COORDINATOR: 10,
        Capacity.MEMBER: 22,
    }


def test_seed_demo_leaves_pending_requests_and_invitations():
    seed()
    pending = MembershipRequest.objects.filter(state=MembershipRequestState.PENDING)

    requests = pending.filter(kind=MembershipRequestKind.REQUEST)
    assert set(requests.values_list("organization__slug", "person__display_name")) == {
        ("wikimedia-kilimarani", "Amara Nwosu"),
        ("mena-demo-hub", "Arash Karimi"),
    }
    invitations = pending.filter(kind=MembershipRequestKind.INVITATION)
    assert set(invitations.values_list("organization__slug", "email", "wikimedia_username", "capacity")) == {
        ("wikimedia-kilimarani", "new.volunteer@demo.example.org", "", Capacity.MEMBER),
        ("wikimedia-nordlandia", "pieter.de.vries@demo.example.org", "", Capacity.ORGANIZER),
        ("rio-claro-wikimedians", "", "Aiko Tanaka (demo)", Capacity.MEMBER),
    }
