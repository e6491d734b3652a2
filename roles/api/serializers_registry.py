"""Serializers of the registry: competencies, the proficiency scale, templates, roles, holders and people.

Reading shows each translated field in one language, the response's (`?lang=`, with modeltranslation's
fallback: English, then any language that has a value); with `?all_languages=1`, `translations` adds every
language's value by language code, for editors. Writing takes the per-language columns: `title_en`,
`title_fr`, `title_es`, `title_pt_br`, `title_ind` (Indonesian, whose language code is `id`: `title_id`
would clash with the naming of foreign keys) and `title_ar`, and `title` (or `name`, `description`...) in
the request's language for convenience; an empty per-language value is stored as null. Writes go through roles.services,
so the API refuses what the web forms refuse, with the same messages.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from modeltranslation.utils import build_localized_fieldname, get_language
from rest_framework import exceptions, serializers

from leadership.common.api_fields import (
    STRICT_FIELD_MAPPING,
    URL_FIELD_MAPPING,
    ChoiceLabelField,
    DateTimeText,
    FlatListSerializer,
    NamedBriefSerializer,
    SlugRelatedField,
    StrictCharField,
    TranslatedOutputMixin,
    TranslatedTextField,
    choice_labels,
    declared_field,
    identity_urls,
    in_language,
    translations_field,
)
from leadership.common.languages import localized_columns
from leadership.common.validators import validate_no_control_characters

from .. import selectors, services
from ..enums import CompetencySource, Importance, Level, OrganizationStatus, RoleKind, Selection
from ..models import (
    Competency,
    CompetencyCategory,
    CompetencyLevelDescriptor,
    Language,
    Organization,
    Person,
    ProficiencyLevel,
    Role,
    RoleHolder,
    RoleTemplate,
)

# Help texts of the per-language columns, by translated field.
LANGUAGE_HELP = {
    "name": _("Name in %(language)s."),
    "description": _("Description in %(language)s."),
    "descriptor": _("Descriptor in %(language)s."),
    "title": _("Title in %(language)s."),
    "responsibilities": _("Responsibilities in %(language)s."),
}
PLAIN_HELP = {
    "name": _("Name in the response's language."),
    "description": _("Description in the response's language."),
    "descriptor": _("Descriptor in the response's language."),
    "title": _("Title in the response's language."),
    "responsibilities": _("Responsibilities in the response's language."),
}
REQUEST_HELP = {
    "name": _("Name in the request's language (the language of `lang` or Accept-Language)."),
    "description": _("Description in the request's language."),
    "title": _("Title in the request's language (the language of `lang` or Accept-Language)."),
    "responsibilities": _("Responsibilities in the request's language."),
}


class TranslatedOutput(TranslatedOutputMixin):
    translated_help = PLAIN_HELP


def _request_language_field(model: type[Model], field: str, **kwargs: Any) -> serializers.CharField:
    model_field = model._meta.get_field(field)
    if model_field.get_internal_type() == "TextField":
        return StrictCharField(style={"base_template": "textarea.html"}, **kwargs)
    return StrictCharField(
        max_length=model_field.max_length, validators=[validate_no_control_characters], **kwargs
    )


class TranslatedInputMixin:
    """Input of translated fields: `title` in the request's language plus `title_en`... per language.

    `translated` names the model's translated fields; the first is required in at least one language (the
    error is given under its plain name, with `missing_message`).
    """

    translated: tuple[str, ...] = ()
    missing_message: Any = ""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()  # type: ignore[misc]
        model = self.Meta.model  # type: ignore[attr-defined]
        for field in self.translated:
            fields[field] = _request_language_field(
                model,
                field,
                required=False,
                allow_blank=field != self.translated[0],
                help_text=REQUEST_HELP[field],
            )
            for column, code in localized_columns(field).items():
                fields[column] = _request_language_field(
                    model,
                    field,
                    required=False,
                    allow_blank=True,
                    allow_null=True,
                    help_text=in_language(LANGUAGE_HELP[field], code),
                )
        return fields

    def localize(self, attrs: dict[str, Any], *, title_required: bool = True) -> dict[str, Any]:
        """Moves the plain values into the request language's column (an explicit column wins); '' → None."""
        language = get_language()
        for field in self.translated:
            if field in attrs:
                attrs.setdefault(build_localized_fieldname(field, language), attrs.pop(field))
            for column in localized_columns(field):
                if column in attrs and not attrs[column]:
                    attrs[column] = None
        required = self.translated[0]
        instance = getattr(self, "instance", None)
        if title_required and not any(
            attrs[column] if column in attrs else getattr(instance, column, None)
            for column in localized_columns(required)
        ):
            raise serializers.ValidationError({required: [self.missing_message]}, code="required")
        return attrs


class OutputMixin:
    """An input serializer answers with the output serializer of the same object."""

    output_class: type[serializers.Serializer]

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return self.output_class(instance, context=self.context).data  # type: ignore[attr-defined]


# --- Categories, competencies, the scale ---------------------------------------------------------------


class CompetencyCategorySerializer(TranslatedOutput, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="competency-category-detail", lookup_field="slug")

    translated = ("name", "description")

    class Meta:
        model = CompetencyCategory
        fields = [
            "url",
            "slug",
            "name",
            "description",
            "order",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class CategoryBriefSerializer(NamedBriefSerializer):
    class Meta:
        model = CompetencyCategory
        fields = ["slug", "name"]


class LevelDescriptorSerializer(serializers.ModelSerializer):
    descriptor = serializers.CharField(read_only=True, help_text=PLAIN_HELP["descriptor"])

    class Meta:
        model = CompetencyLevelDescriptor
        fields = ["level", "descriptor"]
        read_only_fields = fields


class CompetencySerializer(TranslatedOutput, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="competency-detail", lookup_field="slug")
    category = CategoryBriefSerializer(read_only=True)
    parent = SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text=_("Slug of the broader competency, if any."),
    )
    level_descriptors = LevelDescriptorSerializer(
        many=True,
        read_only=True,
        help_text=_("What the levels of the shared scale mean for this competency."),
    )

    serializer_field_mapping = URL_FIELD_MAPPING

    translated = ("name", "description")

    class Meta:
        model = Competency
        list_serializer_class = FlatListSerializer
        fields = [
            "url",
            "slug",
            "name",
            "description",
            "category",
            "parent",
            "wikidata_qid",
            "esco_uri",
            "active",
            "level_descriptors",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    # A row of `selectors.competencies_for_api(lean=True)` is written straight from its columns, with the
    # page's level descriptors fetched once; any other Competency goes through DRF's fields (tests compare).
    descriptors: dict[int, list[dict[str, Any]]] | None = None

    def prepare_rows(self, rows: list[Competency]) -> None:
        self.descriptors = selectors.competency_list_related(competency_ids=[row.pk for row in rows])
        self.url_of = identity_urls(declared_field(self, "url"))
        self.moments = DateTimeText()
        self.translations = translations_field(self)

    def to_representation(self, competency: Competency) -> dict[str, Any]:
        if not hasattr(competency, "category_slug"):
            return super().to_representation(competency)
        if self.descriptors is None:  # a row on its own rather than a page of them
            self.prepare_rows([competency])
        data = {
            "url": self.url_of(competency),
            "slug": competency.slug,
            "name": competency.shown_name,
            "description": competency.shown_description,
            "category": {"slug": competency.category_slug, "name": competency.shown_category_name},
            "parent": competency.parent_slug,
            "wikidata_qid": competency.wikidata_qid,
            "esco_uri": competency.esco_uri,
            "active": competency.active,
            "level_descriptors": self.descriptors.get(competency.pk, []),
            "created_at": self.moments(competency.created_at),
            "updated_at": self.moments(competency.updated_at),
        }
        if self.translations is not None:
            data["translations"] = self.translations.to_representation(competency)
        return data


class ProficiencyLevelSerializer(TranslatedOutput, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="proficiency-level-detail", lookup_field="level")

    translated = ("name", "descriptor")

    class Meta:
        model = ProficiencyLevel
        fields = ["url", "level", "name", "descriptor"]
        read_only_fields = fields


class CompetencyCategoryInputSerializer(TranslatedInputMixin, OutputMixin, serializers.ModelSerializer):
    """What staff send to create or change a category; answered with a CompetencyCategorySerializer."""

    output_class = CompetencyCategorySerializer
    serializer_field_mapping = STRICT_FIELD_MAPPING
    translated = ("name", "description")
    missing_message = _("Give the category a name in at least one language.")

    class Meta:
        model = CompetencyCategory
        fields = ["slug", "order"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return self.localize(attrs)


class CompetencyInputSerializer(TranslatedInputMixin, OutputMixin, serializers.ModelSerializer):
    """What staff send to create or change a competency; answered with a CompetencySerializer."""

    output_class = CompetencySerializer
    serializer_field_mapping = STRICT_FIELD_MAPPING
    translated = ("name", "description")
    missing_message = _("Give the competency a name in at least one language.")

    category = SlugRelatedField(
        slug_field="slug", queryset=CompetencyCategory.objects.all(), help_text=_("Slug of the category.")
    )
    parent = SlugRelatedField(
        slug_field="slug",
        queryset=Competency.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Slug of the broader competency, or null."),
    )

    class Meta:
        model = Competency
        fields = ["slug", "category", "parent", "wikidata_qid", "esco_uri", "active"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return self.localize(attrs)


# --- Requirements, templates, roles --------------------------------------------------------------------


class RequirementSerializer(serializers.Serializer):
    """A requirement as read: the competency by slug and name, the minimum level and the importance."""

    competency = serializers.CharField(
        source="competency.slug", read_only=True, help_text=_("Slug of the competency.")
    )
    competency_name = TranslatedTextField(
        shown="shown_competency_name",
        path="competency.name",
        help_text=_("Name of the competency in the response's language."),
    )
    min_level = serializers.ChoiceField(choices=Level.choices, read_only=True)
    min_level_label = serializers.CharField(source="get_min_level_display", read_only=True)
    importance = serializers.ChoiceField(choices=Importance.choices, read_only=True)
    importance_label = serializers.CharField(source="get_importance_display", read_only=True)


class RequirementBriefSerializer(serializers.Serializer):
    """A requirement as the role list shows it: the competency's slug, the minimum level, the importance
    (names and labels are on the role's own page and in /competencies/)."""

    competency = serializers.CharField(read_only=True, help_text=_("Slug of the competency."))
    min_level = serializers.ChoiceField(choices=Level.choices, read_only=True)
    importance = serializers.ChoiceField(choices=Importance.choices, read_only=True)


@extend_schema_field(RequirementBriefSerializer(many=True))
class RequirementBriefsField(serializers.Field):
    """The role list's requirements, written straight from the prefetched rows: ~15 per role, 50 roles a
    page, where a nested serializer's per-field machinery was most of the list's CPU."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, requirements: Any) -> list[dict[str, Any]]:
        return [
            {
                "competency": getattr(item, "competency_slug", None) or item.competency.slug,
                "min_level": item.min_level,
                "importance": item.importance,
            }
            for item in requirements.all()
        ]


class RequirementInputSerializer(serializers.Serializer):
    competency = SlugRelatedField(
        slug_field="slug", queryset=Competency.objects.all(), help_text=_("Slug of the competency.")
    )
    min_level = serializers.ChoiceField(choices=Level.choices, help_text=_("Minimum level, 1 to 4."))
    importance = serializers.ChoiceField(choices=Importance.choices, default=Importance.ESSENTIAL)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # A PATCH of the role makes DRF skip missing fields, nested ones too: a requirement is whole anyway.
        missing = {
            name: [self.fields[name].error_messages["required"]]
            for name in ("competency", "min_level")
            if name not in attrs
        }
        if missing:
            raise serializers.ValidationError(missing, code="required")
        return {"importance": Importance.ESSENTIAL, **attrs}


def requirement_inputs(value: list[dict[str, Any]]) -> list[services.RequirementInput]:
    """The validated requirements as the services take them; a competency at most once."""
    seen: set[int] = set()
    for item in value:
        competency = item["competency"]
        if competency.pk in seen:
            raise serializers.ValidationError(
                _("%(competency)s is listed twice: a competency can be required only once per role.")
                % {"competency": competency}
            )
        seen.add(competency.pk)
    return [
        services.RequirementInput(
            competency=item["competency"], min_level=int(item["min_level"]), importance=item["importance"]
        )
        for item in value
    ]


SHAPE_FIELDS = [
    "kind",
    "kind_label",
    "seats",
    "selection",
    "selection_label",
    "term_length_months",
    "term_limit",
    "hours_per_week",
]
SHAPE_INPUT_FIELDS = [field for field in SHAPE_FIELDS if not field.endswith("_label")]
HOURS = {"coerce_to_string": False, "help_text": _("Expected hours per week, for example 2.5.")}


class RoleTemplateSerializer(TranslatedOutput, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="role-template-detail", lookup_field="slug")
    kind_label = ChoiceLabelField(RoleKind.choices, source="kind")
    selection_label = ChoiceLabelField(Selection.choices, source="selection")
    requirements = RequirementSerializer(
        many=True, read_only=True, help_text=_("Default requirements, copied into the roles adapted from it.")
    )

    translated = ("title", "description", "responsibilities")

    class Meta:
        model = RoleTemplate
        fields = [
            "url",
            "slug",
            "title",
            "description",
            "responsibilities",
            *SHAPE_FIELDS,
            "active",
            "requirements",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        extra_kwargs = {"hours_per_week": HOURS}


class RoleTemplateInputSerializer(TranslatedInputMixin, OutputMixin, serializers.ModelSerializer):
    """What staff send to create or change a template; `requirements`, when given, replace the set."""

    output_class = RoleTemplateSerializer
    serializer_field_mapping = STRICT_FIELD_MAPPING
    translated = ("title", "description", "responsibilities")
    missing_message = _("Give the template a title in at least one language.")

    requirements = RequirementInputSerializer(many=True, required=False, max_length=200)

    class Meta:
        model = RoleTemplate
        fields = ["slug", *SHAPE_INPUT_FIELDS, "active", "requirements"]
        extra_kwargs = {"hours_per_week": HOURS}

    def validate_requirements(self, value: list[dict[str, Any]]) -> list[services.RequirementInput]:
        return requirement_inputs(value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return self.localize(attrs)


class RoleSerializer(TranslatedOutput, serializers.ModelSerializer):
    """A role as everyone may read it, with its requirements; its organisation by slug, name and region."""

    url = serializers.HyperlinkedIdentityField(view_name="role-detail")
    organization = SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("Slug of the role's organisation.")
    )
    organization_name = TranslatedTextField(
        shown="shown_organization_name",
        path="organization.name",
        help_text=_("Name of the organisation in the response's language."),
    )
    region = SlugRelatedField(
        source="organization.region",
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text=_("Code of the organisation's Wikimedia region."),
    )
    template = SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text=_("Slug of the template the role adapts, if any."),
    )
    kind_label = ChoiceLabelField(RoleKind.choices, source="kind")
    selection_label = ChoiceLabelField(Selection.choices, source="selection")
    vacant_seats = serializers.IntegerField(read_only=True, help_text=_("Seats free today."))
    languages = SlugRelatedField(slug_field="code", many=True, read_only=True)
    requirements = RequirementSerializer(many=True, read_only=True)

    translated = ("title", "description", "responsibilities")

    class Meta:
        model = Role
        fields = [
            "url",
            "id",
            "title",
            "description",
            "responsibilities",
            "organization",
            "organization_name",
            "region",
            "template",
            *SHAPE_FIELDS,
            "filled_seats",
            "vacant_seats",
            "languages",
            "open_for_nominations",
            "active",
            "requirements",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "hours_per_week": HOURS,
            "filled_seats": {"help_text": _("Seats filled today.")},
        }


class RoleListSerializer(RoleSerializer):
    """A role as the list shows it: its requirements by competency slug, level and importance."""

    requirements = RequirementBriefsField()

    class Meta(RoleSerializer.Meta):
        list_serializer_class = FlatListSerializer

    # A row of `selectors.roles_for_api(lean=True)` is written straight from its columns and annotations,
    # with the page's languages and requirements fetched once (`prepare_rows`); any other Role goes through
    # DRF's fields, which give the same answer (tests compare the two). Comments, not the docstring: the
    # docstring is the schema's description.
    related: selectors.RoleListRelated | None = None

    def prepare_rows(self, rows: list[Role]) -> None:
        self.related = selectors.role_list_related(role_ids=[row.pk for row in rows])
        self.url_of = identity_urls(declared_field(self, "url"))
        self.kind_labels = choice_labels(RoleKind.choices)
        self.selection_labels = choice_labels(Selection.choices)
        self.moments = DateTimeText()
        self.translations = translations_field(self)

    def to_representation(self, role: Role) -> dict[str, Any]:
        if not hasattr(role, "organization_slug"):
            return super().to_representation(role)
        if self.related is None:  # a row on its own rather than a page of them
            self.prepare_rows([role])
        kind, selection = role.kind, role.selection
        data = {
            "url": self.url_of(role),
            "id": role.pk,
            "title": role.shown_title,
            "description": role.shown_description,
            "responsibilities": role.shown_responsibilities,
            "organization": role.organization_slug,
            "organization_name": role.shown_organization_name,
            "region": role.region_code,
            "template": role.template_slug,
            "kind": kind,
            "kind_label": self.kind_labels.get(kind, kind),
            "seats": role.seats,
            "selection": selection,
            "selection_label": self.selection_labels.get(selection, selection),
            "term_length_months": role.term_length_months,
            "term_limit": role.term_limit,
            "hours_per_week": role.hours_per_week,  # a Decimal of the column's one place, written as a number
            "filled_seats": role.filled_seats,
            "vacant_seats": role.vacant_seats,
            "languages": self.related.languages.get(role.pk, []),
            "open_for_nominations": role.open_for_nominations,
            "active": role.active,
            "requirements": self.related.requirements.get(role.pk, []),
            "created_at": self.moments(role.created_at),
            "updated_at": self.moments(role.updated_at),
        }
        if self.translations is not None:
            data["translations"] = self.translations.to_representation(role)
        return data


class RoleInputSerializer(TranslatedInputMixin, OutputMixin, serializers.ModelSerializer):
    """What organizers send to create or change a role; answered with a RoleSerializer.

    Creating needs the permission roles.manage_roles_organization on the organisation (its organizers and
    staff); a role stays in its organisation. With a `template` and no `requirements`, a new role starts from
    the template's texts, shape and default requirements, and what is sent overrides them. `requirements`,
    when given, replace the role's set in one go.
    """

    output_class = RoleSerializer
    serializer_field_mapping = STRICT_FIELD_MAPPING
    translated = ("title", "description", "responsibilities")
    missing_message = _("Give the role a title in at least one language.")

    organization = SlugRelatedField(
        slug_field="slug",
        queryset=Organization.objects.filter(status=OrganizationStatus.APPROVED),
        help_text=_("Slug of the organisation (only when creating: a role stays in its organisation)."),
    )
    template = SlugRelatedField(
        slug_field="slug",
        queryset=RoleTemplate.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Slug of the template the role adapts, or null."),
    )
    languages = SlugRelatedField(
        slug_field="code", queryset=Language.objects.all(), many=True, required=False
    )
    requirements = RequirementInputSerializer(many=True, required=False, max_length=200)

    class Meta:
        model = Role
        fields = [
            "organization",
            "template",
            *SHAPE_INPUT_FIELDS,
            "languages",
            "open_for_nominations",
            "active",
            "requirements",
        ]
        extra_kwargs = {"hours_per_week": HOURS}

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        if self.instance is not None:
            fields["organization"].required = False
        return fields

    def validate_organization(self, organization: Organization) -> Organization:
        if self.instance is not None:
            if organization.pk != self.instance.organization_id:
                raise serializers.ValidationError(_("A role cannot move to another organisation."))
            return organization
        user = self.context["request"].user
        if not user.has_perm(Organization.get_perm("manage_roles"), organization):
            raise exceptions.PermissionDenied(
                _("Only the organizers of this organisation can add roles to it.")
            )
        return organization

    def validate_languages(self, value: list[Language]) -> list[Language]:
        return list(dict.fromkeys(value))

    def validate_requirements(self, value: list[dict[str, Any]]) -> list[services.RequirementInput]:
        return requirement_inputs(value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # A new role adapting a template takes the template's title when it is given none.
        adapting = self.instance is None and attrs.get("template") is not None
        return self.localize(attrs, title_required=not adapting)


# --- Holders -------------------------------------------------------------------------------------------


class RoleHolderSerializer(serializers.ModelSerializer):
    """One term on a seat of a role."""

    url = serializers.HyperlinkedIdentityField(view_name="role-holder-detail")
    role_title = serializers.CharField(source="role.title", read_only=True, help_text=PLAIN_HELP["title"])
    organization = SlugRelatedField(
        source="role.organization",
        slug_field="slug",
        read_only=True,
        help_text=_("Slug of the role's organisation."),
    )
    person_name = serializers.SerializerMethodField(
        help_text=_("The holder's display name, when the holder is public or the viewer may see them.")
    )
    is_current = serializers.SerializerMethodField(help_text=_("Whether the term is running today."))

    class Meta:
        model = RoleHolder
        fields = [
            "url",
            "id",
            "role",
            "role_title",
            "organization",
            "person",
            "person_name",
            "seat",
            "start",
            "end",
            "term_number",
            "is_current",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_person_name(self, holder: RoleHolder) -> str | None:
        user = self.context["request"].user
        person = holder.person
        if person.is_public or user.has_perm(RoleHolder.get_perm("change"), holder):
            return person.display_name
        return person.display_name if user.has_perm(Person.get_perm("view"), person) else None

    def get_is_current(self, holder: RoleHolder) -> bool:
        today = self.context["today"]
        return holder.start <= today and (holder.end is None or holder.end > today)


class RoleHolderInputSerializer(OutputMixin, serializers.ModelSerializer):
    """A new term: organizers of the role's organisation (and staff) give it to a person.

    The person is someone the organizer may see: a public profile, a member of the organisation, or
    themselves. The seat is the first free one when not given; the term number counts the person's earlier
    terms on the role when not given.
    """

    output_class = RoleHolderSerializer
    serializer_field_mapping = STRICT_FIELD_MAPPING

    role = serializers.PrimaryKeyRelatedField(
        queryset=Role.objects.select_related("organization"), help_text=_("Id of the role.")
    )
    person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), help_text=_("Id of the person.")
    )
    seat = serializers.IntegerField(
        min_value=1,
        max_value=500,
        required=False,
        help_text=_("Seat number; the first free seat if left out."),
    )
    end = serializers.DateField(
        required=False, allow_null=True, help_text=_("Empty while the term is running.")
    )
    term_number = serializers.IntegerField(
        min_value=1, max_value=100, required=False, help_text=_("Which term of the person on this role.")
    )

    class Meta:
        model = RoleHolder
        fields = ["role", "person", "seat", "start", "end", "term_number"]

    def validate_role(self, role: Role) -> Role:
        if not self.context["request"].user.has_perm(Role.get_perm("change"), role):
            raise exceptions.PermissionDenied(
                _("Only the organizers of the role's organisation can add holders to it.")
            )
        return role

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        user, person, role = self.context["request"].user, attrs["person"], attrs["role"]
        visible = user.has_perm(Person.get_perm("view"), person) or (
            role.organization.memberships.filter(person=person).exists()
        )
        if not visible:
            # Answer as for an id that does not exist: a private profile's existence is not told.
            raise serializers.ValidationError(
                {
                    "person": [
                        serializers.PrimaryKeyRelatedField.default_error_messages["does_not_exist"].format(
                            pk_value=person.pk
                        )
                    ]
                }
            )
        return attrs


class RoleHolderUpdateSerializer(OutputMixin, serializers.ModelSerializer):
    """A change of a term's seat, dates or number (the role and the person stay)."""

    output_class = RoleHolderSerializer
    serializer_field_mapping = STRICT_FIELD_MAPPING

    seat = serializers.IntegerField(min_value=1, max_value=500)
    end = serializers.DateField(
        required=False, allow_null=True, help_text=_("Empty while the term is running.")
    )
    term_number = serializers.IntegerField(min_value=1, max_value=100, required=False)

    class Meta:
        model = RoleHolder
        fields = ["seat", "start", "end", "term_number"]


# --- People --------------------------------------------------------------------------------------------


class PersonCompetencySerializer(serializers.Serializer):
    competency = serializers.CharField(help_text=_("Slug of the competency."))
    verified_level = serializers.IntegerField(
        allow_null=True, help_text=_("Highest level from training or an organizer's confirmation.")
    )
    self_assessed_level = serializers.IntegerField(
        allow_null=True, help_text=_("The person's own assessment, shown beside the verified level.")
    )


def competency_levels(records: Iterable[tuple[str, int, str]]) -> list[dict[str, Any]]:
    """Per competency, from (slug, level, source) records by slug then level down: the verified level (the
    highest from training or an organizer) and the self-assessed one, each null if none; competencies with
    neither (only a nominator's observation) are left out."""
    levels: dict[str, dict[str, Any]] = {}
    verified = CompetencySource.verified()
    for slug, level, source in records:
        entry = levels.setdefault(
            slug, {"competency": slug, "verified_level": None, "self_assessed_level": None}
        )
        if source in verified:
            entry["verified_level"] = max(entry["verified_level"] or 0, level)
        elif source == CompetencySource.SELF_ASSESSED:
            entry["self_assessed_level"] = level
    return [entry for entry in levels.values() if entry["verified_level"] or entry["self_assessed_level"]]


class PersonSerializer(serializers.ModelSerializer):
    """A person: public fields for everyone; the email only to the person themself and staff."""

    url = serializers.HyperlinkedIdentityField(view_name="person-detail")
    email = serializers.SerializerMethodField(
        help_text=_("Only for the person themself and staff; null for everyone else.")
    )
    region = SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text=_("Code of the Wikimedia region."),
    )
    languages = SlugRelatedField(slug_field="code", many=True, read_only=True)
    competencies = serializers.SerializerMethodField()
    wants_to_develop = SlugRelatedField(
        slug_field="slug",
        many=True,
        read_only=True,
        help_text=_("Slugs of competencies they want to develop."),
    )
    can_mentor = SlugRelatedField(
        slug_field="slug",
        many=True,
        read_only=True,
        help_text=_("Slugs of competencies in which they offer to mentor others."),
    )

    class Meta:
        model = Person
        list_serializer_class = FlatListSerializer
        fields = [
            "url",
            "id",
            "display_name",
            "wikimedia_username",
            "email",
            "is_public",
            "region",
            "languages",
            "competencies",
            "wants_to_develop",
            "can_mentor",
        ]
        read_only_fields = fields

    # A row of `selectors.people_for_api(lean=True)` is written straight from its columns, with the page's
    # languages, competency records and interests fetched once (`prepare_rows`); any other Person goes
    # through DRF's fields, which give the same answer (tests compare the two).
    related: selectors.PeopleListRelated | None = None

    def prepare_rows(self, rows: list[Person]) -> None:
        self.related = selectors.people_list_related(person_ids=[row.pk for row in rows])
        self.url_of = identity_urls(declared_field(self, "url"))

    def to_representation(self, person: Person) -> dict[str, Any]:
        if not hasattr(person, "region_code"):
            return super().to_representation(person)
        if self.related is None:  # a row on its own rather than a page of them
            self.prepare_rows([person])
        pk = person.pk
        return {
            "url": self.url_of(person),
            "id": pk,
            "display_name": person.display_name,
            "wikimedia_username": person.wikimedia_username,
            "email": self.get_email(person),
            "is_public": person.is_public,
            "region": person.region_code,
            "languages": self.related.languages.get(pk, []),
            "competencies": competency_levels(self.related.records.get(pk, ())),
            "wants_to_develop": self.related.wants_to_develop.get(pk, []),
            "can_mentor": self.related.can_mentor.get(pk, []),
        }

    @extend_schema_field({"type": "string", "format": "email", "nullable": True})
    def get_email(self, person: Person) -> str | None:
        user = self.context["request"].user
        return person.email if user.has_perm(Person.get_perm("change"), person) else None

    @extend_schema_field(PersonCompetencySerializer(many=True))
    def get_competencies(self, person: Person) -> list[dict[str, Any]]:
        """Per competency (by slug): the verified level and the self-assessed one, each null if none."""
        return competency_levels(
            (getattr(record, "competency_slug", None) or record.competency.slug, record.level, record.source)
            for record in person.competencies.all()
        )
