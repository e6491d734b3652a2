from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """Courses, training sessions, enrollment and waitlist, attendance and completion."""

    name = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from leadership.common import privacy

        from . import services

        # Erasers run in the order of their sections' names: "learning" comes before "roles", so that the
        # learner's seats are released (and the waitlist promoted) before the roles app deletes the person.
        privacy.register("learning", exporter=services.learner_export, eraser=services.learner_erase)
