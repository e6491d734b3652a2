"""Factories of the nominations app: one per model.

A nomination's state is protected (only the services move it); the factory sets it at creation, which is
how tests put a nomination in any state. Reviews and scores made here store their nomination's ranking
aggregate through `services.nomination_scores_refresh`, as the review services do.
"""

import datetime

import factory
from django.utils import timezone

from nominations import services
from nominations.enums import NominationKind, NominationState, QuestionKind
from nominations.models import (
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

from .registry import CompetencyFactory
from .roles import OrganizationFactory, UserFactory


class NominationCallFactory(factory.django.DjangoModelFactory):
    """An open call of an organisation, closing in 30 days."""

    class Meta:
        model = NominationCall
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Call for nominations {n}")
    title_en = factory.SelfAttribute("title")
    text = "Tell us who could lead."
    text_en = factory.SelfAttribute("text")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    retention_days = 90

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.roles.set(extracted)

    @factory.post_generation
    def reviewers(self, create, extracted, **kwargs):
        if create and extracted:
            self.reviewers.set(extracted)


class CallQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallQuestion

    call = factory.SubFactory(NominationCallFactory)
    text = factory.Sequence(lambda n: f"Question {n}?")
    text_en = factory.SelfAttribute("text")
    kind = QuestionKind.TEXT
    choices = factory.LazyFunction(list)
    required = False
    position = factory.Sequence(lambda n: n)


class ScoringCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScoringCriterion

    call = factory.SubFactory(NominationCallFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    name_en = factory.SelfAttribute("name")
    weight = 1
    position = factory.Sequence(lambda n: n)


class NominationFactory(factory.django.DjangoModelFactory):
    """A nomination by a signed-in member, waiting for the nominee's consent (state given at creation)."""

    class Meta:
        model = Nomination

    call = factory.SubFactory(NominationCallFactory)
    state = NominationState.INVITED
    kind = NominationKind.OTHER
    nominee_name = factory.Sequence(lambda n: f"Nominee {n}")
    nominee_email = factory.Sequence(lambda n: f"nominee{n}@example.org")
    statement = "A thoughtful organiser of the community."
    nominator = factory.SubFactory(UserFactory)
    nominator_email = factory.LazyAttribute(lambda o: o.nominator.email if o.nominator else "")
    language = "en"
    invited_at = factory.LazyFunction(timezone.now)


class NominationEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NominationEvent

    nomination = factory.SubFactory(NominationFactory)
    from_state = NominationState.SUBMITTED
    to_state = NominationState.INVITED


class NominationAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NominationAnswer

    nomination = factory.SubFactory(NominationFactory)
    question = factory.SubFactory(CallQuestionFactory, call=factory.SelfAttribute("..nomination.call"))
    value = "An answer."


class ObservedCompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ObservedCompetency

    nomination = factory.SubFactory(NominationFactory)
    competency = factory.SubFactory(CompetencyFactory)
    level = 2


class EndorsementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Endorsement

    nomination = factory.SubFactory(NominationFactory, state=NominationState.ACCEPTED)
    user = factory.SubFactory(UserFactory)
    comment = "I have seen them lead."


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    nomination = factory.SubFactory(NominationFactory, state=NominationState.IN_REVIEW)
    reviewer = factory.SubFactory(UserFactory)
    comment = "Strong candidate."
    conflict_of_interest = False

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            services.nomination_scores_refresh(
                nominations=Nomination.objects.filter(pk=instance.nomination_id)
            )


class ReviewScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewScore

    review = factory.SubFactory(ReviewFactory)
    criterion = factory.SubFactory(
        ScoringCriterionFactory, call=factory.SelfAttribute("..review.nomination.call")
    )
    score = 3

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            services.nomination_scores_refresh(
                nominations=Nomination.objects.filter(pk=instance.review.nomination_id)
            )
