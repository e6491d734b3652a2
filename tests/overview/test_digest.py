"""The weekly digest to organizers: its exact content, language, Monday morning in their zone, once a week."""

import datetime

import pytest
from post_office.models import Email

from leadership.common.emails import address_hash
from leadership.common.enums import EmailKind
from leadership.common.models import EmailOptOut
from leadership.overview.digest import digest_build, digest_send, digest_week, weekly_digests_send
from leadership.overview.models import DigestLog
from nominations.enums import NominationState
from nominations.models import Nomination
from roles.enums import Capacity, Importance, OrganizationStatus
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory
from tests.factories.nominations import NominationCallFactory, NominationFactory
from tests.factories.registry import CompetencyFactory, RoleFactory, RoleHolderFactory, RoleRequirementFactory
from tests.factories.roles import language
from tests.factories.training import CourseCompetencyFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
MONDAY = datetime.datetime(2026, 11, 30, 7, 0, tzinfo=UTC)  # a Monday, 07:00 UTC
WEEK = datetime.date(2026, 11, 30)

FOOTER = "\n\n-- \n"


def organizer(organization, name, **kwargs):
    person = PersonFactory(display_name=name, email=f"{name.lower()}@example.org", **kwargs)
    MembershipFactory(person=person, organization=organization, capacity=Capacity.ORGANIZER)
    return person


def renewal(organization):
    """Chair ends in 45 days; Treasurer's holder is past the limit; Secretary has 2 vacant seats and needs
    Facilitation (essential, a session is scheduled) and Budgeting (desirable, no session); one new
    nomination this week, one older, one unverified."""
    facilitation = CompetencyFactory(name="Facilitation", name_en="Facilitation", name_fr="Animation")
    budgeting = CompetencyFactory(name="Budgeting", name_en="Budgeting", name_fr="Budget")
    chair = RoleFactory(organization=organization, title="Chair", title_en="Chair")
    RoleHolderFactory(
        role=chair,
        person=PersonFactory(display_name="Bea"),
        start=datetime.date(2024, 1, 14),
        end=datetime.date(2027, 1, 14),
    )
    treasurer = RoleFactory(organization=organization, title="Treasurer", title_en="Treasurer", term_limit=2)
    RoleHolderFactory(role=treasurer, person=PersonFactory(display_name="Carl"), term_number=3)
    secretary = RoleFactory(organization=organization, title="Secretary", title_en="Secretary", seats=2)
    RoleRequirementFactory(
        role=secretary, competency=facilitation, min_level=3, importance=Importance.ESSENTIAL
    )
    RoleRequirementFactory(role=secretary, competency=budgeting, min_level=2, importance=Importance.DESIRABLE)
    starts = MONDAY + datetime.timedelta(days=10)
    TrainingSessionFactory(
        course=CourseCompetencyFactory(
            competency=facilitation, target_level=3, course__organization=organization
        ).course,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        enrollment_deadline=starts,
    )
    call = NominationCallFactory(organization=organization)
    for days, state in (
        (2, NominationState.ACCEPTED),
        (10, NominationState.ACCEPTED),
        (1, NominationState.SUBMITTED),
    ):
        nomination = NominationFactory(call=call, state=state)
        Nomination.objects.filter(pk=nomination.pk).update(created_at=MONDAY - datetime.timedelta(days=days))
    NominationFactory(call=NominationCallFactory())  # another organisation's call


def digest_body(address):
    return Email.objects.get(to=address).message.split(FOOTER)[0]


ENGLISH_BODY = """Hello Ana, here is what needs attention in Wikimedia Alpha this week.

Terms ending in the next 90 days:
- Chair: Bea, until Jan. 14, 2027

Holders past their term limit:
- Treasurer: Carl, term 3 of at most 2

2 seats are vacant:
- Secretary: 2 vacant seats

One new nomination in your calls over the last seven days.

The largest competency gaps:
- Facilitation: gap 2.0, a training session is scheduled
- Budgeting: gap 1.0, no training session is scheduled

The overview of Wikimedia Alpha:
http://testserver/en/overview/organizations/wikimedia-alpha/"""


def test_digest_send_lists_what_needs_attention(org_a):
    renewal(org_a)
    organizer(org_a, "Ana")
    MembershipFactory(person=PersonFactory(email="member@example.org"), organization=org_a)

    assert digest_send(organization=org_a, now=MONDAY) == 1

    email = Email.objects.get()
    assert (email.to, email.subject) == (
        ["ana@example.org"],
        "Wikimedia Alpha this week: terms, nominations and competency gaps",
    )
    assert digest_body("ana@example.org") == ENGLISH_BODY
    assert "Unsubscribe from these emails in one click:" in email.message
    assert email.headers["Content-Language"] == "en"
    assert list(DigestLog.objects.values_list("organization", "person__display_name", "week")) == [
        (org_a.pk, "Ana", WEEK)
    ]


def test_digest_build_figures(org_a):
    renewal(org_a)

    digest = digest_build(organization=org_a, now=MONDAY)

    assert [(term.role.title, term.person.display_name) for term in digest.terms_ending] == [("Chair", "Bea")]
    assert [(term.role.title, term.term_number) for term in digest.over_limit] == [("Treasurer", 3)]
    assert [(role.title, role.vacant) for role in digest.vacant_roles] == [("Secretary", 2)]
    assert (digest.vacant_seats, digest.new_nominations) == (2, 1)
    assert [(gap.competency.name, str(gap.gap), gap.upcoming_sessions) for gap in digest.gaps] == [
        ("Facilitation", "2.0", 1),
        ("Budgeting", "1.0", 0),
    ]
    assert digest.is_empty is False


def test_digest_in_the_organizers_language(org_a):
    renewal(org_a)
    french = organizer(org_a, "Flore")
    french.languages.set([language("fr")])
    organizer(org_a, "Ana")

    assert digest_send(organization=org_a, now=MONDAY) == 2

    french_email = Email.objects.get(to="flore@example.org")
    assert french_email.headers["Content-Language"] == "fr"
    assert digest_body("flore@example.org").splitlines()[-1] == (
        "http://testserver/fr/overview/organizations/wikimedia-alpha/"
    )
    assert (
        "Se désabonner de ces courriels en un clic\u00a0: http://testserver/fr/unsubscribe/"
        in french_email.message
    )
    # Competency names come in the organizer's language where the content has them.
    assert "- Animation\u00a0: écart de " in digest_body("flore@example.org")
    assert digest_body("ana@example.org").splitlines()[-1] == (
        "http://testserver/en/overview/organizations/wikimedia-alpha/"
    )


def test_digest_once_per_week(org_a):
    renewal(org_a)
    organizer(org_a, "Ana")

    assert digest_send(organization=org_a, now=MONDAY) == 1
    assert digest_send(organization=org_a, now=MONDAY + datetime.timedelta(hours=5)) == 0
    assert weekly_digests_send(now=MONDAY + datetime.timedelta(hours=1)) == 0
    assert Email.objects.count() == 1

    assert digest_send(organization=org_a, now=MONDAY + datetime.timedelta(days=7)) == 1
    assert sorted(DigestLog.objects.values_list("week", flat=True)) == [
        WEEK,
        WEEK + datetime.timedelta(days=7),
    ]


def test_digest_nothing_to_report_sends_nothing(org_a):
    RoleHolderFactory(role=RoleFactory(organization=org_a), start=datetime.date(2025, 1, 1))
    organizer(org_a, "Ana")

    assert digest_build(organization=org_a, now=MONDAY).is_empty is True
    assert digest_send(organization=org_a, now=MONDAY) == 0
    assert weekly_digests_send(now=MONDAY) == 0
    assert (Email.objects.count(), DigestLog.objects.count()) == (0, 0)


def test_digest_unsubscribed_organizer_gets_nothing(org_a):
    renewal(org_a)
    organizer(org_a, "Ana")
    organizer(org_a, "Bob")
    EmailOptOut.objects.create(address_hash=address_hash("bob@example.org"), kind=EmailKind.OVERVIEW_DIGEST)

    assert digest_send(organization=org_a, now=MONDAY) == 1

    assert [email.to for email in Email.objects.all()] == [["ana@example.org"]]
    assert list(DigestLog.objects.values_list("person__display_name", flat=True)) == ["Ana"]


@pytest.mark.parametrize(
    ("moment", "sent"),
    [
        (datetime.datetime(2026, 11, 29, 23, 0, tzinfo=UTC), 0),  # Sunday night
        (datetime.datetime(2026, 11, 30, 5, 59, tzinfo=UTC), 0),  # Monday, before 06:00
        (datetime.datetime(2026, 11, 30, 6, 0, tzinfo=UTC), 1),  # Monday 06:00
        (datetime.datetime(2026, 11, 30, 23, 59, tzinfo=UTC), 1),  # Monday, late
        (datetime.datetime(2026, 12, 1, 7, 0, tzinfo=UTC), 0),  # Tuesday
        (datetime.datetime(2026, 12, 4, 7, 0, tzinfo=UTC), 0),  # Friday
    ],
)
def test_weekly_digests_send_on_monday_mornings_only(org_a, moment, sent):
    renewal(org_a)
    organizer(org_a, "Ana")

    assert weekly_digests_send(now=moment) == sent
    assert Email.objects.count() == sent


def test_weekly_digests_send_in_each_organizers_time_zone(org_a):
    renewal(org_a)
    organizer(org_a, "Ana")  # UTC
    organizer(org_a, "Kenji", time_zone="Asia/Tokyo")  # UTC+9
    organizer(org_a, "Lucia", time_zone="America/Lima")  # UTC-5
    sunday_late = datetime.datetime(2026, 11, 29, 22, 0, tzinfo=UTC)  # Monday 07:00 in Tokyo

    assert weekly_digests_send(now=sunday_late) == 1
    assert weekly_digests_send(now=MONDAY) == 1  # 07:00 in London, 02:00 in Lima
    assert weekly_digests_send(now=MONDAY + datetime.timedelta(hours=4)) == 1  # 06:00 in Lima
    assert weekly_digests_send(now=MONDAY + datetime.timedelta(hours=5)) == 0

    assert sorted(DigestLog.objects.values_list("person__display_name", "week")) == [
        ("Ana", WEEK),
        ("Kenji", WEEK),
        ("Lucia", WEEK),
    ]


def test_digest_week_is_the_local_monday():
    person = PersonFactory(time_zone="Pacific/Auckland")  # UTC+13 in November

    assert digest_week(person=person, now=datetime.datetime(2026, 11, 29, 18, 0, tzinfo=UTC)) == WEEK
    assert digest_week(person=person, now=datetime.datetime(2026, 11, 29, 16, 0, tzinfo=UTC)) is None


def test_weekly_digests_send_skips_organisations_not_listed_and_members(org_a):
    renewal(org_a)
    MembershipFactory(person=PersonFactory(email="member@example.org"), organization=org_a)
    MembershipFactory(
        person=PersonFactory(email="hub@example.org"), organization=org_a, capacity=Capacity.HUB_COORDINATOR
    )
    proposed = OrganizationFactory(status=OrganizationStatus.PROPOSED)
    renewal(proposed)
    organizer(proposed, "Pat")
    inactive = OrganizationFactory(active=False)
    organizer(inactive, "Ivo")

    assert weekly_digests_send(now=MONDAY) == 0
    assert Email.objects.count() == 0
