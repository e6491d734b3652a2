from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailKind(models.TextChoices):
    """Each kind of email can be unsubscribed from on its own, in one click."""

    ACCOUNT = "account", _("Account messages (sign-up, password)")
    MEMBERSHIP = "membership", _("Organisation membership: invitations and requests")
    ORGANIZATION = "organization", _("Organisation proposals")
    TRAINING = "training", _("Trainings: waitlist, reminders, cancellations and feedback requests")
    NOMINATION = "nomination", _("Nominations of you (consent requests)")
    NOMINATION_NOMINATOR = "nomination_nominator", _("Nominations you made: verification and outcomes")
    NOMINATION_REVIEW = "nomination_review", _("Nominations to review or decide on")
    NOMINATION_INVITATION = "nomination_invitation", _("Invitations to be nominated for a role")
    OVERVIEW_DIGEST = "overview_digest", _("Weekly overview of your organisation's leadership (organizers)")
