"""The fixed reference data every installation needs: the regions and the languages Django knows."""

from django.conf.locale import LANG_INFO
from django.db import migrations

REGIONS = ["CEE", "ESEAP", "LAC", "MENA", "NA", "NWE", "SA", "SSA", "GLOBAL"]


def create(apps, schema_editor):
    Region = apps.get_model("roles", "Region")
    Language = apps.get_model("roles", "Language")
    for order, code in enumerate(REGIONS):
        Region.objects.update_or_create(code=code, defaults={"order": order})
    for code, info in LANG_INFO.items():
        if "name" in info:
            Language.objects.get_or_create(code=code)


def remove(apps, schema_editor):
    apps.get_model("roles", "Region").objects.filter(code__in=REGIONS).delete()


class Migration(migrations.Migration):
    dependencies = [("roles", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
