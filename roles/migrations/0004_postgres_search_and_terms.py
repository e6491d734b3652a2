"""PostgreSQL-only parts of the registry, and the shared proficiency scale.

- btree_gist lets an exclusion constraint forbid overlapping terms on one seat of a role (on SQLite the
  holder service checks the same rule);
- pg_trgm indexes the roles' search text so that any substring is found in any script (Arabic, Indonesian
  compounds...); unaccent is there for later accent-insensitive search.
"""

from django.db import migrations

from leadership.common.migrations_ops import PostgresExtension

EXCLUSION = """
ALTER TABLE roles_roleholder ADD CONSTRAINT roleholder_no_overlapping_terms
EXCLUDE USING gist (role_id WITH =, seat WITH =, daterange(start, "end", '[)') WITH &&)
"""
TRIGRAM = "CREATE INDEX role_search_trgm_idx ON roles_role USING gin (search_text gin_trgm_ops)"
ORG_TRIGRAM = (
    "CREATE INDEX org_search_trgm_idx ON roles_organization USING gin "
    "((lower(coalesce(name_en,'') || ' ' || coalesce(name_fr,'') || ' ' || coalesce(name_es,'') || ' ' || "
    "coalesce(name_pt_br,'') || ' ' || coalesce(name_ind,'') || ' ' || coalesce(name_ar,''))) gin_trgm_ops)"
)

LEVELS = [
    (1, "Aware", "Knows what the competency is about and why it matters; can follow others' lead."),
    (2, "Practising", "Applies it in familiar situations with some support; learning from experience."),
    (3, "Proficient", "Applies it independently and reliably, including in new or difficult situations."),
    (4, "Expert / mentor", "Shapes good practice, handles the hardest cases and helps others learn it."),
]


def postgres_forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(EXCLUSION)
    schema_editor.execute(TRIGRAM)
    schema_editor.execute(ORG_TRIGRAM)


def postgres_backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE roles_roleholder DROP CONSTRAINT IF EXISTS roleholder_no_overlapping_terms")
    schema_editor.execute("DROP INDEX IF EXISTS role_search_trgm_idx")
    schema_editor.execute("DROP INDEX IF EXISTS org_search_trgm_idx")


TRANSLATIONS = {
    "fr": [
        ("Sensibilisé", "Sait de quoi il s'agit et pourquoi c'est important ; peut suivre l'exemple des autres."),
        ("En pratique", "L'applique dans des situations familières avec un peu d'aide ; apprend de l'expérience."),
        ("Compétent", "L'applique seul et de façon fiable, y compris dans des situations nouvelles ou difficiles."),
        ("Expert / mentor", "Définit les bonnes pratiques, traite les cas les plus difficiles et aide les autres à apprendre."),
    ],
    "es": [
        ("Consciente", "Sabe de qué trata la competencia y por qué importa; puede seguir el ejemplo de otras personas."),
        ("En práctica", "La aplica en situaciones conocidas con algo de apoyo; aprende de la experiencia."),
        ("Competente", "La aplica con autonomía y fiabilidad, también en situaciones nuevas o difíciles."),
        ("Experto / mentor", "Define las buenas prácticas, resuelve los casos más difíciles y ayuda a otros a aprender."),
    ],
    "pt_br": [
        ("Consciente", "Sabe do que se trata a competência e por que ela importa; consegue seguir o exemplo de outras pessoas."),
        ("Praticando", "Aplica em situações conhecidas com algum apoio; aprende com a experiência."),
        ("Proficiente", "Aplica com autonomia e confiabilidade, inclusive em situações novas ou difíceis."),
        ("Especialista / mentor", "Define boas práticas, resolve os casos mais difíceis e ajuda outras pessoas a aprender."),
    ],
    "ind": [
        ("Sadar", "Tahu apa kompetensi ini dan mengapa penting; dapat mengikuti arahan orang lain."),
        ("Berlatih", "Menerapkannya dalam situasi yang sudah dikenal dengan sedikit bantuan; belajar dari pengalaman."),
        ("Mahir", "Menerapkannya secara mandiri dan andal, termasuk dalam situasi baru atau sulit."),
        ("Ahli / mentor", "Membentuk praktik yang baik, menangani kasus tersulit, dan membantu orang lain mempelajarinya."),
    ],
    "ar": [
        ("مُلمّ", "يعرف موضوع هذه الكفاءة وسبب أهميتها، ويستطيع اتباع توجيه الآخرين."),
        ("يمارس", "يطبّقها في المواقف المألوفة مع بعض الدعم، ويتعلّم من التجربة."),
        ("متمكّن", "يطبّقها باستقلالية وموثوقية، حتى في المواقف الجديدة أو الصعبة."),
        ("خبير / مرشد", "يرسم الممارسات الجيدة ويعالج أصعب الحالات ويساعد الآخرين على تعلّمها."),
    ],
}


def create_levels(apps, schema_editor):
    ProficiencyLevel = apps.get_model("roles", "ProficiencyLevel")
    for index, (level, name, descriptor) in enumerate(LEVELS):
        values = {"name": name, "name_en": name, "descriptor": descriptor, "descriptor_en": descriptor}
        for suffix, rows in TRANSLATIONS.items():
            values[f"name_{suffix}"], values[f"descriptor_{suffix}"] = rows[index]
        ProficiencyLevel.objects.update_or_create(level=level, defaults=values)


class Migration(migrations.Migration):
    dependencies = [("roles", "0003_registry")]
    operations = [
        # Django's BtreeGistExtension(), TrigramExtension() and UnaccentExtension(), reversible on SQLite too.
        PostgresExtension("btree_gist"),
        PostgresExtension("pg_trgm"),
        PostgresExtension("unaccent"),
        migrations.RunPython(postgres_forwards, postgres_backwards),
        migrations.RunPython(create_levels, migrations.RunPython.noop),
    ]
