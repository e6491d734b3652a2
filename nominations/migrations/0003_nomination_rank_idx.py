"""The ranked table's index, built without locking writes out on PostgreSQL (CREATE INDEX CONCURRENTLY: the
migration is not atomic); other databases build it plainly."""

import django.db.models.functions.comparison
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class AddIndexConcurrentlyOnPostgres(AddIndexConcurrently):
    """CREATE INDEX CONCURRENTLY on PostgreSQL; a plain CREATE INDEX elsewhere (SQLite, for development)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.add_index(model, self.index)
        return None

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.remove_index(model, self.index)
        return None


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("nominations", "0002_nomination_ranking_aggregate"),
    ]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name='nomination',
            index=models.Index(models.F('call'), models.OrderBy(django.db.models.functions.comparison.Coalesce(models.F('weighted_score'), models.Value(-1.0), output_field=models.FloatField()), descending=True), models.F('created_at'), models.F('id'), condition=models.Q(('erased_at__isnull', True), ('state__in', ['accepted', 'in_review', 'shortlisted', 'not_selected', 'appointed', 'offered_training'])), name='nomination_rank_idx'),
        ),
    ]
