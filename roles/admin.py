"""Administration of the registry: organisations, people and memberships (staff approve proposed organisations
here), competencies and the proficiency scale, role templates, roles, holders and people's competencies.

Writes with rules go through the services: a role's search text and filled seats, holders' terms that must not
overlap, deletions that recount seats, accounts whose deactivation or deletion ends their sessions.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from leadership.common.languages import localized_field_names

from . import services
from .enums import OrganizationStatus
from .models import (
    Competency,
    CompetencyCategory,
    CompetencyLevelDescriptor,
    Language,
    Membership,
    MembershipRequest,
    Organization,
    Person,
    PersonCompetency,
    ProficiencyLevel,
    Region,
    Role,
    RoleHolder,
    RoleRequirement,
    RoleTemplate,
    TemplateRequirement,
)
from .services import holder_check_term as check_term  # the holder services' own overlap check


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order"]
    ordering = ["order", "code"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_local"]
    search_fields = ["code"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "capacity"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["display_name", "wikimedia_username", "region", "is_public", "user"]
    list_filter = ["is_public", "region"]
    search_fields = ["display_name", "wikimedia_username", "email"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["languages"]
    list_select_related = ["region", "user"]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "kind", "region", "status", "active"]
    list_filter = ["status", "kind", "region", "active"]
    search_fields = ["name_en", "name_fr", "name_es", "name_pt_br", "name_ind", "name_ar", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["languages", "hubs"]
    autocomplete_fields = ["proposed_by"]
    list_select_related = ["region"]
    inlines = [MembershipInline]
    actions = ["approve", "reject"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def _decide(self, request: HttpRequest, queryset: QuerySet[Organization], *, approve: bool) -> None:
        by = Person.objects.filter(user=request.user).first()
        proposed = list(queryset.filter(status=OrganizationStatus.PROPOSED))
        skipped = queryset.count() - len(proposed)
        done = 0
        for organization in proposed:
            try:
                services.organization_decide(organization=organization, approve=approve, by=by)
            except ValidationError as error:
                self.message_user(request, f"{organization}: {' '.join(error.messages)}", messages.ERROR)
            else:
                done += 1
        if done:
            text = (
                ngettext(
                    "%(count)d organisation was approved.", "%(count)d organisations were approved.", done
                )
                if approve
                else ngettext(
                    "%(count)d organisation was rejected.", "%(count)d organisations were rejected.", done
                )
            )
            self.message_user(request, text % {"count": done}, messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d organisation was skipped: it was already decided on.",
                    "%(count)d organisations were skipped: they were already decided on.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Approve the selected proposed organisations"), permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet[Organization]) -> None:
        self._decide(request, queryset, approve=True)

    @admin.action(description=_("Reject the selected proposed organisations"), permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet[Organization]) -> None:
        self._decide(request, queryset, approve=False)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "organization", "capacity", "created_at"]
    list_filter = ["capacity"]
    search_fields = ["person__display_name", "organization__name_en"]
    autocomplete_fields = ["person", "organization"]
    list_select_related = ["person", "organization"]


@admin.register(MembershipRequest)
class MembershipRequestAdmin(admin.ModelAdmin):
    list_display = ["organization", "kind", "state", "person", "email", "wikimedia_username", "created_at"]
    list_filter = ["kind", "state"]
    search_fields = ["organization__name_en", "person__display_name", "email", "wikimedia_username"]
    autocomplete_fields = ["organization", "person", "created_by", "decided_by"]
    list_select_related = ["organization", "person"]


# --- Competencies and the proficiency scale ------------------------------------------------------------


@admin.register(CompetencyCategory)
class CompetencyCategoryAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = [*localized_field_names("name"), "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    ordering = ["order", "slug"]


class CompetencyLevelDescriptorInline(TranslationTabularInline):
    model = CompetencyLevelDescriptor
    extra = 0
    max_num = 4
    fields = ["level", "descriptor"]


@admin.register(Competency)
class CompetencyAdmin(TranslationAdmin):
    list_display = ["name", "category", "parent", "wikidata_qid", "active"]
    list_filter = ["active", "category"]
    search_fields = [*localized_field_names("name"), "slug", "wikidata_qid"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["parent"]
    list_select_related = ["category", "parent"]
    inlines = [CompetencyLevelDescriptorInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ProficiencyLevel)
class ProficiencyLevelAdmin(TranslationAdmin):
    """The one shared scale: its four levels are reference data, edited (translated) but never added."""

    list_display = ["level", "name"]
    ordering = ["level"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- Role templates and roles ----------------------------------------------------------------------------


class TemplateRequirementInline(admin.TabularInline):
    model = TemplateRequirement
    extra = 0
    autocomplete_fields = ["competency"]
    fields = ["competency", "min_level", "importance"]


@admin.register(RoleTemplate)
class RoleTemplateAdmin(TranslationAdmin):
    list_display = ["title", "kind", "seats", "selection", "term_length_months", "term_limit", "active"]
    list_filter = ["active", "kind", "selection"]
    search_fields = [*localized_field_names("title"), "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [TemplateRequirementInline]


class RoleRequirementInline(admin.TabularInline):
    model = RoleRequirement
    extra = 0
    autocomplete_fields = ["competency"]
    fields = ["competency", "min_level", "importance"]


class RoleAdminForm(forms.ModelForm):
    def clean_seats(self) -> int:
        seats = self.cleaned_data["seats"]
        if self.instance.pk and seats is not None and seats < self.instance.filled_seats:
            raise ValidationError(
                _("%(filled)d seats are filled today: end some terms before reducing the seats.")
                % {"filled": self.instance.filled_seats}
            )
        return seats


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin, TranslationAdmin):
    form = RoleAdminForm
    list_display = [
        "title",
        "organization",
        "kind",
        "seats",
        "filled_seats",
        "open_for_nominations",
        "active",
    ]
    list_filter = ["active", "kind", "open_for_nominations", "selection"]
    search_fields = [*localized_field_names("title"), "organization__name_en"]
    autocomplete_fields = ["organization", "template"]
    filter_horizontal = ["languages"]
    list_select_related = ["organization"]
    readonly_fields = ["filled_seats"]
    inlines = [RoleRequirementInline]

    def save_model(self, request: HttpRequest, obj: Role, form: forms.ModelForm, change: bool) -> None:
        obj.search_text = services.role_search_text(obj)
        super().save_model(request, obj, form, change)
        services.role_write_search_document(obj)
        services.role_refresh_filled_seats(role=obj)

    def delete_model(self, request: HttpRequest, obj: Role) -> None:
        services.role_delete(role=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Role]) -> None:
        for role in queryset:
            services.role_delete(role=role)


# --- Holders and people's competencies ---------------------------------------------------------------------


class RoleHolderAdminForm(forms.ModelForm):
    """Checks a term as the holder services do: a seat of the role, and no overlap with another term."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        role, seat, start = cleaned.get("role"), cleaned.get("seat"), cleaned.get("start")
        if role is not None and seat is not None and start is not None:
            try:
                check_term(
                    role=role, seat=seat, start=start, end=cleaned.get("end"), exclude=self.instance.pk
                )
            except ValidationError as error:
                raise ValidationError(error.message_dict) from error
        return cleaned


@admin.register(RoleHolder)
class RoleHolderAdmin(SimpleHistoryAdmin):
    form = RoleHolderAdminForm
    list_display = ["person", "role", "seat", "start", "end", "term_number"]
    list_filter = ["end"]
    search_fields = ["person__display_name", "person__wikimedia_username", "role__title_en"]
    autocomplete_fields = ["person", "role"]
    list_select_related = ["person", "role"]
    date_hierarchy = "start"

    def save_model(self, request: HttpRequest, obj: RoleHolder, form: forms.ModelForm, change: bool) -> None:
        if change:
            services.holder_update(
                holder=obj, seat=obj.seat, start=obj.start, end=obj.end, term_number=obj.term_number
            )
            if "role" in form.changed_data:  # the term moved to another role: recount the one it left
                previous = Role.objects.filter(pk=form.initial.get("role")).first()
                if previous is not None:
                    services.role_refresh_filled_seats(role=previous)
        else:
            saved = services.holder_add(
                role=obj.role,
                person=obj.person,
                start=obj.start,
                seat=obj.seat,
                end=obj.end,
                term_number=obj.term_number,
            )
            obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: RoleHolder) -> None:
        services.holder_delete(holder=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[RoleHolder]) -> None:
        for holder in queryset.select_related("role"):
            services.holder_delete(holder=holder)


@admin.register(PersonCompetency)
class PersonCompetencyAdmin(SimpleHistoryAdmin):
    list_display = ["person", "competency", "level", "source", "assessed_on", "recorded_by"]
    list_filter = ["source", "level"]
    search_fields = ["person__display_name", "person__wikimedia_username", "competency__name_en"]
    autocomplete_fields = ["person", "competency", "recorded_by"]
    list_select_related = ["person", "competency", "recorded_by"]
    date_hierarchy = "assessed_on"


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    """Django's account admin, where deactivating or deleting an account also ends its sessions on the server."""

    actions = ["deactivate"]

    def save_model(self, request: HttpRequest, obj: Any, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            services.account_sessions_end(user=obj)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.account_sessions_end(user=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for user in queryset:
            services.account_sessions_end(user=user)
        super().delete_queryset(request, queryset)

    @admin.action(
        description=_("Deactivate the selected accounts and end their sessions"), permissions=["change"]
    )
    def deactivate(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        users = list(queryset.filter(is_active=True))
        for user in users:
            services.account_deactivate(user=user)
        self.message_user(
            request,
            ngettext("%(count)d account deactivated.", "%(count)d accounts deactivated.", len(users))
            % {"count": len(users)},
            messages.SUCCESS,
        )
