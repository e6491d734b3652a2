import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from roles.enums import Capacity, MembershipRequestKind, OrganizationKind, OrganizationStatus
from roles.models import Language, Membership, MembershipRequest, Organization, Person, Region

PASSWORD = "correct-horse-battery-staple-42"


def region(code: str = "NWE") -> Region:
    """Regions are reference data created by a migration (tests that flush the database recreate them)."""
    return Region.objects.get_or_create(code=code)[0]


def language(code: str = "en") -> Language:
    return Language.objects.get_or_create(code=code)[0]


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = "en"


class UserFactory(factory.django.DjangoModelFactory):
    """An account with a verified email and its Person, as sign-up makes them."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def person(self, create, extracted, **kwargs):
        if not create:
            return
        self.save()
        EmailAddress.objects.get_or_create(
            user=self, email=self.email, defaults={"verified": True, "primary": True}
        )
        Person.objects.get_or_create(
            user=self,
            defaults={"display_name": kwargs.get("display_name", self.username), "email": self.email},
        )


class PersonFactory(factory.django.DjangoModelFactory):
    """A person without an account (a role holder or nominee, say)."""

    class Meta:
        model = Person

    display_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    is_public = True


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Wikimedia Testland {n}")
    name_en = factory.SelfAttribute("name")
    slug = factory.Sequence(lambda n: f"wikimedia-testland-{n}")
    kind = OrganizationKind.CHAPTER
    status = OrganizationStatus.APPROVED
    region = factory.LazyFunction(region)
    description = "A fictional organisation for tests."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    capacity = Capacity.MEMBER


class MembershipRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipRequest

    organization = factory.SubFactory(OrganizationFactory)
    kind = MembershipRequestKind.REQUEST
    person = factory.SubFactory(PersonFactory)
    capacity = Capacity.MEMBER
