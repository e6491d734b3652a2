from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NominationState(models.TextChoices):
    """Where a nomination stands. Only the services move it, along the transitions of models.Nomination."""

    SUBMITTED = "submitted", pgettext_lazy("nomination state", "Submitted (awaiting email verification)")
    INVITED = "invited", pgettext_lazy("nomination state", "Nominee invited")
    ACCEPTED = "accepted", pgettext_lazy("nomination state", "Accepted by the nominee")
    DECLINED = "declined", pgettext_lazy("nomination state", "Declined by the nominee")
    IN_REVIEW = "in_review", pgettext_lazy("nomination state", "In review")
    SHORTLISTED = "shortlisted", pgettext_lazy("nomination state", "Shortlisted")
    NOT_SELECTED = "not_selected", pgettext_lazy("nomination state", "Not selected")
    APPOINTED = "appointed", pgettext_lazy("nomination state", "Appointed")
    OFFERED_TRAINING = "offered_training", pgettext_lazy("nomination state", "Offered training")
    EXPIRED = "expired", pgettext_lazy("nomination state", "Expired")

    @classmethod
    def consented(cls) -> list[str]:
        """States in which the nominee has accepted: the nomination may be seen by the call's people."""
        return [
            cls.ACCEPTED,
            cls.IN_REVIEW,
            cls.SHORTLISTED,
            cls.NOT_SELECTED,
            cls.APPOINTED,
            cls.OFFERED_TRAINING,
        ]

    @classmethod
    def consenting(cls) -> list[str]:
        """States in which the nominee said yes and is still a candidate or was chosen (consented() without
        NOT_SELECTED): they put the nominee in an organisation's pool of successors and among a role's
        candidates (the overview)."""
        return [cls.ACCEPTED, cls.IN_REVIEW, cls.SHORTLISTED, cls.APPOINTED, cls.OFFERED_TRAINING]

    @classmethod
    def reviewable(cls) -> list[str]:
        return [cls.ACCEPTED, cls.IN_REVIEW, cls.SHORTLISTED]

    @classmethod
    def pending(cls) -> list[str]:
        """Waiting for someone's email answer: the nominator's verification or the nominee's consent."""
        return [cls.SUBMITTED, cls.INVITED]

    @classmethod
    def final(cls) -> list[str]:
        return [cls.DECLINED, cls.NOT_SELECTED, cls.APPOINTED, cls.OFFERED_TRAINING, cls.EXPIRED]


class NominationKind(models.TextChoices):
    OTHER = "other", _("Someone else")
    SELF = "self", _("Myself")
    EXTERNAL = "external", _("Someone from another social movement")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    CHOICE = "choice", _("Choice")
