"""The home page: real counts and the entry points of the registry."""

from django.db.models import Count, Q
from django.views.generic import TemplateView

from roles.enums import OrganizationKind, OrganizationStatus
from roles.models import Membership, Organization, Region


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        context = super().get_context_data(**kwargs)
        listed = Q(status=OrganizationStatus.APPROVED, active=True)
        counts = Organization.objects.aggregate(
            organizations=Count("id", filter=listed),
            hubs=Count("id", filter=listed & Q(kind__in=OrganizationKind.hub_kinds())),
        )
        context["counts"] = {
            **counts,
            "regions": Region.objects.exclude(code="GLOBAL").count(),
            "members": Membership.objects.filter(organization__status=OrganizationStatus.APPROVED)
            .values("person_id")
            .distinct()
            .count(),
        }
        context["regions"] = Region.objects.annotate(
            organization_count=Count(
                "organizations", filter=Q(organizations__status=OrganizationStatus.APPROVED)
            )
        )
        return context
