"""Serializers of regions and organisations: one shape to read, one to write.

Reading shows a translated field in one language, the response's (with modeltranslation's fallback); with
`?all_languages=1`, `translations` adds every language's value by language code, for editors. Writing takes the per-language values (`name_fr`...) and, for
convenience, `name` and `description` in the request's language; the shared validators of
leadership.common.validators apply, so the API refuses what the web form refuses, with the same messages.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from modeltranslation.utils import build_localized_fieldname, get_language
from rest_framework import serializers

from leadership.common.api_fields import (
    URL_FIELD_MAPPING,
    DateTimeText,
    FlatListSerializer,
    KeyedUrls,
    NamedBriefSerializer,
    ObjectKey,
    SlugRelatedField,
    StrictCharField,
    StrictURLField,
    TranslatedOutputMixin,
    choice_labels,
    declared_field,
    identity_urls,
    in_language,
    translations_field,
)
from leadership.common.languages import localized_columns
from leadership.common.validators import validate_no_control_characters, validate_wikidata_qid

from .. import selectors
from ..enums import OrganizationKind, OrganizationStatus, RegionCode
from ..models import Language, Organization, Region

TRANSLATED_FIELDS = ("name", "description")

NAME_FIELDS = localized_columns("name")
DESCRIPTION_FIELDS = localized_columns("description")
NAME_MAX_LENGTH = Organization._meta.get_field("name").max_length


class RegionSerializer(NamedBriefSerializer):
    name = serializers.CharField(
        read_only=True, help_text=_("Name of the region in the response's language.")
    )

    class Meta:
        model = Region
        fields = ["code", "name"]


@extend_schema_field(OpenApiTypes.STR)
class CountryCodeField(CountryField):
    """A country by its ISO 3166-1 alpha-2 code (or its English name), written as its code.

    Only a string: django-countries would take the number 250 as France's numeric code.
    """

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            self.fail("invalid_choice", input=data)
        return super().to_internal_value(data)


class OrganizationSerializer(TranslatedOutputMixin, serializers.ModelSerializer):
    """An organisation as everyone may read it."""

    translated = TRANSLATED_FIELDS

    url = serializers.HyperlinkedIdentityField(view_name="organization-detail", lookup_field="slug")
    web_url = serializers.SerializerMethodField(help_text=_("The organisation's page on the website."))
    name = serializers.CharField(read_only=True, help_text=_("Name in the response's language."))
    description = serializers.CharField(
        read_only=True, help_text=_("Description in the response's language.")
    )
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    region = RegionSerializer(read_only=True)
    countries = serializers.SerializerMethodField(help_text=_("ISO 3166-1 alpha-2 codes."))
    languages = SlugRelatedField(slug_field="code", many=True, read_only=True)
    hubs = SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text=_("Slugs of the hubs that serve it.")
    )
    served_organizations_count = serializers.IntegerField(
        read_only=True, help_text=_("How many approved organisations this hub serves.")
    )

    serializer_field_mapping = URL_FIELD_MAPPING

    class Meta:
        model = Organization
        list_serializer_class = FlatListSerializer
        fields = [
            "url",
            "web_url",
            "slug",
            "name",
            "description",
            "kind",
            "kind_label",
            "status",
            "status_label",
            "region",
            "countries",
            "languages",
            "website",
            "wikidata_qid",
            "hubs",
            "served_organizations_count",
            "active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    # A row of `selectors.organizations_for_api(lean=True)` is written straight from its columns, with the
    # page's languages, hubs and served counts fetched once; any other Organization goes through DRF's
    # fields, which give the same answer (tests compare the two).
    related: selectors.OrganizationListRelated | None = None

    def prepare_rows(self, rows: list[Organization]) -> None:
        self.related = selectors.organization_list_related(organization_ids=[row.pk for row in rows])
        self.url_of = identity_urls(declared_field(self, "url"))
        self.web_url_of = KeyedUrls(lambda slug: self.get_web_url(ObjectKey("slug", slug)), lookup="slug")
        self.kind_labels = choice_labels(OrganizationKind.choices)
        self.status_labels = choice_labels(OrganizationStatus.choices)
        self.region_names = choice_labels(RegionCode.choices)
        self.moments = DateTimeText()
        self.translations = translations_field(self)

    def to_representation(self, organization: Organization) -> dict[str, Any]:
        if not hasattr(organization, "region_code"):
            return super().to_representation(organization)
        if self.related is None:  # a row on its own rather than a page of them
            self.prepare_rows([organization])
        pk, kind, status, region = (
            organization.pk,
            organization.kind,
            organization.status,
            organization.region_code,
        )
        data = {
            "url": self.url_of(organization),
            "web_url": self.web_url_of(organization),
            "slug": organization.slug,
            "name": organization.shown_name,
            "description": organization.shown_description,
            "kind": kind,
            "kind_label": self.kind_labels.get(kind, kind),
            "status": status,
            "status_label": self.status_labels.get(status, status),
            "region": {
                "code": region,
                "name": self.region_names.get(region) or str(RegionCode(region).label),
            },
            "countries": self.get_countries(organization),
            "languages": self.related.languages.get(pk, []),
            "website": organization.website,
            "wikidata_qid": organization.wikidata_qid,
            "hubs": self.related.hubs.get(pk, []),
            "served_organizations_count": self.related.served.get(pk, 0),
            "active": organization.active,
            "created_at": self.moments(organization.created_at),
            "updated_at": self.moments(organization.updated_at),
        }
        if self.translations is not None:
            data["translations"] = self.translations.to_representation(organization)
        return data

    def get_web_url(self, organization: Organization) -> str:
        path = reverse("roles:organization_detail", kwargs={"slug": organization.slug})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    def get_countries(self, organization: Organization) -> list[str]:
        return [country.code for country in organization.countries]


def _name_field(**kwargs: Any) -> serializers.CharField:
    return StrictCharField(max_length=NAME_MAX_LENGTH, validators=[validate_no_control_characters], **kwargs)


def _description_field(**kwargs: Any) -> serializers.CharField:
    return StrictCharField(style={"base_template": "textarea.html"}, **kwargs)


class OrganizationInputSerializer(serializers.Serializer):
    """What a client sends to propose or edit an organisation; answered with an OrganizationSerializer."""

    name = _name_field(
        required=False,
        help_text=_("Name in the request's language (the language of `lang` or Accept-Language)."),
    )
    description = _description_field(
        required=False, allow_blank=True, help_text=_("Description in the request's language.")
    )
    kind = serializers.ChoiceField(choices=OrganizationKind.choices)
    region = SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), help_text=_("Code of the Wikimedia region.")
    )
    countries = serializers.ListField(
        child=CountryCodeField(), required=False, max_length=300, help_text=_("ISO 3166-1 alpha-2 codes.")
    )
    languages = SlugRelatedField(
        slug_field="code", queryset=Language.objects.all(), many=True, required=False
    )
    website = StrictURLField(required=False, allow_blank=True, max_length=200)
    wikidata_qid = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=16,
        validators=[validate_wikidata_qid],
        help_text=_("Wikidata item id, for example Q180."),
    )
    hubs = SlugRelatedField(
        slug_field="slug",
        queryset=Organization.objects.filter(
            status=OrganizationStatus.APPROVED, kind__in=OrganizationKind.hub_kinds()
        ),
        many=True,
        required=False,
        help_text=_("Slugs of the approved hubs that serve it."),
    )
    active = serializers.BooleanField(required=False)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for column, code in NAME_FIELDS.items():
            fields[column] = _name_field(
                required=False,
                allow_blank=True,
                allow_null=True,
                help_text=in_language(_("Name in %(language)s."), code),
            )
        for column, code in DESCRIPTION_FIELDS.items():
            fields[column] = _description_field(
                required=False,
                allow_blank=True,
                allow_null=True,
                help_text=in_language(_("Description in %(language)s."), code),
            )
        return fields

    def to_representation(self, instance: Organization) -> dict[str, Any]:
        return OrganizationSerializer(instance, context=self.context).data

    def validate_countries(self, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    def validate_languages(self, value: list[Language]) -> list[Language]:
        return list(dict.fromkeys(value))

    def validate_hubs(self, value: list[Organization]) -> list[Organization]:
        if self.instance is not None and any(hub.pk == self.instance.pk for hub in value):
            raise serializers.ValidationError(_("An organisation cannot be a hub that serves itself."))
        return list(dict.fromkeys(value))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Puts `name` and `description` in the request language's column; an empty translation is None.

        A per-language value given too wins over the plain one. After the change, the organisation must
        have a name in at least one language.
        """
        language = get_language()
        for field in TRANSLATED_FIELDS:
            if field in attrs:
                attrs.setdefault(build_localized_fieldname(field, language), attrs.pop(field))
        for column in (*NAME_FIELDS, *DESCRIPTION_FIELDS):
            if column in attrs and not attrs[column]:
                attrs[column] = None
        names = [
            attrs[column] if column in attrs else getattr(self.instance, column, None)
            for column in NAME_FIELDS
        ]
        if not any(names):
            raise serializers.ValidationError(
                {"name": [_("Give the organisation a name in at least one language.")]}, code="required"
            )
        return attrs
