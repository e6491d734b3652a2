"""The authorization matrix: every URL pattern of the project, as every actor, against a declared table.

A pattern without an entry fails `test_every_url_pattern_has_an_entry`, so every new page joins the table.
Columns: anonymous, plain user, organizer of A, organizer of B, hub coordinator of A, staff.
Admin pages are covered as one group (every admin pattern starts with "admin/").
The world the cases run in is built once per module (`world_fixtures`), each case in a savepoint of it.
"""

from __future__ import annotations

import copy
import importlib
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from leadership.common.emails import unsubscribe_token
from nominations.enums import NominationState
from roles.enums import Capacity, MembershipRequestKind, OrganizationStatus
from tests.factories import (
    MembershipFactory,
    MembershipRequestFactory,
    OrganizationFactory,
    PersonFactory,
    actors,
)
from tests.factories.nominations import (
    EndorsementFactory,
    NominationCallFactory,
    NominationFactory,
    ReviewFactory,
)
from tests.factories.registry import CompetencyFactory, RoleFactory, RoleHolderFactory, RoleTemplateFactory
from tests.factories.training import EnrollmentFactory, TrainingSessionFactory

ACTORS = ("anonymous", "plain", "organizer_a", "organizer_b", "hub_coordinator_a", "staff")
LANG_PREFIX = "en/"


@dataclass(frozen=True)
class Spec:
    url: Callable[[dict[str, Any]], str]
    get: tuple[int, ...] | None = None
    post: tuple[int, ...] | None = None
    post_data: dict[str, Any] = field(default_factory=dict)
    method_other: tuple[str, tuple[int, ...]] | None = None  # e.g. ("patch", (...)) for the API


def same(status: int) -> tuple[int, ...]:
    return (status,) * len(ACTORS)


def named(name: str, **kwargs: Callable[[dict[str, Any]], Any]) -> Callable[[dict[str, Any]], str]:
    return lambda w: reverse(name, kwargs={key: value(w) for key, value in kwargs.items()})


def fixed(path: str) -> Callable[[dict[str, Any]], str]:
    return lambda w: path


SIGNED_IN_ONLY = (302, 200, 200, 200, 200, 200)
ORGANIZERS_OF_A = (302, 403, 200, 403, 403, 200)
POST_ONLY_ORGANIZERS_OF_A = (302, 403, 405, 403, 403, 405)
slug_a: Callable[[dict[str, Any]], Any] = lambda w: w["org_a"].slug  # noqa: E731
role_pk: Callable[[dict[str, Any]], Any] = lambda w: w["role"].pk  # noqa: E731
holder_pk: Callable[[dict[str, Any]], Any] = lambda w: w["holder"].pk  # noqa: E731

MATRIX: dict[str, Spec] = {
    # --- project package ---
    "home": Spec(named("home"), get=same(200)),
    "health_live": Spec(named("health_live"), get=same(200)),
    "health_ready": Spec(named("health_ready"), get=same(200)),
    "metrics": Spec(named("metrics"), get=same(404), post=same(404)),  # no scraper configured: as if absent
    "api_schema": Spec(named("api_schema"), get=same(200)),
    "api_docs": Spec(named("api_docs"), get=same(200)),
    "api-root": Spec(fixed("/api/v1/"), get=same(200)),
    "api-root:format": Spec(fixed("/api/v1/.json"), get=same(200)),
    "api-not-found": Spec(fixed("/api/v1/no-such-thing/"), get=same(404)),
    "common:lookup": Spec(
        lambda w: reverse("common:lookup", kwargs={"source": "competencies"}) + "?q=a", get=same(200)
    ),
    "common:unsubscribe": Spec(
        lambda w: reverse(
            "common:unsubscribe", args=[unsubscribe_token(address="x@example.org", kind="account")]
        ),
        get=same(200),
        post=same(200),
    ),
    # --- REST API ---
    "region-list": Spec(fixed("/api/v1/regions/"), get=same(200), post=same(405)),
    "region-list:format": Spec(fixed("/api/v1/regions.json"), get=same(200)),
    "region-detail": Spec(fixed("/api/v1/regions/NWE/"), get=same(200)),
    "region-detail:format": Spec(fixed("/api/v1/regions/NWE.json"), get=same(200)),
    "organization-list": Spec(
        fixed("/api/v1/organizations/"),
        get=same(200),
        post=(401, 201, 201, 201, 201, 201),
        post_data={"name_en": "Wikimedia Matrix", "kind": "user_group", "region": "CEE"},
    ),
    "organization-list:format": Spec(fixed("/api/v1/organizations.json"), get=same(200)),
    "organization-detail": Spec(
        lambda w: f"/api/v1/organizations/{w['org_a'].slug}/",
        get=same(200),
        method_other=("patch", (401, 403, 200, 403, 403, 200)),
    ),
    "organization-detail:delete": Spec(
        lambda w: f"/api/v1/organizations/{w['org_b'].slug}/",
        method_other=("delete", (401, 403, 403, 403, 403, 204)),
    ),
    "organization-detail:proposed": Spec(
        lambda w: f"/api/v1/organizations/{w['proposed'].slug}/", get=(404, 404, 404, 404, 404, 200)
    ),
    "organization-detail:format": Spec(
        lambda w: f"/api/v1/organizations/{w['org_a'].slug}.json", get=same(200)
    ),
    "competency-category-list": Spec(fixed("/api/v1/competency-categories/"), get=same(200)),
    "competency-category-list:format": Spec(fixed("/api/v1/competency-categories.json"), get=same(200)),
    "competency-category-detail": Spec(
        lambda w: f"/api/v1/competency-categories/{w['competency'].category.slug}/",
        get=same(200),
        method_other=("patch", (401, 403, 403, 403, 403, 200)),
    ),
    "competency-category-detail:format": Spec(
        lambda w: f"/api/v1/competency-categories/{w['competency'].category.slug}.json", get=same(200)
    ),
    "competency-list": Spec(
        fixed("/api/v1/competencies/"), get=same(200), post=(401, 403, 403, 403, 403, 400)
    ),
    "competency-list:format": Spec(fixed("/api/v1/competencies.json"), get=same(200)),
    "competency-detail": Spec(
        lambda w: f"/api/v1/competencies/{w['competency'].slug}/",
        get=same(200),
        method_other=("delete", (401, 403, 403, 403, 403, 204)),
    ),
    "competency-detail:format": Spec(
        lambda w: f"/api/v1/competencies/{w['competency'].slug}.json", get=same(200)
    ),
    "proficiency-level-list": Spec(fixed("/api/v1/proficiency-levels/"), get=same(200)),
    "proficiency-level-list:format": Spec(fixed("/api/v1/proficiency-levels.json"), get=same(200)),
    "proficiency-level-detail": Spec(fixed("/api/v1/proficiency-levels/2/"), get=same(200)),
    "proficiency-level-detail:format": Spec(fixed("/api/v1/proficiency-levels/2.json"), get=same(200)),
    "role-template-list": Spec(fixed("/api/v1/role-templates/"), get=same(200)),
    "role-template-list:format": Spec(fixed("/api/v1/role-templates.json"), get=same(200)),
    "role-template-detail": Spec(lambda w: f"/api/v1/role-templates/{w['template'].slug}/", get=same(200)),
    "role-template-detail:format": Spec(
        lambda w: f"/api/v1/role-templates/{w['template'].slug}.json", get=same(200)
    ),
    "role-list": Spec(
        fixed("/api/v1/roles/"),
        get=same(200),
        post=(401, 403, 201, 403, 403, 201),
        post_data={"organization": "wikimedia-alpha", "title_en": "Matrix treasurer", "requirements": []},
    ),
    "role-list:format": Spec(fixed("/api/v1/roles.json"), get=same(200)),
    "role-detail": Spec(
        lambda w: f"/api/v1/roles/{w['role'].pk}/",
        get=same(200),
        method_other=("patch", (401, 403, 200, 403, 403, 200)),
    ),
    "role-detail:delete": Spec(
        lambda w: f"/api/v1/roles/{w['role'].pk}/", method_other=("delete", (401, 403, 204, 403, 403, 204))
    ),
    "role-detail:format": Spec(lambda w: f"/api/v1/roles/{w['role'].pk}.json", get=same(200)),
    "person-list": Spec(fixed("/api/v1/people/"), get=same(200)),
    "person-list:format": Spec(fixed("/api/v1/people.json"), get=same(200)),
    "person-detail": Spec(lambda w: f"/api/v1/people/{w['public_person'].pk}/", get=same(200)),
    "person-detail:private": Spec(
        lambda w: f"/api/v1/people/{w['private_person'].pk}/", get=(404, 404, 404, 404, 404, 200)
    ),
    "person-detail:format": Spec(lambda w: f"/api/v1/people/{w['public_person'].pk}.json", get=same(200)),
    "role-holder-list": Spec(fixed("/api/v1/role-holders/"), get=same(200)),
    "role-holder-list:format": Spec(fixed("/api/v1/role-holders.json"), get=same(200)),
    "role-holder-detail": Spec(
        lambda w: f"/api/v1/role-holders/{w['holder'].pk}/",
        get=same(200),
        method_other=("delete", (401, 403, 204, 403, 403, 204)),
    ),
    "role-holder-detail:format": Spec(lambda w: f"/api/v1/role-holders/{w['holder'].pk}.json", get=same(200)),
    # --- REST API: nominations (nominations are never public: signed-in readers see what the rules allow) ---
    "nomination-call-list": Spec(fixed("/api/v1/nomination-calls/"), get=same(200), post=same(405)),
    "nomination-call-list:format": Spec(fixed("/api/v1/nomination-calls.json"), get=same(200)),
    "nomination-call-detail": Spec(lambda w: f"/api/v1/nomination-calls/{w['call'].pk}/", get=same(200)),
    "nomination-call-detail:format": Spec(
        lambda w: f"/api/v1/nomination-calls/{w['call'].pk}.json", get=same(200)
    ),
    "nomination-list": Spec(
        fixed("/api/v1/nominations/"), get=(401, 200, 200, 200, 200, 200), post=(401, 400, 400, 400, 400, 400)
    ),
    "nomination-list:format": Spec(fixed("/api/v1/nominations.json"), get=(401, 200, 200, 200, 200, 200)),
    "nomination-detail": Spec(
        lambda w: f"/api/v1/nominations/{w['nomination'].pk}/", get=(401, 404, 200, 404, 404, 200)
    ),
    "nomination-detail:format": Spec(
        lambda w: f"/api/v1/nominations/{w['nomination'].pk}.json", get=(401, 404, 200, 404, 404, 200)
    ),
    "endorsement-list": Spec(
        fixed("/api/v1/endorsements/"),
        get=(401, 200, 200, 200, 200, 200),
        post=(401, 400, 400, 400, 400, 400),
    ),
    "endorsement-list:format": Spec(fixed("/api/v1/endorsements.json"), get=(401, 200, 200, 200, 200, 200)),
    "endorsement-detail": Spec(
        lambda w: f"/api/v1/endorsements/{w['endorsement'].pk}/", get=(401, 404, 200, 404, 404, 200)
    ),
    "endorsement-detail:format": Spec(
        lambda w: f"/api/v1/endorsements/{w['endorsement'].pk}.json", get=(401, 404, 200, 404, 404, 200)
    ),
    "review-list": Spec(
        fixed("/api/v1/reviews/"), get=(401, 200, 200, 200, 200, 200), post=(401, 400, 400, 400, 400, 400)
    ),
    "review-list:format": Spec(fixed("/api/v1/reviews.json"), get=(401, 200, 200, 200, 200, 200)),
    "review-detail": Spec(lambda w: f"/api/v1/reviews/{w['review'].pk}/", get=(401, 404, 200, 404, 404, 200)),
    "review-detail:format": Spec(
        lambda w: f"/api/v1/reviews/{w['review'].pk}.json", get=(401, 404, 200, 404, 404, 200)
    ),
    # --- REST API: training (a learner's enrollment is theirs and their session's managers', none else) ---
    "course-list": Spec(fixed("/api/v1/courses/"), get=same(200), post=same(405)),
    "course-list:format": Spec(fixed("/api/v1/courses.json"), get=same(200)),
    "course-detail": Spec(lambda w: f"/api/v1/courses/{w['enrollment'].session.course_id}/", get=same(200)),
    "course-detail:format": Spec(
        lambda w: f"/api/v1/courses/{w['enrollment'].session.course_id}.json", get=same(200)
    ),
    "training-session-list": Spec(fixed("/api/v1/training-sessions/"), get=same(200), post=same(405)),
    "training-session-list:format": Spec(fixed("/api/v1/training-sessions.json"), get=same(200)),
    "training-session-detail": Spec(
        lambda w: f"/api/v1/training-sessions/{w['enrollment'].session_id}/", get=same(200)
    ),
    "training-session-detail:draft": Spec(
        lambda w: f"/api/v1/training-sessions/{w['draft_session'].pk}/", get=(404, 404, 200, 404, 200, 200)
    ),
    "training-session-detail:format": Spec(
        lambda w: f"/api/v1/training-sessions/{w['enrollment'].session_id}.json", get=same(200)
    ),
    "enrollment-list": Spec(
        fixed("/api/v1/enrollments/"), get=(401, 200, 200, 200, 200, 200), post=(401, 400, 400, 400, 400, 400)
    ),
    "enrollment-list:format": Spec(fixed("/api/v1/enrollments.json"), get=(401, 200, 200, 200, 200, 200)),
    "enrollment-detail": Spec(
        lambda w: f"/api/v1/enrollments/{w['enrollment'].pk}/", get=(401, 200, 200, 404, 200, 200)
    ),
    "enrollment-detail:format": Spec(
        lambda w: f"/api/v1/enrollments/{w['enrollment'].pk}.json", get=(401, 200, 200, 404, 200, 200)
    ),
    "enrollment-cancel": Spec(
        lambda w: f"/api/v1/enrollments/{w['enrollment'].pk}/cancel/",
        get=(401, 405, 405, 405, 405, 405),
        post=(401, 200, 200, 404, 200, 200),
    ),
    "enrollment-cancel:format": Spec(
        lambda w: f"/api/v1/enrollments/{w['enrollment'].pk}/cancel.json", post=(401, 200, 200, 404, 200, 200)
    ),
    # --- roles: organisations ---
    "roles:organization_list": Spec(named("roles:organization_list"), get=same(200)),
    "roles:organization_propose": Spec(named("roles:organization_propose"), get=SIGNED_IN_ONLY),
    "roles:organization_detail": Spec(named("roles:organization_detail", slug=slug_a), get=same(200)),
    "roles:organization_detail:proposed": Spec(
        named("roles:organization_detail", slug=lambda w: w["proposed"].slug),
        get=(404, 404, 404, 404, 404, 200),
    ),
    "roles:organization_edit": Spec(named("roles:organization_edit", slug=slug_a), get=ORGANIZERS_OF_A),
    "roles:organization_join": Spec(
        named("roles:organization_join", slug=slug_a), get=(302, 200, 403, 200, 403, 200)
    ),
    "roles:organization_members": Spec(named("roles:organization_members", slug=slug_a), get=ORGANIZERS_OF_A),
    "roles:organization_invite": Spec(
        named("roles:organization_invite", slug=slug_a), get=POST_ONLY_ORGANIZERS_OF_A
    ),
    "roles:membership_change": Spec(
        named("roles:membership_change", slug=slug_a, pk=lambda w: w["membership"].pk),
        get=POST_ONLY_ORGANIZERS_OF_A,
    ),
    "roles:membership_remove": Spec(
        named("roles:membership_remove", slug=slug_a, pk=lambda w: w["membership"].pk),
        get=POST_ONLY_ORGANIZERS_OF_A,
    ),
    "roles:membership_request_decide": Spec(
        named("roles:membership_request_decide", pk=lambda w: w["join_request"].pk),
        get=POST_ONLY_ORGANIZERS_OF_A,
    ),
    "roles:membership_request_cancel": Spec(
        named("roles:membership_request_cancel", pk=lambda w: w["invitation"].pk),
        get=POST_ONLY_ORGANIZERS_OF_A,
    ),
    "roles:invitation": Spec(
        named("roles:invitation", pk=lambda w: w["invitation"].pk), get=(302, 200, 403, 403, 403, 200)
    ),
    # --- roles: competencies, roles, holders, templates, matrix, import and export ---
    "roles:competency_list": Spec(named("roles:competency_list"), get=same(200)),
    "roles:competency_detail": Spec(
        named("roles:competency_detail", slug=lambda w: w["competency"].slug), get=same(200)
    ),
    "roles:role_list": Spec(named("roles:role_list"), get=same(200)),
    "roles:role_export_csv": Spec(named("roles:role_export_csv"), get=same(200)),
    "roles:role_export_json": Spec(named("roles:role_export_json"), get=same(200)),
    "roles:role_detail": Spec(named("roles:role_detail", pk=role_pk), get=same(200)),
    "roles:role_edit": Spec(named("roles:role_edit", pk=role_pk), get=ORGANIZERS_OF_A, post=ORGANIZERS_OF_A),
    "roles:role_delete": Spec(
        named("roles:role_delete", pk=role_pk), get=ORGANIZERS_OF_A, post=(302, 403, 302, 403, 403, 302)
    ),
    "roles:role_holders": Spec(
        named("roles:role_holders", pk=role_pk), get=ORGANIZERS_OF_A, post=ORGANIZERS_OF_A
    ),
    "roles:role_holder_edit": Spec(
        named("roles:role_holder_edit", pk=role_pk, holder_pk=holder_pk),
        get=ORGANIZERS_OF_A,
        post=ORGANIZERS_OF_A,
    ),
    "roles:role_holder_end": Spec(
        named("roles:role_holder_end", pk=role_pk, holder_pk=holder_pk),
        get=POST_ONLY_ORGANIZERS_OF_A,
        post=(302, 403, 302, 403, 403, 302),
    ),
    "roles:role_holder_delete": Spec(
        named("roles:role_holder_delete", pk=role_pk, holder_pk=holder_pk),
        get=ORGANIZERS_OF_A,
        post=(302, 403, 302, 403, 403, 302),
    ),
    "roles:role_create": Spec(
        named("roles:role_create", slug=slug_a), get=ORGANIZERS_OF_A, post=ORGANIZERS_OF_A
    ),
    "roles:role_adapt": Spec(
        named("roles:role_adapt", slug=slug_a), get=ORGANIZERS_OF_A, post=ORGANIZERS_OF_A
    ),
    "roles:organization_matrix": Spec(named("roles:organization_matrix", slug=slug_a), get=same(200)),
    "roles:organization_matrix:proposed": Spec(
        named("roles:organization_matrix", slug=lambda w: w["proposed"].slug),
        get=(404, 404, 404, 404, 404, 200),
    ),
    "roles:role_template_list": Spec(named("roles:role_template_list"), get=same(200)),
    "roles:role_template_detail": Spec(
        named("roles:role_template_detail", slug=lambda w: w["template"].slug), get=same(200)
    ),
    "roles:role_import": Spec(named("roles:role_import", slug=slug_a), get=ORGANIZERS_OF_A),
    "roles:role_import_confirm": Spec(
        named("roles:role_import_confirm", slug=slug_a), get=POST_ONLY_ORGANIZERS_OF_A
    ),
    "roles:role_import_template": Spec(named("roles:role_import_template", slug=slug_a), get=ORGANIZERS_OF_A),
    # --- roles: people and the signed-in person ---
    "roles:person_detail": Spec(
        named("roles:person_detail", pk=lambda w: w["private_person"].pk), get=(404, 404, 404, 404, 404, 200)
    ),
    "roles:person_detail:public": Spec(
        named("roles:person_detail", pk=lambda w: w["public_person"].pk), get=same(200)
    ),
    "roles:people_list": Spec(named("roles:people_list"), get=same(200)),
    "roles:person_confirm_competency": Spec(
        named("roles:person_confirm_competency", pk=lambda w: w["membership"].person.pk),
        get=same(405),
        post=(302, 403, 200, 403, 403, 200),  # an empty form comes back with its errors
    ),
    "roles:person_confirm_competency:private": Spec(
        named("roles:person_confirm_competency", pk=lambda w: w["private_person"].pk),
        post=(404, 404, 404, 404, 404, 200),
    ),
    "roles:person_gap": Spec(named("roles:person_gap", pk=lambda w: w["public_person"].pk), get=same(200)),
    "roles:person_gap:private": Spec(
        named("roles:person_gap", pk=lambda w: w["private_person"].pk), get=(404, 404, 404, 404, 404, 200)
    ),
    "roles:me_competencies": Spec(named("roles:me_competencies"), get=SIGNED_IN_ONLY, post=SIGNED_IN_ONLY),
    "roles:me": Spec(named("roles:me"), get=SIGNED_IN_ONLY),
    "roles:me_export": Spec(named("roles:me_export"), get=SIGNED_IN_ONLY),
    "roles:me_delete": Spec(named("roles:me_delete"), get=SIGNED_IN_ONLY),
    # --- accounts (allauth) ---
    "account_login": Spec(named("account_login"), get=(200, 302, 302, 302, 302, 302)),
    "account_logout": Spec(named("account_logout"), get=(302, 200, 200, 200, 200, 200)),
    "account_inactive": Spec(named("account_inactive"), get=same(200)),
    "account_signup": Spec(named("account_signup"), get=(200, 302, 302, 302, 302, 302)),
    "account_reauthenticate": Spec(named("account_reauthenticate"), get=SIGNED_IN_ONLY),
    "account_email": Spec(named("account_email"), get=SIGNED_IN_ONLY),
    "account_email_verification_sent": Spec(named("account_email_verification_sent"), get=same(200)),
    "account_change_password": Spec(named("account_change_password"), get=SIGNED_IN_ONLY),
    "account_set_password": Spec(named("account_set_password"), get=(302, 302, 302, 302, 302, 302)),
    "account_reset_password": Spec(named("account_reset_password"), get=same(200)),
    "account_confirm_login_code": Spec(named("account_confirm_login_code"), get=same(302)),
    "account_confirm_email": Spec(named("account_confirm_email", key=lambda w: "bad-key"), get=same(200)),
    "account_reset_password_from_key_done": Spec(
        named("account_reset_password_from_key_done"), get=same(200)
    ),
    "account_reset_password_from_key": Spec(
        named("account_reset_password_from_key", uidb36=lambda w: "zz", key=lambda w: "bad-key"),
        get=same(200),
    ),
    "account_reset_password_done": Spec(named("account_reset_password_done"), get=same(200)),
    "socialaccount_login_cancelled": Spec(named("socialaccount_login_cancelled"), get=same(200)),
    "socialaccount_login_error": Spec(named("socialaccount_login_error"), get=same(401)),
    "socialaccount_signup": Spec(named("socialaccount_signup"), get=same(302)),
    "socialaccount_connections": Spec(named("socialaccount_connections"), get=SIGNED_IN_ONLY),
    "accounts/social/login/cancelled/": Spec(fixed("/en/accounts/social/login/cancelled/"), get=same(301)),
    "accounts/social/login/error/": Spec(fixed("/en/accounts/social/login/error/"), get=same(301)),
    "accounts/social/signup/": Spec(fixed("/en/accounts/social/signup/"), get=same(301)),
    "accounts/social/connections/": Spec(fixed("/en/accounts/social/connections/"), get=same(301)),
    "mediawiki_login": Spec(named("mediawiki_login"), get=same(200)),
    "mediawiki_callback": Spec(named("mediawiki_callback"), get=same(401)),  # no code: the error page
    # --- admin (one group; a few representative pages) ---
    "admin:index": Spec(named("admin:index"), get=(302, 302, 302, 302, 302, 200)),
    "admin:roles_organization_changelist": Spec(
        named("admin:roles_organization_changelist"), get=(302, 302, 302, 302, 302, 200)
    ),
    "admin:roles_person_changelist": Spec(
        named("admin:roles_person_changelist"), get=(302, 302, 302, 302, 302, 200)
    ),
}

# Patterns that map to an entry other than their own name (format suffixes, unnamed aliases).
FORMAT_SUFFIX = "(?P<format>"


def _walk(resolver: URLResolver, prefix: str = "", namespace: str | None = None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, prefix + str(pattern.pattern)


def _entry_key(name: str | None, route: str) -> str:
    route = route.removeprefix(LANG_PREFIX)
    if route.startswith("admin/"):
        return "admin:index"
    if name is None:
        return route
    if FORMAT_SUFFIX in route or "<drf_format_suffix:format>" in route:
        return f"{name}:format"
    return name


# Apps whose pages need actors of their own (reviewer, nominee, learner) keep their own table, in the
# same shape, extending ACTORS; each such module exports MATRIX, and this check counts its entries too.
APP_MATRICES = (
    "tests.nominations.test_authorization_matrix",
    "tests.training.test_authorization_matrix",
    "tests.overview.test_authorization_matrix",
    "tests.overview.api.test_authorization_matrix",
)


def covered_keys() -> set[str]:
    keys = set(MATRIX)
    for module_name in APP_MATRICES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue  # the app has no pages of its own yet; its URLs, if any, then count as missing
        keys |= set(module.MATRIX)
    return keys


def test_every_url_pattern_has_an_entry():
    covered = covered_keys()
    missing = sorted(
        {
            f"{name} ({route})"
            for name, route in _walk(get_resolver())
            if _entry_key(name, route) not in covered
        }
    )
    assert missing == []


# --- The world: built once per module, each case in a savepoint of it ---------------------------------

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WORLD_BUILDS: Counter[str] = Counter()  # module name -> how many times its world was built
WORLD_ROWS: dict[str, dict[str, int]] = {}  # module name -> the rows of every table once its world is built


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def world_fixtures(build: Callable[[], dict[str, Any]]):
    """The fixtures of a matrix module's world: (`world_built_once`, `world`). Assign both in the module.

    `build()` runs once per module, inside a transaction rolled back after the module's last test. Each case
    runs in a savepoint of that transaction (pytest-django's `db`) rolled back after it, so what a POST
    changes is gone for the next case; it starts with an empty cache (throttles, rate limits, cached pages),
    a fresh client (session) and its own copies of the world's objects, which it may change in memory.
    Axes' attempts and the sessions are rows, rolled back with the savepoint; rules' per-request caches
    are attributes of the user objects the requests load.
    """

    @pytest.fixture(scope="module", name="world_built_once")
    def world_built_once(request, django_db_setup, django_db_blocker):
        atomic = transaction.atomic()
        with django_db_blocker.unblock():
            atomic.__enter__()
            try:
                with override_settings(PASSWORD_HASHERS=FAST_HASHER), translation.override("en"):
                    built = build()
                WORLD_BUILDS[request.module.__name__] += 1
                WORLD_ROWS[request.module.__name__] = row_counts()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        yield built
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)

    @pytest.fixture(name="world")
    def world(world_built_once, db, fresh_cache):
        return copy.deepcopy(world_built_once)

    return world_built_once, world


def assert_world_built_once_and_untouched(module_name: str) -> None:
    """For the last test of a matrix module: one build served every case, and none left a change behind."""
    assert WORLD_BUILDS[module_name] == 1
    assert row_counts() == WORLD_ROWS[module_name]


def actors_world() -> dict[str, Any]:
    """Organisations A and B and the six actors of ACTORS, made as tests/conftest.py's fixtures make them
    (and in the order in which a test that asks for all of them gets them)."""
    org_a, org_b = actors.org_a(), actors.org_b()
    users = {
        "anonymous": None,
        "plain": actors.plain_user(),
        "organizer_a": actors.organizer_a(org_a),
        "organizer_b": actors.organizer_b(org_b),
        "hub_coordinator_a": actors.hub_coordinator_a(org_a),
        "staff": actors.staff_user(),
    }
    return {"org_a": org_a, "org_b": org_b, "users": users}


def build_world() -> dict[str, Any]:
    base = actors_world()
    org_a, users = base["org_a"], base["users"]
    member = MembershipFactory(organization=org_a, capacity=Capacity.MEMBER)
    role = RoleFactory(organization=org_a, title="Matrix chair", title_en="Matrix chair")
    call = NominationCallFactory(organization=org_a)
    nomination = NominationFactory(call=call, state=NominationState.ACCEPTED, person=PersonFactory())
    return {
        **base,
        "call": call,
        "nomination": nomination,
        "endorsement": EndorsementFactory(nomination=nomination),
        "review": ReviewFactory(nomination=nomination),
        "enrollment": EnrollmentFactory(session__course__organization=org_a, person=users["plain"].person),
        "draft_session": TrainingSessionFactory(course__organization=org_a, status="draft"),
        "competency": CompetencyFactory(slug="matrix-skill"),
        "template": RoleTemplateFactory(slug="matrix-template"),
        "role": role,
        "holder": RoleHolderFactory(role=role, person=member.person),
        "proposed": OrganizationFactory(status=OrganizationStatus.PROPOSED, slug="proposed-org"),
        "membership": member,
        "join_request": MembershipRequestFactory(organization=org_a),
        "invitation": MembershipRequestFactory(
            organization=org_a,
            kind=MembershipRequestKind.INVITATION,
            person=None,
            email=users["plain"].email,
            created_by=users["organizer_a"].person,
        ),
        "public_person": PersonFactory(is_public=True),
        "private_person": PersonFactory(is_public=False),
    }


world_built_once, world = world_fixtures(build_world)


def matrix_cases(matrix: dict[str, Spec], actors: tuple[str, ...] = ACTORS):
    """One pytest case per entry, actor and method of a matrix (this one or an app's, with its actors)."""
    for key, spec in matrix.items():
        for index, actor in enumerate(actors):
            if spec.get is not None:
                yield pytest.param(key, actor, "get", spec.get[index], id=f"{key}-{actor}-get")
            if spec.post is not None:
                yield pytest.param(key, actor, "post", spec.post[index], id=f"{key}-{actor}-post")
            if spec.method_other is not None:
                method, statuses = spec.method_other
                yield pytest.param(key, actor, method, statuses[index], id=f"{key}-{actor}-{method}")


def assert_status_as(
    client, world: dict[str, Any], spec: Spec, key: str, actor: str, method: str, expected: int
):
    """Request an entry's address as one actor of the world and check the status (MATRIX_PRINT=1 prints
    every status instead of stopping, to update a table)."""
    user = world["users"][actor]
    if user is not None:
        client.force_login(user)
    url = spec.url(world)
    kwargs: dict[str, Any] = {}
    if method in ("post", "patch") and url.startswith("/api/"):
        kwargs = {"data": spec.post_data, "content_type": "application/json"}
    elif method == "post":
        kwargs = {"data": spec.post_data}
    response = getattr(client, method)(url, **kwargs)
    if os.environ.get("MATRIX_PRINT"):
        print(f"MATRIX {key} {actor} {method} {response.status_code}")  # noqa: T201 - a tool for updating the table
    assert response.status_code == expected, f"{method.upper()} {url} as {actor}"


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "actor", "method", "expected"), list(matrix_cases(MATRIX)))
def test_authorization_matrix(client, world, settings, key, actor, method, expected):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "mediawiki": {
            **settings.SOCIALACCOUNT_PROVIDERS["mediawiki"],
            "APPS": [{"client_id": "matrix-client", "secret": "matrix-secret"}],
        }
    }
    assert_status_as(client, world, MATRIX[key], key, actor, method, expected)


def test_world_is_built_once_for_the_module_and_no_case_leaves_a_change(world):
    assert_world_built_once_and_untouched(__name__)
