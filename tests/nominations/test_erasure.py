"""A declined nomination leaves the nominee's email (and name) in no column of any table."""

import pytest
from django.db import connection

from nominations import services
from nominations.enums import NominationState
from tests.factories import UserFactory
from tests.factories.nominations import CallQuestionFactory, NominationCallFactory
from tests.factories.registry import CompetencyFactory

pytestmark = pytest.mark.django_db

EMAIL = "zelda.quintanilla@example.net"
NAME = "Zelda Quintanilla"


def tables_holding(text):
    """Every (table, column) whose value, read as text, contains the text (case-insensitive)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                quoted_table = connection.ops.quote_name(table)
                quoted_column = connection.ops.quote_name(column.name)
                like = "ILIKE" if connection.vendor == "postgresql" else "LIKE"
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quoted_table} WHERE CAST({quoted_column} AS TEXT) {like} %s",  # noqa: S608 - names come from the schema
                    [f"%{text}%"],
                )
                if cursor.fetchone()[0]:
                    found.append((table, column.name))
    return found


def test_decline_leaves_the_nominees_email_in_no_column(org_a):
    call = NominationCallFactory(organization=org_a)
    question = CallQuestionFactory(call=call)
    nominator = UserFactory(username="nominator")
    nomination = services.nomination_submit(
        call=call,
        data={
            "nominee_name": NAME,
            "nominee_email": EMAIL.upper(),
            "nominee_username": "ZeldaQ",
            "statement": f"{NAME} ({EMAIL}) runs the photo club.",
            "external_contact": EMAIL,
            "language": "es",
        },
        answers={question: f"Write to {EMAIL}"},
        competencies={CompetencyFactory(): 2},
        nominator=nominator,
    )
    anonymous = services.nomination_submit(
        call=NominationCallFactory(organization=org_a),
        data={"nominee_name": NAME, "nominee_email": EMAIL, "statement": "Again.", "language": "fr"},
        nominator_email="someone@example.org",
    )
    services.nomination_verify_nominator(nomination=anonymous)
    assert [table for table, _column in tables_holding(EMAIL)] != []  # the scan sees what is there

    services.nomination_consent(nomination=nomination, accept=False, never_again=True)
    services.nomination_consent(nomination=anonymous, accept=False)

    nomination.refresh_from_db()
    assert nomination.state == NominationState.DECLINED
    assert tables_holding(EMAIL) == []
    assert tables_holding(NAME) == []


def test_the_scan_finds_a_copied_address(org_a):
    """The scan itself works: a nomination waiting for consent is found in its table and in the outbox."""
    services.nomination_submit(
        call=NominationCallFactory(organization=org_a),
        data={"nominee_name": NAME, "nominee_email": EMAIL, "statement": "Yes.", "language": "en"},
        nominator=UserFactory(),
    )
    found = tables_holding(EMAIL)
    assert ("nominations_nomination", "nominee_email") in found
    assert ("post_office_email", "to") in found


def test_an_accounts_download_and_deletion_cover_its_nominations(org_a):
    from leadership.common import privacy
    from nominations.models import Nomination
    from roles.services import account_delete
    from tests.factories.nominations import EndorsementFactory, NominationFactory

    nominee = UserFactory(username="nominee", email=EMAIL)
    nominator = UserFactory(username="nominator")
    call = NominationCallFactory(organization=org_a, title="Board", title_en="Board")
    received = NominationFactory(
        call=call,
        nominee_name=NAME,
        nominee_email=EMAIL,
        person=nominee.person,
        nominator=nominator,
        state=NominationState.ACCEPTED,
    )
    pending = NominationFactory(call=NominationCallFactory(organization=org_a), nominee_email=EMAIL)
    EndorsementFactory(nomination=received, user=nominator, comment="Yes")

    exported = privacy.export_sections(nominee)["nominations"]
    made = privacy.export_sections(nominator)["nominations"]

    assert [item["name"] for item in exported["nominations_received"]] == [NAME]
    assert [(item["call"], item["nominee_name"]) for item in made["nominations_made"]] == [("Board", NAME)]
    assert [item["comment"] for item in made["endorsements"]] == ["Yes"]

    account_delete(user=nominee)
    account_delete(user=nominator)

    assert tables_holding(EMAIL) == []
    assert tables_holding(NAME) == []
    assert Nomination.objects.filter(pk__in=[received.pk, pending.pk], erased_at__isnull=False).count() == 2
