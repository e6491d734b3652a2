from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")
    FINISHED = "finished", _("Finished")


class EnrollmentState(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("Waitlisted")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")
    COMPLETED = "completed", _("Completed")
    NO_SHOW = "no_show", _("Did not attend")

    @classmethod
    def seat_holding(cls) -> list[str]:
        """States that hold one of the session's seats (counted in TrainingSession.confirmed_count)."""
        return [cls.CONFIRMED, cls.ATTENDED, cls.COMPLETED, cls.NO_SHOW]

    @classmethod
    def active(cls) -> list[str]:
        """States of a learner still expected at the session (told when it is cancelled or about to start)."""
        return [cls.CONFIRMED, cls.WAITLISTED]

    @classmethod
    def learner_states(cls) -> list[str]:
        """States of someone who takes or took part in the session: asked for and may give feedback, counted
        as its learners (the overview)."""
        return [cls.CONFIRMED, cls.ATTENDED, cls.COMPLETED]

    @classmethod
    def marks(cls) -> list[str]:
        """States an organiser records after the session."""
        return [cls.ATTENDED, cls.COMPLETED, cls.NO_SHOW]
