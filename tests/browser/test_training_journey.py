"""Issue 5's journey in a real browser: a hub coordinator schedules a hybrid session in Asia/Jakarta for two
seats; three learners enroll (the third is waitlisted at position 1); one cancels and the third is promoted
and emailed; a learner in America/Santiago sees the start in their own time; the coordinator marks
completion, and the learner's profile shows the new competency level."""

import datetime
import re
import zoneinfo

import pytest
from django.utils import formats, timezone
from post_office.models import Email

from roles.enums import Capacity, OrganizationKind
from roles.models import Organization
from tests.browser.conftest import assert_accessible, signed_in_tab
from tests.factories import MembershipFactory, UserFactory
from tests.factories.registry import CompetencyFactory
from tests.factories.roles import language
from tests.factories.training import CourseCompetencyFactory, CourseFactory, TrainingSessionFactory
from training.enums import CourseFormat, EnrollmentState, SessionStatus
from training.models import Enrollment, TrainingSession

pytestmark = pytest.mark.django_db(transaction=True)

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
SANTIAGO = zoneinfo.ZoneInfo("America/Santiago")


@pytest.fixture
def training(org_a):
    Organization.objects.filter(pk=org_a.pk).update(kind=OrganizationKind.REGIONAL_HUB)
    coordinator = UserFactory(username="hana", email="hana@example.org")
    MembershipFactory(person=coordinator.person, organization=org_a, capacity=Capacity.HUB_COORDINATOR)
    facilitation = CompetencyFactory(slug="facilitation", name="Facilitation", name_en="Facilitation")
    course = CourseFactory(
        organization=org_a,
        title="Facilitating online meetings",
        title_en="Facilitating online meetings",
        format=CourseFormat.HYBRID,
        languages=[language("en"), language("id")],
    )
    CourseCompetencyFactory(course=course, competency=facilitation, target_level=3)
    learners = {
        name: UserFactory(username=name, email=f"{name}@example.org") for name in ("lucia", "budi", "citra")
    }
    lucia = learners["lucia"].person
    lucia.time_zone = "America/Santiago"
    lucia.is_public = True
    lucia.save()
    return {"course": course, "facilitation": facilitation, **learners}


def _wall_clock(moment: datetime.datetime) -> str:
    return f"{formats.date_format(moment, 'DATE_FORMAT')} {formats.time_format(moment, 'TIME_FORMAT')}"


def test_hub_coordinator_schedules_learners_enroll_waitlist_promotion_and_completion(
    browser, live_server, settings, training
):
    settings.SITE_URL = live_server.url
    settings.ALLOWED_HOSTS = ["*"]
    course = training["course"]
    # Nine in the morning in Jakarta, two months from now.
    day = (timezone.now() + datetime.timedelta(days=60)).astimezone(JAKARTA).date()
    starts = datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=JAKARTA)

    # The hub coordinator schedules a hybrid session in Asia/Jakarta for two seats, and publishes it.
    coordinator = signed_in_tab(browser, live_server, "hana@example.org")
    coordinator.goto(f"{live_server.url}/en/training/courses/new/")
    assert_accessible(coordinator)
    coordinator.goto(f"{live_server.url}/en/training/courses/{course.pk}/")
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name="Schedule a session").click()
    coordinator.wait_for_url(re.compile(r".*/sessions/new/$"))
    coordinator.get_by_label("Time zone").select_option("Asia/Jakarta")
    coordinator.get_by_label("Starts").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    coordinator.get_by_label("Ends").fill((starts + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    coordinator.get_by_label("Enrollment deadline").fill(
        (starts - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    )
    coordinator.get_by_label("Format").select_option("hybrid")
    coordinator.get_by_label("Venue").fill("Gedung Sate")
    coordinator.get_by_label("City").fill("Bandung")
    coordinator.get_by_label("Online link").fill("https://meet.example.org/jakarta")
    coordinator.locator("select[name=language]").select_option("id")
    coordinator.get_by_label("Seats").fill("2")
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Save the draft").click()
    coordinator.wait_for_url(re.compile(r".*/en/training/sessions/\d+/$"))
    session = TrainingSession.objects.get(course=course)
    assert (session.status, session.capacity, str(session.time_zone)) == (
        SessionStatus.DRAFT,
        2,
        "Asia/Jakarta",
    )
    assert session.starts_at == starts.astimezone(datetime.UTC)
    coordinator.get_by_role("button", name="Publish").click()
    coordinator.wait_for_load_state()
    assert coordinator.get_by_text("The session is published: learners can enroll.").count() == 1
    session_url = f"{live_server.url}/en/training/sessions/{session.pk}/"

    # Three learners enroll: two seats, then the waitlist.
    tabs = {}
    for name in ("lucia", "budi", "citra"):
        zone = "America/Santiago" if name == "lucia" else "Asia/Jakarta"
        tab = signed_in_tab(browser, live_server, f"{name}@example.org", timezone_id=zone)
        tab.goto(session_url)
        tab.get_by_role("button", name=re.compile("^(Enroll|Join the waitlist)$")).click()
        tab.wait_for_url(session_url)
        tabs[name] = tab
    assert (
        tabs["lucia"].locator(".enrollment-state").inner_text() == "You are enrolled: your seat is confirmed."
    )
    assert (
        tabs["citra"].locator(".enrollment-state").inner_text() == "You are on the waitlist, at position 1."
    )
    assert_accessible(tabs["citra"])

    # The learner viewing from America/Santiago sees the start in their own time, and the session's own.
    santiago_start = _wall_clock(starts.astimezone(SANTIAGO))
    assert tabs["lucia"].locator(".session-start").inner_text() == f"{santiago_start} America/Santiago"
    assert f"{_wall_clock(starts)} – " in tabs["lucia"].locator(".session-own-zone").inner_text()
    assert tabs["lucia"].get_by_role("link", name="https://meet.example.org/jakarta").count() == 1
    assert_accessible(tabs["lucia"])

    # Budi cancels: Citra is promoted, and an email for her is in the outbox.
    assert Email.objects.filter(to="citra@example.org").count() == 0
    tabs["budi"].get_by_role("button", name="Cancel my enrollment").click()
    tabs["budi"].wait_for_load_state()
    assert tabs["budi"].get_by_text("The enrollment was cancelled.").count() == 1
    promoted = Enrollment.objects.get(session=session, person__user=training["citra"])
    assert (promoted.state, promoted.waitlist_position) == (EnrollmentState.CONFIRMED, None)
    (email,) = Email.objects.filter(to="citra@example.org")
    assert email.subject == "A seat is yours: Facilitating online meetings"
    tabs["citra"].reload()
    assert (
        tabs["citra"].locator(".enrollment-state").inner_text() == "You are enrolled: your seat is confirmed."
    )

    # The session takes place (the clock moves past its start), and the coordinator marks Lucia's completion.
    begun = timezone.now() - datetime.timedelta(hours=4)
    TrainingSession.objects.filter(pk=session.pk).update(
        starts_at=begun, ends_at=begun + datetime.timedelta(hours=3), enrollment_deadline=begun
    )
    coordinator.goto(f"{session_url}attendance/")
    assert_accessible(coordinator)
    row = coordinator.locator("tr[data-learner='lucia']")
    row.get_by_label("Mark for lucia").select_option("completed")
    row.get_by_role("button", name="Record").click()
    coordinator.wait_for_load_state()
    assert coordinator.get_by_text("lucia: Completed.").count() == 1

    # Lucia's profile shows the new verified level, from the training.
    lucia = training["lucia"].person
    tabs["lucia"].goto(f"{live_server.url}/en/people/{lucia.pk}/")
    competency_row = tabs["lucia"].get_by_role("row", name=re.compile("^Facilitation"))
    assert competency_row.locator(".level-badge").first.inner_text() == "3 · Proficient"
    assert "Training completion" in competency_row.inner_text()
    assert_accessible(tabs["lucia"])

    for tab in (coordinator, *tabs.values()):
        tab.context.close()


def test_a_visitor_sees_the_start_in_the_browsers_own_zone(browser, live_server, settings, training):
    settings.ALLOWED_HOSTS = ["*"]
    starts = datetime.datetime(2030, 7, 1, 2, 0, tzinfo=datetime.UTC)
    session = TrainingSessionFactory(
        course=training["course"],
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        enrollment_deadline=starts,
        time_zone="Asia/Jakarta",
    )
    context = browser.new_context(locale="en-US", timezone_id="America/Santiago")
    tab = context.new_page()

    tab.goto(f"{live_server.url}/en/training/sessions/{session.pk}/")

    start = tab.locator(".session-start time")
    start.and_(tab.locator("[data-time-zone]")).wait_for()
    # 02:00 UTC on 1 July 2030 is 22:00 on 30 June in Santiago (UTC-4 in the southern winter).
    assert start.inner_text() == "June 30, 2030 at 10:00 PM America/Santiago"
    assert_accessible(tab)

    # The catalogue, filtered from a competency's page, and the calendar's two views are accessible too.
    tab.goto(f"{live_server.url}/en/competencies/facilitation/")
    tab.get_by_role("link", name="Trainings that develop it").click()
    tab.wait_for_url(f"{live_server.url}/en/training/?competency=facilitation")
    assert tab.get_by_role("link", name="Facilitating online meetings").count() == 1
    assert_accessible(tab)
    tab.goto(f"{live_server.url}/en/training/calendar/?month=2030-07")
    assert_accessible(tab)
    tab.goto(f"{live_server.url}/en/training/calendar/?view=list")
    assert tab.get_by_role("link", name="Facilitating online meetings").count() == 1
    assert_accessible(tab)
    context.close()
