from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ScopeKind(models.TextChoices):
    """What an overview covers: the movement, one region, or one organisation (a hub: with those it serves)."""

    MOVEMENT = "movement", pgettext_lazy("overview scope", "Movement")
    REGION = "region", pgettext_lazy("overview scope", "Region")
    ORGANIZATION = "organization", pgettext_lazy("overview scope", "Organisation")


class DiversityGroup(models.TextChoices):
    HOLDERS = "holders", _("Role holders")
    NOMINEES = "nominees", _("Nominees")
    LEARNERS = "learners", _("Learners")
