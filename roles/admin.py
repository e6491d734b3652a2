"""Administration of organisations, people and memberships; staff approve proposed organisations here."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .enums import OrganizationStatus
from .models import Language, Membership, MembershipRequest, Organization, Person, Region


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
