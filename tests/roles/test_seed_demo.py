"""`manage.py seed_demo`: fictional, complete, idempotent demo data that queues no email."""

import datetime
import itertools
import re
from collections import Counter
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from modeltranslation.utils import build_localized_fieldname
from post_office.models import Email

from roles import demo, demo_registry, services
from roles.enums import (
    Capacity,
    CompetencySource,
    Importance,
    MembershipRequestKind,
    MembershipRequestState,
    OrganizationKind,
    OrganizationStatus,
    RegionCode,
    RoleKind,
    Selection,
)
from roles.models import (
    Competency,
    CompetencyCategory,
    CompetencyLevelDescriptor,
    Membership,
    MembershipRequest,
    Organization,
    Person,
    PersonCompetency,
    Role,
    RoleHolder,
    RoleTemplate,
)

pytestmark = pytest.mark.django_db

User = get_user_model()
ARABIC = re.compile(r"[\u0600-\u06FF]")
LANGUAGES = settings.MODELTRANSLATION_LANGUAGES
ORGANIZER_ROLES = "(organizer of Wikimedia Kilimarani (demo); hub coordinator of Sub-Saharan Africa Demo Hub)"
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


def localized(instance, field: str) -> dict[str, str]:
    return {code: getattr(instance, build_localized_fieldname(field, code)) for code in LANGUAGES}


def current_terms(today: datetime.date):
    return RoleHolder.objects.filter(start__lte=today).filter(Q(end__isnull=True) | Q(end__gt=today))


# --- Running it on an empty database, and running it again -----------------------------------------


def test_seed_demo_twice_changes_no_row_count_and_queues_no_email():
    first_output = seed()
    first = row_counts()

    output = seed()

    assert row_counts() == first
    assert first["post_office.Email"] == 0
    assert {
        label: first[f"roles.{label}"]
        for label in (
            "Organization",
            "Person",
            "Membership",
            "MembershipRequest",
            "CompetencyCategory",
            "Competency",
            "CompetencyLevelDescriptor",
            "ProficiencyLevel",
            "RoleTemplate",
            "TemplateRequirement",
            "Role",
            "RoleRequirement",
            "RoleHolder",
            "PersonCompetency",
        )
    } == {
        "Organization": 44,
        "Person": 82,  # with 4 nominees who accepted (nominations demo)
        "Membership": 67,
        "MembershipRequest": 5,
        "CompetencyCategory": 8,
        "Competency": 44,
        "CompetencyLevelDescriptor": 16,
        "ProficiencyLevel": 4,
        "RoleTemplate": 16,
        "TemplateRequirement": 79,
        "Role": 136,
        "RoleRequirement": 675,
        "RoleHolder": 165,  # with 3 appointments from nominations
        "PersonCompetency": 489,  # with 16 from training completions and 20 observed by nominators
    }
    assert first["auth.User"] == 39
    assert first_output.splitlines() == [
        "Demo data ready (created 12 languages, 44 organisations, 31 hub links, 39 accounts, 67 memberships, "
        "5 requests and invitations, 8 competency categories, 44 competencies, 16 level descriptors, "
        "16 role templates, 39 people without accounts, 136 roles, 162 terms, 453 competency levels, "
        "82 development and mentoring interests, 4 nomination calls, 20 nominations, 9 courses, "
        "13 training sessions, 41 enrollments).",
        "  Open:            http://testserver/",
        f"  Demo admin:      admin@demo.example.org  password: {settings.DEMO_PASSWORD}",
        f"  Demo organizer:  organizer@demo.example.org  password: {settings.DEMO_PASSWORD}",
        f"                   {ORGANIZER_ROLES}",
        "  Every other …@demo.example.org account has the same password.",
    ]
    assert output.splitlines()[0] == "Demo data ready (nothing was missing)."


def test_seed_demo_refuses_to_run_with_debug_off_unless_allowed(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo", quiet=True, stdout=StringIO())

    assert Organization.objects.count() == 0


def test_seed_demo_runs_the_roles_steps_first():
    assert demo.collect_steps()[: len(demo.DEMO_STEPS)] == demo.DEMO_STEPS
    assert [step.name for step in demo.DEMO_STEPS][-6:] == [
        "Competencies",
        "Role templates",
        "People without accounts",
        "Roles",
        "Role holders",
        "Competencies of people",
    ]


# --- The registry's data, checked without a database -----------------------------------------------


def test_seed_demo_registry_data_refers_only_to_what_it_defines():
    competencies = [data.slug for data in demo_registry.COMPETENCIES]
    categories = {data.slug for data in demo_registry.CATEGORIES}
    accounts = {person.email for person in demo.PEOPLE}
    without_accounts = {person.name for person in demo_registry.PEOPLE_WITHOUT_ACCOUNTS}
    assert len(set(competencies)) == len(competencies) == 44
    for position, data in enumerate(demo_registry.COMPETENCIES):
        assert data.category in categories, data.slug
        assert data.parent in ("", *competencies[:position]), data.slug  # a broader one comes first
    for template in demo_registry.TEMPLATES:
        assert 3 <= len(template.requirements) <= 6, template.slug
        assert {req.competency for req in template.requirements} <= set(competencies), template.slug
    assert set(demo_registry.ROLES) == {organization.slug for organization in demo.ORGANIZATIONS}
    for slug, roles in demo_registry.ROLES.items():
        assert 2 <= len(roles) <= 6, slug
        assert len({role.key for role in roles}) == len(roles), slug  # each found again by its own key
        for role in roles:
            required = [req.competency for req in demo_registry.role_requirements(role)]
            assert len(set(required)) == len(required), (slug, role.key)
            assert set(required) <= set(competencies), (slug, role.key)
            assert set(role.drop) <= set(competencies), (slug, role.key)
            for term in role.holders:
                assert 1 <= term.seat <= demo_registry.role_shape(role)["seats"], (slug, term)
                email = demo_registry.account_email(term.person)
                assert email in accounts if email else term.person in without_accounts, term.person
    for level in demo_registry.demo_levels():
        assert level.competency in competencies, level
        email = demo_registry.account_email(level.person)
        assert email in accounts if email else level.person in without_accounts, level.person
        if level.source == CompetencySource.SELF_ASSESSED:
            assert email is not None, level  # only people who signed in assess themselves
    for interests in demo_registry.INTERESTS:
        assert demo_registry.account_email(interests.person) in accounts, interests.person
        assert {*interests.wants_to_develop, *interests.can_mentor} <= set(competencies), interests.person


@pytest.mark.parametrize(
    "today",
    [
        datetime.date(2026, 1, 31),
        datetime.date(2026, 2, 28),
        datetime.date(2028, 2, 29),
        datetime.date(2026, 3, 31),
        datetime.date(2026, 8, 15),
        datetime.date(2026, 12, 31),
        timezone.localdate(),
    ],
)
def test_seed_demo_terms_tell_the_same_story_whatever_the_day(today):
    running, ending_soon, ended, past_limit = 0, 0, 0, 0
    for roles in demo_registry.ROLES.values():
        for role in roles:
            shape = demo_registry.role_shape(role)
            for term in role.holders:
                terms = demo_registry.term_dates(term, shape["term_length_months"], today)
                for earlier, later in itertools.pairwise(terms):
                    assert earlier.end == later.start, term  # consecutive terms, back to back
                    assert earlier.end <= today, term
                last = terms[-1]
                assert last.start <= today, term
                if term.ended is not None:
                    assert last.end <= today, term
                    ended += 1
                    continue
                assert last.end is None or last.end > today, term
                days_left = (last.end - today).days if last.end else None
                # Nowhere near the 90-day line, so that every day the same terms count as ending soon.
                assert days_left is None or not 80 <= days_left <= 100, (term, days_left)
                running += 1
                ending_soon += days_left is not None and days_left <= 90
                past_limit += shape["term_limit"] is not None and last.term_number > shape["term_limit"]

    assert (running, ending_soon, ended, past_limit) == (139, 27, 3, 6)


# --- The seeded data (one seeding shared by the tests below) ---------------------------------------


@pytest.fixture(scope="class")
def seeded_once(django_db_setup, django_db_blocker):
    """Seed once for a whole class, in a transaction rolled back after it.

    Each test runs in a savepoint inside it (pytest-django's usual test transaction), so what a test
    changes is rolled back before the next one; seeding once keeps this file quick.
    """
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        seed()
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("seeded_once")
class TestSeededDemo:
    # --- Running it again --------------------------------------------------------------------------

    def test_seed_demo_rerun_keeps_changes_and_restores_only_missing_rows(self):
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

    def test_seed_demo_rerun_restores_the_demo_password_and_the_admins_rights(self):
        admin = User.objects.get(email="admin@demo.example.org")
        admin.set_password("something-else-entirely")
        admin.is_superuser = False
        admin.save()

        seed(verbosity=0)

        admin.refresh_from_db()
        assert admin.check_password(settings.DEMO_PASSWORD) is True
        assert (admin.is_staff, admin.is_superuser) == (True, True)

    def test_seed_demo_rerun_on_a_later_day_creates_nothing(self, monkeypatch):
        later = timezone.localdate() + datetime.timedelta(days=200)
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
        before = row_counts()

        output = seed()

        assert output.splitlines()[0] == "Demo data ready (nothing was missing)."
        assert row_counts() == before

    def test_seed_demo_rerun_restores_deleted_rows_of_the_registry_and_keeps_edited_ones(self):
        role = Role.objects.get(organization__slug="wikimedia-kilimarani", template__slug="board-chair")
        services.role_update(role=role, data={"title_en": "Chairperson", "seats": 2})
        Role.objects.get(organization__slug="wikimedia-coralia", template=None).delete()
        RoleHolder.objects.filter(person__display_name="Nils Berg", term_number=1).delete()
        PersonCompetency.objects.filter(person__user__email="lucia.fernandez@demo.example.org").delete()
        CompetencyLevelDescriptor.objects.filter(competency__slug="grant-writing", level=4).delete()

        output = seed()

        assert output.splitlines()[0] == (
            "Demo data ready (created 1 level descriptors, 1 roles, 2 terms, 8 competency levels)."
        )
        role.refresh_from_db()
        assert (role.title_en, role.seats) == ("Chairperson", 2)
        assert Role.objects.filter(organization__slug="wikimedia-kilimarani").count() == 5
        assert set(
            RoleHolder.objects.filter(
                person__display_name="Nils Berg", role__template__slug="board-treasurer"
            )
            .order_by("term_number")
            .values_list("term_number", flat=True)
        ) == {1, 2, 3, 4}
        assert Email.objects.count() == 0

    def test_seed_demo_rerun_leaves_out_a_term_whose_seat_was_taken_since(self):
        role = Role.objects.get(organization__slug="wikimedia-zlatovia", template__slug="board-treasurer")
        term = role.holders.get()
        start, end = term.start, term.end
        term.delete()
        services.holder_add(
            role=role,
            person=Person.objects.get(display_name="Tomasz Nowak"),
            seat=1,
            start=start,
            end=end,
        )

        output = seed()

        assert output.splitlines()[0] == (
            "Demo data ready (nothing was missing; left out 1 terms whose seat was taken since)."
        )
        assert list(role.holders.values_list("person__display_name", flat=True)) == ["Tomasz Nowak"]

    def test_seed_demo_rerun_after_a_holder_claims_their_profile_creates_nothing(self):
        user = User.objects.create_user(username="kofi", email="kofi.asante@demo.example.org")
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        kofi = services.person_for_user(user=user)
        before = row_counts()

        output = seed()

        assert (kofi.display_name, kofi.tenures.count()) == ("Kofi Asante", 4)
        assert output.splitlines()[0] == "Demo data ready (nothing was missing)."
        assert row_counts() == before

    # --- Organisations -----------------------------------------------------------------------------

    def test_seed_demo_covers_every_kind_and_region_in_six_languages(self, client):
        assert seed(verbosity=0) == ""
        organizations = Organization.objects.all()

        assert set(organizations.values_list("kind", flat=True)) == set(OrganizationKind.values)
        assert set(organizations.values_list("region__code", flat=True)) == set(RegionCode.values)
        assert set(organizations.values_list("status", flat=True)) == {OrganizationStatus.APPROVED}
        assert organizations.filter(active=True).count() == 44
        for organization in organizations:
            for language in LANGUAGES:
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
            "escriben, fotografían y enseñan en su país. Prioridades: el crecimiento de Wikipedia en suajili "
            "y la mentoría de nuevas personas organizadoras."
        )
        with translation.override("ar"):
            url = reverse("roles:organization_list")
        response = client.get(url, {"region": "SSA"})
        assert response.status_code == 200
        assert "ويكيميديا كيليماراني (تجريبي)" in response.content.decode()

    def test_seed_demo_organizations_are_clearly_fictional_with_countries_and_languages(self):
        for organization in Organization.objects.all():
            assert "demo" in organization.name_en.lower(), organization.name_en
            assert organization.website == f"https://{organization.slug}.example.org/"
            assert organization.wikidata_qid == ""
        chapter = Organization.objects.get(slug="wikimedia-coralia")
        assert [country.code for country in chapter.countries] == ["FJ", "TO", "WS"]
        assert sorted(chapter.languages.values_list("code", flat=True)) == ["en", "fj", "sm", "to"]

    def test_seed_demo_hubs_serve_affiliates_of_their_region_and_across_regions(self):
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

    # --- Accounts, people and memberships ----------------------------------------------------------

    def test_seed_demo_admin_and_organizer_log_in_with_the_demo_password(self, client):
        admin = User.objects.get(email="admin@demo.example.org")
        organizer = User.objects.get(email="organizer@demo.example.org")

        response = client.post(
            reverse("account_login"),
            {"login": "organizer@demo.example.org", "password": settings.DEMO_PASSWORD},
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

    def test_seed_demo_people_have_verified_emails_profiles_and_memberships(self):
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
        with_accounts = Person.objects.filter(user__isnull=False)
        assert set(with_accounts.values_list("region__code", flat=True)) == set(RegionCode.values)
        assert with_accounts.filter(is_public=True).count() == 26
        assert with_accounts.exclude(wikimedia_username="").count() == 7
        assert {
            capacity: Membership.objects.filter(capacity=capacity).count() for capacity in Capacity.values
        } == {
            Capacity.ORGANIZER: 35,
            Capacity.HUB_COORDINATOR: 10,
            Capacity.MEMBER: 22,
        }

    def test_seed_demo_leaves_pending_requests_and_invitations(self):
        pending = MembershipRequest.objects.filter(state=MembershipRequestState.PENDING)

        requests = pending.filter(kind=MembershipRequestKind.REQUEST)
        assert set(requests.values_list("organization__slug", "person__display_name")) == {
            ("wikimedia-kilimarani", "Amara Nwosu"),
            ("mena-demo-hub", "Arash Karimi"),
        }
        invitations = pending.filter(kind=MembershipRequestKind.INVITATION)
        assert set(
            invitations.values_list("organization__slug", "email", "wikimedia_username", "capacity")
        ) == {
            ("wikimedia-kilimarani", "new.volunteer@demo.example.org", "", Capacity.MEMBER),
            ("wikimedia-nordlandia", "pieter.de.vries@demo.example.org", "", Capacity.ORGANIZER),
            ("rio-claro-wikimedians", "", "Aiko Tanaka (demo)", Capacity.MEMBER),
        }

    # --- Competencies and role templates -----------------------------------------------------------

    def test_seed_demo_competencies_in_eight_categories_named_in_six_languages(self):
        assert list(CompetencyCategory.objects.values_list("slug", "order")) == [
            ("governance", 0),
            ("strategy", 1),
            ("community-building", 2),
            ("facilitation-and-conflict-resolution", 3),
            ("finance-and-fundraising", 4),
            ("partnerships-and-advocacy", 5),
            ("communication", 6),
            ("technical-and-data", 7),
        ]
        for category in CompetencyCategory.objects.all():
            assert all(localized(category, "name").values()), category.slug
            assert all(localized(category, "description").values()), category.slug
        competencies = Competency.objects.select_related("category")
        assert competencies.count() == 44
        assert dict(Counter(competencies.values_list("category__slug", flat=True))) == {
            "governance": 6,
            "strategy": 5,
            "community-building": 6,
            "facilitation-and-conflict-resolution": 5,
            "finance-and-fundraising": 5,
            "partnerships-and-advocacy": 6,
            "communication": 5,
            "technical-and-data": 6,
        }
        for competency in competencies:
            assert all(localized(competency, "name").values()), competency.slug
            assert all(localized(competency, "description").values()), competency.slug
            assert ARABIC.search(competency.name_ar), competency.slug
            assert (competency.wikidata_qid, competency.esco_uri, competency.active) == ("", "", True)
        assert localized(Competency.objects.get(slug="conflict-resolution"), "name") == {
            "en": "Conflict resolution and mediation",
            "fr": "Résolution des conflits et médiation",
            "es": "Resolución de conflictos y mediación",
            "pt-br": "Resolução de conflitos e mediação",
            "id": "Penyelesaian konflik dan mediasi",
            "ar": "حل النزاعات والوساطة",
        }
        assert set(competencies.filter(parent__isnull=False).values_list("slug", "parent__slug")) == {
            ("legal-compliance", "board-governance"),
            ("meeting-chairing", "board-governance"),
            ("onboarding-newcomers", "volunteer-management"),
            ("consensus-building", "facilitation"),
            ("code-of-conduct-enforcement", "conflict-resolution"),
            ("bookkeeping", "financial-management"),
            ("glam-collaboration", "partnership-building"),
            ("wikidata", "wiki-editing"),
        }

    def test_seed_demo_level_descriptors_refine_four_competencies_in_three_languages(self):
        descriptors = CompetencyLevelDescriptor.objects.select_related("competency")

        assert sorted(Counter(descriptors.values_list("competency__slug", flat=True)).items()) == [
            ("conflict-resolution", 4),
            ("facilitation", 4),
            ("financial-management", 4),
            ("grant-writing", 4),
        ]
        for descriptor in descriptors:
            texts = localized(descriptor, "descriptor")
            assert all(texts[code] for code in ("en", "fr", "es")), descriptor
        facilitation = descriptors.get(competency__slug="facilitation", level=4)
        assert facilitation.descriptor_en == (
            "Facilitates high-stakes movement conversations and trains other facilitators."
        )
        assert facilitation.descriptor_fr == (
            "Anime des discussions à fort enjeu pour le mouvement et forme d'autres facilitateurs."
        )
        with translation.override("ar"):
            assert facilitation.descriptor == facilitation.descriptor_en  # falls back to English

    def test_seed_demo_templates_have_a_shape_and_three_to_six_requirements(self):
        templates = RoleTemplate.objects.annotate(
            essential=Count("requirements", filter=Q(requirements__importance=Importance.ESSENTIAL)),
            total=Count("requirements"),
        )

        assert templates.count() == 16
        for template in templates:
            assert 3 <= template.total <= 6, template.slug
            assert template.essential >= 2, template.slug
            for field in ("title", "description", "responsibilities"):
                assert all(localized(template, field).values()), (template.slug, field)
        chair = RoleTemplate.objects.get(slug="board-chair")
        assert (
            chair.kind,
            chair.seats,
            chair.selection,
            chair.term_length_months,
            chair.term_limit,
            chair.hours_per_week,
        ) == (RoleKind.BOARD, 1, Selection.ELECTED, 24, 2, 5)
        assert chair.title_ind == "Ketua dewan pengurus"
        assert set(chair.requirements.values_list("competency__slug", "min_level", "importance")) == {
            ("board-governance", 3, Importance.ESSENTIAL),
            ("meeting-chairing", 3, Importance.ESSENTIAL),
            ("strategic-planning", 3, Importance.ESSENTIAL),
            ("conflict-resolution", 2, Importance.DESIRABLE),
            ("public-speaking", 2, Importance.DESIRABLE),
            ("movement-knowledge", 2, Importance.DESIRABLE),
        }
        assert RoleTemplate.objects.get(slug="executive-director").term_length_months is None

    # --- Roles -------------------------------------------------------------------------------------

    def test_seed_demo_every_organisation_has_two_to_six_roles_in_its_languages(self):
        per_organization = Counter(Role.objects.values_list("organization__slug", flat=True))

        assert set(per_organization) == set(Organization.objects.values_list("slug", flat=True))
        assert sorted(Counter(per_organization.values()).items()) == [(2, 15), (3, 13), (4, 13), (5, 3)]
        for role in Role.objects.select_related("organization").prefetch_related("languages"):
            assert {language.code for language in role.languages.all()} == set(
                role.organization.languages.values_list("code", flat=True)
            ), role
            assert role.search_text == services.role_search_text(role)

    def test_seed_demo_roles_adapt_templates_and_some_change_them(self):
        adapted = Role.objects.filter(template__isnull=False).prefetch_related(
            "requirements", "template__requirements"
        )
        changed = {
            (role.organization.slug, role.template.slug)
            for role in adapted.select_related("organization", "template")
            if any(services.role_template_differences(role)[key] for key in ("added", "removed", "changed"))
        }

        assert (adapted.count(), Role.objects.filter(template=None).count()) == (122, 14)
        assert len(changed) == 19
        assert ("wikimedia-nordlandia", "partnerships-lead") in changed
        partnerships = Role.objects.get(
            organization__slug="wikimedia-nordlandia", template__slug="partnerships-lead"
        )
        differences = services.role_template_differences(partnerships)
        assert {req.competency.slug for req in differences["added"]} == {"wikidata", "public-policy-advocacy"}
        assert {req.competency.slug for req in differences["removed"]} == {"glam-collaboration"}
        president = Role.objects.get(
            organization__slug="wikimedia-savane-bleue", template__slug="board-chair"
        )
        assert (president.title_en, president.title_fr) == ("President", "Présidence")
        assert services.role_template_differences(president)["fields"] == ["title"]
        board = Role.objects.get(organization__slug="wikimedia-nordlandia", template__slug="board-member")
        assert services.role_template_differences(board)["fields"] == ["seats"]
        assert Role.objects.filter(open_for_nominations=True).count() == 39
        assert set(Role.objects.values_list("kind", flat=True)) == set(RoleKind.values)

    def test_seed_demo_custom_roles_are_written_in_the_organisations_languages(self):
        workshops = Role.objects.get(organization__slug="wikimedia-serrania", template=None)
        walks = Role.objects.get(organization__slug="wikimedia-vale-verde", template=None)

        assert localized(workshops, "title") == {
            "en": None,
            "fr": None,
            "es": "Coordinación de talleres en bibliotecas rurales",
            "pt-br": None,
            "id": None,
            "ar": None,
        }
        with translation.override("fr"):
            assert workshops.title == "Coordinación de talleres en bibliotecas rurales"  # any language's text
        assert walks.title_pt_br == "Coordenação de passeios fotográficos"
        assert "passeios fotograficos" in walks.search_text  # folded
        assert set(workshops.requirements.values_list("competency__slug", "min_level", "importance")) == {
            ("event-organising", 2, Importance.ESSENTIAL),
            ("wiki-editing", 3, Importance.ESSENTIAL),
            ("education-programmes", 2, Importance.ESSENTIAL),
            ("multilingual-communication", 2, Importance.DESIRABLE),
        }
        mentor = Role.objects.get(organization__slug="demo-leadership-development-committee", template=None)
        assert (mentor.title_en, mentor.title_ar, mentor.seats, mentor.filled_seats) == (
            "Leadership mentor",
            "مرشد في القيادة",
            6,
            4,  # three holders, and one appointed from the movement-wide call for nominations
        )

    # --- Holders and renewal -----------------------------------------------------------------------

    def test_seed_demo_some_terms_end_within_ninety_days(self):
        today = timezone.localdate()
        soon = current_terms(today).filter(end__lte=today + datetime.timedelta(days=90))

        assert current_terms(today).count() == 142  # with 3 appointments from nominations
        assert soon.count() == 27
        assert soon.filter(person__user__isnull=True).count() == 17
        director = soon.get(role__template__slug="executive-director")
        assert (director.person.display_name, director.end) == (
            "João Pereira",
            today + datetime.timedelta(days=75),
        )
        assert RoleHolder.objects.filter(end__lte=today).count() == 23  # earlier and ended terms

    def test_seed_demo_some_holders_are_past_their_term_limit(self):
        today = timezone.localdate()
        past_limit = current_terms(today).filter(term_number__gt=F("role__term_limit"))

        assert set(
            past_limit.values_list(
                "person__display_name", "role__organization__slug", "role__template__slug", "term_number"
            )
        ) == {
            ("Aoife Byrne", "wikimedia-demo-foundation", "ombudsperson", 3),
            ("Baraka Otieno", "wikimedia-kilimarani", "board-treasurer", 3),
            ("Budi Santoso", "wikimedia-tanjung-selatan", "board-chair", 3),
            ("Ewa Kowalska", "wikimedia-varenka", "board-chair", 3),
            ("Hannah Cohen", "wikimedia-pinecrest", "board-treasurer", 3),
            ("Nils Berg", "wikimedia-nordlandia", "board-treasurer", 4),
        }
        nils = RoleHolder.objects.filter(
            person__display_name="Nils Berg", role__template__slug="board-treasurer"
        )
        terms = list(nils.order_by("start").values_list("term_number", "start", "end"))
        assert [number for number, _start, _end in terms] == [1, 2, 3, 4]
        assert [end for _number, _start, end in terms[:-1]] == [start for _number, start, _end in terms[1:]]
        assert services.holder_terms_served(role=nils.first().role, person=nils.first().person) == 4

    def test_seed_demo_some_seats_are_vacant(self):
        today = timezone.localdate()
        vacant = Role.objects.filter(filled_seats__lt=F("seats"))

        assert vacant.count() == 43  # after 3 appointments from nominations
        assert sum(role.vacant_seats for role in vacant) == 54
        assert Role.objects.filter(filled_seats=0).count() == 26
        for role in Role.objects.all():
            filled = current_terms(today).filter(role=role).values("seat").distinct().count()
            assert role.filled_seats == filled, role
        grants = Role.objects.get(
            organization__slug="wikimedia-demo-foundation", template__slug="grants-committee-member"
        )
        assert (grants.seats, grants.filled_seats, grants.open_for_nominations) == (7, 5, True)
        ended = Role.objects.get(organization__slug="cee-demo-hub", template__slug="volunteer-coordinator")
        assert (ended.filled_seats, ended.holders.get().person.display_name) == (0, "Dóra Kiss")

    def test_seed_demo_some_people_hold_several_roles(self):
        today = timezone.localdate()
        roles_held = Counter(current_terms(today).values_list("person__display_name", flat=True))

        assert sorted((name, count) for name, count in roles_held.items() if count >= 3) == [
            ("Farhan Chowdhury", 3),
            ("Jordan Lee", 3),
            ("Kofi Asante", 4),
            ("Lars Mikkelsen", 3),
            ("Layla Haddad", 3),
            ("Lucía Fernández", 3),
            ("Priya Raman", 3),
            ("Siti Rahmawati", 3),
            ("Tomás Herrera", 3),
        ]
        assert Counter(roles_held.values()) == {1: 24, 2: 45, 3: 8, 4: 1}

    # --- People and their competencies -------------------------------------------------------------

    def test_seed_demo_people_without_accounts_hold_roles_public_or_not(self):
        without_account = Person.objects.filter(user__isnull=True)

        assert without_account.count() == 43  # with 4 nominees who accepted, private until they sign in
        assert without_account.filter(is_public=True).count() == 26
        assert without_account.exclude(email="").count() == 19
        assert without_account.exclude(wikimedia_username="").count() == 9
        assert set(without_account.filter(tenures__isnull=True).values_list("display_name", flat=True)) == {
            "Camila Duarte",
            "Valentina Soto",
            "Zawadi Mrema",
        }
        kofi = without_account.get(display_name="Kofi Asante")
        assert (kofi.email, kofi.wikimedia_username, kofi.region.code, str(kofi.time_zone)) == (
            "kofi.asante@demo.example.org",
            "Kofi Asante (demo)",
            "SSA",
            "Africa/Accra",
        )
        assert list(kofi.languages.values_list("code", flat=True)) == ["en"]
        assert not PersonCompetency.objects.filter(
            person__user__isnull=True, source=CompetencySource.SELF_ASSESSED
        ).exists()

    def test_seed_demo_people_have_self_assessed_confirmed_and_trained_levels(self):
        levels = PersonCompetency.objects.all()

        assert dict(Counter(levels.values_list("source", flat=True))) == {
            CompetencySource.SELF_ASSESSED: 249,
            CompetencySource.ORGANIZER: 194,
            CompetencySource.TRAINING: 26,  # with 16 from the training demo's completions
            CompetencySource.NOMINATOR: 20,  # observed by nominators, recorded when the nominee accepted
        }
        assert dict(Counter(levels.values_list("level", flat=True))) == {1: 49, 2: 165, 3: 205, 4: 70}
        confirmed = levels.filter(source=CompetencySource.ORGANIZER)
        assert confirmed.filter(recorded_by__isnull=True).count() == 0
        assert confirmed.filter(recorded_by=F("person")).count() == 0
        assert Person.objects.filter(competencies__isnull=True).values_list(
            "display_name", flat=True
        ).get() == ("Demo Admin")
        lucia = levels.filter(person__user__email="lucia.fernandez@demo.example.org")
        assert lucia.get(
            competency__slug="volunteer-wellbeing", source=CompetencySource.TRAINING
        ).evidence == ("Completed the course “Preventing volunteer burnout” (demo data).")
        today = timezone.localdate()
        assert set(
            levels.filter(source=CompetencySource.SELF_ASSESSED).values_list("assessed_on", flat=True)
        ) == {today}
        assert confirmed.filter(assessed_on__gte=today).count() == 0

    def test_seed_demo_people_want_to_develop_and_mentor(self):
        lucia = Person.objects.get(user__email="lucia.fernandez@demo.example.org")

        assert slugs(lucia.wants_to_develop.all()) == {"volunteer-wellbeing", "financial-management"}
        assert slugs(lucia.can_mentor.all()) == {"facilitation", "inclusion-and-diversity"}
        assert Person.objects.filter(wants_to_develop__isnull=False).distinct().count() == 28
        assert Person.objects.filter(can_mentor__isnull=False).distinct().count() == 26
        assert slugs(Competency.objects.filter(mentors__isnull=False).distinct()) >= {
            "facilitation",
            "multilingual-communication",
            "wikidata",
        }
