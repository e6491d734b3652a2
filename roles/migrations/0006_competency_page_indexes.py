"""Indexes for a competency's page: its requirements in the page's order with the role alongside, and the
active roles by id with their organisation (index-only lookups for the count of roles requiring it).
Built concurrently on PostgreSQL (roles and requirements are large tables)."""

from django.db import migrations, models

from leadership.common.migrations_ops import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("roles", "0005_account_sessions"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="role",
            index=models.Index(
                condition=models.Q(("active", True)),
                fields=["id"],
                include=("organization",),
                name="role_active_pk_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="rolerequirement",
            index=models.Index(
                fields=["competency", "importance", "min_level"],
                include=("role",),
                name="rolereq_competency_rank_idx",
            ),
        ),
    ]
