"""The benchmark's generator at a tiny scale (on the test database), its scenarios and its statistics."""

import datetime
import gzip
import http.server
import itertools
import sys
import threading
from pathlib import Path
from urllib.parse import quote_plus

import pytest
from django.db.models import Count, F, Q

from leadership.bench import driver, runs, scenarios, seed, seed_nominations
from leadership.management.commands import bench as bench_command
from nominations.models import (
    Nomination,
    NominationAnswer,
    NominationCall,
    NominationEvent,
    ObservedCompetency,
    Review,
    ReviewScore,
)
from roles import services
from roles.models import (
    Competency,
    Organization,
    Person,
    PersonCompetency,
    Role,
    RoleHolder,
    RoleRequirement,
)
from training import services as training_services
from training.enums import CourseFormat, EnrollmentState, SessionStatus
from training.models import Course, Enrollment, Feedback, TrainingSession

TODAY = datetime.date(2026, 3, 2)
TINY = 0.002  # 10 organisations, 4 competencies, 200 roles, 400 people


@pytest.fixture
def seeded(db):
    return seed.seed(scale=TINY, today=TODAY)


def test_plan_full_scale_counts():
    plan = seed.Plan.for_scale(1)

    assert plan.counts == {
        "organizations": 5_000,
        "competencies": 2_000,
        "role_templates": 60,
        "roles": 100_000,
        "requirements": 300_000,
        "people": 200_000,
        "person_competencies": 400_000,
        "holders": 300_000,
        "courses": 2_000,
        "course_competencies": 5_000,
        "training_sessions": 20_000,
        "enrollments": 1_000_000,
        "feedback": 100_000,
        "nomination_calls": 1_000,
        "nominations": 200_000,
        "review_call_nominations": 2_000,
        "nomination_answers": 300_000,
        "observed_competencies": 200_000,
        "endorsements": 100_000,
        "reviews": 60_000,
        "accounts": 20,
    }


def test_plan_tiny_scale_keeps_requirements_possible():
    plan = seed.Plan.for_scale(0.0001)

    assert plan.counts["competencies"] == 4
    assert plan.counts["roles"] == 10
    assert plan.counts["requirements"] == 30  # 0.0001 of 300,000, within 10 roles by 4 competencies


@pytest.mark.parametrize("scale", [0, -1, 11])
def test_plan_bad_scale_is_refused(scale):
    with pytest.raises(ValueError, match="SCALE must be above 0"):
        seed.Plan.for_scale(scale)


def test_seed_writes_the_planned_counts(seeded):
    planned = seed.Plan.for_scale(TINY).counts
    counts = seed.counts_in_database()
    public = counts.pop("public_people")
    # Rows hanging off nominations come in proportion to the plan, not to the row.
    proportional = {key: counts.pop(key) for key in ("nomination_answers", "endorsements", "reviews")}
    observed = counts.pop("observed_competencies")

    assert counts == {
        "organizations": 10,
        "competencies": 4,
        "role_templates": 2,
        "roles": 200,
        "requirements": 600,
        "people": 400,
        "person_competencies": 800,
        "holders": 600,
        "accounts": 20,
        "courses": 4,
        "course_competencies": 10,
        "training_sessions": 40,
        "enrollments": 2_000,
        "feedback": 200,
        "nomination_calls": 3,
        "nominations": 400,
        "review_call_nominations": 10,
    }
    assert {key: planned[key] for key in counts} == counts
    assert 0.5 * 600 <= proportional["nomination_answers"] <= 1.5 * 600
    assert 0.5 * 200 <= proportional["endorsements"] <= 1.5 * 200
    assert 10 <= proportional["reviews"] <= 1.5 * 120
    assert 0.5 * 400 <= observed <= 400
    assert 20 <= public < 400  # the pool's people, and about 40 % of the others
    assert seeded["roles_role"] == 200


def test_seed_search_text_is_what_the_service_writes(seeded):
    roles = list(Role.objects.order_by("id"))

    assert [role.search_text for role in roles] == [services.role_search_text(role) for role in roles]


def test_seed_filled_seats_match_the_terms(seeded):
    filled = dict(Role.objects.values_list("id", "filled_seats"))
    current = (
        RoleHolder.objects.filter(start__lte=TODAY)
        .filter(Q(end__isnull=True) | Q(end__gt=TODAY))
        .values("role_id")
        .annotate(seats=Count("seat", distinct=True))
    )
    recounted = dict.fromkeys(filled, 0) | {row["role_id"]: row["seats"] for row in current}

    assert filled == recounted
    assert Role.objects.filter(filled_seats__gt=0).exists()
    assert Role.objects.filter(filled_seats__lt=F("seats")).exists()  # some seats are vacant


def test_seed_terms_never_overlap_on_a_seat(seeded):
    terms: dict[tuple[int, int], list[tuple[datetime.date, datetime.date]]] = {}
    for role_id, seat, start, end in RoleHolder.objects.values_list("role_id", "seat", "start", "end"):
        terms.setdefault((role_id, seat), []).append((start, end or datetime.date.max))
    overlaps = 0
    for spans in terms.values():
        spans.sort()
        overlaps += sum(1 for (_, end), (start, _) in itertools.pairwise(spans) if start < end)

    assert overlaps == 0
    assert RoleHolder.objects.filter(seat__gt=F("role__seats")).count() == 0


def test_seed_rare_word_is_in_a_handful_of_roles_common_word_in_many(seeded):
    rare = Role.objects.filter(search_text__contains=seed.RARE_WORD).count()
    common = Role.objects.filter(search_text__contains=seed.COMMON_WORD).count()

    assert rare == seed.RARE_ROLES
    assert common > 20


def test_seed_rare_word_is_in_no_other_vocabulary():
    texts = [
        text
        for table in (
            seed.FUNCTIONS,
            seed.AREAS,
            seed.DESCRIPTIONS,
            [seed.COMMON_CLAUSE, seed.RESPONSIBILITIES],
        )
        for entry in table
        for text in entry
    ]

    assert [text for text in texts if seed.RARE_WORD in text.lower()] == []


def test_seed_requirements_name_a_competency_once_per_role(seeded):
    duplicates = (
        RoleRequirement.objects.values("role_id", "competency_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )

    assert duplicates == 0
    assert RoleRequirement.objects.values("role_id").distinct().count() == 200


def test_seed_accounts_have_a_person_a_verified_email_and_a_token(seeded):
    from allauth.account.models import EmailAddress
    from rest_framework.authtoken.models import Token

    accounts = Person.objects.filter(user__isnull=False)

    assert accounts.count() == 20
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == 20
    assert Token.objects.count() == 20


def test_seed_people_competencies_are_unique_per_person(seeded):
    duplicates = (
        PersonCompetency.objects.values("person_id", "competency_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )

    assert duplicates == 0


# --- Training -------------------------------------------------------------------------------------------
def test_seed_confirmed_count_is_the_seat_holding_enrollments(seeded):
    holding = dict(
        Enrollment.objects.filter(state__in=EnrollmentState.seat_holding())
        .values("session_id")
        .annotate(n=Count("id"))
        .values_list("session_id", "n")
    )
    sessions = dict(TrainingSession.objects.values_list("id", "confirmed_count"))

    assert sessions == dict.fromkeys(sessions, 0) | holding
    assert TrainingSession.objects.filter(confirmed_count__gt=F("capacity")).count() == 0
    assert TrainingSession.objects.filter(confirmed_count=F("capacity")).exists()  # some are full


def test_seed_waitlists_are_contiguous_and_only_behind_full_sessions(seeded):
    positions: dict[int, list[int]] = {}
    for session_id, position in Enrollment.objects.filter(state=EnrollmentState.WAITLISTED).values_list(
        "session_id", "waitlist_position"
    ):
        positions.setdefault(session_id, []).append(position)
    full = set(TrainingSession.objects.filter(confirmed_count=F("capacity")).values_list("id", flat=True))

    assert positions  # some sessions have a waitlist
    assert {s: sorted(p) for s, p in positions.items()} == {
        s: list(range(1, len(p) + 1)) for s, p in positions.items()
    }
    assert set(positions) <= full
    assert (
        Enrollment.objects.exclude(state=EnrollmentState.WAITLISTED)
        .filter(waitlist_position__isnull=False)
        .count()
        == 0
    )


def test_seed_sessions_in_every_format_and_status_drafts_without_learners(seeded):
    assert set(TrainingSession.objects.values_list("format", flat=True)) == set(CourseFormat.values)
    assert set(TrainingSession.objects.values_list("status", flat=True)) == set(SessionStatus.values)
    assert TrainingSession.objects.values("time_zone").distinct().count() > 3
    assert Enrollment.objects.filter(session__status=SessionStatus.DRAFT).count() == 0
    assert (
        Enrollment.objects.filter(
            session__status=SessionStatus.FINISHED,
            state__in=[EnrollmentState.CONFIRMED, EnrollmentState.WAITLISTED],
        ).count()
        == 0
    )
    assert TrainingSession.objects.filter(ends_at__lte=F("starts_at")).count() == 0
    assert (
        Feedback.objects.exclude(
            enrollment__state__in=[EnrollmentState.ATTENDED, EnrollmentState.COMPLETED]
        ).count()
        == 0
    )


def test_seed_course_search_text_is_what_the_service_writes(seeded):
    courses = list(Course.objects.order_by("id"))

    assert [c.search_text for c in courses] == [training_services.course_search_text(c) for c in courses]


# --- Nominations -----------------------------------------------------------------------------------------
def test_seed_review_call_holds_reviewed_consented_nominations(seeded):
    review = Nomination.objects.filter(call_id=seed_nominations.REVIEW_CALL_ID)

    assert review.count() == 10
    assert set(review.values_list("state", flat=True)) <= {"accepted", "in_review", "shortlisted"}
    assert Review.objects.filter(nomination__call_id=seed_nominations.REVIEW_CALL_ID).exists()
    assert ReviewScore.objects.filter(review__conflict_of_interest=True).count() == 0
    scored = Review.objects.filter(conflict_of_interest=False).annotate(n=Count("scores"))
    assert {(r.n == r.nomination.call.criteria.count()) for r in scored} == {True}


def test_seed_erased_nominations_keep_no_nominee_data(seeded):
    erased = Nomination.objects.filter(state__in=["declined", "expired"])

    assert erased.exists()
    assert erased.filter(erased_at__isnull=True).count() == 0
    assert erased.exclude(nominee_email="", nominee_name="", statement="").count() == 0
    assert NominationAnswer.objects.filter(nomination__in=erased).count() == 0
    assert ObservedCompetency.objects.filter(nomination__in=erased).count() == 0


def test_seed_nomination_events_retrace_each_state(seeded):
    last = {}
    for nomination_id, to_state in NominationEvent.objects.order_by("nomination_id", "id").values_list(
        "nomination_id", "to_state"
    ):
        last[nomination_id] = to_state

    assert last == dict(Nomination.objects.values_list("id", "state"))


def test_seed_submit_call_is_open_with_a_required_question(seeded):
    call = NominationCall.objects.get(pk=seed_nominations.SUBMIT_CALL_ID)

    assert call.is_open
    assert call.questions.filter(required=True).count() == 1


def test_fingerprint_depends_on_the_scale():
    assert seed.fingerprint(1.0) == seed.fingerprint(1)
    assert seed.fingerprint(1.0) != seed.fingerprint(0.01)


def test_fingerprint_covers_every_generator():
    assert [path.name for path in seed.generator_sources()] == [
        "seed.py",
        "seed_nominations.py",
        "seed_training.py",
    ]


def test_marker_round_trip(db):
    assert seed.read_marker() is None

    seed.write_marker(fingerprint_value="abc", scale=0.5, counts={"roles_role": 3})

    marker = seed.read_marker()
    assert {key: marker[key] for key in ("fingerprint", "scale", "counts")} == {
        "fingerprint": "abc",
        "scale": 0.5,
        "counts": {"roles_role": 3},
    }


def test_gather_facts_points_at_existing_pages(seeded, client):
    facts = scenarios.gather_facts()

    assert (
        facts.listed_roles
        == Role.objects.filter(
            active=True, organization__status="approved", organization__active=True
        ).count()
    )
    assert facts.deep_page == -(-facts.listed_roles // 50)  # the last page at this scale
    assert Role.objects.filter(pk=facts.role_id, holders__isnull=False).exists()
    assert Competency.objects.filter(slug=facts.competency_slug).exists()
    assert Organization.objects.filter(slug=facts.organization_slug, status="approved").exists()
    assert Organization.objects.filter(region__code=facts.region_code, status="approved").exists()
    assert TrainingSession.objects.filter(pk=facts.session_id, status="published").exists()
    assert facts.review_call_id == seed_nominations.REVIEW_CALL_ID
    assert facts.review_call_nominations == 10
    assert facts.review_call_organizer == 1  # the pool's first account organizes organisation 1
    assert facts.submit_call_id == seed_nominations.SUBMIT_CALL_ID
    assert [name for name, _value in facts.submit_answers] == [
        f"question_{NominationCall.objects.get(pk=2).questions.get(required=True).pk}"
    ]
    assert sorted(facts.enrollable) == list(range(1, 21))
    assert all(facts.enrollable.values())


def test_every_scenario_answers_as_expected_and_writes_its_row(seeded, client):
    facts = scenarios.gather_facts()
    accounts = scenarios.make_accounts()
    built = scenarios.build(facts)
    answered = {}
    for scenario in built:
        pool = scenario.pool(accounts)
        account = pool[0] if scenario.auth else None
        client.cookies.clear()
        extra = {}
        if account:
            client.cookies["sessionid"] = account.session_key
            client.cookies["csrftoken"] = account.csrf_token
            extra["HTTP_X_CSRFTOKEN"] = account.csrf_token
        numbers = range(len(scenario.addresses)) if not scenario.auth else [0]
        for number in numbers:
            url = scenario.url_for(account, number)
            before = scenario.effect() if scenario.effect else None
            if scenario.prepare:
                scenario.prepare(number)
            response = client.generic(
                scenario.method,
                url,
                data=scenario.body(account, number) if scenario.body and account else b"",
                content_type=scenario.content_type or None,
                **extra,
            )
            answered[f"{scenario.name} {url}"] = response.status_code == scenario.expected_status
            if scenario.effect:
                answered[f"{scenario.name} wrote"] = scenario.effect() == before + 1
        if scenario.finish:
            scenario.finish()

    assert answered == dict.fromkeys(answered, True)
    assert len(built) == 28


def test_cycling_scenarios_go_through_twenty_distinct_addresses(seeded):
    facts = scenarios.gather_facts()
    by_name = {s.name: s for s in scenarios.build(facts)}
    cycling = [
        "directory page 1",
        "directory search, common words (en)",
        "directory search, common words (fr)",
        "directory search, common words (ar)",
        "directory search, rare words",
        "API roles",
        "API competencies",
        "API people",
    ]

    for name in cycling:
        scenario = by_name[name]
        cycle = len(scenario.addresses)
        asked = [scenario.url_for(None, number) for number in range(2 * cycle)]
        assert cycle >= 20, name
        assert len(set(asked)) == cycle, name
        assert asked[:cycle] == asked[cycle:] == list(scenario.addresses), name
    assert by_name["directory search, common words (fr)"].url.startswith("/fr/roles/?q=communaut")
    assert by_name["directory search, common words (ar)"].url.startswith("/ar/roles/?q=")
    # At this tiny scale there are only a few pages: the deep page scenario goes through all of them.
    assert by_name[facts.deep_page_name].addresses == tuple(
        f"/en/roles/?page={page}" for page in range(max(1, facts.deep_page - 19), facts.deep_page + 1)
    )
    assert by_name["people, competency filter"].addresses == tuple(
        f"/en/people/?competency={slug}" for slug in facts.competency_slugs
    )


def test_directory_after_a_role_edit_shows_the_edit_then_puts_the_title_back(seeded, client):
    facts = scenarios.gather_facts()
    scenario = {s.name: s for s in scenarios.build(facts)}["directory page 1 after a role edit"]
    role = Role.objects.get(pk=facts.first_role_id)

    scenario.prepare(7)
    page = client.get(scenario.url).content.decode()
    edited = Role.objects.get(pk=role.pk)
    scenario.finish()

    assert edited.title_en == f"{role.title_en} 7"
    assert edited.search_text == services.role_search_text(edited)  # written through the service
    assert f"{role.title_en} 7" in page
    assert Role.objects.get(pk=role.pk).title_en == role.title_en


def test_matrix_scenario_is_the_busiest_organisation(seeded):
    facts = scenarios.gather_facts()
    busiest = max(
        Organization.objects.filter(status="approved", active=True).annotate(n=Count("roles")),
        key=lambda organization: (organization.n, -organization.pk),
    )
    matrix = {s.name: s for s in scenarios.build(facts)}["organisation matrix"]

    assert (facts.organization_slug, facts.organization_roles) == (busiest.slug, busiest.n)
    assert matrix.url == f"/en/organizations/{busiest.slug}/matrix/"
    assert matrix.max_bytes == 200_000


def test_write_scenarios_never_repeat_a_request(seeded):
    facts = scenarios.gather_facts()
    accounts = scenarios.make_accounts()
    by_name = {s.name: s for s in scenarios.build(facts)}
    enroll, nominate = by_name["enroll in a session (POST)"], by_name["nominate (POST)"]
    pool = enroll.pool(accounts)
    pairs = {(pool[n % len(pool)].user_id, enroll.url_for(pool[n % len(pool)], n)) for n in range(100)}
    bodies = {nominate.body(accounts[n % 20], n) for n in range(100)}

    assert len(pairs) == 100
    assert len(bodies) == 100


def test_scenarios_floor_first_and_every_target_kind():
    facts = scenarios.Facts(
        listed_roles=100_000,
        deep_page=500,
        role_id=7,
        competency_slug="budgeting-9",
        organization_slug="wm-1",
        region_code="CEE",
        session_id=12,
        review_call_id=1,
        review_call_nominations=2000,
        review_call_organizer=1,
        submit_call_id=2,
        enrollable={1: (30, 31), 2: (31, 32)},
        organization_slugs=("wm-1", "wm-2"),
        competency_slugs=("budgeting-9", "editing-3"),
        first_role_id=3,
        first_role_title="Board member",
    )

    built = scenarios.build(facts)
    registry = 16  # the registry's scenarios, then training, nominations and the overview

    assert [(s.kind, s.method, s.url, s.expected_status) for s in built[registry:]] == [
        ("page", "GET", "/en/training/", 200),
        ("page", "GET", "/en/training/calendar/", 200),
        ("page", "GET", "/en/training/sessions/12/", 200),
        ("write", "POST", "/en/training/sessions/30/enroll/", 302),
        ("page", "GET", "/en/nominations/", 200),
        ("page", "GET", "/en/nominations/calls/1/", 200),
        ("write", "POST", "/en/nominations/calls/2/nominate/", 302),
        ("page", "GET", "/en/nominations/calls/1/manage/", 200),
        ("page", "GET", "/en/overview/", 200),
        ("page", "GET", "/en/overview/regions/CEE/", 200),
        ("page", "GET", "/en/overview/organizations/wm-1/", 200),
        ("api", "GET", "/api/v1/overview/", 200),
    ]
    assert [s.name for s in built if s.auth] == [
        "my profile (signed in)",
        "enroll in a session (POST)",
        "nominate (POST)",
        "review table (2000 nominations)",
    ]
    assert next(s for s in built if s.name.startswith("review table")).account_ids == (1,)
    assert [(s.kind, s.url, len(s.addresses)) for s in built[:registry]] == [
        ("floor", "/healthz/live", 1),
        (
            "page",
            "/en/roles/",
            22,
        ),  # unfiltered, 6 kinds, 9 regions, vacant, open, 2 organisations, 2 competencies
        ("search", "/en/roles/?q=community", 20),
        ("search", "/en/roles/?q=kearsipan", 20),
        ("page", "/en/roles/?page=481", 20),  # pages 481 to 500
        ("page", "/en/roles/7/", 1),
        ("page", "/en/competencies/budgeting-9/", 1),
        ("page", "/en/organizations/wm-1/matrix/", 1),
        ("api", "/api/v1/roles/", 20),
        ("api", "/api/v1/competencies/", 16),  # 10 words, 2 parents, active, page size, ordering
        ("api", "/api/v1/people/", 17),  # 10 names, 2 competencies, 2 mentors, 2 organisations
        ("page", "/en/me/", 1),
        ("page", "/en/people/?competency=budgeting-9", 2),
        ("search", "/fr/roles/?q=communaut%C3%A9", 20),
        ("search", "/ar/roles/?q=" + quote_plus("المجتمع"), 20),
        ("page", "/en/roles/", 1),  # after a role edit
    ]
    assert built[4].addresses[-1] == "/en/roles/?page=500"
    assert built[registry - 1].prepare is not None
    assert built[registry - 1].finish is not None
    assert {s.name: s.max_bytes for s in built if s.max_bytes} == {
        "directory page 1": 150_000,
        "directory search, common words (en)": 150_000,
        "directory search, rare words": 150_000,
        "directory page 500": 150_000,
        "organisation matrix": 200_000,
        "people, competency filter": 150_000,
        "directory search, common words (fr)": 150_000,
        "directory search, common words (ar)": 150_000,
        "directory page 1 after a role edit": 150_000,
        "training catalogue": 150_000,
        "training calendar": 150_000,
        "open calls": 150_000,
        "review table (2000 nominations)": 150_000,
    }


def test_make_accounts_signs_the_pool_in(seeded, client):
    accounts = scenarios.make_accounts()
    client.cookies["sessionid"] = accounts[0].session_key

    response = client.get("/en/me/")

    assert len(accounts) == 20
    assert response.status_code == 200
    assert response.context["user"].pk == accounts[0].user_id


# --- Statistics ------------------------------------------------------------------------------------------
def test_percentile_interpolates_between_ranks():
    values = [10.0, 20.0, 30.0, 40.0, 50.0]

    assert driver.percentile(values, 0.0) == 10.0
    assert driver.percentile(values, 0.5) == 30.0
    assert driver.percentile(values, 0.95) == pytest.approx(48.0)
    assert driver.percentile(values, 1.0) == 50.0
    assert driver.percentile([7.0], 0.99) == 7.0


def test_percentile_of_nothing_is_an_error():
    with pytest.raises(ValueError, match="no values"):
        driver.percentile([], 0.5)


def test_summarize_counts_rates_and_rounds():
    measurement = driver.Measurement(
        latencies_ms=[float(n) for n in range(1, 101)], errors=2, elapsed_s=4.0, failures_without_response=0
    )

    assert driver.summarize(measurement) == {
        "requests": 100,
        "errors": 2,
        "p50_ms": 50.5,
        "p95_ms": 95.05,
        "p99_ms": 99.01,
        "rps": 25.0,
    }


def test_summarize_without_any_response():
    measurement = driver.Measurement(errors=3, elapsed_s=1.0, failures_without_response=3)

    assert driver.summarize(measurement) == {
        "requests": 3,
        "errors": 3,
        "p50_ms": None,
        "p95_ms": None,
        "p99_ms": None,
        "rps": 3.0,
    }


def _result(name, kind, p95, rps, errors=0, ratio=None):
    return {
        "name": name,
        "kind": kind,
        "p95_ms": p95,
        "rps": rps,
        "errors": errors,
        "requests": 10,
        "ratio_to_floor": ratio,
    }


def test_check_targets_pass_and_fail():
    facts = scenarios.Facts(
        listed_roles=100_000, deep_page=500, role_id=1, competency_slug="c", organization_slug="o"
    )
    results = [
        _result("floor /healthz/live", "floor", 2.0, 1000.0, ratio=1.0),
        _result("directory page 1", "page", 40.0, 100.0, ratio=0.1),
        _result("directory page 500", "page", 70.0, 50.0, ratio=0.05),
        _result("API roles", "api", 30.0, 300.0, ratio=0.3),
    ]

    checks = scenarios.check_targets(results, facts)

    assert [(c.target, c.passed) for c in checks] == [
        ("directory page 1: p95 ≤ 50 ms", True),
        ("directory page 500: p95 ≤ 50 ms", False),
        ("API roles: p95 ≤ 50 ms", True),
        ("directory page 500 within 1.5× of page 1 (p95)", False),
        ("API roles ≥ 0.25 of the floor's throughput", True),
    ]


def test_check_errors_fails_a_scenario_with_any_unexpected_status():
    results = [
        _result("floor /healthz/live", "floor", 2.0, 1000.0),
        _result("API people", "api", 9.0, 90.0, errors=1),
    ]

    assert [c.passed for c in scenarios.check_errors(results)] == [True, False]


def test_check_targets_weigh_list_pages_and_the_matrix_before_compression():
    facts = scenarios.Facts(
        listed_roles=100_000, deep_page=500, role_id=1, competency_slug="c", organization_slug="o"
    )
    results = [
        _result("floor /healthz/live", "floor", 2.0, 1000.0, ratio=1.0),
        {
            **_result("directory page 1", "page", 40.0, 100.0),
            "max_bytes": 150_000,
            "bytes": {"uncompressed": 150_000, "compressed": 20_000, "urls": 22},
        },
        {
            **_result("organisation matrix", "page", 40.0, 100.0),
            "max_bytes": 200_000,
            "bytes": {"uncompressed": 5_800_000, "compressed": 90_000, "urls": 1},
        },
    ]

    checks = {c.target: (c.passed, c.detail) for c in scenarios.check_targets(results, facts)}

    assert checks["directory page 1: ≤ 150 KB before compression"] == (
        True,
        "150.0 KB, 20.0 KB compressed (the largest of 22 addresses)",
    )
    assert checks["organisation matrix: ≤ 200 KB before compression"][0] is False


# --- Runs: load, noise, medians, bytes, provenance ---------------------------------------------------------
def test_a_scenario_is_noisy_when_the_one_minute_load_before_it_is_above_the_threshold():
    assert runs.is_noisy([1.5, 3.0, 3.0]) is False
    assert runs.is_noisy([1.51, 0.1, 0.1]) is True
    assert runs.is_noisy([]) is False  # no load average on this system: nothing to hold against the run


def test_run_noise_names_the_noisy_scenarios_and_ignores_the_load_after():
    results = [
        {"name": "floor", "load_before": [0.2, 0.1, 0.1], "load_after": [2.4, 1.0, 0.5]},
        {"name": "directory page 1", "load_before": [1.9, 1.0, 0.5], "load_after": [2.1, 1.0, 0.5]},
        {"name": "API roles", "load_before": [1.2, 1.0, 0.5], "load_after": [2.0, 1.0, 0.5]},
    ]

    assert runs.run_noise(results) == {
        "noisy": True,
        "noisy_scenarios": ["directory page 1"],
        "threshold": 1.5,
        "peak_load_before": 1.9,
    }
    assert runs.run_noise(results[:1])["noisy"] is False


def test_settle_waits_for_the_load_to_fall_but_no_longer_than_the_timeout():
    loads = iter([[2.4, 1, 1], [1.9, 1, 1], [1.4, 1, 1], [0.5, 1, 1]])
    now = [0.0]

    def sleep(seconds):
        now[0] += seconds

    load, waited = runs.settle(timeout=30, read=lambda: next(loads), sleep=sleep, clock=lambda: now[0])
    assert (load, waited) == ([1.4, 1, 1], 4.0)

    load, waited = runs.settle(timeout=5, read=lambda: [3.0, 1, 1], sleep=sleep, clock=lambda: now[0])
    assert (load[0], waited) == (3.0, 5.0)


def _run_result(name, p95, rps, **extra):
    return {
        "name": name,
        "kind": "page",
        "p50_ms": p95 / 2,
        "p95_ms": p95,
        "p99_ms": p95 * 2,
        "rps": rps,
        "ratio_to_floor": None,
        "requests": 10,
        "errors": 0,
        "statuses": {"200": 10},
        "queries": 5,
        "bytes": {"uncompressed": 1000, "compressed": 300, "urls": 1},
        "load_before": [0.1, 0.1, 0.1],
        "load_after": [1.0, 0.5, 0.2],
        **extra,
    }


def test_median_results_judge_each_scenario_on_the_median_of_the_runs():
    measured = [
        [_run_result("directory page 1", 40.0, 100.0), _run_result("nominate", 30.0, 10.0, writes=30, writes_expected=30)],
        [_run_result("directory page 1", 90.0, 50.0), _run_result("nominate", 20.0, 12.0, writes=29, writes_expected=30)],
        [_run_result("directory page 1", 45.0, 90.0, errors=1, statuses={"200": 9, "500": 1}), _run_result("nominate", 25.0, 11.0, writes=30, writes_expected=30)],
    ]  # fmt: skip

    first, nominate = runs.median_results(measured)

    assert (first["p95_ms"], first["p50_ms"], first["rps"]) == (45.0, 22.5, 90.0)  # not the mean (58.3)
    assert first["p95_runs"] == [40.0, 90.0, 45.0]
    assert (first["runs"], first["requests"], first["errors"]) == (3, 30, 1)
    assert first["statuses"] == {"200": 29, "500": 1}
    assert (first["queries"], first["bytes"]) == (5, {"uncompressed": 1000, "compressed": 300, "urls": 1})
    assert not {"load_before", "load_after", "noisy"} & set(first)  # per run only
    assert (nominate["writes"], nominate["writes_expected"]) == (89, 90)
    assert [c.passed for c in scenarios.check_errors([first, nominate])] == [False, True, False]


def test_median_of_one_run_is_that_run():
    (only,) = runs.median_results([[_run_result("role page", 12.5, 80.0)]])

    assert (only["p95_ms"], only["rps"], only["p95_runs"]) == (12.5, 80.0, [12.5])


def test_body_sizes_before_and_after_compression():
    html = b"<tr><td>Treasurer</td></tr>" * 1000
    packed = gzip.compress(html)

    assert runs.body_sizes(packed, "gzip") == {"uncompressed": len(html), "compressed": len(packed)}
    assert runs.body_sizes(html, "") == {"uncompressed": len(html), "compressed": len(html)}
    assert runs.largest([{"uncompressed": 10, "compressed": 5}, {"uncompressed": 30, "compressed": 9}]) == {
        "uncompressed": 30,
        "compressed": 9,
        "urls": 2,
    }
    assert runs.largest([]) is None


def test_git_commit_names_the_checked_out_commit():
    commit = runs.git_commit(Path(__file__).resolve().parent.parent)

    assert len(commit["sha"]) == 40
    assert isinstance(commit["dirty"], bool)


def test_command_line_names_the_steering_variables_without_a_password(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["/x/manage.py", "bench", "--runs", "3", "--scale", "1"])
    monkeypatch.setenv("BENCH_DATABASE_URL", "postgres://bench:s3cret@db:5432/leadership_bench")
    monkeypatch.setenv("SCALE", "1")
    for name in ("RUNS", "BENCH_REQUESTS", "BENCH_WARMUP", "BENCH_SETTLE"):
        monkeypatch.delenv(name, raising=False)

    assert bench_command._command_line() == (
        "SCALE=1 BENCH_DATABASE_URL='postgres://bench:***@db:5432/leadership_bench' "
        "manage.py bench --runs 3 --scale 1"
    )


def test_driver_runs_prepare_before_each_request_and_asks_for_gzip():
    served = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            served.append((self.path, self.headers["Accept-Encoding"]))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    prepared = []
    scenario = scenarios.Scenario(
        "cycling", "/a", scenarios.PAGE, urls=("/a", "/b", "/c"), prepare=prepared.append
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        measurement = driver.drive(
            host="127.0.0.1",
            port=server.server_address[1],
            scenario=scenario,
            requests=6,
            concurrency=1,
            start=1,
        )
    finally:
        server.shutdown()
        server.server_close()

    assert measurement.errors == 0
    assert prepared == [1, 2, 3, 4, 5, 6]
    assert served == [(path, "gzip") for path in ["/b", "/c", "/a", "/b", "/c", "/a"]]


def test_probe_counts_the_first_requests_queries_and_weighs_every_address(seeded):
    facts = scenarios.gather_facts()
    accounts = scenarios.make_accounts()
    by_name = {s.name: s for s in scenarios.build(facts)}
    command = bench_command.Command()
    title = Role.objects.get(pk=facts.first_role_id).title_en

    directory = command.probe(by_name["directory page 1"], accounts)
    plain = command.probe(scenarios.Scenario("page 1", "/en/roles/", scenarios.PAGE), accounts)
    edited = command.probe(by_name["directory page 1 after a role edit"], accounts)
    nominate = command.probe(by_name["nominate (POST)"], accounts)

    assert directory["status"] == 200
    assert directory["queries"] > 0  # read before the next address's request clears the query log
    assert directory["bytes"]["urls"] == len(by_name["directory page 1"].addresses) >= 20
    assert directory["bytes"]["compressed"] < directory["bytes"]["uncompressed"]
    assert edited["queries"] == plain["queries"]  # the edit before the request is not counted
    assert Role.objects.get(pk=facts.first_role_id).title_en == title  # and was undone
    assert (nominate["status"], nominate["bytes"]["urls"]) == (302, 1)
