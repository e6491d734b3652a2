"""The overview's pages: figures, charts with their tables, sortable gaps, renewal lists, candidates, peer
learning and my development; exact values on small data, query counts pinned with 1 and 3 items."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from leadership.overview.enums import ScopeKind
from leadership.overview.models import NominationInvite, ScopeSummary
from leadership.overview.services import overview_refresh
from roles.enums import Capacity, CompetencySource, Importance, OrganizationKind
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory, UserFactory, region
from tests.factories.nominations import NominationCallFactory
from tests.factories.registry import (
    CompetencyFactory,
    PersonCompetencyFactory,
    RoleFactory,
    RoleHolderFactory,
    RoleRequirementFactory,
)

from .conftest import developing_session, make_gap, make_summary

pytestmark = pytest.mark.django_db


def gap_rows(html: str) -> list[str]:
    return re.findall(r'<tr class="ov-gap-row">\s*<th scope="row"><a href="[^"]*">([^<]*)</a>', html)


def section(html: str, heading_id: str) -> str:
    start = html.index(f'aria-labelledby="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


# --- Movement -----------------------------------------------------------------------------------------


def test_movement_shows_figures_timeline_and_computed_note(client, movement):
    response = client.get("/en/overview/")
    html = response.content.decode()
    assert response.status_code == 200
    figures = re.findall(r'<span class="stat__value">([^<]*)</span>', html)
    assert figures == ["2", "7", "6 of 11", "5", "3", "1", "4", "2"]
    assert "These figures were computed on May 4, 2026, 9:30 a.m. and are refreshed every 15 minutes" in html
    # One bar per month, twelve months; the table alternative lists the same counts.
    timeline = section(html, "timeline-heading")
    assert timeline.count('class="ov-chart__bar ov-chart__bar--ending"') == 12
    assert 'role="img" aria-labelledby="movement-timeline-title movement-timeline-desc"' in timeline
    counts = re.findall(r"<tr><th scope=\"row\">[^<]*</th><td>(\d+)</td></tr>", timeline)
    assert counts == ["2", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0"]


def test_movement_lists_regions_with_links(client, movement, nwe_summary):
    html = client.get("/en/overview/").content.decode()
    regions = section(html, "regions-heading")
    assert '<a href="/en/overview/regions/NWE/">Northern and Western Europe</a>' in regions
    assert re.findall(r"<td>(\d+)</td>", regions) == ["1", "4", "6", "3", "2", "0", "1", "0"]
    assert 'id="movement-regions"' in regions


def test_movement_gap_table_links_sessions_and_flags_gaps_without_training(client, movement, competencies):
    budgeting, facilitation, conflict = competencies
    make_gap(movement, budgeting, demand=4, people=1)
    make_gap(movement, facilitation, demand="2.5")
    make_gap(movement, conflict, demand=6, people=1, learners=1)
    sessions = [
        developing_session(facilitation, title=f"Facilitation {number}", days=number)
        for number in (3, 1, 2, 9)
    ]
    html = client.get("/en/overview/").content.decode()
    gaps = section(html, "gaps-heading")
    assert gap_rows(gaps) == ["Conflict", "Budgeting", "Facilitation"]
    assert re.findall(r'<td class="ov-gap-value[^"]*">([^<]*)</td>', gaps) == ["4", "3", "2.5"]
    # Up to three upcoming sessions per gap, soonest first, linking to the session's page.
    links = re.findall(r'<a href="/en/training/sessions/(\d+)/">([^<]*)</a>', gaps)
    assert links == [
        (str(sessions[1].pk), "Facilitation 1"),
        (str(sessions[2].pk), "Facilitation 2"),
        (str(sessions[0].pk), "Facilitation 3"),
    ]
    assert gaps.count("No training scheduled") == 2


@pytest.mark.parametrize(
    ("sort", "names", "sorted_column", "direction"),
    [
        ("", ["Conflict", "Budgeting", "Facilitation"], "Gap", "descending"),
        ("?sort=name", ["Budgeting", "Conflict", "Facilitation"], "Competency", "ascending"),
        ("?sort=-name", ["Facilitation", "Conflict", "Budgeting"], "Competency", "descending"),
        ("?sort=-gap", ["Facilitation", "Budgeting", "Conflict"], "Gap", "ascending"),
        ("?sort=demand", ["Conflict", "Budgeting", "Facilitation"], "Demand", "descending"),
        ("?sort=bogus", ["Conflict", "Budgeting", "Facilitation"], "Gap", "descending"),
    ],
)
def test_gap_table_sorts_by_query_and_says_so(
    client, movement, competencies, sort, names, sorted_column, direction
):
    budgeting, facilitation, conflict = competencies
    make_gap(movement, budgeting, demand=4, people=1)
    make_gap(movement, facilitation, demand="2.5")
    make_gap(movement, conflict, demand=6, people=1, learners=1)
    html = client.get(f"/en/overview/{sort}").content.decode()
    assert gap_rows(html) == names
    sorted_headers = re.findall(r'<th scope="col" aria-sort="([a-z]+)"><a href="[^"]*">([^<]*)</a>', html)
    assert sorted_headers == [(direction, sorted_column)]


def test_gap_table_header_reverses_the_sorted_column(client, movement, competencies):
    make_gap(movement, competencies[0], demand=1)
    html = client.get("/en/overview/?sort=name").content.decode()
    assert re.findall(r'<a href="\?sort=([^"#]*)#gaps-heading">', html) == [
        "-name",
        "demand",
        "supply",
        "gap",
    ]


def test_movement_heat_map_has_a_table_alternative(client, movement, nwe_summary, competencies):
    budgeting, facilitation, _conflict = competencies
    make_gap(movement, budgeting, demand=4)
    make_gap(movement, facilitation, demand=2)
    make_gap(nwe_summary, budgeting, demand=4)
    make_gap(nwe_summary, facilitation, demand=2)
    html = client.get("/en/overview/").content.decode()
    heat = section(html, "heatmap-heading")
    assert 'id="movement-heatmap"' in heat
    assert re.findall(r'class="ov-heat ov-heat--(\d)"', heat.split("<details")[0])[:2] == ["4", "2"]
    table = heat.split("<details")[1]
    assert '<th scope="col">Northern and Western Europe</th>' in table
    assert re.findall(r'<tr><th scope="row">([^<]*)</th><td>([^<]*)</td></tr>', table) == [
        ("Budgeting", "4"),
        ("Facilitation", "2"),
    ]


def test_movement_diversity_shows_aggregates_and_small_groups(client, movement):
    html = client.get("/en/overview/").content.decode()
    diversity = section(html, "diversity-heading")
    totals = re.findall(r'<p class="ov-diversity__total">([^<]*)</p>', diversity)
    assert totals == ["12 people", "fewer than 5", "5 people"]
    assert '<tr><th scope="row">Other (each fewer than 5)</th><td>5</td></tr>' in diversity
    assert '<tr><th scope="row">French</th><td>6</td></tr>' in diversity
    assert 'id="movement-diversity-regions"' in diversity


def test_movement_in_arabic_is_right_to_left_and_mirrors_the_charts(client, movement):
    html = client.get("/ar/overview/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    timeline = section(html, "timeline-heading")
    assert 'direction="rtl"' in timeline
    # The first month's bar sits on the right: x = width - 8 - 10 - 32.
    width = int(re.search(r'viewBox="0 0 (\d+) \d+"', timeline).group(1))
    first_x = re.search(r'class="ov-chart__bar ov-chart__bar--ending" x="([\d.]+)"', timeline).group(1)
    assert float(first_x) == width - 50


@pytest.mark.parametrize("count", [1, 3])
def test_movement_query_count_does_not_grow_with_rows(
    client, django_assert_num_queries, movement, nwe_summary, competencies, count
):
    for competency in competencies[:count]:
        make_gap(movement, competency, demand=3)
        make_gap(nwe_summary, competency, demand=3)
        developing_session(competency, title=f"Course of {competency.slug}")
    with django_assert_num_queries(7):
        response = client.get("/en/overview/")
    assert len(gap_rows(response.content.decode())) == count


# --- Region -------------------------------------------------------------------------------------------


def test_region_page_lists_its_organisations(client, nwe_summary, org_a, org_a_summary):
    html = client.get("/en/overview/regions/NWE/").content.decode()
    assert "Leadership overview: Northern and Western Europe" in html
    organizations = section(html, "organizations-heading")
    assert '<a href="/en/overview/organizations/wikimedia-alpha/">Wikimedia Alpha</a>' in organizations
    assert re.findall(r"<td>(\d+)</td>", organizations) == ["2", "3", "2", "0", "0", "0", "0"]


def test_region_unknown_code_is_404(client):
    assert client.get("/en/overview/regions/XX/").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_region_query_count_does_not_grow_with_organisations(
    client, django_assert_num_queries, nwe_summary, competencies, count
):
    for index in range(count):
        organization = OrganizationFactory(region=region("NWE"))
        make_summary(
            ScopeKind.ORGANIZATION,
            f"organization:{organization.pk}",
            region_obj=organization.region,
            organization=organization,
            vacant_seats=index + 1,
        )
        make_gap(nwe_summary, competencies[index], demand=2)
    with django_assert_num_queries(7):
        response = client.get("/en/overview/regions/NWE/")
    assert (
        section(response.content.decode(), "organizations-heading").count("/en/overview/organizations/")
        == count
    )


# --- Organisation ---------------------------------------------------------------------------------------


def test_organization_unknown_slug_is_404(client):
    assert client.get("/en/overview/organizations/no-such-org/").status_code == 404


def test_organization_shows_roles_to_all_and_people_to_its_organizers(client, org_a, organizer_a, plain_user):
    today = timezone.localdate()
    vacant = RoleFactory(organization=org_a, title="Treasurer", title_en="Treasurer", seats=2)
    holder = PersonFactory(display_name="Ada Ending", is_public=False)
    RoleHolderFactory(
        role=vacant,
        person=holder,
        start=today - datetime.timedelta(days=300),
        end=today + datetime.timedelta(days=20),
    )

    client.force_login(plain_user)
    html = client.get("/en/overview/organizations/wikimedia-alpha/").content.decode()
    assert f'<a href="/en/roles/{vacant.pk}/">Treasurer</a>' in section(html, "vacant-heading")
    assert "for its organizers" in section(html, "vacant-heading")
    assert "Ada Ending" not in html
    assert 'id="ending-heading"' not in html

    client.force_login(organizer_a)
    html = client.get("/en/overview/organizations/wikimedia-alpha/").content.decode()
    assert f'<a href="/en/overview/roles/{vacant.pk}/candidates/">Candidates</a>' in section(
        html, "vacant-heading"
    )
    ending = section(html, "ending-heading")
    assert "Ada Ending" in ending
    assert f'<a href="/en/roles/{vacant.pk}/">Treasurer</a>' in ending


def test_hub_overview_says_it_includes_the_organisations_it_serves(client, org_a, org_a_summary):
    hub = OrganizationFactory(
        kind=OrganizationKind.REGIONAL_HUB, slug="hub-north", name="Hub North", name_en="Hub North"
    )
    org_a.hubs.add(hub)
    html = client.get("/en/overview/organizations/hub-north/").content.decode()
    assert "This hub's figures include the organisations it serves." in html
    assert '<a href="/en/overview/organizations/wikimedia-alpha/">Wikimedia Alpha</a>' in section(
        html, "organizations-heading"
    )


@pytest.mark.parametrize("count", [1, 3])
def test_organization_query_count_does_not_grow_with_roles(
    client, django_assert_num_queries, org_a, organizer_a, count
):
    today = timezone.localdate()
    for index in range(count):
        role = RoleFactory(organization=org_a, seats=2, term_limit=1)
        RoleHolderFactory(
            role=role,
            start=today - datetime.timedelta(days=400),
            end=today + datetime.timedelta(days=10 + index),
            term_number=2,
        )
    client.force_login(organizer_a)
    client.get("/en/overview/organizations/wikimedia-alpha/")  # the summary row is computed once
    with django_assert_num_queries(11):
        response = client.get("/en/overview/organizations/wikimedia-alpha/")
    html = response.content.decode()
    assert section(html, "vacant-heading").count("/candidates/") == count
    assert section(html, "ending-heading").count('<tr><th scope="row">') == count


def _hub_serving(organization):
    hub = OrganizationFactory(
        kind=OrganizationKind.REGIONAL_HUB,
        slug="hub-north",
        name="Hub North",
        name_en="Hub North",
        region=organization.region,
    )
    organization.hubs.add(hub)
    return hub


@pytest.fixture
def hub_world(org_a, competencies):
    """A hub serving org_a, whose role "Chair <b>" (3 seats: one filled, one ending within 90 days) requires
    Budgeting (essential, level 3), developed by an upcoming session; refreshed."""
    today = timezone.localdate()
    hub = _hub_serving(org_a)
    org_a.name = org_a.name_en = "Alpha & <Co>"
    org_a.name_fr = "Alpha & <Cie>"
    org_a.save()
    role = RoleFactory(organization=org_a, title="Chair <b>", title_en="Chair <b>", seats=3)
    RoleHolderFactory(role=role, seat=1, start=today - datetime.timedelta(days=100))
    RoleHolderFactory(
        role=role, seat=2, start=today - datetime.timedelta(days=100), end=today + datetime.timedelta(days=10)
    )
    budgeting = competencies[0]
    budgeting.name = budgeting.name_en = "Budgeting & <planning>"
    budgeting.save()
    RoleRequirementFactory(role=role, competency=budgeting, min_level=3, importance=Importance.ESSENTIAL)
    session = developing_session(budgeting, title="Budgets & <you>", days=5)
    overview_refresh()
    return {"hub": hub, "role": role, "session": session, "budgeting": budgeting}


def test_organization_rows_show_each_value_escaped(client, hub_world):
    role, session = hub_world["role"], hub_world["session"]
    html = client.get("/en/overview/organizations/hub-north/").content.decode()
    assert section(html, "vacant-heading").split("<tbody>")[1].split("</tbody>")[0].strip() == (
        f'<tr><th scope="row"><a href="/en/roles/{role.pk}/">Chair &lt;b&gt;</a></th>'
        "<td>Alpha &amp; &lt;Co&gt;</td><td>1</td><td>1</td>"
        '<td><span class="ov-muted">for its organizers</span></td></tr>'
    )
    assert (
        f'<li><a href="/en/roles/{role.pk}/">Chair &lt;b&gt;</a> <span class="ov-muted">Alpha &amp; &lt;Co&gt;</span></li>'
        in section(html, "successor-heading")
    )
    day = formats.date_format(timezone.localtime(session.starts_at).date(), "DATE_FORMAT")
    assert section(html, "gaps-heading").split("<tbody>")[1].split("</tbody>")[0].strip() == (
        '<tr class="ov-gap-row"><th scope="row">'
        '<a href="/en/competencies/budgeting/">Budgeting &amp; &lt;planning&gt;</a>'
        ' <span class="ov-muted">Governance</span></th><td>3</td>'
        '<td>2 <span class="ov-muted">(2 seats)</span></td><td>0 people, 0 learners</td>'
        '<td class="ov-gap-value ov-gap-value--open">2</td>'
        f'<td><ul class="ov-session-list"><li><a href="/en/training/sessions/{session.pk}/">Budgets &amp; &lt;you&gt;</a>'
        f' <span class="ov-muted">{day}</span></li></ul></td></tr>'
    )


def test_organization_rows_in_french(client, hub_world):
    role, session = hub_world["role"], hub_world["session"]
    html = client.get("/fr/overview/organizations/hub-north/").content.decode()
    vacant = section(html, "vacant-heading")
    assert "<td>Alpha &amp; &lt;Cie&gt;</td>" in vacant
    assert '<span class="ov-muted">réservé à ses organisateurs</span>' in vacant
    gaps = section(html, "gaps-heading")
    assert '<span class="ov-muted">(2 sièges)</span>' in gaps
    assert "<td>0 personnes, 0 apprenants</td>" in gaps
    with translation.override("fr"):
        day = formats.date_format(timezone.localtime(session.starts_at).date(), "DATE_FORMAT")
    assert (
        f'/fr/training/sessions/{session.pk}/">Budgets &amp; &lt;you&gt;</a> <span class="ov-muted">{day}</span>'
        in gaps
    )
    assert f'<a href="/fr/roles/{role.pk}/">Chair &lt;b&gt;</a>' in section(html, "successor-heading")


def test_organization_rows_link_candidates_for_its_organizers(client, hub_world, organizer_a):
    role = hub_world["role"]
    client.force_login(organizer_a)
    html = client.get("/en/overview/organizations/wikimedia-alpha/").content.decode()
    row = section(html, "vacant-heading").split("<tbody>")[1].split("</tbody>")[0].strip()
    # a plain organisation's table has no organisation column
    assert row == (
        f'<tr><th scope="row"><a href="/en/roles/{role.pk}/">Chair &lt;b&gt;</a></th><td>1</td><td>1</td>'
        f'<td><a href="/en/overview/roles/{role.pk}/candidates/">Candidates</a></td></tr>'
    )
    assert f'<li><a href="/en/roles/{role.pk}/">Chair &lt;b&gt;</a></li>' in section(
        html, "successor-heading"
    )


def _vacant_figure(html: str) -> str:
    return re.search(r'ov-stat--vacant"><span class="stat__value">([^<]*)</span>', html).group(1)


def test_organization_figures_are_rendered_once_per_refresh_and_lists_stay_live(client, org_a):
    RoleFactory(organization=org_a, seats=2, title="First", title_en="First")
    overview_refresh()
    page = "/en/overview/organizations/wikimedia-alpha/"
    first = client.get(page).content.decode()
    assert _vacant_figure(first) == "2"
    assert ">First</a>" in section(first, "vacant-heading")

    # A figure changed without a refresh (its version unchanged): the page keeps the figures it rendered,
    # while the lists below read the registry on every request.
    ScopeSummary.objects.filter(key=f"organization:{org_a.pk}").update(vacant_seats=99)
    RoleFactory(organization=org_a, seats=1, title="Second", title_en="Second")
    again = client.get(page).content.decode()
    assert _vacant_figure(again) == "2"
    assert ">Second</a>" in section(again, "vacant-heading")
    assert "Renewal at a glance" in again

    overview_refresh()
    assert _vacant_figure(client.get(page).content.decode()) == "3"
    french = client.get("/fr/overview/organizations/wikimedia-alpha/").content.decode()
    assert "Le renouvellement en un coup d'œil" in french  # the figures of each language apart
    assert _vacant_figure(french) == "3"


def test_organization_gap_rows_are_the_summarys_and_their_sessions_live(client, org_a, competencies):
    budgeting = competencies[0]
    RoleRequirementFactory(role=RoleFactory(organization=org_a, seats=2), competency=budgeting, min_level=3)
    overview_refresh()
    page = "/en/overview/organizations/wikimedia-alpha/"
    assert gap_rows(client.get(page).content.decode()) == ["Budgeting"]

    # A session scheduled since shows at once; the gap's own figures and names are the summary's, until the
    # next refresh.
    session = developing_session(budgeting, title="Budgets", days=3)
    budgeting.name = budgeting.name_en = "Budget planning"
    budgeting.save()
    html = client.get(page).content.decode()
    assert gap_rows(html) == ["Budgeting"]
    assert f'<a href="/en/training/sessions/{session.pk}/">Budgets</a>' in section(html, "gaps-heading")

    overview_refresh()
    assert gap_rows(client.get(page).content.decode()) == ["Budget planning"]


@pytest.mark.parametrize("count", [1, 3])
def test_hub_overview_query_count_does_not_grow(
    client, django_assert_num_queries, org_a, competencies, count
):
    hub = _hub_serving(org_a)
    for index in range(count):
        role = RoleFactory(organization=org_a if index % 2 else hub, seats=2)
        RoleRequirementFactory(role=role, competency=competencies[index], min_level=3)
        developing_session(competencies[index], title=f"Course {index}")
    overview_refresh()
    client.get("/en/overview/organizations/hub-north/")  # figures rendered once per refresh
    # the organisation with its figures, the organisations it serves, vacant roles, no one ready, sessions
    # (the gaps' rows are the summary's, rendered with its figures)
    with django_assert_num_queries(5):
        response = client.get("/en/overview/organizations/hub-north/")
    html = response.content.decode()
    assert section(html, "vacant-heading").count('<tr><th scope="row">') == count
    assert section(html, "successor-heading").count("<li>") == count
    assert len(gap_rows(html)) == count
    assert html.count('<ul class="ov-session-list">') == count


# --- Candidates and invitations ---------------------------------------------------------------------------


@pytest.fixture
def role_with_candidates(org_a, category):
    competency = CompetencyFactory(name="Budgeting", name_en="Budgeting", slug="budgeting", category=category)
    role = RoleFactory(organization=org_a, title="Treasurer", title_en="Treasurer")
    RoleRequirementFactory(role=role, competency=competency, min_level=3)
    return role, competency


def add_candidate(role, competency, name, level, source=CompetencySource.ORGANIZER):
    person = PersonFactory(display_name=name, is_public=True)
    PersonCompetencyFactory(person=person, competency=competency, level=level, source=source)
    return person


def test_candidates_are_ranked_with_their_gap(client, organizer_a, role_with_candidates):
    role, competency = role_with_candidates
    add_candidate(role, competency, "Bea Close", 2)
    add_candidate(role, competency, "Ann Ready", 3)
    add_candidate(role, competency, "Cid Self", 4, source=CompetencySource.SELF_ASSESSED)
    client.force_login(organizer_a)
    html = client.get(f"/en/overview/roles/{role.pk}/candidates/").content.decode()
    names = re.findall(r'<a href="/en/people/\d+/">([^<]*)</a>', html)
    assert names == ["Ann Ready", "Bea Close", "Cid Self"]
    assert "needs 3, 1 level missing" in html
    assert "(self-assessed 4)" in html
    # No open call: no invitation button, and the page says how to get one.
    assert "Invite to nominate" not in html
    assert "Open a call for nominations for this role to invite candidates to be nominated." in html


def test_invite_to_nominate_sends_once_and_shows_invited_on(
    client, organizer_a, role_with_candidates, mailoutbox
):
    role, competency = role_with_candidates
    NominationCallFactory(organization=role.organization, roles=[role])
    person = add_candidate(role, competency, "Ann Ready", 3)
    client.force_login(organizer_a)
    page = f"/en/overview/roles/{role.pk}/candidates/"
    assert "Invite to nominate" in client.get(page).content.decode()

    response = client.post(f"{page}{person.pk}/invite/", follow=True)
    html = response.content.decode()
    today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    assert response.redirect_chain == [(page, 302)]
    assert f"Ann Ready was invited on {today} to be nominated for Treasurer." in html
    assert f'<span class="ov-invited">invited on {today}</span>' in html
    assert "Invite to nominate" not in html
    assert NominationInvite.objects.filter(role=role, person=person).count() == 1


def test_invite_without_an_open_call_shows_the_error(client, staff_user, role_with_candidates):
    """A superuser passes every permission; the service still refuses a role without an open call."""
    role, competency = role_with_candidates
    person = add_candidate(role, competency, "Ann Ready", 3)
    client.force_login(staff_user)
    response = client.post(f"/en/overview/roles/{role.pk}/candidates/{person.pk}/invite/", follow=True)
    assert (
        "This role has no open call for nominations: open one before inviting." in response.content.decode()
    )
    assert NominationInvite.objects.count() == 0


def test_invite_without_an_email_address_shows_the_error(client, organizer_a, role_with_candidates):
    role, competency = role_with_candidates
    NominationCallFactory(organization=role.organization, roles=[role])
    person = add_candidate(role, competency, "Ann Ready", 3)
    person.email = ""
    person.save(update_fields=["email"])
    client.force_login(organizer_a)
    response = client.post(f"/en/overview/roles/{role.pk}/candidates/{person.pk}/invite/", follow=True)
    assert "This person has no email address: they cannot be invited." in response.content.decode()
    assert NominationInvite.objects.count() == 0


def test_invite_returns_to_a_safe_next_page_only(client, organizer_a, role_with_candidates):
    role, competency = role_with_candidates
    NominationCallFactory(organization=role.organization, roles=[role])
    person = add_candidate(role, competency, "Ann Ready", 3)
    client.force_login(organizer_a)
    url = f"/en/overview/roles/{role.pk}/candidates/{person.pk}/invite/"
    response = client.post(url, {"next": "https://evil.example.org/"})
    assert response["Location"] == f"/en/overview/roles/{role.pk}/candidates/"
    response = client.post(url, {"next": "//\x0b"})  # redirected to "//%0B" before
    assert response["Location"] == f"/en/overview/roles/{role.pk}/candidates/"
    response = client.post(url, {"next": "/en/overview/organizations/wikimedia-alpha/"})
    assert response["Location"] == "/en/overview/organizations/wikimedia-alpha/"


def test_invite_unknown_person_is_404(client, organizer_a, role_with_candidates):
    role, _competency = role_with_candidates
    NominationCallFactory(organization=role.organization, roles=[role])
    client.force_login(organizer_a)
    assert client.post(f"/en/overview/roles/{role.pk}/candidates/999999/invite/").status_code == 404


def test_candidates_unknown_role_is_404(client, organizer_a):
    client.force_login(organizer_a)
    assert client.get("/en/overview/roles/999999/candidates/").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_candidates_query_count_does_not_grow(
    client, django_assert_num_queries, organizer_a, role_with_candidates, count
):
    role, competency = role_with_candidates
    NominationCallFactory(organization=role.organization, roles=[role])
    for index in range(count):
        add_candidate(role, competency, f"Candidate {index}", 2 + index % 2)
    client.force_login(organizer_a)
    with django_assert_num_queries(12):
        response = client.get(f"/en/overview/roles/{role.pk}/candidates/")
    assert response.content.decode().count('class="ov-candidate"') == count


# --- Peer learning and my development ---------------------------------------------------------------------


def wants_and_mentors(competency, wanting, mentoring):
    for index in range(wanting):
        PersonFactory(display_name=f"Learner {index}", is_public=True).wants_to_develop.add(competency)
    for index in range(mentoring):
        PersonFactory(display_name=f"Mentor {index}", is_public=True).can_mentor.add(competency)


def test_peers_lists_competencies_most_wanted_first(client, plain_user, competencies):
    budgeting, facilitation, _conflict = competencies
    wants_and_mentors(budgeting, 1, 2)
    wants_and_mentors(facilitation, 3, 0)
    client.force_login(plain_user)
    html = client.get("/en/overview/competencies/").content.decode()
    rows = re.findall(
        r'<tr><th scope="row"><a href="([^"]*)">([^<]*)</a></th><td>(\d+)</td><td>(\d+)</td></tr>', html
    )
    assert rows == [
        ("/en/overview/competencies/facilitation/", "Facilitation", "3", "0"),
        ("/en/overview/competencies/budgeting/", "Budgeting", "1", "2"),
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_peers_query_count_does_not_grow(client, django_assert_num_queries, plain_user, competencies, count):
    for competency in competencies[:count]:
        wants_and_mentors(competency, 1, 1)
    client.force_login(plain_user)
    with django_assert_num_queries(4):
        response = client.get("/en/overview/competencies/")
    assert response.content.decode().count('<tr><th scope="row"><a href="/en/overview/competencies/') == count


def test_peer_competency_lists_learners_and_mentors(client, plain_user, competencies):
    budgeting = competencies[0]
    wants_and_mentors(budgeting, 2, 1)
    client.force_login(plain_user)
    html = client.get("/en/overview/competencies/budgeting/").content.decode()
    assert re.findall(r'<a href="/en/people/\d+/">([^<]*)</a>', section(html, "learners-heading")) == [
        "Learner 0",
        "Learner 1",
    ]
    assert re.findall(r'<a href="/en/people/\d+/">([^<]*)</a>', section(html, "mentors-heading")) == [
        "Mentor 0"
    ]


def test_peer_competency_unknown_slug_is_404(client, plain_user):
    client.force_login(plain_user)
    assert client.get("/en/overview/competencies/no-such-thing/").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_peer_competency_query_count_does_not_grow(
    client, django_assert_num_queries, plain_user, competencies, count
):
    wants_and_mentors(competencies[0], count, count)
    client.force_login(plain_user)
    with django_assert_num_queries(10):
        response = client.get("/en/overview/competencies/budgeting/")
    assert response.content.decode().count('class="request-list__item"') == 2 * count


def test_my_development_suggests_mentors_and_trainings(client, org_a, competencies):
    budgeting, facilitation, _conflict = competencies
    user = UserFactory(username="learner")
    MembershipFactory(person=user.person, organization=org_a, capacity=Capacity.MEMBER)
    user.person.wants_to_develop.add(facilitation)
    wants_and_mentors(facilitation, 0, 1)
    role = RoleFactory(organization=org_a, title="Treasurer", title_en="Treasurer")
    RoleRequirementFactory(role=role, competency=budgeting, min_level=3)
    session = developing_session(budgeting, title="Budgeting basics")
    client.force_login(user)
    html = client.get("/en/overview/me/").content.decode()
    wanted = section(html, "wanted-heading")
    assert '<a href="/en/overview/competencies/facilitation/">Facilitation</a>' in wanted
    assert "Mentor 0" in wanted
    roles = section(html, "roles-heading")
    assert f'<a href="/en/roles/{role.pk}/">Treasurer</a>' in roles
    assert f'<a href="/en/training/sessions/{session.pk}/">Budgeting basics</a>' in roles


def test_profile_page_links_to_my_development(client, plain_user):
    client.force_login(plain_user)
    html = client.get(reverse("roles:me")).content.decode()
    assert 'href="/en/overview/me/"' in html


def test_organisation_page_links_to_its_overview(client, org_a):
    html = client.get(reverse("roles:organization_detail", kwargs={"slug": org_a.slug})).content.decode()
    assert 'href="/en/overview/organizations/wikimedia-alpha/"' in html


def test_main_navigation_links_the_overview(client):
    html = client.get("/en/overview/").content.decode()
    assert '<a href="/en/overview/" aria-current="page">Overview</a>' in html


@pytest.mark.parametrize("count", [1, 3])
def test_my_development_query_count_does_not_grow(
    client, django_assert_num_queries, org_a, competencies, count
):
    user = UserFactory(username="learner")
    MembershipFactory(person=user.person, organization=org_a, capacity=Capacity.MEMBER)
    for competency in competencies[:count]:
        user.person.wants_to_develop.add(competency)
        wants_and_mentors(competency, 0, 1)
        role = RoleFactory(organization=org_a)
        RoleRequirementFactory(role=role, competency=competency, min_level=3)
        developing_session(competency, title=f"Course of {competency.slug}")
    client.force_login(user)
    with django_assert_num_queries(10):
        response = client.get("/en/overview/me/")
    html = response.content.decode()
    assert html.count('class="request-list__item ov-wanted"') == count
    assert html.count('class="request-list__item ov-role-gap"') == count


def test_emerging_leaders_show_to_organizers_with_an_invitation(client, org_a, organizer_a, plain_user):
    role = RoleFactory(organization=org_a, title="Secretary", title_en="Secretary", open_for_nominations=True)
    NominationCallFactory(organization=org_a, roles=[role])
    person = PersonFactory(display_name="Eve Emerging", is_public=True)
    MembershipFactory(person=person, organization=org_a, capacity=Capacity.MEMBER)
    person.can_mentor.add(CompetencyFactory(slug="mentoring"))

    client.force_login(plain_user)
    assert "Eve Emerging" not in client.get("/en/overview/organizations/wikimedia-alpha/").content.decode()

    client.force_login(organizer_a)
    html = client.get("/en/overview/organizations/wikimedia-alpha/").content.decode()
    emerging = section(html, "emerging-heading")
    assert f'<a href="/en/people/{person.pk}/">Eve Emerging</a>' in emerging
    assert f'<a href="/en/roles/{role.pk}/">Secretary</a>' in emerging
    assert f'action="/en/overview/roles/{role.pk}/candidates/{person.pk}/invite/"' in emerging
    assert '<input type="hidden" name="next" value="/en/overview/organizations/wikimedia-alpha/">' in emerging
