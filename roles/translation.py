from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Organization


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"default": ()}


# After modeltranslation, so that the historical model keeps every language's name and description.
register_history(Organization, m2m_fields=["hubs"], app=__package__)
