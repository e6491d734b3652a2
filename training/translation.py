"""Content fields translated with django-modeltranslation (falling back to English, then any language)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Course, TrainingSession


@register(Course)
class CourseTranslationOptions(TranslationOptions):
    """A course may be written in any one language: the services check that at least one has a title."""

    fields = ("title", "description")
    required_languages = {"default": ()}


# After modeltranslation, so that the historical models keep every language's text.
register_history(Course, m2m_fields=["languages"], app=__package__, excluded_fields=["search_text"])
register_history(
    TrainingSession,
    app=__package__,
    excluded_fields=["confirmed_count", "reminder_sent_at", "feedback_requested_at"],
)
