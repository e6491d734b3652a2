"""The registry's services: roles and their requirements, templates, holders' terms, people's competencies."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from roles import services
from roles.enums import CompetencySource, Importance, RoleKind
from roles.models import PersonCompetency, Role, RoleHolder, RoleRequirement
from tests.factories import PersonFactory
from tests.factories.registry import (
    CompetencyFactory,
    PersonCompetencyFactory,
    RoleFactory,
    RoleTemplateFactory,
    TemplateRequirementFactory,
)

pytestmark = pytest.mark.django_db

Req = services.RequirementInput
JAN_2025 = datetime.date(2025, 1, 1)


def requirements_of(role):
    return sorted(
        RoleRequirement.objects.filter(role=role).values_list("competency__slug", "min_level", "importance")
    )


@pytest.fixture
def skills():
    return {
        slug: CompetencyFactory(slug=slug, name=slug.title(), name_en=slug.title())
        for slug in ("a", "b", "c")
    }


# --- Roles and requirements ---------------------------------------------------------------------------


def test_role_create_saves_texts_requirements_and_search_text(org_a, skills):
    role = services.role_create(
        organization=org_a,
        data={
            "title_en": "Treasurer",
            "title_fr": "Trésorière",
            "description_en": "Keeps the BOOKS.",
            "seats": 2,
        },
        requirements=[Req(skills["a"], 3), Req(skills["b"], 1, Importance.DESIRABLE)],
    )

    assert requirements_of(role) == [("a", 3, "essential"), ("b", 1, "desirable")]
    assert role.search_text == "treasurer keeps the books.\ntresoriere"
    assert (role.seats, role.filled_seats, role.vacant_seats) == (2, 0, 2)


def test_role_create_without_a_title_in_any_language_is_refused(org_a):
    with pytest.raises(ValidationError) as error:
        services.role_create(organization=org_a, data={"description_en": "No title"})

    assert error.value.message_dict == {"title": ["Give the role a title in at least one language."]}
    assert Role.objects.count() == 0


def test_role_update_replaces_the_requirements_in_one_go(org_a, skills):
    role = services.role_create(
        organization=org_a,
        data={"title_en": "Chair"},
        requirements=[Req(skills["a"], 2), Req(skills["b"], 2)],
    )

    services.role_update(
        role=role,
        data={"title_en": "Chair"},
        requirements=[Req(skills["a"], 4, Importance.DESIRABLE), Req(skills["c"], 1)],
    )

    assert requirements_of(role) == [("a", 4, "desirable"), ("c", 1, "essential")]


def test_role_update_with_a_duplicate_competency_changes_nothing(org_a, skills):
    role = services.role_create(
        organization=org_a, data={"title_en": "Chair"}, requirements=[Req(skills["a"], 2)]
    )

    with pytest.raises(ValidationError) as error:
        services.role_update(
            role=role, data={"title_en": "Chair"}, requirements=[Req(skills["b"], 1), Req(skills["b"], 3)]
        )

    assert error.value.messages == ["B is listed twice: a competency can be required only once per role."]
    assert requirements_of(role) == [("a", 2, "essential")]


@pytest.mark.parametrize(
    ("requirement", "message"),
    [
        (("a", 5, Importance.ESSENTIAL), "Choose a minimum level between 1 and 4."),
        (("a", 2, "crucial"), "Choose whether the requirement is essential or desirable."),
    ],
)
def test_role_update_with_a_bad_requirement_is_refused(org_a, skills, requirement, message):
    role = services.role_create(organization=org_a, data={"title_en": "Chair"})
    slug, level, importance = requirement

    with pytest.raises(ValidationError) as error:
        services.role_update(role=role, data={}, requirements=[Req(skills[slug], level, importance)])

    assert error.value.messages == [message]
    assert requirements_of(role) == []


def test_role_update_cannot_drop_seats_below_those_filled(org_a):
    role = services.role_create(organization=org_a, data={"title_en": "Board member", "seats": 2})
    services.holder_add(role=role, person=PersonFactory(), start=JAN_2025)
    services.holder_add(role=role, person=PersonFactory(), start=JAN_2025)

    with pytest.raises(ValidationError) as error:
        services.role_update(role=role, data={"seats": 1})

    assert error.value.message_dict == {
        "seats": ["2 seats are filled today: end some terms before reducing the seats."]
    }


def test_role_adapt_template_copies_texts_shape_and_requirements(org_a, skills):
    template = RoleTemplateFactory(
        title="Board treasurer", title_en="Board treasurer", kind=RoleKind.BOARD, seats=1, term_limit=2
    )
    template.title_fr = "Trésorier du conseil"
    template.save()
    TemplateRequirementFactory(template=template, competency=skills["a"], min_level=3)
    TemplateRequirementFactory(template=template, competency=skills["b"], importance=Importance.DESIRABLE)

    role = services.role_adapt_template(organization=org_a, template=template, overrides={"seats": 3})

    assert (role.template, role.title_en, role.title_fr, role.kind, role.seats, role.term_limit) == (
        template,
        "Board treasurer",
        "Trésorier du conseil",
        "board",
        3,
        2,
    )
    assert requirements_of(role) == [("a", 3, "essential"), ("b", 2, "desirable")]


def test_role_template_differences_after_adapting(org_a, skills):
    template = RoleTemplateFactory(title="Secretary", title_en="Secretary")
    TemplateRequirementFactory(template=template, competency=skills["a"], min_level=2)
    TemplateRequirementFactory(template=template, competency=skills["b"], min_level=2)
    role = services.role_adapt_template(organization=org_a, template=template)

    services.role_update(
        role=role, data={"seats": 2}, requirements=[Req(skills["a"], 3), Req(skills["c"], 1)]
    )
    role = Role.objects.get(pk=role.pk)
    differences = services.role_template_differences(role)

    assert differences["fields"] == ["seats"]
    assert [r.competency.slug for r in differences["added"]] == ["c"]
    assert [r.competency.slug for r in differences["removed"]] == ["b"]
    assert [(theirs.min_level, ours.min_level) for theirs, ours in differences["changed"]] == [(2, 3)]


# --- Holders ----------------------------------------------------------------------------------------------


def test_holder_add_takes_the_first_free_seat_and_counts_filled_seats(org_a):
    role = RoleFactory(organization=org_a, seats=2)
    ada, bo = PersonFactory(), PersonFactory()

    first = services.holder_add(role=role, person=ada, start=JAN_2025)
    second = services.holder_add(role=role, person=bo, start=JAN_2025)

    role.refresh_from_db()
    assert (first.seat, second.seat) == (1, 2)
    assert (first.term_number, second.term_number) == (1, 1)
    assert (role.filled_seats, role.vacant_seats) == (2, 0)


def test_holder_add_when_every_seat_is_taken_is_refused(org_a):
    role = RoleFactory(organization=org_a, seats=1)
    services.holder_add(role=role, person=PersonFactory(), start=JAN_2025)

    with pytest.raises(ValidationError) as error:
        services.holder_add(role=role, person=PersonFactory(), start=datetime.date(2025, 6, 1))

    assert error.value.message_dict == {"seat": ["Every seat of this role is taken on that date."]}


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime.date(2025, 6, 1), None),  # starts inside a running term
        (datetime.date(2024, 1, 1), datetime.date(2025, 2, 1)),  # ends inside it
        (datetime.date(2024, 1, 1), None),  # open-ended, from before
    ],
)
def test_holder_add_overlapping_terms_on_a_seat_are_refused(org_a, start, end):
    role = RoleFactory(organization=org_a, seats=1)
    services.holder_add(role=role, person=PersonFactory(), start=JAN_2025, seat=1)

    with pytest.raises(ValidationError) as error:
        services.holder_add(role=role, person=PersonFactory(), start=start, end=end, seat=1)

    assert error.value.message_dict == {
        "start": ["Another term on this seat overlaps these dates: end it first or choose another seat."]
    }
    assert RoleHolder.objects.filter(role=role).count() == 1


def test_holder_add_back_to_back_terms_are_allowed(org_a):
    role = RoleFactory(organization=org_a, seats=1)
    person = PersonFactory()
    services.holder_add(role=role, person=person, start=datetime.date(2023, 1, 1), end=JAN_2025, seat=1)

    second = services.holder_add(role=role, person=person, start=JAN_2025, seat=1)

    assert second.term_number == 2
    assert services.holder_terms_served(role=role, person=person) == 2


def test_holder_add_on_a_seat_the_role_does_not_have_is_refused(org_a):
    role = RoleFactory(organization=org_a, seats=2)

    with pytest.raises(ValidationError) as error:
        services.holder_add(role=role, person=PersonFactory(), start=JAN_2025, seat=3)

    assert error.value.message_dict == {"seat": ["Choose a seat between 1 and 2."]}


def test_holder_update_into_an_overlap_is_refused(org_a):
    role = RoleFactory(organization=org_a, seats=2)
    services.holder_add(role=role, person=PersonFactory(), start=JAN_2025, seat=1)
    other = services.holder_add(role=role, person=PersonFactory(), start=JAN_2025, seat=2)

    with pytest.raises(ValidationError):
        services.holder_update(holder=other, seat=1, start=JAN_2025, end=None, term_number=1)

    other.refresh_from_db()
    assert other.seat == 2


def test_holder_end_and_delete_free_the_seat(org_a):
    role = RoleFactory(organization=org_a, seats=2)
    ending = services.holder_add(role=role, person=PersonFactory(), start=JAN_2025)
    leaving = services.holder_add(role=role, person=PersonFactory(), start=JAN_2025)

    services.holder_end(holder=ending)
    role.refresh_from_db()
    after_end = role.filled_seats
    services.holder_delete(holder=leaving)
    role.refresh_from_db()

    ending.refresh_from_db()
    assert ending.end == timezone.localdate()
    assert (after_end, role.filled_seats) == (1, 0)


def test_holder_future_term_does_not_fill_a_seat_today(org_a):
    role = RoleFactory(organization=org_a, seats=1)

    services.holder_add(
        role=role, person=PersonFactory(), start=timezone.localdate() + datetime.timedelta(days=30)
    )

    role.refresh_from_db()
    assert role.filled_seats == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL")
def test_holder_overlap_is_refused_by_the_database_on_postgresql(org_a):
    role = RoleFactory(organization=org_a, seats=1)
    RoleHolder.objects.create(role=role, person=PersonFactory(), seat=1, start=JAN_2025)

    with pytest.raises(IntegrityError), transaction.atomic():
        RoleHolder.objects.create(role=role, person=PersonFactory(), seat=1, start=datetime.date(2025, 3, 1))

    assert RoleHolder.objects.filter(role=role).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL")
def test_holder_back_to_back_terms_pass_the_database_constraint_on_postgresql(org_a):
    role = RoleFactory(organization=org_a, seats=1)
    RoleHolder.objects.create(
        role=role, person=PersonFactory(), seat=1, start=datetime.date(2023, 1, 1), end=JAN_2025
    )

    with transaction.atomic():
        RoleHolder.objects.create(role=role, person=PersonFactory(), seat=1, start=JAN_2025)

    assert RoleHolder.objects.filter(role=role).count() == 2


# --- People's competencies ---------------------------------------------------------------------------


def test_self_assessment_never_overwrites_a_verified_level(skills):
    person = PersonFactory()
    PersonCompetencyFactory(person=person, competency=skills["a"], level=2, source=CompetencySource.ORGANIZER)

    services.person_competency_self_assess(
        person=person, competency=skills["a"], level=4, evidence="I chair."
    )
    services.person_competency_self_assess(
        person=person, competency=skills["a"], level=3, evidence="Humbler."
    )

    assert sorted(
        PersonCompetency.objects.filter(person=person).values_list("source", "level", "evidence")
    ) == [("organizer", 2, ""), ("self", 3, "Humbler.")]


def test_self_assessment_withdrawn_with_no_level_keeps_verified_levels(skills):
    person = PersonFactory()
    PersonCompetencyFactory(person=person, competency=skills["a"], level=2, source=CompetencySource.TRAINING)
    services.person_competency_self_assess(person=person, competency=skills["a"], level=3)

    result = services.person_competency_self_assess(person=person, competency=skills["a"], level=None)

    assert result is None
    assert list(PersonCompetency.objects.filter(person=person).values_list("source", "level")) == [
        ("training", 2)
    ]


def test_self_assessment_with_a_bad_level_is_refused(skills):
    with pytest.raises(ValidationError) as error:
        services.person_competency_self_assess(person=PersonFactory(), competency=skills["a"], level=5)

    assert error.value.message_dict == {"level": ["Choose a level between 1 and 4."]}


def test_one_self_assessment_per_competency_is_a_database_constraint(skills):
    person = PersonFactory()
    PersonCompetencyFactory(person=person, competency=skills["a"])

    with pytest.raises(IntegrityError), transaction.atomic():
        PersonCompetency.objects.create(
            person=person, competency=skills["a"], level=1, source="self", assessed_on=JAN_2025
        )


def test_record_by_organizer_keeps_who_recorded_it(skills):
    person, organizer = PersonFactory(), PersonFactory()

    record = services.person_competency_record(
        person=person,
        competency=skills["a"],
        level=3,
        source=CompetencySource.ORGANIZER,
        recorded_by=organizer,
    )

    assert (record.level, record.source, record.recorded_by, record.is_verified) == (
        3,
        "organizer",
        organizer,
        True,
    )


@pytest.mark.parametrize(
    ("source", "level", "message"),
    [
        (CompetencySource.SELF_ASSESSED, 2, "Self-assessments are recorded by the person themselves."),
        ("gossip", 2, "Choose a valid source."),
        (CompetencySource.TRAINING, 0, "Choose a level between 1 and 4."),
    ],
)
def test_record_with_bad_input_is_refused(skills, source, level, message):
    with pytest.raises(ValidationError) as error:
        services.person_competency_record(
            person=PersonFactory(), competency=skills["a"], level=level, source=source
        )

    assert error.value.messages == [message]


def test_interests_set_replaces_both_lists(skills):
    person = PersonFactory()
    person.wants_to_develop.add(skills["c"])

    services.person_interests_set(
        person=person, wants_to_develop=[skills["a"]], can_mentor=[skills["b"], skills["c"]]
    )

    assert list(person.wants_to_develop.values_list("slug", flat=True)) == ["a"]
    assert sorted(person.can_mentor.values_list("slug", flat=True)) == ["b", "c"]
