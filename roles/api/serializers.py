from rest_framework import serializers

from ..models import Organization, Region


class RegionSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Region
        fields = ["code", "name"]


class OrganizationSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())

    class Meta:
        model = Organization
        fields = ["slug", "name", "kind", "region", "website", "wikidata_qid", "active"]
