"""Serializers of the nominations API. Writes go through nominations.services, so the API refuses what the
web forms refuse, with the same translated messages (a service's ValidationError answers 400)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from leadership.common.api_fields import (
    BlankableEmailField,
    DateTimeText,
    FlatListSerializer,
    SlugRelatedField,
    StrictCharField,
    StrictEmailField,
    TranslatedOutputMixin,
)
from roles.enums import Level, RegionCode
from roles.models import Competency, Language, Role

from .. import rules as r
from .. import selectors
from ..enums import NominationKind
from ..models import CallQuestion, Endorsement, Nomination, NominationCall, Review, ScoringCriterion


class CallQuestionSerializer(TranslatedOutputMixin, serializers.ModelSerializer):
    translated = ("text",)
    text = serializers.CharField(read_only=True, help_text=_("The question in the response's language."))

    class Meta:
        model = CallQuestion
        fields = ["id", "text", "kind", "choices", "required", "position"]


class ScoringCriterionSerializer(TranslatedOutputMixin, serializers.ModelSerializer):
    translated = ("name",)
    name = serializers.CharField(read_only=True, help_text=_("The criterion in the response's language."))

    class Meta:
        model = ScoringCriterion
        fields = ["id", "name", "weight", "position"]


class CallRoleSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)

    class Meta:
        model = Role
        fields = ["id", "title"]


class NominationCallSerializer(TranslatedOutputMixin, serializers.ModelSerializer):
    """A call; its texts, questions and criteria in one language (`translations` with `all_languages=1`)."""

    translated = ("title", "text")
    title = serializers.CharField(read_only=True, help_text=_("Title in the response's language."))
    text = serializers.CharField(read_only=True, help_text=_("Text in the response's language."))
    organization = SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    roles = CallRoleSerializer(many=True, read_only=True)
    questions = CallQuestionSerializer(many=True, read_only=True)
    criteria = ScoringCriterionSerializer(many=True, read_only=True)
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = NominationCall
        fields = [
            "id",
            "title",
            "text",
            "organization",
            "roles",
            "is_standing",
            "opens_at",
            "closes_at",
            "is_open",
            "anonymised_review",
            "reviewing_open",
            "retention_days",
            "questions",
            "criteria",
        ]


class AnswerInputSerializer(serializers.Serializer):
    question = serializers.IntegerField(help_text=_("Id of one of the call's questions."))
    value = StrictCharField(allow_blank=True, max_length=5000)


class ObservedInputSerializer(serializers.Serializer):
    competency = SlugRelatedField(slug_field="slug", queryset=Competency.objects.filter(active=True))
    level = serializers.ChoiceField(choices=Level.choices, required=False, allow_null=True)


class NominationInputSerializer(serializers.Serializer):
    """A nomination by the signed-in user (the token's owner): the nominee is asked for consent at once."""

    call = serializers.PrimaryKeyRelatedField(queryset=NominationCall.objects.all())
    kind = serializers.ChoiceField(choices=NominationKind.choices, default=NominationKind.OTHER)
    role = serializers.PrimaryKeyRelatedField(queryset=Role.objects.all(), required=False, allow_null=True)
    nominee_name = StrictCharField(max_length=200)
    nominee_email = StrictEmailField()
    nominee_username = StrictCharField(max_length=100, required=False, allow_blank=True)
    nominee_organization = StrictCharField(max_length=200, required=False, allow_blank=True)
    nominee_region = serializers.ChoiceField(choices=RegionCode.choices, required=False, allow_blank=True)
    nominee_languages = SlugRelatedField(
        slug_field="code", queryset=Language.objects.all(), many=True, required=False
    )
    external_movement = StrictCharField(max_length=200, required=False, allow_blank=True)
    external_contact = StrictCharField(max_length=300, required=False, allow_blank=True)
    statement = StrictCharField(max_length=5000)
    nominator_anonymous = serializers.BooleanField(default=False)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    answers = AnswerInputSerializer(many=True, required=False)
    competencies = ObservedInputSerializer(many=True, required=False)


NOMINEE_FIELDS = (
    "nominee_name",
    "nominee_email",
    "nominee_username",
    "nominee_organization",
    "nominee_region",
    "external_movement",
    "external_contact",
)


class NominationSerializer(serializers.ModelSerializer):
    """A nomination as its reader may see it: reviewers of an anonymised call see no names."""

    answers = serializers.SerializerMethodField()
    observed_competencies = serializers.SerializerMethodField()
    names_hidden = serializers.SerializerMethodField()
    # Declared for its schema: a read-only field built from the model would lose `blank` ("" when unknown).
    nominee_region = serializers.ChoiceField(
        choices=RegionCode.choices, allow_blank=True, allow_null=True, read_only=True
    )
    nominee_email = BlankableEmailField(read_only=True, allow_null=True)  # "" once erased or never given

    class Meta:
        model = Nomination
        list_serializer_class = FlatListSerializer
        fields = [
            "id",
            "call",
            "role",
            "state",
            "kind",
            *NOMINEE_FIELDS,
            "statement",
            "language",
            "nominator_anonymous",
            "answers",
            "observed_competencies",
            "names_hidden",
            "created_at",
            "decided_at",
            "erased_at",
        ]
        read_only_fields = fields
        # Null when hidden from the reader (see to_representation).
        extra_kwargs = {name: {"allow_null": True} for name in NOMINEE_FIELDS}

    def _hidden(self, nomination: Nomination) -> bool:
        user = self.context["request"].user
        return bool(
            nomination.call.anonymised_review
            and not (
                r.is_nomination_nominator(user, nomination)
                or r.is_nomination_nominee(user, nomination)
                or r.is_nomination_call_organizer(user, nomination)
                or r.is_staff(user)
            )
        )

    @extend_schema_field(serializers.BooleanField(help_text=_("True when the nominee's details are hidden.")))
    def get_names_hidden(self, nomination: Nomination) -> bool:
        return self._hidden(nomination)

    @extend_schema_field(
        inline_serializer(
            "NominationAnswer",
            {"question": serializers.IntegerField(), "value": serializers.CharField()},
            many=True,
        )
    )
    def get_answers(self, nomination: Nomination) -> list[dict[str, Any]]:
        return [
            {"question": answer.question_id, "value": answer.value} for answer in nomination.answers.all()
        ]

    @extend_schema_field(
        inline_serializer(
            "ObservedCompetency",
            {"competency": serializers.CharField(), "level": serializers.IntegerField(allow_null=True)},
            many=True,
        )
    )
    def get_observed_competencies(self, nomination: Nomination) -> list[dict[str, Any]]:
        return [{"competency": o.competency.slug, "level": o.level} for o in nomination.observed.all()]

    # The list's rows are written straight from the nomination's columns, with the page's answers and
    # observed competencies fetched once (`prepare_rows`); a nomination on its own goes through DRF's
    # fields, which give the same answer (tests compare the two).
    related: tuple[dict[int, list[dict[str, Any]]], dict[int, list[dict[str, Any]]]] | None = None

    def prepare_rows(self, rows: list[Nomination]) -> None:
        self.related = selectors.nomination_list_related(nomination_ids=[row.pk for row in rows])
        self.moments = DateTimeText()

    def fields_representation(self, instance: Nomination) -> dict[str, Any]:
        """What the declared fields give, with the nominee's details blanked for readers who may not see them."""
        data = super().to_representation(instance)
        if self._hidden(instance):
            for name in (*NOMINEE_FIELDS,):
                data[name] = None
        return data

    def to_representation(self, instance: Nomination) -> dict[str, Any]:
        if self.related is None:
            return self.fields_representation(instance)
        answers, observed = self.related
        hidden = self._hidden(instance)
        pk, moment = instance.pk, self.moments

        def nominee(value: Any) -> Any:
            return None if hidden else value

        return {
            "id": pk,
            "call": instance.call_id,
            "role": instance.role_id,
            "state": instance.state,
            "kind": instance.kind,
            "nominee_name": nominee(instance.nominee_name),
            "nominee_email": nominee(instance.nominee_email),
            "nominee_username": nominee(instance.nominee_username),
            "nominee_organization": nominee(instance.nominee_organization),
            "nominee_region": nominee(instance.nominee_region),
            "external_movement": nominee(instance.external_movement),
            "external_contact": nominee(instance.external_contact),
            "statement": instance.statement,
            "language": instance.language,
            "nominator_anonymous": instance.nominator_anonymous,
            "answers": answers.get(pk, []),
            "observed_competencies": observed.get(pk, []),
            "names_hidden": hidden,
            "created_at": moment(instance.created_at),
            "decided_at": moment(instance.decided_at),
            "erased_at": moment(instance.erased_at),
        }


class EndorsementInputSerializer(serializers.Serializer):
    token = StrictCharField(help_text=_("The token of the endorsement link the nominee or nominator shared."))
    comment = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")


class EndorsementSerializer(serializers.ModelSerializer):
    user = serializers.SerializerMethodField()

    class Meta:
        model = Endorsement
        fields = ["id", "nomination", "user", "comment", "created_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_user(self, endorsement: Endorsement) -> str | None:
        """The endorser's username; hidden from the reviewers of an anonymised call."""
        viewer = self.context["request"].user
        nomination = endorsement.nomination
        if nomination.call.anonymised_review and not (
            endorsement.user_id == getattr(viewer, "pk", None)
            or r.is_nomination_call_organizer(viewer, nomination)
            or r.is_staff(viewer)
        ):
            return None
        return str(endorsement.user.get_username())


class ScoreInputSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    score = serializers.IntegerField(min_value=0, max_value=5)


class ReviewInputSerializer(serializers.Serializer):
    nomination = serializers.PrimaryKeyRelatedField(queryset=Nomination.objects.select_related("call"))
    conflict_of_interest = serializers.BooleanField(default=False)
    scores = ScoreInputSerializer(many=True, required=False)
    comment = StrictCharField(max_length=5000, required=False, allow_blank=True, default="")


class ReviewSerializer(serializers.ModelSerializer):
    scores = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = ["id", "nomination", "conflict_of_interest", "scores", "comment", "created_at", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(
        inline_serializer(
            "ReviewScore",
            {"criterion": serializers.IntegerField(), "score": serializers.IntegerField()},
            many=True,
        )
    )
    def get_scores(self, review: Review) -> list[dict[str, int]]:
        return [{"criterion": s.criterion_id, "score": s.score} for s in review.scores.all()]
