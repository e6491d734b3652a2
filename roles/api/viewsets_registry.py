"""Viewsets of the registry: thin, reading through selectors and writing through services.

Permissions are the models' rules (roles/rules.py) through leadership.common.permissions.RulesPermission:
everyone reads competencies, the scale, templates and roles; staff keep the catalogue (categories,
competencies, templates); an organisation's organizers and staff write its roles and their holders; people
are public profiles, plus the viewer's own (staff see every profile). Something one may not see answers 404.
Roles, people and role holders are large tables: keyset pagination (see pagination.py); the others pages.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.serializers import BaseSerializer

from leadership.common.api import PUBLIC_AUTH
from leadership.common.api_fields import ALL_LANGUAGES_PARAMETER
from leadership.common.permissions import RulesPermission

from .. import rules as r
from .. import selectors, services
from ..enums import Capacity
from ..models import Person, Role, RoleHolder
from .filters_registry import CompetencyFilter, PersonFilter, RoleFilter, RoleHolderFilter, RoleTemplateFilter
from .pagination import KeysetPagination
from .serializers_registry import (
    CompetencyCategoryInputSerializer,
    CompetencyCategorySerializer,
    CompetencyInputSerializer,
    CompetencySerializer,
    PersonSerializer,
    ProficiencyLevelSerializer,
    RoleHolderInputSerializer,
    RoleHolderSerializer,
    RoleHolderUpdateSerializer,
    RoleInputSerializer,
    RoleListSerializer,
    RoleSerializer,
    RoleTemplateInputSerializer,
    RoleTemplateSerializer,
)

WRITE_ACTIONS = ("create", "update", "partial_update")
COLUMNS_NOTE = _(
    "Translated fields (`title`, `name`...) come in one language, the one of `lang`; with "
    "`all_languages=1` each object also carries `translations`, every language's value by language code. "
    "Writes take the per-language columns `title_en`, `title_fr`, `title_es`, `title_pt_br`, `title_ind` "
    "(Indonesian, language code id) and `title_ar`, or `title` in the request's language."
)
TRANSLATED = [ALL_LANGUAGES_PARAMETER]


class ParentObjectCreatePermission(RulesPermission):
    """RulesPermission, except that any signed-in user may try to create: the serializer then checks the
    permission on the object the new one belongs to (a term's role), answering 403 when it says no."""

    def has_permission(self, request, view) -> bool:  # type: ignore[no-untyped-def]
        if getattr(view, "action", None) == "create":
            return bool(r.is_authenticated(request.user))
        return super().has_permission(request, view)


class CatalogueViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Read by everyone, written by staff (the models' rules); found by slug; page numbers."""

    lookup_field = "slug"
    filter_backends = [DjangoFilterBackend]
    read_serializer: type[BaseSerializer]
    write_serializer: type[BaseSerializer]

    def get_serializer_class(self) -> type[BaseSerializer]:
        return self.write_serializer if self.action in WRITE_ACTIONS else self.read_serializer

    def save(self, instance: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def perform_create(self, serializer: BaseSerializer) -> None:
        saved = self.save(None, dict(serializer.validated_data))
        serializer.instance = self.get_queryset().get(pk=saved.pk)

    def perform_update(self, serializer: BaseSerializer) -> None:
        saved = self.save(serializer.instance, dict(serializer.validated_data))
        serializer.instance = self.get_queryset().get(pk=saved.pk)


def _catalogue_schema(things: str, thing: str, request: Any, response: Any) -> Any:
    return extend_schema_view(
        list=extend_schema(summary=things, auth=PUBLIC_AUTH, description=COLUMNS_NOTE, parameters=TRANSLATED),
        retrieve=extend_schema(summary=thing, auth=PUBLIC_AUTH, parameters=TRANSLATED),
        create=extend_schema(
            summary=_("Create (staff)"), request=request, responses={201: response}, parameters=TRANSLATED
        ),
        update=extend_schema(
            summary=_("Change (staff)"), request=request, responses={200: response}, parameters=TRANSLATED
        ),
        partial_update=extend_schema(
            summary=_("Change some fields (staff)"),
            request=request,
            responses={200: response},
            parameters=TRANSLATED,
        ),
        destroy=extend_schema(summary=_("Delete (staff); 409 while something still uses it")),
    )


@_catalogue_schema(
    _("List the competency categories"),
    _("One competency category, by its slug"),
    CompetencyCategoryInputSerializer,
    CompetencyCategorySerializer,
)
class CompetencyCategoryViewSet(CatalogueViewSet):
    read_serializer = CompetencyCategorySerializer
    write_serializer = CompetencyCategoryInputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet:
        return selectors.competency_categories_for_api()

    def save(self, instance: Any, data: dict[str, Any]) -> Any:
        return services.registry.competency_category_save(category=instance, data=data)


@_catalogue_schema(
    _("List the competencies"),
    _("One competency, by its slug"),
    CompetencyInputSerializer,
    CompetencySerializer,
)
class CompetencyViewSet(CatalogueViewSet):
    read_serializer = CompetencySerializer
    write_serializer = CompetencyInputSerializer
    filterset_class = CompetencyFilter

    def get_queryset(self) -> QuerySet:
        return selectors.competencies_for_api(lean=self.action == "list")

    def list_rows(self, queryset: QuerySet) -> QuerySet:
        """The page's rows (see leadership.common.api.RowsPaginator)."""
        return selectors.competency_list_rows(
            queryset, all_languages=bool(getattr(self.request, "all_languages", False))
        )

    def save(self, instance: Any, data: dict[str, Any]) -> Any:
        return services.registry.competency_save(competency=instance, data=data)


@_catalogue_schema(
    _("List the role templates"),
    _("One role template, by its slug, with its default requirements"),
    RoleTemplateInputSerializer,
    RoleTemplateSerializer,
)
class RoleTemplateViewSet(CatalogueViewSet):
    read_serializer = RoleTemplateSerializer
    write_serializer = RoleTemplateInputSerializer
    filterset_class = RoleTemplateFilter

    def get_queryset(self) -> QuerySet:
        return selectors.role_templates_for_api()

    def save(self, instance: Any, data: dict[str, Any]) -> Any:
        requirements = data.pop("requirements", None)
        return services.registry.role_template_save(template=instance, data=data, requirements=requirements)


@extend_schema_view(
    list=extend_schema(
        summary=_("The proficiency scale, levels 1 to 4"), auth=PUBLIC_AUTH, parameters=TRANSLATED
    ),
    retrieve=extend_schema(
        summary=_("One level of the proficiency scale"), auth=PUBLIC_AUTH, parameters=TRANSLATED
    ),
)
class ProficiencyLevelViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProficiencyLevelSerializer
    pagination_class = None  # the four levels of the one shared scale
    filter_backends: list[Any] = []
    lookup_field = "level"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet:
        return selectors.proficiency_levels()


@extend_schema_view(
    list=extend_schema(
        summary=_("List the roles (the directory)"),
        auth=PUBLIC_AUTH,
        description=format_lazy(
            "{} {}",
            _(
                "Active roles of the approved, active organisations. Keyset pagination: follow the `next` and "
                "`previous` links. `ordering=title` sorts by the title shown in the response's language."
            ),
            COLUMNS_NOTE,
        ),
        parameters=TRANSLATED,
    ),
    retrieve=extend_schema(
        summary=_("One role, with its requirements"), auth=PUBLIC_AUTH, parameters=TRANSLATED
    ),
    create=extend_schema(
        summary=_("Create a role in an organisation (its organizers and staff)"),
        request=RoleInputSerializer,
        responses={201: RoleSerializer},
        parameters=TRANSLATED,
    ),
    update=extend_schema(
        summary=_("Edit a role (organizers of its organisation and staff)"),
        request=RoleInputSerializer,
        responses={200: RoleSerializer},
        parameters=TRANSLATED,
    ),
    partial_update=extend_schema(
        summary=_("Edit some fields of a role (organizers of its organisation and staff)"),
        request=RoleInputSerializer,
        responses={200: RoleSerializer},
        parameters=TRANSLATED,
    ),
    destroy=extend_schema(summary=_("Delete a role (organizers of its organisation and staff)")),
)
class RoleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    filter_backends = [DjangoFilterBackend]
    filterset_class = RoleFilter
    pagination_class = KeysetPagination
    keyset_orderings = {"id": "id", "title": "sort_title", "created": "created_at"}

    def get_queryset(self) -> QuerySet[Role]:
        listing = self.action == "list"
        return selectors.roles_for_api(
            listed_only=listing,
            lean=listing,
            all_languages=bool(getattr(self.request, "all_languages", False)),
        )

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action in WRITE_ACTIONS:
            return RoleInputSerializer
        return RoleListSerializer if self.action == "list" else RoleSerializer

    @transaction.atomic
    def perform_create(self, serializer: BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        organization = data.pop("organization")
        template = data.pop("template", None)
        requirements = data.pop("requirements", None)
        languages = data.pop("languages", None)
        if template is not None:
            role = services.role_adapt_template(organization=organization, template=template, overrides=data)
            if requirements is not None or languages is not None:
                role = services.role_update(
                    role=role, data={}, requirements=requirements, languages=languages
                )
        else:
            role = services.role_create(
                organization=organization,
                data=data,
                requirements=requirements or (),
                languages=languages or (),
            )
        serializer.instance = self.get_queryset().get(pk=role.pk)

    def perform_update(self, serializer: BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("organization", None)
        role = services.role_update(
            role=serializer.instance,
            data=data,
            requirements=data.pop("requirements", None),
            languages=data.pop("languages", None),
        )
        serializer.instance = self.get_queryset().get(pk=role.pk)

    def perform_destroy(self, instance: Role) -> None:
        services.role_delete(role=instance)


@extend_schema_view(
    list=extend_schema(
        summary=_("List terms of role holders"),
        auth=PUBLIC_AUTH,
        description=_(
            "Terms whose holder made their profile public; the organizers of the role's organisation and "
            "staff see every term of it. Keyset pagination: follow the `next` and `previous` links."
        ),
    ),
    retrieve=extend_schema(summary=_("One term of a role holder"), auth=PUBLIC_AUTH),
    create=extend_schema(
        summary=_("Give a person a term on a role (organizers of its organisation and staff)"),
        description=_("A term that overlaps another on the same seat is refused (400)."),
        request=RoleHolderInputSerializer,
        responses={201: RoleHolderSerializer},
    ),
    update=extend_schema(
        summary=_("Change a term (organizers of the role's organisation and staff)"),
        request=RoleHolderUpdateSerializer,
        responses={200: RoleHolderSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Change some fields of a term (organizers of the role's organisation and staff)"),
        request=RoleHolderUpdateSerializer,
        responses={200: RoleHolderSerializer},
    ),
    destroy=extend_schema(summary=_("Delete a term (organizers of the role's organisation and staff)")),
)
class RoleHolderViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [ParentObjectCreatePermission]
    filter_backends = [DjangoFilterBackend]
    filterset_class = RoleHolderFilter
    pagination_class = KeysetPagination
    keyset_orderings = {"id": "id", "start": "start"}

    def get_queryset(self) -> QuerySet[RoleHolder]:
        user = self.request.user
        organized = [
            org for org, capacity in r.org_capacities(user).items() if capacity == Capacity.ORGANIZER
        ]
        return selectors.role_holders_for_api(everyone=bool(r.is_staff(user)), organizer_of=organized)

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "create":
            return RoleHolderInputSerializer
        if self.action in WRITE_ACTIONS:
            return RoleHolderUpdateSerializer
        return RoleHolderSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def perform_create(self, serializer: BaseSerializer) -> None:
        data = serializer.validated_data
        holder = services.holder_add(
            role=data["role"],
            person=data["person"],
            start=data["start"],
            seat=data.get("seat"),
            end=data.get("end"),
            term_number=data.get("term_number"),
        )
        serializer.instance = self.get_queryset().get(pk=holder.pk)

    def perform_update(self, serializer: BaseSerializer) -> None:
        holder, data = serializer.instance, serializer.validated_data
        partial = serializer.partial
        holder = services.holder_update(
            holder=holder,
            seat=data.get("seat", holder.seat),
            start=data.get("start", holder.start),
            end=data.get("end", holder.end if partial else None),
            term_number=data.get("term_number", holder.term_number),
        )
        serializer.instance = self.get_queryset().get(pk=holder.pk)

    def perform_destroy(self, instance: RoleHolder) -> None:
        services.holder_delete(holder=instance)


@extend_schema_view(
    list=extend_schema(
        summary=_("List people (public profiles)"),
        auth=PUBLIC_AUTH,
        description=_(
            "Public profiles, plus your own; staff see every profile. An email is shown only to the person "
            "themself and staff. Keyset pagination: follow the `next` and `previous` links."
        ),
    ),
    retrieve=extend_schema(summary=_("One person"), auth=PUBLIC_AUTH),
)
class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PersonSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PersonFilter
    pagination_class = KeysetPagination
    keyset_orderings = {"id": "id", "name": "sort_name"}

    def get_queryset(self) -> QuerySet[Person]:
        user = self.request.user
        person = selectors.person_of(user)
        return selectors.people_for_api(
            everyone=bool(r.is_staff(user)),
            viewer_person_id=person.pk if person is not None else None,
            lean=self.action == "list",
        )
