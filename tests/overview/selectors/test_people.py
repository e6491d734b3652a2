"""The overview's lists of named people, checked on small hand-built data sets with exact values."""

import datetime

import pytest
from django.utils import timezone

from leadership.overview.models import NominationInvite
from leadership.overview.selectors.people import (
    emerging_leaders,
    my_development,
    peer_competencies,
    peer_matches,
    person_engagement,
    role_candidates,
)
from nominations.enums import NominationState
from roles.enums import Capacity, CompetencySource, Importance
from tests.factories import MembershipFactory, PersonFactory, region
from tests.factories.nominations import (
    EndorsementFactory,
    NominationCallFactory,
    NominationFactory,
    ObservedCompetencyFactory,
)
from tests.factories.registry import (
    CompetencyFactory,
    PersonCompetencyFactory,
    RoleFactory,
    RoleHolderFactory,
    RoleRequirementFactory,
)
from tests.factories.roles import language
from tests.factories.training import (
    CourseCompetencyFactory,
    EnrollmentFactory,
    TrainingSessionFactory,
)
from training.enums import EnrollmentState

pytestmark = pytest.mark.django_db

ORGANIZER = CompetencySource.ORGANIZER
TRAINING = CompetencySource.TRAINING
SELF = CompetencySource.SELF_ASSESSED


def _level(person, competency, level, source=ORGANIZER):
    return PersonCompetencyFactory(person=person, competency=competency, level=level, source=source)


@pytest.fixture
def skills():
    return {
        "finance": CompetencyFactory(name="Finance", name_en="Finance", slug="finance"),
        "governance": CompetencyFactory(name="Governance", name_en="Governance", slug="governance"),
        "writing": CompetencyFactory(name="Writing", name_en="Writing", slug="writing"),
    }


@pytest.fixture
def treasurer(org_a, skills):
    role = RoleFactory(organization=org_a, title="Treasurer", title_en="Treasurer")
    RoleRequirementFactory(
        role=role, competency=skills["finance"], min_level=3, importance=Importance.ESSENTIAL
    )
    RoleRequirementFactory(
        role=role, competency=skills["governance"], min_level=2, importance=Importance.ESSENTIAL
    )
    RoleRequirementFactory(
        role=role, competency=skills["writing"], min_level=2, importance=Importance.DESIRABLE
    )
    return role


def _nominee(call, name, state=NominationState.ACCEPTED, person=None, **kwargs):
    return NominationFactory(call=call, nominee_name=name, state=state, person=person, **kwargs)


# --- Candidates -------------------------------------------------------------------------------------------------


@pytest.fixture
def candidates_world(org_a, org_b, treasurer, skills):
    finance, governance, writing = skills["finance"], skills["governance"], skills["writing"]
    people = {}
    people["amara"] = PersonFactory(display_name="Amara")
    _level(people["amara"], finance, 3)
    _level(people["amara"], governance, 2, TRAINING)
    _level(people["amara"], writing, 1)
    people["bruno"] = PersonFactory(display_name="Bruno")
    _level(people["bruno"], finance, 3)
    _level(people["bruno"], governance, 2)
    _level(people["bruno"], writing, 2)
    people["chen"] = PersonFactory(display_name="Chen")
    _level(people["chen"], finance, 2)
    _level(people["chen"], governance, 4, SELF)  # self-assessed: shown, not counted
    people["dana"] = PersonFactory(display_name="dana", is_public=False)  # a member: listed to organizers
    MembershipFactory(person=people["dana"], organization=org_a)
    _level(people["dana"], finance, 1)
    people["eve"] = PersonFactory(display_name="Eve", is_public=False)  # not public, not of org_a
    _level(people["eve"], finance, 4)
    people["finn"] = PersonFactory(display_name="Finn")  # holds the role today
    for competency in (finance, governance, writing):
        _level(people["finn"], competency, 4)
    RoleHolderFactory(role=treasurer, person=people["finn"], start=datetime.date(2024, 1, 1))
    people["gita"] = PersonFactory(display_name="Gita")
    _level(people["gita"], finance, 3)
    _level(people["gita"], governance, 1)
    NominationInvite.objects.create(role=treasurer, person=people["gita"])
    people["omar"] = PersonFactory(display_name="Omar")  # only a nominator's observation: not listed
    PersonCompetencyFactory(
        person=people["omar"], competency=finance, level=4, source=CompetencySource.NOMINATOR
    )

    call = NominationCallFactory(organization=org_a)
    hana = _nominee(call, "Hana")
    ObservedCompetencyFactory(nomination=hana, competency=finance, level=3)
    ObservedCompetencyFactory(nomination=hana, competency=governance, level=2)
    merged = _nominee(call, "Amara A.", state=NominationState.IN_REVIEW, person=people["amara"])
    ObservedCompetencyFactory(nomination=merged, competency=writing, level=4)  # the person's levels count
    _nominee(call, "Erased", erased_at=timezone.now())
    _nominee(call, "Not yet", state=NominationState.INVITED)
    _nominee(call, "Holder", person=people["finn"])
    _nominee(NominationCallFactory(organization=org_b), "Elsewhere")
    movement_call = NominationCallFactory(organization=None, roles=[treasurer])
    ivo = _nominee(movement_call, "Ivo", state=NominationState.SHORTLISTED)
    ObservedCompetencyFactory(nomination=ivo, competency=finance, level=1)  # ties with dana: by name
    return {"people": people, "hana": hana, "merged": merged}


def test_role_candidates_ranked_by_essential_unmet_then_distance_then_name(treasurer, candidates_world):
    candidates = role_candidates(role=treasurer)

    assert [(c.kind, c.name, c.essential_unmet, c.level_distance) for c in candidates] == [
        ("person", "Bruno", 0, 0),
        ("person", "Amara", 0, 1),
        ("nominee", "Hana", 0, 2),
        ("person", "Gita", 1, 3),
        ("person", "Chen", 2, 5),
        ("person", "dana", 2, 6),
        ("nominee", "Ivo", 2, 6),
    ]


def test_role_candidates_merge_a_linked_nominee_and_show_invitations(treasurer, candidates_world):
    people = candidates_world["people"]
    by_name = {candidate.name: candidate for candidate in role_candidates(role=treasurer)}

    assert by_name["Amara"].person == people["amara"]
    assert by_name["Amara"].nomination == candidates_world["merged"]
    assert "Amara A." not in by_name
    assert by_name["Hana"].person is None
    assert by_name["Hana"].nomination == candidates_world["hana"]
    assert by_name["Gita"].invited_on == timezone.localdate()
    assert by_name["Bruno"].invited_on is None


def test_role_candidates_exclude_holders_private_outsiders_and_unconsented(treasurer, candidates_world):
    names = {candidate.name for candidate in role_candidates(role=treasurer)}

    assert names.isdisjoint({"Eve", "Finn", "Holder", "Erased", "Not yet", "Elsewhere", "Omar"})


def test_role_candidates_gap_counts_verified_levels_and_shows_self_assessment(
    treasurer, candidates_world, skills
):
    chen = next(c for c in role_candidates(role=treasurer) if c.name == "Chen")

    assert [
        (
            row["competency"],
            row["min_level"],
            row["importance"],
            row["level"],
            row["self_level"],
            row["missing"],
        )
        for row in chen.gap
    ] == [
        (skills["finance"], 3, Importance.ESSENTIAL, 2, None, 1),
        (skills["governance"], 2, Importance.ESSENTIAL, 0, 4, 2),
        (skills["writing"], 2, Importance.DESIRABLE, 0, None, 2),
    ]


def test_role_candidates_limit(treasurer, candidates_world):
    assert [candidate.name for candidate in role_candidates(role=treasurer, limit=2)] == ["Bruno", "Amara"]


def test_role_candidates_a_private_nominee_person_stays_a_nominee(org_a, treasurer, skills):
    private = PersonFactory(display_name="Private", is_public=False)
    nomination = _nominee(NominationCallFactory(organization=org_a), "Pia", person=private)

    [candidate] = role_candidates(role=treasurer)

    assert (candidate.kind, candidate.name, candidate.person, candidate.nomination) == (
        "nominee",
        "Pia",
        private,
        nomination,
    )


def test_role_candidates_of_a_role_without_requirements_lists_nominees_only(org_a, org_b):
    role = RoleFactory(organization=org_a)
    PersonFactory(display_name="Anyone")
    _nominee(NominationCallFactory(organization=org_a), "Nia")

    assert [(c.name, c.essential_unmet, c.level_distance) for c in role_candidates(role=role)] == [
        ("Nia", 0, 0)
    ]
    assert role_candidates(role=RoleFactory(organization=org_b)) == []


@pytest.mark.parametrize("count", [1, 3])
def test_role_candidates_query_count_is_constant(django_assert_num_queries, org_a, treasurer, skills, count):
    call = NominationCallFactory(organization=org_a)
    for number in range(count):
        person = PersonFactory(display_name=f"Person {number}")
        _level(person, skills["finance"], 3)
        NominationInvite.objects.create(role=treasurer, person=person)
        _nominee(call, f"Nominee {number}")

    with django_assert_num_queries(5):
        candidates = role_candidates(role=treasurer)
        assert len(candidates) == 2 * count
        assert [row["level"] for row in candidates[0].gap] == [3, 0, 0]


# --- Peer learning -------------------------------------------------------------------------------------------


@pytest.fixture
def peers(skills):
    fr, en = language("fr"), language("en")
    cee, nwe = region("CEE"), region("NWE")

    def person(name, lang, where, public=True):
        someone = PersonFactory(display_name=name, region=where, is_public=public)
        someone.languages.set([lang])
        return someone

    viewer = person("Viewer", fr, cee, public=False)
    people = {
        "viewer": viewer,
        "zed": person("Zed", fr, nwe),
        "yan": person("Yan", en, cee),
        "xia": person("Xia", en, nwe),
        "abe": person("Abe", fr, cee),
        "hidden": person("Hidden", fr, cee, public=False),
    }
    finance = skills["finance"]
    for key in ("viewer", "zed", "yan", "xia", "abe", "hidden"):
        people[key].wants_to_develop.add(finance)
    for key in ("xia", "abe", "hidden"):
        people[key].can_mentor.add(finance)
    people["yan"].wants_to_develop.add(skills["writing"])
    people["zed"].can_mentor.add(skills["writing"], skills["governance"])
    _level(people["abe"], finance, 4, TRAINING)
    return people


def test_peer_matches_same_language_then_region_then_name(peers, skills):
    matches = peer_matches(competency=skills["finance"], viewer_person=peers["viewer"])

    assert [person.display_name for person in matches.learners] == ["Abe", "Viewer", "Zed", "Yan", "Xia"]
    assert [(p.display_name, p.same_language, p.same_region, p.verified_level) for p in matches.mentors] == [
        ("Abe", True, True, 4),
        ("Xia", False, False, 0),
    ]


def test_peer_matches_without_a_viewer_person_by_name_public_only(peers, skills):
    learners, mentors = peer_matches(competency=skills["finance"], viewer_person=None)

    assert [person.display_name for person in learners] == ["Abe", "Xia", "Yan", "Zed"]
    assert [person.display_name for person in mentors] == ["Abe", "Xia"]


def test_peer_competencies_count_public_people_most_wanted_first(peers, skills):
    rows = [(c.slug, c.wanting, c.mentoring) for c in peer_competencies()]

    assert rows == [("finance", 4, 2), ("writing", 1, 1), ("governance", 0, 1)]
    assert [c.slug for c in peer_competencies(limit=1)] == ["finance"]


@pytest.mark.parametrize("count", [1, 3])
def test_peer_matches_query_count_is_constant(django_assert_num_queries, skills, count):
    finance = skills["finance"]
    viewer = PersonFactory(display_name="Viewer")
    for number in range(count):
        someone = PersonFactory(display_name=f"Peer {number}")
        someone.languages.set([language("en")])
        someone.wants_to_develop.add(finance)
        someone.can_mentor.add(finance)

    with django_assert_num_queries(4):
        matches = peer_matches(competency=finance, viewer_person=viewer)
        assert (len(matches.learners), len(matches.mentors)) == (count, count)
        assert [lang.code for lang in matches.learners[0].languages.all()] == ["en"]


@pytest.mark.parametrize("count", [1, 3])
def test_peer_competencies_query_count_is_constant(django_assert_num_queries, count):
    for number in range(count):
        PersonFactory().wants_to_develop.add(CompetencyFactory(slug=f"wanted-{number}"))

    with django_assert_num_queries(1):
        rows = [(c.wanting, c.mentoring, c.category.name) for c in peer_competencies()]
        assert len(rows) == count


# --- Engagement and emerging leaders ---------------------------------------------------------------------------


def _past_term(person, organization, ended):
    role = RoleFactory(organization=organization)
    return RoleHolderFactory(role=role, person=person, start=ended - datetime.timedelta(days=365), end=ended)


@pytest.fixture
def emerging_world(org_a, org_b, skills):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    finance, governance = skills["finance"], skills["governance"]
    chair = RoleFactory(organization=org_a, title="Chair", title_en="Chair", open_for_nominations=True)
    RoleRequirementFactory(role=chair, competency=finance, min_level=3, importance=Importance.ESSENTIAL)
    secretary = RoleFactory(
        organization=org_a, title="Secretary", title_en="Secretary", open_for_nominations=True
    )
    RoleRequirementFactory(role=secretary, competency=finance, min_level=2, importance=Importance.ESSENTIAL)
    RoleRequirementFactory(
        role=secretary, competency=governance, min_level=2, importance=Importance.ESSENTIAL
    )
    people = {}

    people["mila"] = PersonFactory(display_name="Mila", is_public=False)  # member: 2 * 2 + 1 = 5
    MembershipFactory(person=people["mila"], organization=org_a)
    for _number in range(2):
        EnrollmentFactory(person=people["mila"], state=EnrollmentState.COMPLETED)
    EnrollmentFactory(person=people["mila"], state=EnrollmentState.ATTENDED)
    people["mila"].can_mentor.add(finance)
    _level(people["mila"], finance, 2)

    people["paul"] = PersonFactory(display_name="Paul")  # past holder: 2 + 3 + 2 * 2 = 9
    _past_term(people["paul"], org_a, yesterday)
    _past_term(people["paul"], org_b, yesterday)
    accepted = _nominee(NominationCallFactory(organization=org_b), "Paul", person=people["paul"])
    EndorsementFactory(nomination=accepted)
    EndorsementFactory(nomination=accepted)
    _nominee(
        NominationCallFactory(organization=org_b),
        "Paul declined",
        state=NominationState.DECLINED,
        person=people["paul"],
    )
    _level(people["paul"], finance, 2)
    _level(people["paul"], governance, 2, TRAINING)
    NominationInvite.objects.create(role=secretary, person=people["paul"])

    people["holder"] = PersonFactory(display_name="Holder")  # holds a role of org_a today
    MembershipFactory(person=people["holder"], organization=org_a)
    people["holder"].can_mentor.add(finance, governance)
    RoleHolderFactory(role=chair, person=people["holder"], start=today - datetime.timedelta(days=10))

    people["idle"] = PersonFactory(display_name="Idle")  # a member with nothing: score 0
    MembershipFactory(person=people["idle"], organization=org_a)

    session = TrainingSessionFactory(organization=org_a, course__organization=org_a)
    people["lea"] = PersonFactory(display_name="Lea")  # a public learner: 2 mentoring
    EnrollmentFactory(person=people["lea"], session=session)
    people["lea"].can_mentor.add(finance, governance)

    people["quiet"] = PersonFactory(display_name="Quiet", is_public=False)  # a private learner only
    EnrollmentFactory(person=people["quiet"], session=session)
    people["quiet"].can_mentor.add(finance, governance, skills["writing"])

    people["outsider"] = PersonFactory(display_name="Outsider")  # of org_b only
    MembershipFactory(person=people["outsider"], organization=org_b)
    people["outsider"].can_mentor.add(finance)

    people["nora"] = PersonFactory(display_name="Nora", is_public=False)  # a consenting nominee of org_a: 3
    _nominee(NominationCallFactory(organization=org_a), "Nora", person=people["nora"])
    erased = PersonFactory(display_name="Erased")
    _nominee(NominationCallFactory(organization=org_a), "", person=erased, erased_at=timezone.now())
    return {"people": people, "chair": chair, "secretary": secretary}


def test_emerging_leaders_scored_by_component_highest_first(org_a, emerging_world):
    rows = [
        (
            e.person.display_name,
            e.trainings_completed,
            e.mentoring,
            e.endorsements,
            e.nominations_accepted,
            e.past_terms,
            e.score,
        )
        for e in emerging_leaders(organization=org_a)
    ]

    assert rows == [
        ("Paul", 0, 0, 2, 1, 2, 9),
        ("Mila", 2, 1, 0, 0, 0, 5),
        ("Nora", 0, 0, 0, 1, 0, 3),
        ("Lea", 0, 2, 0, 0, 0, 2),
    ]


def test_emerging_leaders_best_open_role_and_fit(org_a, emerging_world, skills):
    by_name = {e.person.display_name: e for e in emerging_leaders(organization=org_a)}

    paul, mila = by_name["Paul"], by_name["Mila"]
    assert (paul.best_role, paul.essential_unmet, paul.level_distance) == (emerging_world["secretary"], 0, 0)
    assert paul.invited_on == timezone.localdate()
    assert (mila.best_role, mila.essential_unmet, mila.level_distance) == (emerging_world["chair"], 1, 1)
    assert mila.invited_on is None
    assert [(row["competency"], row["level"], row["missing"]) for row in mila.fit] == [
        (skills["finance"], 2, 1)
    ]
    assert by_name["Lea"].engagement.score == 2


def test_emerging_leaders_limit(org_a, emerging_world):
    assert [e.person.display_name for e in emerging_leaders(organization=org_a, limit=2)] == ["Paul", "Mila"]


def test_emerging_leaders_without_open_roles_have_no_fit(org_b, emerging_world):
    [paul, outsider] = emerging_leaders(organization=org_b)

    assert (paul.person.display_name, paul.score, paul.best_role, paul.fit) == ("Paul", 9, None, [])
    assert (outsider.person.display_name, outsider.score) == ("Outsider", 1)


@pytest.mark.parametrize("count", [1, 3])
def test_emerging_leaders_query_count_is_constant(django_assert_num_queries, org_a, skills, count):
    role = RoleFactory(organization=org_a, open_for_nominations=True)
    RoleRequirementFactory(role=role, competency=skills["finance"], min_level=2)
    for number in range(count):
        member = PersonFactory(display_name=f"Member {number}")
        MembershipFactory(person=member, organization=org_a)
        member.can_mentor.add(skills["finance"])
        _level(member, skills["finance"], 2)

    with django_assert_num_queries(5):
        emerging = emerging_leaders(organization=org_a)
        assert [(e.score, e.best_role, e.essential_unmet) for e in emerging] == [(1, role, 0)] * count


def test_person_engagement_counts_each_component(emerging_world):
    engagement = person_engagement(person=emerging_world["people"]["paul"])

    assert (
        engagement.trainings_completed,
        engagement.mentoring,
        engagement.endorsements,
        engagement.nominations_accepted,
        engagement.past_terms,
        engagement.score,
    ) == (0, 0, 2, 1, 2, 9)


# --- My development ------------------------------------------------------------------------------------------


@pytest.fixture
def learner(org_a, skills):
    me = PersonFactory(display_name="Me", region=region("CEE"))
    me.languages.set([language("fr")])
    MembershipFactory(person=me, organization=org_a, capacity=Capacity.MEMBER)
    return me


def test_my_development_suggests_mentors_roles_and_sessions(org_a, learner, skills):
    finance, governance, writing = skills["finance"], skills["governance"], skills["writing"]
    learner.wants_to_develop.add(finance, writing)
    mentors = []
    for name, lang, where in [
        ("Ana", "en", "NWE"),
        ("Bea", "fr", "NWE"),
        ("Cyd", "en", "CEE"),
        ("Dov", "fr", "CEE"),
    ]:
        mentor = PersonFactory(display_name=name, region=region(where))
        mentor.languages.set([language(lang)])
        mentor.can_mentor.add(finance)
        mentors.append(mentor)
    PersonFactory(display_name="Private mentor", is_public=False).can_mentor.add(finance)
    learner.can_mentor.add(finance)  # never their own mentor
    _level(learner, finance, 3)
    easy = RoleFactory(organization=org_a, title="Easy", title_en="Easy")
    RoleRequirementFactory(role=easy, competency=finance, min_level=2)
    hard = RoleFactory(organization=org_a, title="Hard", title_en="Hard")
    RoleRequirementFactory(role=hard, competency=governance, min_level=3)
    RoleRequirementFactory(role=hard, competency=finance, min_level=4)
    session = TrainingSessionFactory()
    CourseCompetencyFactory(course=session.course, competency=governance)

    development = my_development(person=learner)

    assert [(e["competency"], [m.display_name for m in e["mentors"]]) for e in development["wanted"]] == [
        (finance, ["Dov", "Bea", "Cyd"]),
        (writing, []),
    ]
    assert [(e["role"], e["essential_unmet"], e["level_distance"]) for e in development["roles"]] == [
        (easy, 0, 0),
        (hard, 2, 4),
    ]
    assert [
        (row["competency"], row["missing"], row["sessions"]) for row in development["roles"][1]["gap"]
    ] == [
        (finance, 1, []),
        (governance, 3, [session]),
    ]
    assert development["engagement"].score == 1


@pytest.mark.parametrize("count", [1, 3])
def test_my_development_query_count_is_constant(django_assert_num_queries, org_a, learner, skills, count):
    for number in range(count):
        wanted = CompetencyFactory(slug=f"wanted-{number}")
        learner.wants_to_develop.add(wanted)
        mentor = PersonFactory()
        mentor.can_mentor.add(wanted)
        role = RoleFactory(organization=org_a)
        RoleRequirementFactory(role=role, competency=wanted, min_level=2)
        session = TrainingSessionFactory()
        CourseCompetencyFactory(course=session.course, competency=wanted)

    with django_assert_num_queries(7):  # 6 of ours + 1 of sessions_developing
        development = my_development(person=learner)
        assert [len(entry["mentors"]) for entry in development["wanted"]] == [1] * count
        assert len(development["roles"]) == count
