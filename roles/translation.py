"""Content fields translated with django-modeltranslation (falling back to English, then any language)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import (
    Competency,
    CompetencyCategory,
    CompetencyLevelDescriptor,
    Organization,
    ProficiencyLevel,
    Role,
    RoleTemplate,
)


class NoRequiredLanguage(TranslationOptions):
    """Content may be written in any one language: forms check that at least one has a value."""

    required_languages = {"default": ()}


@register(Organization)
class OrganizationTranslationOptions(NoRequiredLanguage):
    fields = ("name", "description")


@register(CompetencyCategory)
class CompetencyCategoryTranslationOptions(NoRequiredLanguage):
    fields = ("name", "description")


@register(Competency)
class CompetencyTranslationOptions(NoRequiredLanguage):
    fields = ("name", "description")


@register(ProficiencyLevel)
class ProficiencyLevelTranslationOptions(NoRequiredLanguage):
    fields = ("name", "descriptor")


@register(CompetencyLevelDescriptor)
class CompetencyLevelDescriptorTranslationOptions(NoRequiredLanguage):
    fields = ("descriptor",)


@register(RoleTemplate)
class RoleTemplateTranslationOptions(NoRequiredLanguage):
    fields = ("title", "description", "responsibilities")


@register(Role)
class RoleTranslationOptions(NoRequiredLanguage):
    fields = ("title", "description", "responsibilities")


# After modeltranslation, so that the historical models keep every language's text.
register_history(Organization, m2m_fields=["hubs"], app=__package__)
register_history(
    Role, m2m_fields=["languages"], app=__package__, excluded_fields=["search_text", "search_document"]
)
