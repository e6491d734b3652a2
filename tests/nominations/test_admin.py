"""The admin of nominations: calls with their questions and criteria; nominations read-only, erased by action."""

import pytest
from django.urls import reverse

from nominations.enums import NominationState
from nominations.models import Nomination
from tests.factories.nominations import (
    CallQuestionFactory,
    EndorsementFactory,
    NominationFactory,
    ReviewFactory,
    ScoringCriterionFactory,
)

pytestmark = pytest.mark.django_db


def test_admin_pages_load_for_staff(client, staff_user):
    nomination = NominationFactory(state=NominationState.ACCEPTED)
    CallQuestionFactory(call=nomination.call)
    ScoringCriterionFactory(call=nomination.call)
    EndorsementFactory(nomination=nomination)
    ReviewFactory(nomination=nomination)
    client.force_login(staff_user)
    pages = [
        reverse("admin:nominations_nominationcall_changelist"),
        reverse("admin:nominations_nominationcall_add"),
        reverse("admin:nominations_nominationcall_change", args=[nomination.call.pk]),
        reverse("admin:nominations_nomination_changelist"),
        reverse("admin:nominations_nomination_change", args=[nomination.pk]),
        reverse("admin:nominations_endorsement_changelist"),
        reverse("admin:nominations_review_changelist"),
    ]
    assert [client.get(page).status_code for page in pages] == [200] * len(pages)
    assert client.get(reverse("admin:nominations_nomination_add")).status_code == 403


def test_admin_erase_action_goes_through_the_service(client, staff_user):
    nomination = NominationFactory(state=NominationState.INVITED, nominee_email="erase-me@example.org")
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:nominations_nomination_changelist"),
        {"action": "erase", "_selected_action": [nomination.pk]},
        follow=True,
    )

    nomination.refresh_from_db()
    assert response.status_code == 200
    assert "1 nomination was erased." in response.content.decode()
    assert (nomination.state, nomination.nominee_email) == (NominationState.EXPIRED, "")
    assert Nomination.objects.filter(erased_at__isnull=False).count() == 1
