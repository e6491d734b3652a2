from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from .enums import EmailKind


class BaseModel(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """Every model of the registry: timestamps, and object permissions from the app's rules.py."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class EmailOptOut(BaseModel):
    """An address that asked for no more emails of one kind.

    Only a keyed hash of the address is kept, so that honouring the wish stores no personal data.
    """

    address_hash = models.CharField(_("address hash"), max_length=64)
    kind = models.CharField(_("kind"), max_length=32, choices=EmailKind.choices)

    class Meta:
        verbose_name = _("email opt-out")
        verbose_name_plural = _("email opt-outs")
        constraints = [
            models.UniqueConstraint(fields=["address_hash", "kind"], name="emailoptout_unique_address_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.address_hash[:8]}"
