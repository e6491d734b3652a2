"""Indexes for the people directory filtered by a competency (issue 13).

- personcomp_people_idx: a competency's records by person, carrying source and level, so that
  its people (any record, or a verified level of at least N) and the levels each card shows are read from
  the index alone;
- person_public_id_idx: public people by id, carrying the display name, so that those records are checked
  against the public profiles and sorted by name without visiting the table. With both, PostgreSQL finds a
  page from the competency's few hundred records instead of reading the public people in name order until
  25 of them have the competency (and counts them the same way).

Not atomic: PostgreSQL builds indexes concurrently only outside a transaction.
"""

from django.db import migrations, models

from leadership.common.migrations_ops import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False  # PostgreSQL builds an index concurrently only outside a transaction

    dependencies = [("roles", "0009_role_search_backfill")]

    operations = [
        AddIndexConcurrently(
            model_name="personcompetency",
            index=models.Index(
                fields=["competency", "person"],
                include=("source", "level"),
                name="personcomp_people_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="person",
            index=models.Index(
                condition=models.Q(("is_public", True)),
                fields=["id"],
                include=("display_name",),
                name="person_public_id_idx",
            ),
        ),
    ]
