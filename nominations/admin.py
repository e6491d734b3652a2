"""Administration of calls (with their questions and criteria) and a read-only view of nominations.

A nomination's state and personal data change only through the services: the admin shows them, and its one
action erases the selected nominations through `services.nomination_erase`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from . import services
from .models import (
    CallQuestion,
    Endorsement,
    Nomination,
    NominationAnswer,
    NominationCall,
    NominationEvent,
    ObservedCompetency,
    Review,
    ReviewScore,
    ScoringCriterion,
)


class CallQuestionInline(TranslationTabularInline):
    model = CallQuestion
    extra = 0
    fields = ["position", "text", "kind", "choices", "required"]


class ScoringCriterionInline(TranslationTabularInline):
    model = ScoringCriterion
    extra = 0
    fields = ["position", "name", "weight"]


@admin.register(NominationCall)
class NominationCallAdmin(TranslationAdmin):
    list_display = ["title", "organization", "opens_at", "closes_at", "is_standing", "reviewing_open"]
    list_filter = ["is_standing", "reviewing_open", "anonymised_review"]
    search_fields = ["title_en", "title_fr", "title_es", "title_pt_br", "title_ind", "title_ar"]
    autocomplete_fields = ["organization", "reviewers", "created_by"]
    filter_horizontal = ["roles"]
    list_select_related = ["organization"]
    inlines = [CallQuestionInline, ScoringCriterionInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if change:  # a criterion's weight or its removal ranks the call's nominations anew
            services.nomination_scores_refresh(nominations=Nomination.objects.filter(call=form.instance))


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class NominationAnswerInline(ReadOnlyInline):
    model = NominationAnswer
    fields = ["question", "value"]


class ObservedCompetencyInline(ReadOnlyInline):
    model = ObservedCompetency
    fields = ["competency", "level"]


class NominationEventInline(ReadOnlyInline):
    model = NominationEvent
    fields = ["created_at", "from_state", "to_state", "actor"]
    readonly_fields = ["created_at"]


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "call", "state", "kind", "created_at", "erased_at"]
    list_filter = ["state", "kind"]
    search_fields = ["nominee_name", "nominee_email", "nominee_username"]
    list_select_related = ["call"]
    inlines = [NominationAnswerInline, ObservedCompetencyInline, NominationEventInline]
    actions = ["erase"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # nominations come through the public form or the API

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Erase the nominees' personal data of the selected nominations"))
    def erase(self, request: HttpRequest, queryset: QuerySet[Nomination]) -> None:
        count = 0
        for nomination in queryset.filter(erased_at__isnull=True):
            services.nomination_erase(nomination=nomination)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d nomination was erased.", "%(count)d nominations were erased.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Endorsement)
class EndorsementAdmin(admin.ModelAdmin):
    list_display = ["nomination", "user", "created_at"]
    list_select_related = ["nomination", "user"]
    raw_id_fields = ["nomination", "user"]


class ReviewScoreInline(admin.TabularInline):
    model = ReviewScore
    extra = 0


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["nomination", "reviewer", "conflict_of_interest", "updated_at"]
    list_filter = ["conflict_of_interest"]
    list_select_related = ["nomination", "reviewer"]
    raw_id_fields = ["nomination", "reviewer"]
    inlines = [ReviewScoreInline]

    # Scores edited or reviews deleted here change the ranking aggregate the nominations store.
    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        services.nomination_scores_refresh(
            nominations=Nomination.objects.filter(pk=form.instance.nomination_id)
        )

    def delete_model(self, request: HttpRequest, obj: Review) -> None:
        nomination_id = obj.nomination_id
        super().delete_model(request, obj)
        services.nomination_scores_refresh(nominations=Nomination.objects.filter(pk=nomination_id))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        nomination_ids = list(queryset.values_list("nomination_id", flat=True))
        super().delete_queryset(request, queryset)
        services.nomination_scores_refresh(nominations=Nomination.objects.filter(pk__in=nomination_ids))
