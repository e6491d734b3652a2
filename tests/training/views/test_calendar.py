"""The movement's training calendar: a month grid and a list of upcoming published sessions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganizationFactory, region
from tests.factories.roles import language
from tests.factories.training import CourseFactory, TrainingSessionFactory
from training.enums import SessionStatus
from training.views.calendar import DAY_MAX_SESSIONS

pytestmark = pytest.mark.django_db


def next_month_at(day: int, hour: int) -> datetime.datetime:
    today = timezone.now().date()
    first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return datetime.datetime(first.year, first.month, day, hour, 0, tzinfo=datetime.UTC)


def month_param(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m")


def month_titles(response) -> dict[int, list[str]]:
    return {
        day["date"].day: [session["title"] for session in day["sessions"]]
        for week in response.context["weeks"]
        for day in week
        if day["in_month"] and day["sessions"]
    }


@pytest.fixture
def sessions(course):
    hub = OrganizationFactory(slug="hub-ssa", region=region("SSA"))
    atelier = CourseFactory(organization=hub, title="Atelier", title_en="Atelier")
    return {
        "alpha": TrainingSessionFactory(
            course=course,
            starts_at=next_month_at(3, 10),
            ends_at=next_month_at(3, 12),
            enrollment_deadline=next_month_at(3, 10),
        ),
        "atelier": TrainingSessionFactory(
            course=atelier,
            organization=hub,
            language=language("fr"),
            starts_at=next_month_at(17, 23),
            ends_at=next_month_at(18, 1),
            enrollment_deadline=next_month_at(17, 23),
        ),
        "draft": TrainingSessionFactory(
            course=course,
            status=SessionStatus.DRAFT,
            starts_at=next_month_at(5, 10),
            ends_at=next_month_at(5, 12),
            enrollment_deadline=next_month_at(5, 10),
        ),
    }


def test_calendar_month_places_published_sessions_on_their_day(client, sessions):
    month = month_param(next_month_at(1, 0))

    response = client.get(reverse("training:calendar"), {"month": month})

    assert response.status_code == 200
    assert month_titles(response) == {3: ["Facilitation basics"], 17: ["Atelier"]}
    content = response.content.decode()
    assert (
        f'href="/en/training/sessions/{sessions["alpha"].pk}/">10 a.m. UTC Facilitation basics</a>' in content
    )


def test_calendar_month_uses_the_zone_of_the_viewers_profile(client, sessions, plain_user):
    plain_user.person.time_zone = "Asia/Jakarta"
    plain_user.person.save()
    client.force_login(plain_user)

    response = client.get(reverse("training:calendar"), {"month": month_param(next_month_at(1, 0))})

    # 23:00 UTC on the 17th is 06:00 on the 18th in Jakarta
    assert month_titles(response) == {3: ["Facilitation basics"], 18: ["Atelier"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "SSA"}, {17: ["Atelier"]}),
        ({"language": "fr"}, {17: ["Atelier"]}),
        ({"region": "NWE", "language": "fr"}, {}),
        ({"region": "Atlantis"}, {3: ["Facilitation basics"], 17: ["Atelier"]}),  # a bad value is ignored
    ],
)
def test_calendar_month_filters(client, sessions, params, expected):
    response = client.get(reverse("training:calendar"), {"month": month_param(next_month_at(1, 0)), **params})

    assert month_titles(response) == expected


@pytest.mark.parametrize("month", ["2020-01", "garbage", "2027-13"])
def test_calendar_month_never_goes_before_the_current_month(client, month):
    response = client.get(reverse("training:calendar"), {"month": month})

    assert response.status_code == 200
    assert response.context["month"] == timezone.now().date().replace(day=1)
    assert response.context["previous_month"] is None


def test_calendar_list_shows_upcoming_published_sessions_soonest_first(client, sessions):
    response = client.get(reverse("training:calendar"), {"view": "list"})

    assert [session.course.title for session in response.context["sessions"]] == [
        "Facilitation basics",
        "Atelier",
    ]
    assert "2 upcoming sessions" in response.content.decode()


def make_sessions(count: int) -> None:
    for n in range(count):
        course = CourseFactory(title=f"Course {n}")
        TrainingSessionFactory(course=course, organization=OrganizationFactory())


@pytest.mark.parametrize("count", [1, 3])
def test_calendar_list_queries_are_constant(client, django_assert_num_queries, count):
    make_sessions(count)

    # count, sessions with course, organisation, region and language, the language choices
    with django_assert_num_queries(3):
        response = client.get(reverse("training:calendar"), {"view": "list"})

    assert len(response.context["sessions"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_calendar_month_queries_are_constant(client, django_assert_num_queries, count):
    make_sessions(count)
    month = month_param(timezone.now() + datetime.timedelta(days=7))

    # sessions of the month, the language choices
    with django_assert_num_queries(2):
        response = client.get(reverse("training:calendar"), {"month": month})

    assert response.context["session_count"] == count


def test_calendar_month_shows_a_few_sessions_a_day_and_counts_the_others(client, course):
    for hour in range(DAY_MAX_SESSIONS + 2):
        TrainingSessionFactory(
            course=course,
            starts_at=next_month_at(20, hour),
            ends_at=next_month_at(20, hour + 1),
            enrollment_deadline=next_month_at(20, hour),
        )
    late = TrainingSessionFactory(
        course=course,
        starts_at=next_month_at(28, 9),
        ends_at=next_month_at(28, 10),
        enrollment_deadline=next_month_at(28, 9),
    )

    response = client.get(reverse("training:calendar"), {"month": month_param(next_month_at(1, 0))})

    days = {day["date"].day: day for week in response.context["weeks"] for day in week if day["in_month"]}
    assert [session["starts_at"].hour for session in days[20]["sessions"]] == list(range(DAY_MAX_SESSIONS))
    assert days[20]["more"] == 2
    assert [session["pk"] for session in days[28]["sessions"]] == [late.pk]  # not crowded out by the 20th
    assert response.context["session_count"] == DAY_MAX_SESSIONS + 3
    assert response.context["truncated"] is True
    assert "and 2 more" in response.content.decode()
