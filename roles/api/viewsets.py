from rest_framework import viewsets

from ..models import Organization, Region
from .serializers import OrganizationSerializer, RegionSerializer


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    pagination_class = None
    lookup_field = "code"


class OrganizationViewSet(viewsets.ModelViewSet):
    queryset = Organization.objects.filter(status="approved").select_related("region")
    serializer_class = OrganizationSerializer
    lookup_field = "slug"
