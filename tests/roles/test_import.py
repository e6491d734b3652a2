"""Importing an organisation's roles and requirements from CSV or XLSX: dry run, report, all or nothing."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roles import importers
from roles.enums import Importance, RoleKind, Selection
from roles.importers import Problem
from roles.models import Role, RoleRequirement
from roles.services.registry import (
    RequirementInput,
    RoleImportRow,
    holder_add,
    role_create,
    roles_import,
)
from roles.views import importexport as importexport_views
from tests.factories import PersonFactory
from tests.factories.registry import CompetencyFactory, RoleFactory, RoleRequirementFactory

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", "plain_user", "organizer_a", "organizer_b", "hub_coordinator_a", "staff_user")
FORBIDDEN = ("plain_user", "organizer_b", "hub_coordinator_a")
ALLOWED = ("organizer_a", "staff_user")

GOOD_CSV = (
    "id,title_en,title_fr,title_id,description_en,kind,seats,selection,term_length_months,term_limit,"
    "hours_per_week,open_for_nominations,languages,requirements\n"
    ",Treasurer,Trésorier,Bendahara,Keeps the books.,board,1,elected,24,2,2.5,yes,en fr,"
    "budgeting:3:essential; facilitation:2:desirable\n"
    ",Events coordinator,,,,volunteer,3,appointed,,,,no,pt-br,facilitation:1\n"
)


@pytest.fixture
def competencies():
    return {
        "budgeting": CompetencyFactory(slug="budgeting", name="Budgeting", name_en="Budgeting"),
        "facilitation": CompetencyFactory(slug="facilitation", name="Facilitation", name_en="Facilitation"),
    }


def csv_file(text: str, *, name: str = "roles.csv", bom: bool = False) -> SimpleUploadedFile:
    content = ("\ufeff" if bom else "") + text
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows: list[list[object]], *, name: str = "roles.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def import_url(organization, name: str = "roles:role_import") -> str:
    return reverse(name, kwargs={"slug": organization.slug})


def upload(client, organization, file, *, dry_run: bool):
    data = {"file": file}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(import_url(organization), data)


def requirement_set(role: Role) -> list[tuple[str, int, str]]:
    return sorted(
        (req.competency.slug, req.min_level, req.importance)
        for req in RoleRequirement.objects.filter(role=role).select_related("competency")
    )


def problems_of(response) -> list[tuple[int, str, str]]:
    return [(problem.row, problem.column, problem.message) for problem in response.context["report"].problems]


# --- Pages and permissions ----------------------------------------------------------------------


def test_import_page_shows_the_form_and_documents_the_columns(client, organizer_a, org_a):
    client.force_login(organizer_a)

    response = client.get(import_url(org_a))

    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"]["dry_run"].value() is True
    assert (
        '<input type="checkbox" name="dry_run" class="cdx-checkbox__input" '
        'aria-describedby="id_dry_run_helptext" id="id_dry_run" checked>'
    ) in body
    assert 'enctype="multipart/form-data"' in body
    assert "<code>title_pt_br</code>" in body
    assert "<code>title_id</code>" in body
    assert "<code>requirements</code>" in body
    assert import_url(org_a, "roles:role_import_template") in body


def test_import_template_is_the_row_of_column_names(client, organizer_a, org_a):
    client.force_login(organizer_a)

    response = client.get(import_url(org_a, "roles:role_import_template"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="role-import-template.csv"'
    assert response.content.decode() == (
        "id,title_en,title_fr,title_es,title_pt_br,title_id,title_ar,"
        "description_en,description_fr,description_es,description_pt_br,description_id,description_ar,"
        "responsibilities_en,responsibilities_fr,responsibilities_es,responsibilities_pt_br,responsibilities_id,"
        "responsibilities_ar,kind,seats,selection,term_length_months,term_limit,hours_per_week,"
        "open_for_nominations,languages,requirements\r\n"
    )


@pytest.mark.parametrize(
    ("name", "method", "expected"),
    [
        ("roles:role_import", "get", {"anonymous": 302, "forbidden": 403, "allowed": 200}),
        ("roles:role_import_template", "get", {"anonymous": 302, "forbidden": 403, "allowed": 200}),
        ("roles:role_import_confirm", "get", {"anonymous": 302, "forbidden": 403, "allowed": 405}),
        ("roles:role_import_confirm", "post", {"anonymous": 302, "forbidden": 403, "allowed": 302}),
    ],
)
@pytest.mark.parametrize("actor", ACTORS)
def test_import_urls_answer_each_actor(client, request, org_a, org_b, actor, name, method, expected):
    if actor != "anonymous":
        client.force_login(request.getfixturevalue(actor))
    url = import_url(org_a, name)

    response = getattr(client, method)(url)

    group = "anonymous" if actor == "anonymous" else ("allowed" if actor in ALLOWED else "forbidden")
    assert response.status_code == expected[group]
    if actor == "anonymous":
        assert response["Location"] == f"/en/accounts/login/?next={url}"


@pytest.mark.parametrize("actor", FORBIDDEN)
def test_import_post_by_others_is_forbidden_and_imports_nothing(client, request, org_a, competencies, actor):
    client.force_login(request.getfixturevalue(actor))

    response = upload(client, org_a, csv_file(GOOD_CSV), dry_run=False)

    assert response.status_code == 403
    assert Role.objects.count() == 0


def test_import_post_by_anonymous_is_sent_to_login_and_imports_nothing(client, org_a, competencies):
    response = upload(client, org_a, csv_file(GOOD_CSV), dry_run=False)

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={import_url(org_a)}"
    assert Role.objects.count() == 0


def test_import_of_unknown_organisation_is_404(client, staff_user):
    client.force_login(staff_user)

    response = client.get(reverse("roles:role_import", kwargs={"slug": "no-such-organisation"}))

    assert response.status_code == 404


# --- A good file ----------------------------------------------------------------------------------


def test_import_good_csv_creates_roles_with_requirements(client, organizer_a, org_a, competencies):
    client.force_login(organizer_a)

    response = upload(client, org_a, csv_file(GOOD_CSV), dry_run=False)

    assert response.status_code == 302
    assert response["Location"] == "/en/roles/?organization=wikimedia-alpha"
    treasurer = Role.objects.get(title_en="Treasurer")
    coordinator = Role.objects.get(title_en="Events coordinator")
    assert (
        treasurer.organization,
        treasurer.title_fr,
        treasurer.title_ind,
        treasurer.description_en,
        treasurer.kind,
        treasurer.seats,
        treasurer.selection,
        treasurer.term_length_months,
        treasurer.term_limit,
        treasurer.hours_per_week,
        treasurer.open_for_nominations,
    ) == (
        org_a,
        "Trésorier",
        "Bendahara",
        "Keeps the books.",
        "board",
        1,
        "elected",
        24,
        2,
        Decimal("2.5"),
        True,
    )
    assert sorted(language.code for language in treasurer.languages.all()) == ["en", "fr"]
    assert requirement_set(treasurer) == [("budgeting", 3, "essential"), ("facilitation", 2, "desirable")]
    assert treasurer.search_text == "treasurer keeps the books.\ntresorier\nbendahara"
    assert (
        coordinator.kind,
        coordinator.seats,
        coordinator.selection,
        coordinator.term_length_months,
        coordinator.term_limit,
        coordinator.hours_per_week,
        coordinator.open_for_nominations,
        coordinator.title_fr,
    ) == ("volunteer", 3, "appointed", None, None, None, False, "")
    assert [language.code for language in coordinator.languages.all()] == ["pt-br"]
    assert requirement_set(coordinator) == [("facilitation", 1, "essential")]
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == ["The file was imported: 2 roles created, 0 roles updated."]


def test_import_dry_run_changes_nothing_and_previews_each_row(client, organizer_a, org_a, competencies):
    client.force_login(organizer_a)

    response = upload(client, org_a, csv_file(GOOD_CSV), dry_run=True)

    report = response.context["report"]
    assert response.status_code == 200
    assert Role.objects.count() == 0
    assert RoleRequirement.objects.count() == 0
    assert (report.dry_run, report.created, report.updated, report.problems, report.imported) == (
        True,
        2,
        0,
        [],
        False,
    )
    assert [(row.number, row.action, row.title, row.requirements, row.languages) for row in report.rows] == [
        (
            2,
            "create",
            "Treasurer",
            ["Budgeting · Proficient · Essential", "Facilitation · Practising · Desirable"],
            ["en", "fr"],
        ),
        (3, "create", "Events coordinator", ["Facilitation · Aware · Essential"], ["pt-br"]),
    ]
    assert response.context["summary"] == "If you import the file: 2 roles created, 0 roles updated."
    assert "Import these roles" in response.content.decode()
    assert client.session[f"roles_import:{org_a.pk}"]["token"] == response.context["token"]


def test_import_confirm_imports_what_the_dry_run_showed(client, organizer_a, org_a, competencies):
    client.force_login(organizer_a)
    token = upload(client, org_a, csv_file(GOOD_CSV), dry_run=True).context["token"]

    response = client.post(import_url(org_a, "roles:role_import_confirm"), {"token": token})

    assert response.status_code == 302
    assert response["Location"] == "/en/roles/?organization=wikimedia-alpha"
    assert sorted(Role.objects.values_list("title_en", flat=True)) == ["Events coordinator", "Treasurer"]
    assert requirement_set(Role.objects.get(title_en="Treasurer")) == [
        ("budgeting", 3, "essential"),
        ("facilitation", 2, "desirable"),
    ]
    assert f"roles_import:{org_a.pk}" not in client.session


def test_import_dry_run_of_a_file_too_large_to_keep_asks_to_import_it_directly(
    client, organizer_a, org_a, competencies, monkeypatch
):
    monkeypatch.setattr(importexport_views, "MAX_KEPT_CHARS", 10)
    client.force_login(organizer_a)

    response = upload(client, org_a, csv_file(GOOD_CSV), dry_run=True)

    assert (response.context["token"], response.context["too_large_to_keep"]) == (None, True)
    assert "This file is too large to keep until you confirm." in response.content.decode()
    assert f"roles_import:{org_a.pk}" not in client.session
    assert Role.objects.count() == 0


def test_import_confirm_with_a_wrong_token_imports_nothing(client, organizer_a, org_a, competencies):
    client.force_login(organizer_a)
    upload(client, org_a, csv_file(GOOD_CSV), dry_run=True)

    response = client.post(import_url(org_a, "roles:role_import_confirm"), {"token": "not-the-token"})

    assert response.status_code == 302
    assert response["Location"] == import_url(org_a)
    assert Role.objects.count() == 0
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == ["This dry run is no longer available: upload the file again."]


def test_import_confirm_checks_again_when_the_registry_changed(client, organizer_a, org_a, competencies):
    client.force_login(organizer_a)
    token = upload(client, org_a, csv_file(GOOD_CSV), dry_run=True).context["token"]
    competencies["budgeting"].active = False
    competencies["budgeting"].save()

    response = client.post(import_url(org_a, "roles:role_import_confirm"), {"token": token})

    assert response.status_code == 200
    assert Role.objects.count() == 0
    assert problems_of(response) == [
        (
            2,
            "requirements",
            "Unknown competency “budgeting”: use the last part of the address of its page in the catalogue.",
        )
    ]
    assert f"roles_import:{org_a.pk}" not in client.session


def test_import_confirm_of_another_organisations_dry_run_is_refused(
    client, staff_user, org_a, org_b, competencies
):
    client.force_login(staff_user)
    token = upload(client, org_a, csv_file(GOOD_CSV), dry_run=True).context["token"]

    response = client.post(import_url(org_b, "roles:role_import_confirm"), {"token": token})

    assert response.status_code == 302
    assert response["Location"] == import_url(org_b)
    assert Role.objects.count() == 0


def test_import_updates_roles_by_id_and_leaves_other_columns_alone(client, organizer_a, org_a, competencies):
    role = RoleFactory(organization=org_a, title="Chair", title_en="Chair", title_fr="Présidence", seats=1)
    role.languages.set(["en"])
    RoleRequirementFactory(role=role, competency=competencies["budgeting"], min_level=2)
    client.force_login(organizer_a)
    text = f"id,seats,open_for_nominations,requirements\n{role.pk},3,yes,facilitation:4:essential\n"

    response = upload(client, org_a, csv_file(text), dry_run=False)

    role.refresh_from_db()
    assert response.status_code == 302
    assert (role.title_en, role.title_fr, role.seats, role.open_for_nominations, role.kind) == (
        "Chair",
        "Présidence",
        3,
        True,
        RoleKind.BOARD,
    )
    assert [language.code for language in role.languages.all()] == ["en"]
    assert requirement_set(role) == [("facilitation", 4, "essential")]
    assert Role.objects.count() == 1
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == ["The file was imported: 0 roles created, 1 role updated."]


def test_import_preview_of_an_update_says_which_role_and_what_stays(client, organizer_a, org_a, competencies):
    role = RoleFactory(organization=org_a, title="Chair", title_en="Chair")
    client.force_login(organizer_a)

    response = upload(client, org_a, csv_file(f"id,seats\n{role.pk},2\n"), dry_run=True)

    row = response.context["report"].rows[0]
    assert (row.action, row.role_id, row.title, row.requirements, row.languages) == (
        "update",
        role.pk,
        "Chair",
        None,
        None,
    )
    assert f"update role {role.pk}" in response.content.decode()
    assert Role.objects.get(pk=role.pk).seats == 1


def test_import_xlsx_creates_roles(client, organizer_a, org_a, competencies):
    client.force_login(organizer_a)
    rows = [
        ["title_en", "title_ar", "kind", "seats", "hours_per_week", "open_for_nominations", "requirements"],
        ["Secretary", "أمين السر", "Board", 2, 4.5, True, "budgeting:2:desirable"],
        [None, None, None, None, None, None, None],
        ["Mentor", None, "project lead", 1.0, 3, False, None],
    ]

    response = upload(client, org_a, xlsx_file(rows), dry_run=False)

    assert response.status_code == 302
    secretary = Role.objects.get(title_en="Secretary")
    mentor = Role.objects.get(title_en="Mentor")
    assert (
        secretary.title_ar,
        secretary.kind,
        secretary.seats,
        secretary.hours_per_week,
        secretary.open_for_nominations,
    ) == ("أمين السر", "board", 2, Decimal("4.5"), True)
    assert requirement_set(secretary) == [("budgeting", 2, "desirable")]
    assert (mentor.kind, mentor.seats, mentor.hours_per_week, mentor.open_for_nominations) == (
        "project_lead",
        1,
        Decimal("3.0"),
        False,
    )
    assert requirement_set(mentor) == []


def test_import_xlsx_reports_spreadsheet_row_numbers(client, organizer_a, org_a, competencies):
    client.force_login(organizer_a)
    rows = [["title_en", "seats"], ["Good", 1], [None, None], ["Bad", 0]]

    response = upload(client, org_a, xlsx_file(rows), dry_run=False)

    assert problems_of(response) == [
        (4, "seats", "Write the number of seats as a whole number from 1 to 500.")
    ]
    assert Role.objects.count() == 0


def test_import_semicolon_csv_with_bom(client, organizer_a, org_a, competencies):
    client.force_login(organizer_a)
    text = (
        "title_en;title_pt_br;hours_per_week;languages;requirements\r\n"
        'Trainer;Formador;1,5;en,pt-br;"budgeting:1:essential;facilitation:3:desirable"\r\n'
    )

    response = upload(client, org_a, csv_file(text, bom=True), dry_run=False)

    assert response.status_code == 302
    role = Role.objects.get()
    assert (role.title_en, role.title_pt_br, role.hours_per_week) == ("Trainer", "Formador", Decimal("1.5"))
    assert sorted(language.code for language in role.languages.all()) == ["en", "pt-br"]
    assert requirement_set(role) == [("budgeting", 1, "essential"), ("facilitation", 3, "desirable")]


# --- Bad rows: nothing imported, every problem reported -----------------------------------------------


def test_import_with_bad_rows_imports_nothing_and_reports_every_bad_row(
    client, organizer_a, org_a, org_b, competencies
):
    other = RoleFactory(organization=org_b, title="Their role", title_en="Their role")
    client.force_login(organizer_a)
    text = (
        "id,title_en,kind,seats,term_limit,open_for_nominations,languages,requirements\n"
        ",Good role,board,1,,yes,en,budgeting:2:essential\n"
        ",Bad kind,wizard,1,,,,\n"
        ",Bad seats,board,none,,,,\n"
        ",Unknown competency,board,1,,,,juggling:2:essential\n"
        ",Bad level,board,1,,,,budgeting:5:essential\n"
        ",Twice,board,1,,,,budgeting:2:essential;budgeting:3:desirable\n"
        f"{other.pk},Elsewhere,board,1,,,,\n"
        ",good role,board,1,,,,\n"
        ",,board,1,,,,\n"
        ",Bad limit,board,1,30,maybe,xx,budgeting:2:vital;nonsense\n"
    )

    response = upload(client, org_a, csv_file(text), dry_run=False)

    assert response.status_code == 200
    assert Role.objects.filter(organization=org_a).count() == 0
    assert problems_of(response) == [
        (
            3,
            "kind",
            "Unknown kind “wizard”: write one of board, staff, committee, volunteer, project_lead, coordinator.",
        ),
        (4, "seats", "Write the number of seats as a whole number from 1 to 500."),
        (
            5,
            "requirements",
            "Unknown competency “juggling”: use the last part of the address of its page in the catalogue.",
        ),
        (6, "requirements", "The level of “budgeting” is “5”: write 1, 2, 3 or 4."),
        (
            7,
            "requirements",
            "“budgeting” is listed twice in this row: a competency can be required only once per role.",
        ),
        (8, "id", f"No role with id {other.pk} belongs to this organisation."),
        (9, "title_en", "Row 2 has the same title: give each role of the file its own title."),
        (
            10,
            "title_en",
            "A new role needs a title in at least one language (title_en, title_fr, title_es, title_pt_br, "
            "title_id or title_ar).",
        ),
        (
            11,
            "term_limit",
            "Write the term limit as a whole number from 1 to 20, or leave it empty for no limit.",
        ),
        (11, "open_for_nominations", "Write yes or no (or true, false, 1, 0)."),
        (11, "languages", "Unknown language code: xx. Use codes such as en, fr, es, pt-br, id, ar, sw."),
        (11, "requirements", "The importance of “budgeting” is “vital”: write essential or desirable."),
        (
            11,
            "requirements",
            "“nonsense” is not of the form competency:level:importance, for example budgeting:3:essential.",
        ),
    ]
    report = response.context["report"]
    assert (report.imported, report.bad_rows) == (False, 9)
    assert [row.has_problems for row in report.rows] == [False, *[True] * 9]
    assert (report.rows[9].requirements, report.rows[9].languages) == (["budgeting:2:vital;nonsense"], ["xx"])
    body = response.content.decode()
    assert "Nothing was imported." in body
    assert "9 rows have problems: fix them in the file and upload the file again." in body
    assert Role.objects.get(pk=other.pk).title_en == "Their role"


def test_import_dry_run_with_bad_rows_reports_them_and_offers_no_confirmation(
    client, organizer_a, org_a, competencies
):
    client.force_login(organizer_a)

    response = upload(client, org_a, csv_file("title_en,seats\nA,1\nB,501\n"), dry_run=True)

    assert problems_of(response) == [
        (3, "seats", "Write the number of seats as a whole number from 1 to 500.")
    ]
    assert response.context["token"] is None
    assert "Import these roles" not in response.content.decode()
    assert f"roles_import:{org_a.pk}" not in client.session


def test_import_reports_problems_only_saving_finds(client, organizer_a, org_a, competencies):
    role = role_create(organization=org_a, data={"title_en": "Board member", "seats": 2})
    holder_add(role=role, person=PersonFactory(), start=datetime.date(2025, 1, 1))
    holder_add(role=role, person=PersonFactory(), start=datetime.date(2025, 1, 1))
    client.force_login(organizer_a)
    text = f"id,title_en,seats\n,Fine,1\n{role.pk},Board member,1\n"

    response = upload(client, org_a, csv_file(text), dry_run=False)

    assert problems_of(response) == [
        (3, "seats", "2 seats are filled today: end some terms before reducing the seats.")
    ]
    assert list(Role.objects.values_list("title_en", "seats")) == [("Board member", 2)]


def test_import_reports_unknown_and_repeated_columns_on_row_one(client, organizer_a, org_a, competencies):
    client.force_login(organizer_a)

    response = upload(client, org_a, csv_file("title_en,titel_fr,Seats,seats\nA,B,1,2\n"), dry_run=True)

    assert problems_of(response) == [
        (1, "titel_fr", "Unknown column “titel_fr”: the import page lists the columns a file may have."),
        (1, "seats", "This column appears twice: keep one."),
    ]
    assert Role.objects.count() == 0


def test_import_inactive_competency_only_where_the_role_already_requires_it(
    client, organizer_a, org_a, competencies
):
    retired = CompetencyFactory(slug="retired-skill", active=False)
    role = RoleFactory(organization=org_a, title="Keeper", title_en="Keeper")
    RoleRequirementFactory(role=role, competency=retired, min_level=1)
    client.force_login(organizer_a)
    text = (
        "id,title_en,requirements\n"
        f"{role.pk},Keeper,retired-skill:2:essential\n"
        ",Newcomer,retired-skill:2:essential\n"
    )

    response = upload(client, org_a, csv_file(text), dry_run=True)

    assert problems_of(response) == [
        (
            3,
            "requirements",
            "Unknown competency “retired-skill”: use the last part of the address of its page in the catalogue.",
        )
    ]


def test_import_preview_notes_a_title_the_organisation_already_has(client, organizer_a, org_a, competencies):
    existing = RoleFactory(organization=org_a, title="Treasurer", title_en="Treasurer")
    client.force_login(organizer_a)

    response = upload(client, org_a, csv_file("title_en\ntreasurer\n"), dry_run=True)

    assert response.context["report"].rows[0].notes == [
        f"The organisation already has a role with this title (id {existing.pk}): give its id to update it instead."
    ]


def test_import_rejects_an_id_repeated_in_the_file(client, organizer_a, org_a, competencies):
    role = RoleFactory(organization=org_a, title="Chair", title_en="Chair")
    client.force_login(organizer_a)

    response = upload(client, org_a, csv_file(f"id,seats\n{role.pk},2\n{role.pk},3\n"), dry_run=False)

    assert problems_of(response) == [(3, "id", "Row 2 already updates this role: a role can appear once.")]
    assert Role.objects.get(pk=role.pk).seats == 1


# --- Files that cannot be read: the form again, with the reason --------------------------------------


def form_errors(response) -> list[str]:
    return response.context["form"].errors["file"]


def test_import_refuses_a_file_over_two_megabytes(client, organizer_a, org_a):
    client.force_login(organizer_a)
    text = "title_en,description_en\n" + "A,{}\n".format("x" * (2 * 1024 * 1024))

    response = upload(client, org_a, csv_file(text), dry_run=False)

    assert response.status_code == 200
    assert form_errors(response) == ["The file is larger than 2.0\xa0MB: split it in several files."]
    assert response.context["form"]["dry_run"].value() is False
    assert Role.objects.count() == 0


def test_import_refuses_more_than_five_hundred_rows(client, organizer_a, org_a):
    client.force_login(organizer_a)
    text = "title_en\n" + "".join(f"Role {number}\n" for number in range(501))

    response = upload(client, org_a, csv_file(text), dry_run=True)

    assert form_errors(response) == ["The file has more than 500 rows: import at most 500 roles at a time."]
    assert response.context["form"]["dry_run"].value() is True
    assert Role.objects.count() == 0


def test_import_accepts_as_many_rows_as_the_limit(client, organizer_a, org_a, monkeypatch):
    monkeypatch.setattr(importers, "MAX_ROWS", 3)
    client.force_login(organizer_a)

    accepted = upload(client, org_a, csv_file("title_en\nA\nB\nC\n"), dry_run=True)
    refused = upload(client, org_a, csv_file("title_en\nA\nB\nC\nD\n"), dry_run=True)

    assert (accepted.context["report"].created, accepted.context["report"].problems) == (3, [])
    assert form_errors(refused) == ["The file has more than 3 rows: import at most 3 roles at a time."]
    assert Role.objects.count() == 0


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (
            SimpleUploadedFile("roles.pdf", b"%PDF-1.4", content_type="application/pdf"),
            "Upload a .csv or .xlsx file: a spreadsheet saved as “CSV UTF-8” or as an Excel workbook.",
        ),
        (
            SimpleUploadedFile("roles.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64),
            "This is an old Excel file (.xls): save it as an Excel workbook (.xlsx) or as “CSV UTF-8”.",
        ),
        (
            SimpleUploadedFile("roles.xlsx", b"PK\x03\x04 not really a workbook"),
            "The file could not be read as an Excel workbook (.xlsx).",
        ),
        (
            SimpleUploadedFile("roles.csv", "title_en\nTrésorier\n".encode("latin-1")),
            "The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” (or as .xlsx).",
        ),
        (
            SimpleUploadedFile("roles.csv", b"title_en\x00\nA\n"),
            "The file is not a CSV text file: save it as “CSV UTF-8” or as .xlsx.",
        ),
        (
            SimpleUploadedFile("roles.csv", b"title_en,seats\nA,1,extra\nB,2\nC,3,more,cells\n"),
            "Rows 2, 4 have more cells than the first row has column names.",
        ),
        (
            SimpleUploadedFile("roles.csv", b""),
            "The submitted file is empty.",
        ),
        (
            SimpleUploadedFile("roles.csv", b"title_en,seats\n"),
            "The file has no roles: add one role per row below the row of column names.",
        ),
        (
            SimpleUploadedFile("roles.csv", b",\n,\n"),
            "The file is empty: its first row names the columns, the next rows are roles.",
        ),
    ],
)
def test_import_refuses_files_it_cannot_read(client, organizer_a, org_a, file, message):
    client.force_login(organizer_a)

    response = upload(client, org_a, file, dry_run=True)

    assert response.status_code == 200
    assert form_errors(response) == [message]
    assert Role.objects.count() == 0


def test_import_refuses_a_workbook_that_unpacks_too_large(client, organizer_a, org_a, monkeypatch):
    monkeypatch.setattr(importers, "MAX_XLSX_UNPACKED_BYTES", 1000)
    client.force_login(organizer_a)

    response = upload(client, org_a, xlsx_file([["title_en"], ["A"]]), dry_run=True)

    assert form_errors(response) == [
        "The workbook holds more than 1000\xa0bytes once unpacked: split it in several files."
    ]


def test_import_without_a_file_re_renders_the_form(client, organizer_a, org_a):
    client.force_login(organizer_a)

    response = client.post(import_url(org_a), {})

    assert response.status_code == 200
    assert form_errors(response) == ["This field is required."]
    assert response.context["form"]["dry_run"].value() is False


# --- Reading and the service, directly ----------------------------------------------------------------


def test_read_csv_numbers_rows_and_skips_empty_lines():
    table = importers.read_bytes(b"title_en,seats\r\nA,1\r\n\r\n,\r\nB,2\r\n")

    assert table == importers.Table(headers=("title_en", "seats"), rows=((2, ("A", "1")), (4, ("B", "2"))))


@pytest.mark.parametrize("count", [1, 3])
def test_check_table_runs_the_same_queries_whatever_the_files_length(
    django_assert_num_queries, org_a, competencies, count
):
    roles = [RoleFactory(organization=org_a, title=f"Role {n}", title_en=f"Role {n}") for n in range(count)]
    lines = [f"{role.pk},Role {n},en fr,budgeting:2;facilitation:1:desirable" for n, role in enumerate(roles)]
    table = importers.read_bytes(("id,title_en,languages,requirements\n" + "\n".join(lines)).encode())

    # roles by id, their requirements, competencies, languages, the organisation's titles
    with django_assert_num_queries(5):
        rows, previews, problems = importers.check_table(organization=org_a, table=table)

    assert (len(rows), len(previews), problems) == (count, count, [])


def test_table_survives_the_session_round_trip():
    table = importers.read_bytes("title_en;title_ar\nA;ب\n".encode())

    assert importers.Table.from_json(table.as_json()) == table


def test_table_from_malformed_session_data_is_refused():
    with pytest.raises(ValueError, match="not an import table"):
        importers.Table.from_json({"headers": ["title_en"], "rows": [["x"]]})


def test_roles_import_dry_run_rolls_back_and_counts(org_a, competencies):
    rows = [
        RoleImportRow(
            number=2,
            role=None,
            data={"title_en": "Archivist", "selection": Selection.ELECTED},
            requirements=(RequirementInput(competency=competencies["budgeting"], min_level=2),),
        )
    ]

    result = roles_import(organization=org_a, rows=rows, dry_run=True)

    assert (result.created, result.updated, result.problems, result.imported) == (1, 0, [], False)
    assert Role.objects.count() == 0


def test_roles_import_refuses_a_role_of_another_organisation(org_a, org_b):
    theirs = RoleFactory(organization=org_b, title="Theirs", title_en="Theirs")
    rows = [
        RoleImportRow(number=2, role=None, data={"title_en": "Ours"}),
        RoleImportRow(number=3, role=theirs, data={"title_en": "Taken over"}),
    ]

    result = roles_import(organization=org_a, rows=rows, dry_run=False)

    assert [(p.row, p.field, p.message) for p in result.problems] == [
        (3, "id", f"No role with id {theirs.pk} belongs to this organisation.")
    ]
    assert result.imported is False
    assert list(Role.objects.values_list("title_en", flat=True)) == ["Theirs"]


def test_roles_import_imports_when_every_row_is_good(org_a, competencies):
    rows = [
        RoleImportRow(
            number=2,
            role=None,
            data={"title_en": "Archivist"},
            requirements=(
                RequirementInput(
                    competency=competencies["facilitation"], min_level=3, importance=Importance.DESIRABLE
                ),
            ),
        )
    ]

    result = roles_import(organization=org_a, rows=rows, dry_run=False)

    role = Role.objects.get()
    assert (result.created, result.imported, role.organization, role.title_en) == (
        1,
        True,
        org_a,
        "Archivist",
    )
    assert requirement_set(role) == [("facilitation", 3, "desirable")]


def test_import_problem_columns_use_the_files_language_codes():
    assert importers.column_for_field("title_ind") == "title_id"
    assert importers.column_for_field("description_pt_br") == "description_pt_br"
    assert importers.column_for_field("seats") == "seats"
    assert importers.column_for_field("organization") == ""
    assert Problem(row=1, column="", message="x") == Problem(1, "", "x")
