"""Factories of the registry's models (competencies, templates, roles, requirements, holders)."""

import datetime

import factory

from roles.enums import CompetencySource, Importance, Level, RoleKind
from roles.models import (
    Competency,
    CompetencyCategory,
    PersonCompetency,
    Role,
    RoleHolder,
    RoleRequirement,
    RoleTemplate,
    TemplateRequirement,
)
from roles.services import role_search_text, role_write_search_document

from .roles import OrganizationFactory, PersonFactory


class CompetencyCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetencyCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    name_en = factory.SelfAttribute("name")
    slug = factory.Sequence(lambda n: f"category-{n}")
    order = factory.Sequence(lambda n: n)


class CompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competency
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Competency {n}")
    name_en = factory.SelfAttribute("name")
    slug = factory.Sequence(lambda n: f"competency-{n}")
    description = "A fictional competency for tests."
    category = factory.SubFactory(CompetencyCategoryFactory)


class RoleTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleTemplate
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"Template role {n}")
    title_en = factory.SelfAttribute("title")
    slug = factory.Sequence(lambda n: f"template-role-{n}")
    kind = RoleKind.BOARD
    seats = 1
    term_length_months = 24
    term_limit = 2


class TemplateRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TemplateRequirement

    template = factory.SubFactory(RoleTemplateFactory)
    competency = factory.SubFactory(CompetencyFactory)
    min_level = Level.PRACTISING
    importance = Importance.ESSENTIAL


class RoleFactory(factory.django.DjangoModelFactory):
    """A role written as the services write it (search text included)."""

    class Meta:
        model = Role
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Role {n}")
    title_en = factory.SelfAttribute("title")
    description = "A fictional role for tests."
    description_en = factory.SelfAttribute("description")
    kind = RoleKind.BOARD
    seats = 1

    @factory.post_generation
    def index(self, create, extracted, **kwargs):
        if create:
            self.search_text = role_search_text(self)
            Role.objects.filter(pk=self.pk).update(search_text=self.search_text)
            role_write_search_document(self)


class RoleRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleRequirement

    role = factory.SubFactory(RoleFactory)
    competency = factory.SubFactory(CompetencyFactory)
    min_level = Level.PRACTISING
    importance = Importance.ESSENTIAL


class RoleHolderFactory(factory.django.DjangoModelFactory):
    """A term; use roles.services.holder_add in tests of rules about terms and seats."""

    class Meta:
        model = RoleHolder

    person = factory.SubFactory(PersonFactory)
    role = factory.SubFactory(RoleFactory)
    seat = 1
    start = factory.LazyFunction(lambda: datetime.date(2025, 1, 1))
    end = None
    term_number = 1


class PersonCompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonCompetency

    person = factory.SubFactory(PersonFactory)
    competency = factory.SubFactory(CompetencyFactory)
    level = Level.PRACTISING
    source = CompetencySource.SELF_ASSESSED
    assessed_on = factory.LazyFunction(lambda: datetime.date(2026, 1, 15))
