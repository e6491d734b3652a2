"""Public pages of nominations: open calls, a call, the nomination form and its bad inputs."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from post_office.models import Email

from leadership.common.emails import address_hash
from leadership.common.enums import EmailKind
from leadership.common.models import EmailOptOut
from nominations import selectors
from nominations.enums import NominationKind, NominationState, QuestionKind
from nominations.models import Nomination
from nominations.templatetags.nomination_lists import open_call_rows
from tests.factories import OrganizationFactory, UserFactory
from tests.factories.nominations import CallQuestionFactory, NominationCallFactory, NominationFactory
from tests.factories.registry import CompetencyFactory, RoleFactory, RoleRequirementFactory

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "kind": NominationKind.OTHER,
        "nominee_name": "Ana Quispe",
        "nominee_email": "ana@example.org",
        "statement": "She ran the Quechua edit-a-thons for three years.",
        "language": "es",
        "nominator_email": "nominator@example.org",
    }
    data.update(overrides)
    return data


# --- Open calls and a call -------------------------------------------------------------------------------


def test_call_list_shows_open_calls_only_soonest_closing_first(client, org_a):
    now = timezone.now()
    later = NominationCallFactory(
        organization=org_a, title="Later", title_en="Later", closes_at=now + datetime.timedelta(days=20)
    )
    sooner = NominationCallFactory(
        organization=org_a, title="Sooner", title_en="Sooner", closes_at=now + datetime.timedelta(days=2)
    )
    NominationCallFactory(
        organization=org_a,
        title="Closed",
        title_en="Closed",
        opens_at=now - datetime.timedelta(days=9),
        closes_at=now - datetime.timedelta(days=1),
    )
    NominationCallFactory(
        organization=org_a,
        title="Future",
        title_en="Future",
        opens_at=now + datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=9),
    )

    response = client.get(reverse("nominations:call_list"))

    assert response.status_code == 200
    assert [call.title for call in response.context["calls"]] == ["Sooner", "Later"]
    content = response.content.decode()
    assert f'<a href="/en/nominations/calls/{sooner.pk}/">Sooner</a>' in content
    assert f'<a href="/en/nominations/calls/{later.pk}/">Later</a>' in content
    assert "Closed" not in content


@pytest.mark.parametrize("count", [1, 3])
def test_call_list_query_count_does_not_grow_with_calls(client, django_assert_num_queries, org_a, count):
    for index in range(count):
        NominationCallFactory(organization=org_a, roles=[RoleFactory(organization=org_a)], title=f"C{index}")

    with django_assert_num_queries(3):  # count, calls with organisations, their roles
        response = client.get(reverse("nominations:call_list"))

    assert len(response.context["calls"]) == count


# The rows are written in Python ({% open_call_rows %}); they must be what the template's loop wrote.
CALL_ROWS_AS_THE_TEMPLATE_WROTE_THEM = """{% load i18n %}{% for call in calls %}
          <tr>
            <th scope="row"><a href="{% url 'nominations:call_detail' call.pk %}">{{ call.title }}</a>{% if call.is_standing %} <span class="badge badge--neutral">{% translate "Standing call" %}</span>{% endif %}</th>
            <td>{% if call.organization %}<a href="{% url 'roles:organization_detail' call.organization.slug %}">{{ call.organization.name }}</a>{% else %}{% translate "Movement-wide" %}{% endif %}</td>
            <td>{% for role in call.roles.all %}<a href="{% url 'roles:role_detail' role.pk %}">{{ role.title }}</a>{% if not forloop.last %}, {% endif %}{% empty %}{% translate "Potential leaders" %}{% endfor %}</td>
            <td>{% if call.closes_at %}<time datetime="{{ call.closes_at|date:'c' }}">{{ call.closes_at|date:"DATE_FORMAT" }}</time>{% else %}{% translate "No closing date" %}{% endif %}</td>
          </tr>
        {% endfor %}"""


@pytest.mark.parametrize("code", ["en", "fr", "ar"])
def test_open_call_rows_are_what_the_template_wrote(org_a, code):
    quoted = OrganizationFactory(name="x", name_en="", name_fr="Wikimédia « Q » & <Co>")
    soon = timezone.now() + datetime.timedelta(days=3)
    NominationCallFactory(
        organization=quoted,
        title="x",
        title_en="",
        title_fr="Conseil d'administration <2027>",
        closes_at=soon,
        roles=[
            RoleFactory(organization=quoted, title="Trésorier & co", title_en='Treasurer & "co"'),
            RoleFactory(organization=quoted, title="x", title_en="", title_ar="رئيس"),
        ],
    )
    NominationCallFactory(organization=None, title="Movement", title_en="Movement", closes_at=soon)
    NominationCallFactory(
        organization=org_a, is_standing=True, closes_at=None, title="Always", title_en="Always"
    )

    with translation.override(code):
        ours = open_call_rows(list(selectors.calls_open_listed()))
        theirs = Template(CALL_ROWS_AS_THE_TEMPLATE_WROTE_THEM).render(
            Context({"calls": list(selectors.calls_open().prefetch_related("roles"))})
        )

    assert "Conseil d&#x27;administration &lt;2027&gt;" in ours
    assert ours == theirs


def test_call_detail_shows_roles_and_their_requirements(client, call, role):
    competency = CompetencyFactory(name="Budgeting", name_en="Budgeting", slug="budgeting")
    RoleRequirementFactory(role=role, competency=competency, min_level=3)

    response = client.get(reverse("nominations:call_detail", args=[call.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Board 2027</h1>" in content
    assert f'<a href="/en/roles/{role.pk}/">Treasurer</a>' in content
    assert '<a href="/en/competencies/budgeting/">Budgeting</a>' in content
    assert f'href="/en/nominations/calls/{call.pk}/nominate/"' in content
    assert "after 60 days" in content


def test_call_detail_of_a_general_call_says_potential_leaders(client, org_a):
    call = NominationCallFactory(organization=org_a)

    content = client.get(reverse("nominations:call_detail", args=[call.pk])).content.decode()

    assert "This call looks for potential leaders in general, for no particular role." in content


def test_call_detail_of_a_missing_call_is_not_found(client):
    assert client.get(reverse("nominations:call_detail", args=[999])).status_code == 404


# --- Nominating --------------------------------------------------------------------------------------------


def test_nominate_form_renders_the_call_questions_and_asks_anonymous_visitors_for_their_email(client, call):
    CallQuestionFactory(call=call, text="Which projects?", text_en="Which projects?", required=True)
    CallQuestionFactory(
        call=call, text="Region?", text_en="Region?", kind=QuestionKind.CHOICE, choices=["North", "South"]
    )

    response = client.get(reverse("nominations:nominate", args=[call.pk]))

    form = response.context["form"]
    names = list(form.fields)
    assert response.status_code == 200
    assert "nominator_email" in names
    assert [field.label for field in form.answer_fields()] == ["Which projects?", "Region?"]
    assert [field.field.required for field in form.answer_fields()] == [True, False]
    content = response.content.decode()
    assert '<div class="honeypot" aria-hidden="true">' in content
    assert '<option value="North">North</option>' in content


def test_nominate_form_of_a_signed_in_member_does_not_ask_their_email(client, call, plain_user):
    client.force_login(plain_user)

    form = client.get(reverse("nominations:nominate", args=[call.pk])).context["form"]

    assert "nominator_email" not in form.fields
    assert "nominator_name" not in form.fields


def test_anonymous_nomination_waits_for_the_nominator_email_verification(client, call, role):
    competency = CompetencyFactory(name="Facilitation", slug="facilitation")

    response = client.post(
        reverse("nominations:nominate", args=[call.pk]),
        form_data(role=role.pk, competencies=[competency.pk], competency_level=3, nominator_anonymous="on"),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/en/nominations/calls/{call.pk}/nominated/?verify=1"
    nomination = Nomination.objects.get()
    assert nomination.state == NominationState.SUBMITTED
    assert nomination.nominator is None
    assert nomination.nominator_email == "nominator@example.org"
    assert nomination.nominator_anonymous is True
    assert nomination.role == role
    assert nomination.language == "es"
    assert [(o.competency_id, o.level) for o in nomination.observed.all()] == [(competency.pk, 3)]
    assert list(Email.objects.values_list("to", flat=True)) == [["nominator@example.org"]]


def test_signed_in_nomination_invites_the_nominee_at_once(client, call, plain_user):
    client.force_login(plain_user)

    response = client.post(reverse("nominations:nominate", args=[call.pk]), form_data(nominator_email=""))

    assert response["Location"] == f"/en/nominations/calls/{call.pk}/nominated/"
    nomination = Nomination.objects.get()
    assert nomination.state == NominationState.INVITED
    assert nomination.nominator == plain_user
    assert Email.objects.filter(to__icontains="ana@example.org").count() == 1


def test_nominated_page_tells_what_happens_next(client, call):
    content = client.get(reverse("nominations:nominated", args=[call.pk]) + "?verify=1").content.decode()

    assert "We sent you an email with a link." in content


def test_nomination_answers_are_saved(client, call):
    question = CallQuestionFactory(call=call, text="Which projects?", required=True)
    choice = CallQuestionFactory(call=call, kind=QuestionKind.CHOICE, choices=["North", "South"])

    client.post(
        reverse("nominations:nominate", args=[call.pk]),
        form_data(**{f"question_{question.pk}": "Edit-a-thons", f"question_{choice.pk}": "South"}),
    )

    answers = Nomination.objects.get().answers.order_by("question__position")
    assert [(a.question_id, a.value) for a in answers] == [
        (question.pk, "Edit-a-thons"),
        (choice.pk, "South"),
    ]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"nominee_name": ""}, "nominee_name", "This field is required."),
        ({"nominee_email": "not-an-email"}, "nominee_email", "Enter a valid email address."),
        ({"statement": ""}, "statement", "This field is required."),
        ({"kind": "friend"}, "kind", "Select a valid choice. friend is not one of the available choices."),
        (
            {"nominator_email": ""},
            "nominator_email",
            "Give your email address: we send you a link to confirm the nomination.",
        ),
        ({"language": "xx"}, "language", "Select a valid choice. xx is not one of the available choices."),
        (
            {"competencies": ["99999"]},
            "competencies",
            "Select a valid choice. 99999 is not one of the available choices.",
        ),
        (
            {"kind": NominationKind.EXTERNAL},
            "external_movement",
            "Say this for someone from another social movement.",
        ),
    ],
)
def test_nominate_bad_input_re_renders_with_what_was_typed(client, call, overrides, field, message):
    response = client.post(reverse("nominations:nominate", args=[call.pk]), form_data(**overrides))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field] == [message]
    assert form["statement"].value() == form_data(**overrides)["statement"]
    assert form["nominee_name"].value() == form_data(**overrides)["nominee_name"]
    assert Nomination.objects.count() == 0


def test_nominate_external_needs_how_to_reach_them(client, call):
    response = client.post(
        reverse("nominations:nominate", args=[call.pk]),
        form_data(kind=NominationKind.EXTERNAL, external_movement="Via Campesina"),
    )

    assert response.context["form"].errors == {
        "external_contact": ["Say this for someone from another social movement."]
    }
    assert response.context["form"]["external_movement"].value() == "Via Campesina"


def test_nominate_external_is_saved_with_movement_and_contact(client, call):
    client.post(
        reverse("nominations:nominate", args=[call.pk]),
        form_data(
            kind=NominationKind.EXTERNAL, external_movement="Via Campesina", external_contact="+51 1 234"
        ),
    )

    nomination = Nomination.objects.get()
    assert (nomination.kind, nomination.external_movement, nomination.external_contact) == (
        "external",
        "Via Campesina",
        "+51 1 234",
    )


def test_nominate_required_question_unanswered_re_renders(client, call):
    question = CallQuestionFactory(call=call, text="Which projects?", required=True)

    response = client.post(reverse("nominations:nominate", args=[call.pk]), form_data())

    assert response.context["form"].errors == {f"question_{question.pk}": ["This field is required."]}


def test_nominate_choice_outside_the_offered_answers_re_renders(client, call):
    question = CallQuestionFactory(call=call, kind=QuestionKind.CHOICE, choices=["North", "South"])

    response = client.post(
        reverse("nominations:nominate", args=[call.pk]), form_data(**{f"question_{question.pk}": "East"})
    )

    assert response.context["form"].errors == {
        f"question_{question.pk}": ["Select a valid choice. East is not one of the available choices."]
    }


def test_nominate_the_same_nominee_twice_in_a_call_is_refused(client, call):
    NominationFactory(call=call, nominee_email="ana@example.org")

    response = client.post(reverse("nominations:nominate", args=[call.pk]), form_data())

    assert response.status_code == 200
    assert Nomination.objects.count() == 1
    assert response.context["form"].errors != {}
    assert response.context["form"]["nominee_name"].value() == "Ana Quispe"


def test_nominate_someone_who_asked_never_to_be_nominated_is_refused(client, call):
    EmailOptOut.objects.create(address_hash=address_hash("ana@example.org"), kind=EmailKind.NOMINATION)

    response = client.post(reverse("nominations:nominate", args=[call.pk]), form_data())

    assert response.status_code == 200
    assert Nomination.objects.count() == 0
    assert response.context["form"].errors != {}


def test_nominate_honeypot_pretends_success_and_keeps_nothing(client, call):
    response = client.post(
        reverse("nominations:nominate", args=[call.pk]), form_data(website="http://spam.example")
    )

    assert response.status_code == 302
    assert Nomination.objects.count() == 0
    assert Email.objects.count() == 0


def test_nominate_rate_limit_per_address(client, call, settings):
    settings.NOMINATION_RATE_PER_ADDRESS = "2/h"
    url = reverse("nominations:nominate", args=[call.pk])
    client.post(url, form_data(nominee_email="one@example.org"))
    client.post(url, form_data(nominee_email="two@example.org"))

    response = client.post(url, form_data(nominee_email="three@example.org"))

    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [
        "You sent many nominations in a short time. Wait a while, then send this one again."
    ]
    assert response.context["form"]["nominee_email"].value() == "three@example.org"
    assert Nomination.objects.count() == 2


def test_nominate_rate_limit_per_account(client, call, settings, plain_user):
    settings.NOMINATION_RATE_PER_ACCOUNT = "1/d"
    client.force_login(plain_user)
    url = reverse("nominations:nominate", args=[call.pk])
    client.post(url, form_data(nominee_email="one@example.org"))

    response = client.post(url, form_data(nominee_email="two@example.org"), REMOTE_ADDR="10.0.0.9")

    assert response.status_code == 429
    assert Nomination.objects.count() == 1


def test_nominate_a_closed_call_goes_back_to_the_call(client, org_a):
    now = timezone.now()
    closed = NominationCallFactory(
        organization=org_a,
        opens_at=now - datetime.timedelta(days=9),
        closes_at=now - datetime.timedelta(days=1),
    )

    response = client.post(reverse("nominations:nominate", args=[closed.pk]), form_data())

    assert response.status_code == 302
    assert response["Location"] == f"/en/nominations/calls/{closed.pk}/"
    assert Nomination.objects.count() == 0


def test_nominate_in_spanish_shows_translated_errors(client, call):
    response = client.post(f"/es/nominations/calls/{call.pk}/nominate/", form_data(nominee_name=""))

    assert response.context["form"].errors["nominee_name"] != ["This field is required."]
    assert response.context["form"].errors["nominee_name"] == ["Este campo es requerido."]


def test_role_page_links_to_the_role_open_call(client, call, role):
    role.open_for_nominations = True
    role.save()

    content = client.get(reverse("roles:role_detail", args=[role.pk])).content.decode()

    assert f'<a href="/en/nominations/calls/{call.pk}/">Nominate someone: Board 2027</a>' in content


def test_call_list_offers_organizers_a_new_call_of_their_organisation(client, organizer_a, staff_user):
    client.force_login(organizer_a)
    organizer_page = client.get(reverse("nominations:call_list")).content.decode()
    client.force_login(staff_user)
    staff_page = client.get(reverse("nominations:call_list")).content.decode()

    assert 'href="/en/nominations/organizations/wikimedia-alpha/calls/new/"' in organizer_page
    assert 'href="/en/nominations/calls/new/"' not in organizer_page
    assert 'href="/en/nominations/calls/new/"' in staff_page


def test_nominate_yourself_starts_with_your_own_details(client, call):
    user = UserFactory(username="rosa", email="rosa@example.org")
    user.person.display_name = "Rosa"
    user.person.save()
    client.force_login(user)

    response = client.get(reverse("nominations:nominate", args=[call.pk]) + "?kind=self")

    form = response.context["form"]
    assert (form["kind"].value(), form["nominee_name"].value(), form["nominee_email"].value()) == (
        "self",
        "Rosa",
        "rosa@example.org",
    )
    assert '<a href="?kind=self">' in response.content.decode()


@pytest.mark.parametrize("catalogue", [1, 3])
def test_nominate_post_runs_a_fixed_number_of_queries_whatever_the_catalogue(
    client, call, plain_user, catalogue, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """Signed in, with a question answered and a competency observed: the catalogue is not read to validate
    (only the chosen competency), the call once with its roles and questions, the rest is the write."""
    question = CallQuestionFactory(call=call, text="Their best project?", required=True)
    chosen, *_others = [CompetencyFactory() for _ in range(catalogue)]
    client.force_login(plain_user)
    url = reverse("nominations:nominate", args=[call.pk])
    data = form_data(competencies=[chosen.pk], **{f"question_{question.pk}": "The Quechua edit-a-thons."})

    with django_assert_num_queries(23), django_capture_on_commit_callbacks(execute=False):
        response = client.post(url, data)

    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.state == NominationState.INVITED
    assert [o.competency_id for o in nomination.observed.all()] == [chosen.pk]
