from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """Courses, training sessions, enrollment and waitlist, attendance and completion."""

    name = "training"
    verbose_name = _("Training")
