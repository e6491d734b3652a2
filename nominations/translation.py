"""Content fields translated with django-modeltranslation (falling back to English, then any language)."""

from modeltranslation.translator import TranslationOptions, register

from .models import CallQuestion, NominationCall, ScoringCriterion


class NoRequiredLanguage(TranslationOptions):
    """Content may be written in any one language: the services check that at least one has a value."""

    required_languages = {"default": ()}


@register(NominationCall)
class NominationCallTranslationOptions(NoRequiredLanguage):
    fields = ("title", "text")


@register(CallQuestion)
class CallQuestionTranslationOptions(NoRequiredLanguage):
    fields = ("text",)


@register(ScoringCriterion)
class ScoringCriterionTranslationOptions(NoRequiredLanguage):
    fields = ("name",)
