"""The nominations part of `manage.py seed_demo`: calls, nominations in every state, endorsements, reviews."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname
from post_office.models import Email

from leadership.common.emails import address_hash
from leadership.common.enums import EmailKind
from leadership.common.models import EmailOptOut
from nominations import demo
from nominations.enums import NominationKind, NominationState
from nominations.models import Endorsement, Nomination, NominationCall, Review, ReviewScore
from nominations.selectors import call_nominations_ranked
from roles import demo as roles_demo
from roles import demo_registry
from roles.enums import CompetencySource
from roles.models import PersonCompetency, RoleHolder

User = get_user_model()
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
S = NominationState
KILIMARANI_CALL = "Swahili Wikipedia mentors for the coming year"


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", quiet=True, allow_without_debug=True, stdout=out, stderr=StringIO())
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models = [*apps.get_app_config("nominations").get_models(), EmailOptOut, Email]
    return {model._meta.label: model._default_manager.count() for model in models}


def english_title(role: demo_registry.DemoRole) -> str:
    if role.title and role.title.get("en"):
        return role.title["en"]
    return demo_registry.TEMPLATES_BY_SLUG[role.template].title["en"] if role.template else ""


# --- The data, checked without a database ----------------------------------------------------------


def test_demo_nominations_data_refers_only_to_what_the_registry_defines():
    accounts = {person.email for person in roles_demo.PEOPLE}
    organizations = {organization.slug for organization in roles_demo.ORGANIZATIONS}
    competencies = {competency.slug for competency in demo_registry.COMPETENCIES}
    roles = {
        (slug, english_title(role))
        for slug, organization_roles in demo_registry.ROLES.items()
        for role in organization_roles
    }
    assert len({call.key for call in demo.CALLS}) == len(demo.CALLS) == 4
    outcomes = Counter()
    for call in demo.CALLS:
        assert call.organization in ("", *organizations), call.key
        assert set(call.roles) <= roles, call.key
        assert {demo._email(local) for local in (*call.reviewers, call.created_by)} <= accounts, call.key
        for text in (call.title, call.text):
            assert all(text.values()), call.key
        emails = [nomination.email for nomination in call.nominations]
        assert len(set(emails)) == len(emails), call.key  # a nominee once per call
        for nomination in call.nominations:
            outcomes[nomination.outcome] += 1
            assert nomination.role in ("", *(title for _slug, title in call.roles)), nomination.nominee
            assert (demo._email(nomination.nominator) in accounts) != bool(nomination.nominator_email)
            assert {slug for slug, _level in nomination.observed} <= competencies, nomination.nominee
            assert len(nomination.answers) <= len(call.questions), nomination.nominee
            for review in nomination.reviews:
                assert review.reviewer in call.reviewers, nomination.nominee
                assert len(review.scores) in (0, len(call.criteria)), nomination.nominee
            if nomination.kind == NominationKind.SELF:
                assert demo._email(nomination.nominator) == nomination.email, nomination.nominee
    assert set(outcomes) == set(S.values)


# --- The seeded data (one seeding shared by the tests below) ---------------------------------------


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """Seed once for the module, in a transaction rolled back after it (each test runs in a savepoint)."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        output = seed()
        yield output
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded_once")
class TestSeededNominations:
    def test_demo_nominations_are_created_then_a_rerun_creates_nothing_and_no_email(self, seeded_once):
        before = row_counts()

        output = seed()

        assert "4 nomination calls, 20 nominations" in seeded_once.splitlines()[0]
        assert output.splitlines()[0] == "Demo data ready (nothing was missing)."
        assert row_counts() == before
        assert before["post_office.Email"] == 0
        assert (
            before["nominations.NominationCall"],
            before["nominations.Nomination"],
            before["nominations.Endorsement"],
            before["nominations.Review"],
            before["nominations.ReviewScore"],
        ) == (4, 20, 10, 20, 43)

    def test_demo_rerun_remakes_a_deleted_call_with_its_nominations_and_keeps_the_others(self):
        NominationCall.objects.get(title_en=KILIMARANI_CALL).delete()
        standing = NominationCall.objects.get(is_standing=True)
        standing.title_en = "Potential leaders (renamed)"
        standing.save()

        output = seed()

        # The standing call keeps its new name; the deleted call comes back without the nominee who asked
        # never to be nominated again.
        assert output.splitlines()[0] == (
            "Demo data ready (created 1 nomination calls, 6 nominations; "
            "left out 1 nominations of people who asked never to be nominated again)."
        )
        assert NominationCall.objects.filter(is_standing=True).get().title_en == "Potential leaders (renamed)"
        assert NominationCall.objects.get(title_en=KILIMARANI_CALL).nominations.count() == 6
        assert Email.objects.count() == 0

    def test_demo_calls_open_and_closed_standing_and_movement_wide_in_six_languages(self):
        calls = {call.title_en: call for call in NominationCall.objects.select_related("organization")}
        now = timezone.now()

        assert {title: (call.is_open, call.reviewing_open) for title, call in calls.items()} == {
            KILIMARANI_CALL: (True, True),
            "Potential leaders for Río Claro Wikimedians and its partners": (True, True),
            "Leadership mentors and ombudspersons for the movement": (False, False),
            "Board chair and treasurer: nominations": (False, True),
        }
        standing = calls["Potential leaders for Río Claro Wikimedians and its partners"]
        assert (standing.is_standing, standing.closes_at, standing.anonymised_review) == (True, None, True)
        assert standing.roles.count() == 0
        movement = calls["Leadership mentors and ombudspersons for the movement"]
        assert (movement.organization, movement.created_by.email) == (None, roles_demo.ADMIN_EMAIL)
        assert movement.closes_at < now
        kilimarani = calls[KILIMARANI_CALL]
        assert list(kilimarani.roles.values_list("title_en", flat=True)) == ["Swahili Wikipedia mentor"]
        assert list(kilimarani.questions.values_list("kind", "required", "choices")) == [
            ("text", True, []),
            ("choice", False, ["1–2", "3–5", "6+"]),
        ]
        assert list(kilimarani.criteria.values_list("name_en", "weight")) == [
            ("Mentoring experience", 3),
            ("Track record in the community", 2),
            ("Availability", 1),
        ]
        for call in calls.values():
            for field in ("title", "text"):
                for code in settings.MODELTRANSLATION_LANGUAGES:
                    assert getattr(call, build_localized_fieldname(field, code)), (call, field, code)
        assert kilimarani.title_ind == "Mentor Wikipedia bahasa Swahili untuk tahun mendatang"

    def test_demo_nominations_in_every_state_and_several_languages(self):
        nominations = Nomination.objects.all()

        assert dict(Counter(nominations.values_list("state", flat=True))) == {
            S.SUBMITTED: 1,
            S.INVITED: 2,
            S.ACCEPTED: 2,
            S.DECLINED: 2,
            S.IN_REVIEW: 3,
            S.SHORTLISTED: 2,
            S.NOT_SELECTED: 1,
            S.APPOINTED: 3,
            S.OFFERED_TRAINING: 2,
            S.EXPIRED: 2,
        }
        assert set(nominations.values_list("language", flat=True)) == {"en", "fr", "es", "pt-br", "id", "ar"}
        assert set(nominations.values_list("kind", flat=True)) == set(NominationKind.values)
        submitted = nominations.get(state=S.SUBMITTED)
        assert (submitted.nominator, submitted.nominator_verified_at) == (None, None)
        external = nominations.get(kind=NominationKind.EXTERNAL)
        assert (external.nominee_name, external.external_movement) == (
            "Camila Duarte",
            "Coletivo de Software Livre (demo)",
        )

    def test_demo_declined_and_expired_nominations_are_erased(self):
        erased = Nomination.objects.filter(state__in=[S.DECLINED, S.EXPIRED])

        assert erased.count() == 4
        for nomination in erased:
            assert nomination.erased_at is not None
            assert (nomination.nominee_name, nomination.nominee_email, nomination.statement) == ("", "", "")
            assert not nomination.answers.exists()
            assert not nomination.observed.exists()
        assert EmailOptOut.objects.filter(
            address_hash=address_hash("peter.mwangi@demo.example.org"), kind=EmailKind.NOMINATION
        ).exists()

    def test_demo_accepting_nominees_got_the_observed_competencies(self):
        observed = PersonCompetency.objects.filter(source=CompetencySource.NOMINATOR)

        assert observed.count() == 20
        baraka = observed.filter(person__display_name="Baraka Otieno")
        assert set(baraka.values_list("competency__slug", "level")) == {
            ("mentoring", 3),
            ("onboarding-newcomers", 3),
            ("wiki-editing", 4),
        }
        assert baraka.first().recorded_by.display_name == "Juma Mwakalinga"
        juma = Nomination.objects.get(nominee_email="juma.mwakalinga@demo.example.org")
        assert juma.person.user.email == "juma.mwakalinga@demo.example.org"  # the account's own person

    def test_demo_reviews_endorsements_and_a_conflict_of_interest(self):
        baraka = Nomination.objects.get(nominee_name="Baraka Otieno")

        assert set(baraka.reviews.values_list("reviewer__email", "conflict_of_interest")) == {
            ("organizer@demo.example.org", False),
            ("kwame.mensah@demo.example.org", False),
            ("fatou.diallo@demo.example.org", True),
        }
        assert not ReviewScore.objects.filter(review__conflict_of_interest=True).exists()
        assert baraka.endorsements.count() == 2
        assert Review.objects.filter(nomination__state__in=[S.ACCEPTED, S.INVITED, S.SUBMITTED]).count() == 0
        assert Endorsement.objects.filter(nomination__erased_at__isnull=False).count() == 0

    def test_demo_organizer_sees_the_ranked_table_of_their_organisations_call(self):
        organizer = User.objects.get(email=roles_demo.ORGANIZER_EMAIL)
        call = NominationCall.objects.get(title_en=KILIMARANI_CALL)

        ranked = list(call_nominations_ranked(call=call))

        assert organizer.has_perm("nominations.manage_call", call) is True
        assert organizer.has_perm("nominations.review_call", call) is True
        standing = NominationCall.objects.get(is_standing=True)
        assert organizer.has_perm("nominations.manage_call", standing) is False
        lucia = User.objects.get(email="lucia.fernandez@demo.example.org")
        assert lucia.has_perm("nominations.manage_call", standing) is True
        assert [(n.nominee_name, n.state, n.review_count, n.endorsement_count) for n in ranked] == [
            ("Baraka Otieno", S.SHORTLISTED, 2, 2),
            ("Zawadi Mrema", S.IN_REVIEW, 2, 1),
            ("Hirut Alemu", S.IN_REVIEW, 1, 0),
            ("Juma Mwakalinga", S.ACCEPTED, 0, 0),
        ]
        assert [round(n.weighted_score, 2) if n.weighted_score else None for n in ranked] == [
            4.33,
            3.75,
            2.83,
            None,
        ]

    def test_demo_appointments_made_role_holders_and_a_term_limit_is_flagged(self):
        today = timezone.localdate()
        appointed = Nomination.objects.filter(state=S.APPOINTED).select_related("role", "person")

        assert {(n.person.display_name, n.role.title_en) for n in appointed} == {
            ("Layla Haddad", "Leadership mentor"),
            ("Siti Rahmawati", "Ombudsperson"),
            ("Rina Wulandari", "Board treasurer"),
        }
        for nomination in appointed:
            holder = RoleHolder.objects.get(role=nomination.role, person=nomination.person)
            assert (holder.start, holder.end) == (today - datetime.timedelta(days=2), None)
        chapter_call = NominationCall.objects.get(title_en="Board chair and treasurer: nominations")
        flags = {n.nominee_name: n.term_limit_reached for n in call_nominations_ranked(call=chapter_call)}
        assert flags == {"Rina Wulandari": False, "Budi Santoso": True}
