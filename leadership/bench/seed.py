"""Bulk generator of the benchmark's data: organisations, competencies, roles, people and their terms, then
(seed_training.py, seed_nominations.py) courses, sessions and enrollments, calls and nominations.

The data is fictional but shaped like the movement's: titles and descriptions in the six languages of the
site (Latin, Arabic and Indonesian text, Indonesian compounds), a few big organisations and many small ones,
popular competencies and rare ones, seats with successive non-overlapping terms, some of them vacant.

Everything is inserted in bulk, bypassing the services (the one exception STYLE.md allows): COPY on
PostgreSQL, batched INSERTs elsewhere (the test suite runs the generator on SQLite too). Whatever the
services would have computed is computed here the same way: `Role.search_text` through
`roles.services.role_search_text` and its full-text document through `leadership.common.search` (stemmed by
PostgreSQL, as for a role the services save), `Role.filled_seats` from the generated terms (and in the apps' generators
`Course.search_text`, a session's `confirmed_count` and waitlist positions, erased nominations).

A benchmark database carries a marker row (table `bench_seed`) with a fingerprint of the migrations, the
generators' source (every seed*.py here) and the scale, so that a rerun with unchanged code and scale reuses it.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from modeltranslation.utils import build_localized_fieldname
from rest_framework.authtoken.models import Token

from leadership.common import search
from nominations import services as nomination_services
from nominations.models import (
    CallQuestion,
    Endorsement,
    Nomination,
    NominationAnswer,
    NominationCall,
    NominationEvent,
    ObservedCompetency,
    Review,
    ReviewScore,
    ScoringCriterion,
)
from roles import services
from roles.enums import (
    Capacity,
    CompetencySource,
    Importance,
    OrganizationKind,
    OrganizationStatus,
    RegionCode,
    RoleKind,
    Selection,
)
from roles.models import (
    Competency,
    CompetencyCategory,
    Membership,
    Organization,
    Person,
    PersonCompetency,
    Region,
    Role,
    RoleHolder,
    RoleRequirement,
    RoleTemplate,
    TemplateRequirement,
)
from roles.services.registry import SEARCHED_ROLE_FIELDS
from training.models import Course, CourseCompetency, Enrollment, Feedback, TrainingSession

from .seed_nominations import REVIEW_CALL_ID, seed_nominations
from .seed_training import seed_training

# Counts at SCALE=1 (issue 3, item 11). PersonCompetency rows let the people API list profiles with
# their competencies; templates are few at any scale.
FULL_SCALE: dict[str, int] = {
    "organizations": 5_000,
    "competencies": 2_000,
    "role_templates": 60,
    "roles": 100_000,
    "requirements": 300_000,
    "people": 200_000,
    "person_competencies": 400_000,
    "holders": 300_000,
    # Training (issue 5, item 10)
    "courses": 2_000,
    "course_competencies": 5_000,
    "training_sessions": 20_000,
    "enrollments": 1_000_000,
    "feedback": 100_000,
    # Nominations (issue 4, item 9): one call holds the review table's nominations
    "nomination_calls": 1_000,
    "nominations": 200_000,
    "review_call_nominations": 2_000,
    "nomination_answers": 300_000,
    "observed_competencies": 200_000,
    "endorsements": 100_000,
    "reviews": 60_000,
}
MINIMUM: dict[str, int] = {
    "organizations": 3,
    "competencies": 4,
    "role_templates": 2,
    "roles": 6,
    "people": 10,
    "courses": 3,
    "training_sessions": 12,
    "nomination_calls": 3,
    "nominations": 30,
    "review_call_nominations": 10,
}
ACCOUNT_POOL = 20  # signed-in accounts for the write scenarios (each with a Person and a verified email)
ACCOUNT_PASSWORD = "bench-leadership-password"  # noqa: S105 - a fictional benchmark database only
CORE_COMPETENCIES = 100  # the popular ones: a quarter of all requirements and competency levels
MAX_REQUIREMENTS_PER_ROLE = 8
MAX_TERMS_PER_SEAT = 4
PAGE_SIZE = 50

# What the benchmark searches for: a word in about a fifth of the roles, and a word in a handful of them
# (an Indonesian compound, ke-arsip-an, "archival affairs", found inside the Indonesian title).
COMMON_WORD = "community"
RARE_WORD = "kearsipan"
RARE_ROLES = 5

MARKER_TABLE = "bench_seed"
BATCH = 5_000

# --- Words (one tuple per meaning, in the order of LANGS) -----------------------------------------------
LANGS = ("en", "fr", "es", "pt-br", "id", "ar")

FUNCTIONS: list[tuple[str, str, str, str, str, str]] = [
    ("Chair", "Président", "Presidente", "Presidente", "Ketua", "رئيس"),
    ("Vice-chair", "Vice-président", "Vicepresidente", "Vice-presidente", "Wakil ketua", "نائب الرئيس"),
    ("Treasurer", "Trésorier", "Tesorero", "Tesoureiro", "Bendahara", "أمين الصندوق"),
    ("Secretary", "Secrétaire", "Secretario", "Secretário", "Sekretaris", "أمين السر"),
    (
        "Board member",
        "Membre du conseil",
        "Miembro de la junta",
        "Membro do conselho",
        "Anggota dewan pengurus",
        "عضو مجلس الإدارة",
    ),
    ("Coordinator", "Coordinateur", "Coordinador", "Coordenador", "Koordinator", "منسق"),
    ("Organizer", "Organisateur", "Organizador", "Organizador", "Penyelenggara", "منظم"),
    ("Facilitator", "Facilitateur", "Facilitador", "Facilitador", "Fasilitator", "ميسّر"),
    ("Trainer", "Formateur", "Formador", "Formador", "Pelatih", "مدرّب"),
    ("Mentor", "Mentor", "Mentor", "Mentor", "Pembimbing", "مرشد"),
    (
        "Project lead",
        "Responsable de projet",
        "Responsable de proyecto",
        "Líder de projeto",
        "Pemimpin proyek",
        "قائد المشروع",
    ),
    (
        "Communications officer",
        "Chargé de communication",
        "Responsable de comunicación",
        "Responsável de comunicação",
        "Petugas kehumasan",
        "مسؤول الاتصالات",
    ),
    (
        "Fundraising lead",
        "Responsable de la collecte de fonds",
        "Responsable de recaudación",
        "Líder de captação de recursos",
        "Pemimpin penggalangan dana",
        "مسؤول جمع التبرعات",
    ),
    (
        "Partnerships manager",
        "Responsable des partenariats",
        "Gestor de alianzas",
        "Gestor de parcerias",
        "Pengelola kemitraan",
        "مدير الشراكات",
    ),
    (
        "Data steward",
        "Gardien des données",
        "Custodio de datos",
        "Curador de dados",
        "Pengelola data",
        "أمين البيانات",
    ),
    (
        "Event manager",
        "Responsable des événements",
        "Gestor de eventos",
        "Gestor de eventos",
        "Pengelola acara",
        "مدير الفعاليات",
    ),
    (
        "Community liaison",
        "Agent de liaison communautaire",
        "Enlace comunitario",
        "Articulador comunitário",
        "Penghubung komunitas",
        "منسق العلاقات المجتمعية",
    ),
    (
        "Volunteer coordinator",
        "Coordinateur des bénévoles",
        "Coordinador de voluntariado",
        "Coordenador de voluntariado",
        "Koordinator kesukarelawanan",
        "منسق المتطوعين",
    ),
    (
        "Safety officer",
        "Responsable de la sécurité",
        "Responsable de seguridad",
        "Responsável de segurança",
        "Petugas keselamatan",
        "مسؤول السلامة",
    ),
    (
        "Grants committee member",
        "Membre du comité des subventions",
        "Miembro del comité de subvenciones",
        "Membro do comitê de subsídios",
        "Anggota komite hibah",
        "عضو لجنة المنح",
    ),
]
# Functions 0-4 sit on the board; the others map to a kind of their own.
FUNCTION_KINDS = [RoleKind.BOARD] * 5 + [
    RoleKind.COORDINATOR,
    RoleKind.VOLUNTEER,
    RoleKind.VOLUNTEER,
    RoleKind.VOLUNTEER,
    RoleKind.VOLUNTEER,
    RoleKind.PROJECT_LEAD,
    RoleKind.STAFF,
    RoleKind.STAFF,
    RoleKind.STAFF,
    RoleKind.VOLUNTEER,
    RoleKind.COORDINATOR,
    RoleKind.VOLUNTEER,
    RoleKind.COORDINATOR,
    RoleKind.COMMITTEE,
    RoleKind.COMMITTEE,
]
MULTI_SEAT_FUNCTIONS = {4, 7, 8, 9, 19}

AREAS: list[tuple[str, str, str, str, str, str]] = [
    (
        "Wikipedia editing",
        "édition de Wikipédia",
        "edición de Wikipedia",
        "edição da Wikipédia",
        "penyuntingan Wikipedia",
        "تحرير ويكيبيديا",
    ),
    ("Wikidata", "Wikidata", "Wikidata", "Wikidata", "Wikidata", "ويكي بيانات"),
    (
        "Wikimedia Commons",
        "Wikimedia Commons",
        "Wikimedia Commons",
        "Wikimedia Commons",
        "Wikimedia Commons",
        "ويكيميديا كومنز",
    ),
    (
        "education programme",
        "programme éducatif",
        "programa educativo",
        "programa educacional",
        "program pendidikan",
        "البرنامج التعليمي",
    ),
    (
        "GLAM partnerships",
        "partenariats GLAM",
        "alianzas GLAM",
        "parcerias GLAM",
        "kemitraan GLAM",
        "شراكات GLAM",
    ),
    (
        "community health",
        "santé de la communauté",
        "salud de la comunidad",
        "saúde da comunidade",
        "kesehatan komunitas",
        "صحة المجتمع",
    ),
    (
        "photography contests",
        "concours photo",
        "concursos de fotografía",
        "concursos de fotografia",
        "perlombaan fotografi",
        "مسابقات التصوير",
    ),
    (
        "gender gap",
        "écart entre les genres",
        "brecha de género",
        "lacuna de gênero",
        "kesenjangan gender",
        "الفجوة بين الجنسين",
    ),
    (
        "open knowledge",
        "savoir libre",
        "conocimiento libre",
        "conhecimento livre",
        "pengetahuan terbuka",
        "المعرفة الحرة",
    ),
    ("grants", "subventions", "subvenciones", "subsídios", "hibah", "المنح"),
    (
        "technical infrastructure",
        "infrastructure technique",
        "infraestructura técnica",
        "infraestrutura técnica",
        "infrastruktur teknis",
        "البنية التقنية",
    ),
    ("translation", "traduction", "traducción", "tradução", "penerjemahan", "الترجمة"),
    (
        "local languages",
        "langues locales",
        "lenguas locales",
        "línguas locais",
        "bahasa daerah",
        "اللغات المحلية",
    ),
    ("membership", "adhésions", "membresía", "associação", "keanggotaan", "العضوية"),
    (
        "public policy",
        "politiques publiques",
        "políticas públicas",
        "políticas públicas",
        "kebijakan publik",
        "السياسات العامة",
    ),
    ("Wikisource", "Wikisource", "Wikisource", "Wikisource", "Wikisource", "ويكي مصدر"),
    ("conferences", "conférences", "conferencias", "conferências", "konferensi", "المؤتمرات"),
    (
        "youth outreach",
        "sensibilisation des jeunes",
        "alcance juvenil",
        "engajamento de jovens",
        "penjangkauan pemuda",
        "التواصل مع الشباب",
    ),
    ("finance", "finances", "finanzas", "finanças", "keuangan", "المالية"),
    ("strategy", "stratégie", "estrategia", "estratégia", "strategi", "الاستراتيجية"),
]
RARE_AREA = ("archives", "archives", "archivos", "arquivos", RARE_WORD, "الأرشيف")

DESCRIPTIONS: list[tuple[str, str, str, str, str, str]] = [
    (
        "Leads the {area} work of the organisation and reports to the board every quarter.",
        "Dirige le travail de l'organisation sur {area} et rend compte au conseil chaque trimestre.",
        "Dirige el trabajo de la organización en {area} e informa a la junta cada trimestre.",
        "Lidera o trabalho da organização em {area} e presta contas ao conselho a cada trimestre.",
        "Memimpin pekerjaan organisasi di bidang {area} dan melapor kepada dewan setiap triwulan.",
        "يقود عمل المنظمة في مجال {area} ويرفع تقريرًا إلى المجلس كل ربع سنة.",
    ),
    (
        "Plans the yearly activities on {area}, keeps the budget and the timeline.",
        "Planifie les activités annuelles sur {area}, tient le budget et le calendrier.",
        "Planifica las actividades anuales sobre {area}, lleva el presupuesto y el calendario.",
        "Planeja as atividades anuais sobre {area}, cuida do orçamento e do cronograma.",
        "Merencanakan kegiatan tahunan tentang {area}, menjaga anggaran dan jadwal.",
        "يخطط للأنشطة السنوية في {area} ويتابع الميزانية والجدول الزمني.",
    ),
    (
        "Welcomes newcomers to {area} and pairs them with experienced editors.",
        "Accueille les nouveaux venus dans {area} et les associe à des contributeurs expérimentés.",
        "Da la bienvenida a los recién llegados a {area} y los empareja con editores experimentados.",
        "Acolhe pessoas novas em {area} e as une a editores experientes.",
        "Menyambut pendatang baru di {area} dan memasangkan mereka dengan penyunting berpengalaman.",
        "يرحب بالقادمين الجدد إلى {area} ويقرنهم بمحررين ذوي خبرة.",
    ),
    (
        "Represents the affiliate in movement discussions about {area}.",
        "Représente l'affilié dans les discussions du mouvement sur {area}.",
        "Representa al afiliado en los debates del movimiento sobre {area}.",
        "Representa o afiliado nas discussões do movimento sobre {area}.",
        "Mewakili afiliasi dalam diskusi gerakan tentang {area}.",
        "يمثل المنظمة المنتسبة في نقاشات الحركة حول {area}.",
    ),
    (
        "Documents what was learnt about {area} and shares the reports on Meta-Wiki.",
        "Documente ce qui a été appris sur {area} et partage les rapports sur Meta-Wiki.",
        "Documenta lo aprendido sobre {area} y comparte los informes en Meta-Wiki.",
        "Documenta o que foi aprendido sobre {area} e compartilha os relatórios no Meta-Wiki.",
        "Mendokumentasikan pembelajaran tentang {area} dan membagikan laporannya di Meta-Wiki.",
        "يوثق ما تم تعلمه عن {area} ويشارك التقارير على ميتا ويكي.",
    ),
]
# The common word: a clause in about an eighth of the descriptions, on top of the titles that contain it.
COMMON_CLAUSE = (
    "Works closely with the local community and its volunteers.",
    "Travaille avec la communauté locale et ses bénévoles.",
    "Trabaja con la comunidad local y sus voluntarios.",
    "Trabalha com a comunidade local e seus voluntários.",
    "Bekerja sama dengan komunitas setempat dan para relawannya.",
    "يعمل عن قرب مع المجتمع المحلي ومتطوعيه.",
)
RESPONSIBILITIES = (
    "Attend the monthly meetings; prepare the yearly report; hand over to the next holder.",
    "Participer aux réunions mensuelles ; préparer le rapport annuel ; passer le relais.",
    "Asistir a las reuniones mensuales; preparar el informe anual; traspasar el cargo.",
    "Participar das reuniões mensais; preparar o relatório anual; passar o cargo adiante.",
    "Menghadiri rapat bulanan; menyiapkan laporan tahunan; melakukan serah terima.",
    "حضور الاجتماعات الشهرية؛ إعداد التقرير السنوي؛ تسليم المهام للخلف.",
)

CATEGORIES: list[tuple[str, tuple[str, str, str, str, str, str]]] = [
    ("governance", ("Governance", "Gouvernance", "Gobernanza", "Governança", "Tata kelola", "الحوكمة")),
    ("strategy", ("Strategy", "Stratégie", "Estrategia", "Estratégia", "Strategi", "الاستراتيجية")),
    (
        "community-building",
        (
            "Community building",
            "Développement communautaire",
            "Construcción de comunidad",
            "Construção de comunidade",
            "Pembangunan komunitas",
            "بناء المجتمع",
        ),
    ),
    (
        "facilitation",
        (
            "Facilitation and conflict resolution",
            "Facilitation et résolution des conflits",
            "Facilitación y resolución de conflictos",
            "Facilitação e resolução de conflitos",
            "Fasilitasi dan penyelesaian konflik",
            "التيسير وحل النزاعات",
        ),
    ),
    (
        "finance",
        (
            "Finance and fundraising",
            "Finances et collecte de fonds",
            "Finanzas y recaudación",
            "Finanças e captação de recursos",
            "Keuangan dan penggalangan dana",
            "المالية وجمع التبرعات",
        ),
    ),
    (
        "partnerships",
        (
            "Partnerships and advocacy",
            "Partenariats et plaidoyer",
            "Alianzas e incidencia",
            "Parcerias e advocacy",
            "Kemitraan dan advokasi",
            "الشراكات والمناصرة",
        ),
    ),
    (
        "communication",
        ("Communication", "Communication", "Comunicación", "Comunicação", "Komunikasi", "التواصل"),
    ),
    (
        "technical",
        (
            "Technical and data",
            "Technique et données",
            "Técnica y datos",
            "Técnica e dados",
            "Teknis dan data",
            "التقنية والبيانات",
        ),
    ),
]
SKILLS: list[tuple[int, tuple[str, str, str, str, str, str]]] = [
    (
        0,
        (
            "Board governance",
            "Gouvernance du conseil",
            "Gobierno de la junta",
            "Governança do conselho",
            "Tata kelola dewan",
            "حوكمة المجلس",
        ),
    ),
    (
        0,
        (
            "Policy writing",
            "Rédaction de politiques",
            "Redacción de políticas",
            "Redação de políticas",
            "Penyusunan kebijakan",
            "كتابة السياسات",
        ),
    ),
    (
        1,
        (
            "Strategic planning",
            "Planification stratégique",
            "Planificación estratégica",
            "Planejamento estratégico",
            "Perencanaan strategis",
            "التخطيط الاستراتيجي",
        ),
    ),
    (1, ("Evaluation", "Évaluation", "Evaluación", "Avaliação", "Evaluasi", "التقييم")),
    (
        2,
        (
            "Volunteer engagement",
            "Engagement des bénévoles",
            "Participación de voluntarios",
            "Engajamento de voluntários",
            "Pelibatan relawan",
            "إشراك المتطوعين",
        ),
    ),
    (2, ("Mentoring", "Mentorat", "Mentoría", "Mentoria", "Pendampingan", "الإرشاد")),
    (
        3,
        (
            "Meeting facilitation",
            "Animation de réunions",
            "Facilitación de reuniones",
            "Facilitação de reuniões",
            "Fasilitasi rapat",
            "تيسير الاجتماعات",
        ),
    ),
    (
        3,
        (
            "Conflict mediation",
            "Médiation des conflits",
            "Mediación de conflictos",
            "Mediação de conflitos",
            "Mediasi konflik",
            "الوساطة في النزاعات",
        ),
    ),
    (4, ("Budgeting", "Budgétisation", "Presupuestación", "Orçamentação", "Penganggaran", "إعداد الميزانية")),
    (
        4,
        (
            "Grant writing",
            "Rédaction de demandes de subvention",
            "Redacción de subvenciones",
            "Redação de propostas",
            "Penulisan proposal hibah",
            "كتابة طلبات المنح",
        ),
    ),
    (5, ("Negotiation", "Négociation", "Negociación", "Negociação", "Negosiasi", "التفاوض")),
    (5, ("Advocacy", "Plaidoyer", "Incidencia", "Advocacy", "Advokasi", "المناصرة")),
    (
        6,
        (
            "Public speaking",
            "Prise de parole en public",
            "Oratoria",
            "Oratória",
            "Berbicara di depan umum",
            "الخطابة",
        ),
    ),
    (6, ("Storytelling", "Narration", "Narración", "Narrativa", "Bercerita", "السرد القصصي")),
    (
        7,
        (
            "Data analysis",
            "Analyse de données",
            "Análisis de datos",
            "Análise de dados",
            "Analisis data",
            "تحليل البيانات",
        ),
    ),
    (
        7,
        (
            "Tool development",
            "Développement d'outils",
            "Desarrollo de herramientas",
            "Desenvolvimento de ferramentas",
            "Pengembangan perangkat",
            "تطوير الأدوات",
        ),
    ),
    (
        2,
        (
            "Event organising",
            "Organisation d'événements",
            "Organización de eventos",
            "Organização de eventos",
            "Penyelenggaraan acara",
            "تنظيم الفعاليات",
        ),
    ),
    (
        3,
        (
            "Training design",
            "Conception de formations",
            "Diseño de formaciones",
            "Desenho de formações",
            "Perancangan pelatihan",
            "تصميم التدريب",
        ),
    ),
    (
        4,
        (
            "Financial reporting",
            "Rapports financiers",
            "Informes financieros",
            "Relatórios financeiros",
            "Pelaporan keuangan",
            "التقارير المالية",
        ),
    ),
    (
        5,
        (
            "Partnership building",
            "Construction de partenariats",
            "Creación de alianzas",
            "Construção de parcerias",
            "Pembangunan kemitraan",
            "بناء الشراكات",
        ),
    ),
]

# Places of organisations: English name, region, and the local language and name where it is not English.
PLACES: list[tuple[str, str, str, str]] = [
    ("Morocco", RegionCode.MENA, "ar", "المغرب"),
    ("Tunisia", RegionCode.MENA, "ar", "تونس"),
    ("Egypt", RegionCode.MENA, "ar", "مصر"),
    ("Jordan", RegionCode.MENA, "ar", "الأردن"),
    ("Levant", RegionCode.MENA, "ar", "بلاد الشام"),
    ("Indonesia", RegionCode.ESEAP, "id", "Indonesia"),
    ("Java", RegionCode.ESEAP, "id", "Jawa"),
    ("Sumatra", RegionCode.ESEAP, "id", "Sumatra"),
    ("Philippines", RegionCode.ESEAP, "en", "Philippines"),
    ("Taiwan", RegionCode.ESEAP, "en", "Taiwan"),
    ("Brazil", RegionCode.LAC, "pt-br", "Brasil"),
    ("Argentina", RegionCode.LAC, "es", "Argentina"),
    ("Mexico", RegionCode.LAC, "es", "México"),
    ("Chile", RegionCode.LAC, "es", "Chile"),
    ("Colombia", RegionCode.LAC, "es", "Colombia"),
    ("France", RegionCode.NWE, "fr", "France"),
    ("Belgium", RegionCode.NWE, "fr", "Belgique"),
    ("Switzerland", RegionCode.NWE, "fr", "Suisse"),
    ("Germany", RegionCode.NWE, "en", "Germany"),
    ("Sweden", RegionCode.NWE, "en", "Sweden"),
    ("Poland", RegionCode.CEE, "en", "Poland"),
    ("Ukraine", RegionCode.CEE, "en", "Ukraine"),
    ("Armenia", RegionCode.CEE, "en", "Armenia"),
    ("Senegal", RegionCode.SSA, "fr", "Sénégal"),
    ("Côte d'Ivoire", RegionCode.SSA, "fr", "Côte d'Ivoire"),
    ("Ghana", RegionCode.SSA, "en", "Ghana"),
    ("Nigeria", RegionCode.SSA, "en", "Nigeria"),
    ("Kenya", RegionCode.SSA, "en", "Kenya"),
    ("India", RegionCode.SA, "en", "India"),
    ("Bangladesh", RegionCode.SA, "en", "Bangladesh"),
    ("Nepal", RegionCode.SA, "en", "Nepal"),
    ("Canada", RegionCode.NA, "fr", "Canada"),
    ("New York City", RegionCode.NA, "en", "New York City"),
    ("Cascadia", RegionCode.NA, "en", "Cascadia"),
]
ORG_PATTERNS: dict[str, tuple[str, str]] = {
    # kind: (English pattern, Arabic pattern); French, Spanish and the others follow English with the local name
    OrganizationKind.CHAPTER: ("Wikimedia {place}", "ويكيميديا {place}"),
    OrganizationKind.USER_GROUP: ("Wikimedians of {place} User Group", "مجموعة مستخدمي ويكيميديا في {place}"),
    OrganizationKind.THEMATIC_ORGANIZATION: ("Open Knowledge {place}", "المعرفة الحرة {place}"),
    OrganizationKind.REGIONAL_HUB: ("{place} Regional Hub", "المركز الإقليمي {place}"),
    OrganizationKind.THEMATIC_HUB: ("{place} Thematic Hub", "المركز الموضوعي {place}"),
    OrganizationKind.COMMITTEE: ("{place} Affiliations Committee", "لجنة الانتساب {place}"),
    OrganizationKind.FOUNDATION: ("{place} Free Knowledge Foundation", "مؤسسة المعرفة الحرة {place}"),
    OrganizationKind.EXTERNAL_MOVEMENT: ("{place} Open Data Movement", "حركة البيانات المفتوحة {place}"),
    OrganizationKind.INFORMAL_COMMUNITY: ("{place} Wiki Community", "مجتمع ويكي {place}"),
}
ORG_KIND_WEIGHTS: dict[str, int] = {
    OrganizationKind.USER_GROUP: 55,
    OrganizationKind.CHAPTER: 18,
    OrganizationKind.THEMATIC_ORGANIZATION: 5,
    OrganizationKind.REGIONAL_HUB: 1,
    OrganizationKind.THEMATIC_HUB: 1,
    OrganizationKind.COMMITTEE: 5,
    OrganizationKind.FOUNDATION: 2,
    OrganizationKind.EXTERNAL_MOVEMENT: 5,
    OrganizationKind.INFORMAL_COMMUNITY: 8,
}

GIVEN_NAMES = [
    "Maria",
    "João",
    "Amélie",
    "Kwame",
    "Aisha",
    "Budi",
    "Siti",
    "Dewi",
    "Agus",
    "Lucía",
    "Mateo",
    "Ana",
    "Olena",
    "Piotr",
    "Anahit",
    "Priya",
    "Rahul",
    "Fatou",
    "Chinedu",
    "Wanjiru",
    "Camille",
    "Lars",
    "Ingrid",
    "Carlos",
    "Valentina",
    "Nguyen",
    "Mei",
    "Hiroshi",
    "Sofía",
    "Youssef",
]
FAMILY_NAMES = [
    "Silva",
    "Santos",
    "Dubois",
    "Mensah",
    "Santoso",
    "Rahayu",
    "Wijaya",
    "Pratama",
    "García",
    "López",
    "Kowalski",
    "Shevchenko",
    "Petrosyan",
    "Sharma",
    "Diallo",
    "Okafor",
    "Kamau",
    "Lefèvre",
    "Andersson",
    "Hernández",
    "Rossi",
    "Tanaka",
    "Haddad",
    "Benali",
]
ARABIC_NAMES = [
    "محمد العلوي",
    "فاطمة الزهراء",
    "أحمد بن علي",
    "مريم حداد",
    "يوسف المنصوري",
    "ليلى الشامي",
    "عمر الفاسي",
    "سارة التونسي",
    "خالد النجار",
    "نور الهدى",
]
TIME_ZONES = {
    RegionCode.MENA: "Africa/Casablanca",
    RegionCode.ESEAP: "Asia/Jakarta",
    RegionCode.LAC: "America/Sao_Paulo",
    RegionCode.NWE: "Europe/Paris",
    RegionCode.CEE: "Europe/Warsaw",
    RegionCode.SSA: "Africa/Lagos",
    RegionCode.SA: "Asia/Kolkata",
    RegionCode.NA: "America/Toronto",
    RegionCode.GLOBAL: "UTC",
}
# Besides English, which languages a role's text is in, by the region of its organisation.
REGION_LANGUAGES: dict[str, list[tuple[str, float]]] = {
    RegionCode.MENA: [("ar", 0.7), ("fr", 0.15)],
    RegionCode.ESEAP: [("id", 0.4)],
    RegionCode.LAC: [("es", 0.5), ("pt-br", 0.2)],
    RegionCode.NWE: [("fr", 0.2), ("es", 0.05)],
    RegionCode.CEE: [("fr", 0.05)],
    RegionCode.SSA: [("fr", 0.3), ("pt-br", 0.05), ("ar", 0.05)],
    RegionCode.SA: [("id", 0.02)],
    RegionCode.NA: [("fr", 0.1), ("es", 0.1)],
    RegionCode.GLOBAL: [("fr", 0.1), ("es", 0.1), ("ar", 0.05), ("id", 0.05), ("pt-br", 0.05)],
}


# --- Plan: how many of each --------------------------------------------------------------------------
@dataclass(frozen=True)
class Plan:
    """The counts to generate at one scale (a fraction of FULL_SCALE)."""

    scale: float
    counts: dict[str, int]

    @classmethod
    def for_scale(cls, scale: float) -> Plan:
        if not 0 < scale <= 10:
            raise ValueError(f"SCALE must be above 0 and at most 10, not {scale}.")
        counts = {name: max(MINIMUM.get(name, 1), round(full * scale)) for name, full in FULL_SCALE.items()}
        # A competency at most once per role, and a bounded number of requirements per role.
        per_role = min(MAX_REQUIREMENTS_PER_ROLE, counts["competencies"])
        counts["requirements"] = min(counts["requirements"], counts["roles"] * per_role)
        counts["person_competencies"] = min(
            counts["person_competencies"], counts["people"] * min(6, counts["competencies"])
        )
        counts["accounts"] = min(ACCOUNT_POOL, counts["people"])
        counts["course_competencies"] = min(
            counts["course_competencies"], counts["courses"] * min(3, counts["competencies"])
        )
        counts["review_call_nominations"] = min(counts["review_call_nominations"], counts["nominations"])
        return cls(scale=scale, counts=counts)

    def estimated_rows(self) -> int:
        """About how many rows seeding writes, many-to-many links included (for the progress bar)."""
        c = self.counts
        links = 1.55 * c["organizations"] + 1.45 * c["people"] + 1.4 * c["roles"] + 1.3 * c["courses"]
        # The nominations' event log (about three rows each) and languages (one each) are not in the counts.
        return round(sum(c.values()) - c["review_call_nominations"] + links + 4 * c["nominations"])


def generator_sources() -> list[Path]:
    """The generator's modules: this one and the apps' beside it."""
    return sorted(Path(__file__).parent.glob("seed*.py"))


def fingerprint(scale: float) -> str:
    """Hash of every migration of the project's apps, the generator's source (this module and the apps'
    generators beside it) and the scale."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR).resolve()
    for app_config in sorted(apps.get_app_configs(), key=lambda config: config.label):
        path = Path(app_config.path).resolve()
        if base not in path.parents or ".venv" in path.parts:
            continue
        for migration in sorted((path / "migrations").glob("*.py")):
            digest.update(str(migration.relative_to(base)).encode())
            digest.update(migration.read_bytes())
    for module in generator_sources():
        digest.update(module.name.encode())
        digest.update(module.read_bytes())
    digest.update(repr(float(scale)).encode())
    return digest.hexdigest()


# --- Writing rows in bulk ----------------------------------------------------------------------------
Row = tuple[Any, ...]


class BulkWriter:
    """Writes rows into a model's table: COPY on PostgreSQL, batched INSERTs elsewhere.

    The generator yields values for `columns`; every other concrete column gets its default (created_at and
    updated_at the time of seeding), so that a new nullable or defaulted field needs no change here.
    """

    def __init__(self, *, now: datetime.datetime, progress: Callable[[str, int], None]) -> None:
        self.now = now
        self.progress = progress
        self.written: dict[str, int] = {}

    def write(self, model: type[models.Model], columns: Sequence[str], rows: Iterable[Row]) -> int:
        table = model._meta.db_table
        fields = {f.column: f for f in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{table} has no column {sorted(unknown)}")
        extra_columns: list[str] = []
        extra_values: list[Any] = []
        for column, model_field in fields.items():
            if column in columns or isinstance(model_field, models.AutoField):
                continue  # the database numbers rows whose id the generator does not give
            if column in ("created_at", "updated_at"):
                value: Any = self.now
            elif model_field.has_default():
                value = model_field.get_db_prep_save(model_field.get_default(), connection)
            elif model_field.null:
                value = None
            elif model_field.empty_strings_allowed:
                value = ""
            else:
                raise ValueError(f"{table}.{column} needs a value")
            extra_columns.append(column)
            extra_values.append(value)
        all_columns = [*columns, *extra_columns]
        tail = tuple(extra_values)
        quoted = ", ".join(connection.ops.quote_name(c) for c in all_columns)
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(
                    f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
                ) as copy:
                    for row in rows:
                        copy.write_row(row + tail)
                        count += 1
                        if count % BATCH == 0:
                            self.progress(table, BATCH)
            else:
                placeholders = ", ".join(["%s"] * len(all_columns))
                sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})"  # noqa: S608 - names from the model
                batch: list[Row] = []
                for row in rows:
                    batch.append(row + tail)
                    count += 1
                    if len(batch) == BATCH:
                        cursor.executemany(sql, batch)
                        batch = []
                        self.progress(table, BATCH)
                if batch:
                    cursor.executemany(sql, batch)
        self.progress(table, count % BATCH)
        self.written[table] = self.written.get(table, 0) + count
        return count


# --- The generator -----------------------------------------------------------------------------------
@dataclass
class Seeder:
    """Generates the benchmark's rows, deterministically for one scale (same seed, same data)."""

    plan: Plan
    today: datetime.date
    writer: BulkWriter
    rng: random.Random = field(init=False)
    region_ids: dict[str, int] = field(init=False, default_factory=dict)
    org_regions: list[str] = field(init=False, default_factory=list)  # index: organisation id - 1
    org_weights: list[float] = field(init=False, default_factory=list)
    core_weighted: list[int] = field(init=False, default_factory=list)
    listed_orgs: list[int] = field(init=False, default_factory=list)  # approved and active
    hub_ids: list[int] = field(init=False, default_factory=list)  # approved hubs
    roles_by_org: dict[int, list[int]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(f"leadership-bench-{self.plan.scale}")  # noqa: S311 - data, not secrets

    @property
    def counts(self) -> dict[str, int]:
        return self.plan.counts

    def run(self) -> dict[str, int]:
        self.region_ids = dict(Region.objects.values_list("code", "id"))
        self.accounts()
        self.organizations()
        self.competencies()
        self.templates()
        self.people()
        self.roles()
        self.person_competencies()
        self.memberships()
        seed_training(self)
        seed_nominations(self)
        self.reset_sequences()
        return dict(self.writer.written)

    # Helpers
    def localized(self, field_name: str, texts: dict[str, str]) -> list[Any]:
        """Values of a translated field's columns: the original column (English, or the first language
        present, as modeltranslation keeps it) followed by one per language."""
        original = next((texts[code] for code in LANGS if texts.get(code)), "")
        return [original, *(texts.get(code, "") for code in LANGS)]

    @staticmethod
    def localized_columns(field_name: str) -> list[str]:
        return [field_name, *(build_localized_fieldname(field_name, code) for code in LANGS)]

    @staticmethod
    def region_language(region: str) -> str:
        """The language most often written, besides English, in a region's organisations."""
        return REGION_LANGUAGES[region][0][0]

    def update_counts(self, model: type[models.Model], column: str, values: dict[int, int]) -> None:
        """Write counter columns (rows by id), as the services would have kept them; grouped by value."""
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(model._meta.db_table)
            quoted = connection.ops.quote_name(column)
            by_count: dict[int, list[int]] = {}
            for row_id, count in values.items():
                by_count.setdefault(count, []).append(row_id)
            for count, row_ids in by_count.items():
                for start in range(0, len(row_ids), 10_000):
                    chunk = row_ids[start : start + 10_000]
                    placeholders = ", ".join(["%s"] * len(chunk))
                    cursor.execute(
                        f"UPDATE {table} SET {quoted} = %s WHERE id IN ({placeholders})",  # noqa: S608 - numbers only
                        [count, *chunk],
                    )

    def competency_id(self) -> int:
        """A competency, a quarter of the time one of the popular core ones."""
        n = self.counts["competencies"]
        if self.rng.random() < 0.25:
            return self.rng.randint(1, min(CORE_COMPETENCIES, n))
        return self.rng.randint(1, n)

    def distribute(self, total: int, slots: int, cap: int, minimum: int) -> list[int]:
        """Split `total` over `slots` with each between `minimum` and `cap`, at random."""
        counts = [minimum] * slots
        remaining = total - minimum * slots
        open_slots = [i for i in range(slots) if counts[i] < cap]
        while remaining > 0 and open_slots:
            index = self.rng.randrange(len(open_slots))
            slot = open_slots[index]
            counts[slot] += 1
            remaining -= 1
            if counts[slot] >= cap:
                open_slots[index] = open_slots[-1]
                open_slots.pop()
        return counts

    # Accounts: a pool of signed-in users for the write scenarios, each with a Person and a verified email.
    def accounts(self) -> None:
        user_model = get_user_model()
        password = make_password(ACCOUNT_PASSWORD)
        users = [
            user_model(id=i, username=f"bench{i}", email=f"bench{i}@bench.example.org", password=password)
            for i in range(1, self.counts["accounts"] + 1)
        ]
        user_model.objects.bulk_create(users)
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
        )
        Token.objects.bulk_create(
            Token(key=hashlib.sha1(f"bench-token-{user.pk}".encode()).hexdigest(), user=user)  # noqa: S324 - a key, not a digest of secrets
            for user in users
        )
        self.writer.written[user_model._meta.db_table] = len(users)

    def organizations(self) -> None:
        n = self.counts["organizations"]
        kinds = list(ORG_KIND_WEIGHTS)
        weights = list(ORG_KIND_WEIGHTS.values())
        columns = ["id", "slug", "kind", "status", "region_id", "active", "countries", "website"]
        columns += self.localized_columns("name") + self.localized_columns("description")
        language_rows: list[Row] = []
        hub_ids: list[int] = []
        self.org_regions = []
        self.org_weights = []

        def rows() -> Iterator[Row]:
            for org_id in range(1, n + 1):
                place, region, language, local = self.rng.choice(PLACES)
                kind = OrganizationKind.CHAPTER if org_id == 1 else self.rng.choices(kinds, weights)[0]
                english, arabic = ORG_PATTERNS[kind]
                name = {"en": english.format(place=place)}
                if language == "ar":
                    name["ar"] = arabic.format(place=local)
                elif language != "en":
                    name[language] = english.format(place=local)
                if org_id > len(PLACES):
                    number = org_id // len(PLACES) + 1
                    name = {code: f"{text} {number}" for code, text in name.items()}
                description = {
                    code: f"{text} – "
                    + DESCRIPTIONS[3][LANGS.index(code)].format(area=AREAS[org_id % 20][LANGS.index(code)])
                    for code, text in name.items()
                }
                status = (
                    OrganizationStatus.APPROVED
                    if org_id <= 3 or self.rng.random() < 0.96
                    else self.rng.choice([OrganizationStatus.PROPOSED, OrganizationStatus.REJECTED])
                )
                active = org_id <= 3 or self.rng.random() < 0.98
                if kind in OrganizationKind.hub_kinds() and status == OrganizationStatus.APPROVED:
                    hub_ids.append(org_id)
                self.org_regions.append(region)
                listed = status == OrganizationStatus.APPROVED and active
                if listed:
                    self.listed_orgs.append(org_id)
                    if kind in OrganizationKind.hub_kinds():
                        self.hub_ids.append(org_id)
                # A few big organisations and many small ones (capped Pareto weights); unlisted ones few roles.
                self.org_weights.append(min(self.rng.paretovariate(1.5), 12.0) if listed else 0.2)
                for code in sorted({language, "en"}):
                    language_rows.append((org_id, code))
                slug = f"{slugify(name['en'])[:60]}-{org_id}"
                yield (
                    org_id,
                    slug,
                    kind.value,
                    status.value,
                    self.region_ids[region],
                    active,
                    "",
                    f"https://meta.wikimedia.org/wiki/{slug}",
                    *self.localized("name", name),
                    *self.localized("description", description),
                )

        self.writer.write(Organization, columns, rows())
        languages = Organization.languages.through
        self.writer.write(languages, ["organization_id", "language_id"], iter(language_rows))
        hubs = Organization.hubs.through
        if hub_ids:
            served = (
                (org_id, self.rng.choice(hub_ids))
                for org_id in range(1, n + 1)
                if org_id not in hub_ids and self.rng.random() < 0.3
            )
            self.writer.write(hubs, ["from_organization_id", "to_organization_id"], served)

    def competencies(self) -> None:
        category_columns = [
            "id",
            "slug",
            "order",
            *self.localized_columns("name"),
            *self.localized_columns("description"),
        ]
        self.writer.write(
            CompetencyCategory,
            category_columns,
            (
                (
                    index + 1,
                    slug,
                    index,
                    *self.localized("name", dict(zip(LANGS, names, strict=True))),
                    *self.localized("description", {}),
                )
                for index, (slug, names) in enumerate(CATEGORIES)
            ),
        )
        n = self.counts["competencies"]
        n_skills = len(SKILLS)
        combos = n_skills * len(AREAS)
        columns = ["id", "slug", "category_id", "parent_id", "active", "wikidata_qid"]
        columns += self.localized_columns("name") + self.localized_columns("description")

        def rows() -> Iterator[Row]:
            for index in range(n):
                category, skill = SKILLS[index % n_skills]
                area = AREAS[(index // n_skills) % len(AREAS)]
                round_number = index // combos
                suffix = f" ({round_number + 1})" if round_number else ""
                languages = LANGS if self.rng.random() < 0.6 else LANGS[:3]
                name = {
                    code: f"{skill[LANGS.index(code)]}: {area[LANGS.index(code)]}{suffix}"
                    for code in languages
                }
                description = {
                    code: DESCRIPTIONS[1][LANGS.index(code)].format(area=area[LANGS.index(code)])
                    for code in languages
                }
                parent = index % n_skills + 1 if index >= n_skills and self.rng.random() < 0.1 else None
                yield (
                    index + 1,
                    f"{slugify(name['en'])[:80]}-{index + 1}",
                    category + 1,
                    parent,
                    self.rng.random() < 0.98 or index < CORE_COMPETENCIES,
                    f"Q{100000 + index}" if self.rng.random() < 0.2 else "",
                    *self.localized("name", name),
                    *self.localized("description", description),
                )

        self.writer.write(Competency, columns, rows())

    def templates(self) -> None:
        n = self.counts["role_templates"]
        columns = ["id", "slug", "kind", "seats", "selection", "term_length_months", "term_limit", "active"]
        columns += (
            self.localized_columns("title")
            + self.localized_columns("description")
            + self.localized_columns("responsibilities")
        )
        requirement_rows: list[Row] = []

        def rows() -> Iterator[Row]:
            for template_id in range(1, n + 1):
                function = (template_id - 1) % len(FUNCTIONS)
                area = AREAS[(template_id - 1) // len(FUNCTIONS) % len(AREAS)]
                title = {code: FUNCTIONS[function][i] for i, code in enumerate(LANGS)}
                if template_id > len(FUNCTIONS):
                    title = {code: f"{text} ({area[LANGS.index(code)]})" for code, text in title.items()}
                description = {code: DESCRIPTIONS[0][i].format(area=area[i]) for i, code in enumerate(LANGS)}
                competencies = self.rng.sample(
                    range(1, self.counts["competencies"] + 1), k=min(4, self.counts["competencies"])
                )
                for competency in competencies:
                    requirement_rows.append(
                        (
                            template_id,
                            competency,
                            self.rng.randint(1, 4),
                            self.rng.choice(list(Importance)).value,
                        )
                    )
                board = FUNCTION_KINDS[function] == RoleKind.BOARD
                yield (
                    template_id,
                    f"{slugify(title['en'])[:90]}-{template_id}",
                    FUNCTION_KINDS[function].value,
                    5 if function == 4 else 1,
                    (Selection.ELECTED if board else Selection.APPOINTED).value,
                    24 if board else 12,
                    2 if board else None,
                    True,
                    *self.localized("title", title),
                    *self.localized("description", description),
                    *self.localized("responsibilities", dict(zip(LANGS, RESPONSIBILITIES, strict=True))),
                )

        self.writer.write(RoleTemplate, columns, rows())
        self.writer.write(
            TemplateRequirement,
            ["template_id", "competency_id", "min_level", "importance"],
            iter(requirement_rows),
        )

    def people(self) -> None:
        n = self.counts["people"]
        accounts = self.counts["accounts"]
        regions = [code for code in RegionCode if code != RegionCode.GLOBAL]
        columns = [
            "id",
            "user_id",
            "display_name",
            "wikimedia_username",
            "email",
            "region_id",
            "time_zone",
            "is_public",
        ]
        language_rows: list[Row] = []
        interest_rows: list[Row] = []
        mentor_rows: list[Row] = []

        def rows() -> Iterator[Row]:
            for person_id in range(1, n + 1):
                region = self.rng.choice(regions)
                if region == RegionCode.MENA and self.rng.random() < 0.6:
                    name = self.rng.choice(ARABIC_NAMES)
                    username = ""
                else:
                    given, family = self.rng.choice(GIVEN_NAMES), self.rng.choice(FAMILY_NAMES)
                    name = f"{given} {family}"
                    username = f"{given} {family} {person_id}" if self.rng.random() < 0.7 else ""
                language_rows.append((person_id, "en"))
                local = REGION_LANGUAGES[region][0][0]
                if self.rng.random() < 0.3:
                    language_rows.append((person_id, local))
                if self.rng.random() < 0.1:
                    interest_rows.append((person_id, self.competency_id()))
                if self.rng.random() < 0.05:
                    mentor_rows.append((person_id, self.competency_id()))
                is_account = person_id <= accounts
                yield (
                    person_id,
                    person_id if is_account else None,
                    name,
                    username,
                    f"bench{person_id}@bench.example.org",
                    self.region_ids[region],
                    TIME_ZONES[region],
                    is_account or self.rng.random() < 0.4,
                )

        self.writer.write(Person, columns, rows())
        self.writer.write(Person.languages.through, ["person_id", "language_id"], iter(language_rows))
        self.writer.write(
            Person.wants_to_develop.through, ["person_id", "competency_id"], iter(sorted(set(interest_rows)))
        )
        self.writer.write(
            Person.can_mentor.through, ["person_id", "competency_id"], iter(sorted(set(mentor_rows)))
        )

    def roles(self) -> None:
        n = self.counts["roles"]
        n_orgs = self.counts["organizations"]
        n_templates = self.counts["role_templates"]
        people = self.counts["people"]
        organizations = self.rng.choices(range(1, n_orgs + 1), weights=self.org_weights, k=n)
        for role_id, organization in enumerate(organizations, start=1):
            self.roles_by_org.setdefault(organization, []).append(role_id)
        requirements_per_role = self.distribute(
            self.counts["requirements"], n, min(MAX_REQUIREMENTS_PER_ROLE, self.counts["competencies"]), 1
        )
        rare = {round(i * n / RARE_ROLES) for i in range(min(RARE_ROLES, n))}
        role_shapes: list[tuple[int, int, int | None, int | None]] = []  # seats, function, term months, limit

        columns = [
            "id", "organization_id", "template_id", "kind", "seats", "selection", "term_length_months",
            "term_limit", "hours_per_week", "open_for_nominations", "active", "search_text", "filled_seats",
        ]  # fmt: skip
        columns += (
            self.localized_columns("title")
            + self.localized_columns("description")
            + self.localized_columns("responsibilities")
        )
        language_rows: list[Row] = []
        document_rows: list[tuple[int, dict[str, str]]] = []
        requirement_rows: list[Row] = []
        holder_rows: list[Row] = []

        def rows() -> Iterator[Row]:
            for index in range(n):
                role_id = index + 1
                organization = organizations[index]
                region = self.org_regions[organization - 1]
                function = self.rng.randrange(len(FUNCTIONS))
                area_index = self.rng.randrange(len(AREAS))
                area = RARE_AREA if index in rare else AREAS[area_index]
                languages = ["en"] if self.rng.random() < 0.97 else []
                for code, share in REGION_LANGUAGES[region]:
                    if self.rng.random() < share:
                        languages.append(code)
                if index in rare and "id" not in languages:
                    languages.append("id")
                if not languages:
                    languages = [REGION_LANGUAGES[region][0][0]]
                clauses = [self.rng.randrange(len(DESCRIPTIONS))]
                common = self.rng.random() < 0.125
                title: dict[str, str] = {}
                description: dict[str, str] = {}
                responsibilities: dict[str, str] = {}
                for code in languages:
                    i = LANGS.index(code)
                    title[code] = f"{FUNCTIONS[function][i]} ({area[i]})"
                    text = " ".join(DESCRIPTIONS[c][i].format(area=area[i]) for c in clauses)
                    description[code] = f"{text} {COMMON_CLAUSE[i]}" if common else text
                    responsibilities[code] = RESPONSIBILITIES[i]
                    language_rows.append((role_id, code))
                texts = SimpleNamespace(
                    **{build_localized_fieldname("title", code): title.get(code, "") for code in LANGS},
                    **{
                        build_localized_fieldname("description", code): description.get(code, "")
                        for code in LANGS
                    },
                )
                search_text = services.role_search_text(texts)
                document_rows.append((role_id, search.language_texts(texts, SEARCHED_ROLE_FIELDS)))
                kind = FUNCTION_KINDS[function]
                board = kind == RoleKind.BOARD
                seats = self.rng.choice([5, 5, 7, 9]) if function == 4 else 1
                if function in MULTI_SEAT_FUNCTIONS and function != 4:
                    seats = self.rng.choice([1, 2, 3, 4])
                term_months = self.rng.choice([24, 36]) if board else self.rng.choice([12, 12, 24, None])
                term_limit = self.rng.choice([2, 3, None]) if board else None
                template = None
                if self.rng.random() < 0.3 and n_templates:
                    template = function % n_templates + 1
                # Requirements: distinct competencies.
                chosen: set[int] = set()
                while len(chosen) < requirements_per_role[index]:
                    chosen.add(self.competency_id())
                for competency in sorted(chosen):
                    requirement_rows.append(
                        (
                            role_id,
                            competency,
                            self.rng.choice([1, 2, 2, 3, 3, 4]),
                            (Importance.ESSENTIAL if self.rng.random() < 0.6 else Importance.DESIRABLE).value,
                        )
                    )
                role_shapes.append((seats, function, term_months, term_limit))
                hours = (
                    Decimal(self.rng.choice([1, 2, 3, 4, 5, 8, 10, 15, 20]))
                    if self.rng.random() < 0.8
                    else None
                )
                yield (
                    role_id,
                    organization,
                    template,
                    kind.value,
                    seats,
                    (Selection.ELECTED if board and self.rng.random() < 0.8 else Selection.APPOINTED).value,
                    term_months,
                    term_limit,
                    hours,
                    self.rng.random() < 0.15,
                    self.rng.random() < 0.97,
                    search_text,
                    0,  # set below, from the generated terms
                    *self.localized("title", title),
                    *self.localized("description", description),
                    *self.localized("responsibilities", responsibilities),
                )

        # Roles go in first with filled_seats 0; the terms decide the real value, written just after.
        self.writer.write(Role, columns, rows())
        # The full-text documents, stemmed by PostgreSQL as the role services have it do (search.py).
        search.write_documents(Role, "search_document", document_rows)
        self.writer.write(Role.languages.through, ["role_id", "language_id"], iter(language_rows))
        self.writer.write(
            RoleRequirement, ["role_id", "competency_id", "min_level", "importance"], iter(requirement_rows)
        )
        filled = self.holders(role_shapes, holder_rows, people)
        self.writer.write(
            RoleHolder,
            ["id", "role_id", "person_id", "seat", "start", "end", "term_number"],
            iter(holder_rows),
        )
        self.set_filled_seats(filled)

    def holders(
        self, shapes: list[tuple[int, int, int | None, int | None]], holder_rows: list[Row], people: int
    ) -> dict[int, int]:
        """Successive, non-overlapping terms on each seat; returns the filled seats of each role today."""
        seats = [
            (role_index + 1, seat)
            for role_index, shape in enumerate(shapes)
            for seat in range(1, shape[0] + 1)
        ]
        terms_per_seat = self.distribute(self.counts["holders"], len(seats), MAX_TERMS_PER_SEAT, 0)
        filled: dict[int, int] = {}
        holder_id = 0
        for (role_id, seat), terms in zip(seats, terms_per_seat, strict=True):
            if not terms:
                continue
            months = shapes[role_id - 1][2] or 24
            length = datetime.timedelta(days=round(months * 30.4))
            vacant = self.rng.random() < 0.2
            if vacant:
                end: datetime.date | None = self.today - datetime.timedelta(days=self.rng.randint(1, 400))
                start = end - length
            else:
                start = self.today - datetime.timedelta(days=self.rng.randint(0, length.days - 1))
                open_ended = shapes[role_id - 1][2] is None and self.rng.random() < 0.5
                end = None if open_ended else start + length
                filled[role_id] = filled.get(role_id, 0) + 1
            chain: list[tuple[datetime.date, datetime.date | None]] = [(start, end)]
            for _ in range(terms - 1):
                previous_end = chain[-1][0]
                chain.append((previous_end - length, previous_end))
            chain.reverse()
            person = self.rng.randint(1, people)
            term_number = 1
            for start_date, end_date in chain:
                if self.rng.random() < 0.5:  # a new person, or the same one serving again
                    person = self.rng.randint(1, people)
                    term_number = 1
                holder_id += 1
                holder_rows.append((holder_id, role_id, person, seat, start_date, end_date, term_number))
                term_number += 1
        return filled

    def set_filled_seats(self, filled: dict[int, int]) -> None:
        """Write the seats filled today, as the holder services would have counted them."""
        self.update_counts(Role, "filled_seats", filled)

    def person_competencies(self) -> None:
        n = self.counts["people"]
        per_person = self.distribute(
            self.counts["person_competencies"], n, min(6, self.counts["competencies"]), 0
        )
        sources = [
            CompetencySource.SELF_ASSESSED,
            CompetencySource.SELF_ASSESSED,
            CompetencySource.TRAINING,
            CompetencySource.ORGANIZER,
            CompetencySource.NOMINATOR,
        ]

        def rows() -> Iterator[Row]:
            for person_id, count in enumerate(per_person, start=1):
                chosen: set[int] = set()
                while len(chosen) < count:
                    chosen.add(self.competency_id())
                for competency in sorted(chosen):
                    yield (
                        person_id,
                        competency,
                        self.rng.randint(1, 4),
                        self.rng.choice(sources).value,
                        self.today - datetime.timedelta(days=self.rng.randint(0, 1500)),
                    )

        self.writer.write(
            PersonCompetency, ["person_id", "competency_id", "level", "source", "assessed_on"], rows()
        )

    def memberships(self) -> None:
        """The pool's accounts organize the first organisations (for future write scenarios)."""
        accounts = self.counts["accounts"]
        orgs = self.counts["organizations"]
        self.writer.write(
            Membership,
            ["person_id", "organization_id", "capacity"],
            ((i, (i - 1) % orgs + 1, Capacity.ORGANIZER.value) for i in range(1, accounts + 1)),
        )

    def reset_sequences(self) -> None:
        sequenced: list[type[models.Model]] = [
            Organization, CompetencyCategory, Competency, RoleTemplate, Person, Role, RoleHolder, get_user_model(),
            Course, TrainingSession, Enrollment, NominationCall, CallQuestion, ScoringCriterion, Nomination, Review,
        ]  # fmt: skip
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), sequenced):
                cursor.execute(statement)


# --- Faster loading on PostgreSQL: secondary indexes and the exclusion constraint afterwards -------------
SEEDED_MODELS = [
    Organization, CompetencyCategory, Competency, RoleTemplate, TemplateRequirement, Person, PersonCompetency,
    Role, RoleRequirement, RoleHolder, Membership,
    Course, CourseCompetency, TrainingSession, Enrollment, Feedback,
    NominationCall, CallQuestion, ScoringCriterion, Nomination, NominationEvent, NominationAnswer,
    ObservedCompetency, Endorsement, Review, ReviewScore,
]  # fmt: skip


def _seeded_tables() -> list[str]:
    tables = [model._meta.db_table for model in SEEDED_MODELS]
    for through in (
        Organization.languages.through,
        Organization.hubs.through,
        Person.languages.through,
        Person.wants_to_develop.through,
        Person.can_mentor.through,
        Role.languages.through,
        Course.languages.through,
        NominationCall.roles.through,
        NominationCall.reviewers.through,
        Nomination.nominee_languages.through,
    ):
        tables.append(through._meta.db_table)
    return tables


def _postgres_defer_indexes(cursor: Any) -> list[str]:
    """Drop the seeded tables' secondary indexes and exclusion constraints; return SQL that recreates them."""
    tables = _seeded_tables()
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relname = ANY(%s) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        """,
        [tables],
    )
    indexes = cursor.fetchall()
    cursor.execute(
        """
        SELECT t.relname, c.conname, pg_get_constraintdef(c.oid)
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        WHERE t.relname = ANY(%s) AND c.contype = 'x'
        """,
        [tables],
    )
    exclusions = cursor.fetchall()
    restore: list[str] = []
    for name, definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
        restore.append(definition)
    for table, name, definition in exclusions:
        cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        restore.append(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
    return restore


def seed(
    *, scale: float, progress: Callable[[str, int], None] | None = None, today: datetime.date | None = None
) -> dict[str, int]:
    """Fill the (freshly migrated, empty) default database at `scale`; returns the rows written per table."""
    plan = Plan.for_scale(scale)
    writer = BulkWriter(now=timezone.now(), progress=progress or (lambda table, rows: None))
    seeder = Seeder(plan=plan, today=today or timezone.localdate(), writer=writer)
    with transaction.atomic():
        restore: list[str] = []
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
                cursor.execute("SET LOCAL synchronous_commit = off")
                restore = _postgres_defer_indexes(cursor)
        written = seeder.run()
        if restore:
            with connection.cursor() as cursor:
                # Check the deferred foreign keys now: PostgreSQL builds no index over pending trigger events.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                for statement in restore:
                    progress and progress("indexes", 0)
                    cursor.execute(statement)
        # The ranking aggregate the review services keep, stored now that the indexes are back (one UPDATE).
        # Without statistics on the freshly loaded tables PostgreSQL plans every nomination's subqueries
        # as a scan of all review scores (hours at SCALE=1); with them, as index lookups (seconds).
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE nominations_nomination, nominations_review, nominations_reviewscore")
        nomination_services.nomination_scores_refresh(
            nominations=Nomination.objects.filter(pk__in=Review.objects.values("nomination"))
        )
    return written


def counts_in_database() -> dict[str, int]:
    """What the benchmark database holds, for the report."""
    return {
        "organizations": Organization.objects.count(),
        "competencies": Competency.objects.count(),
        "role_templates": RoleTemplate.objects.count(),
        "roles": Role.objects.count(),
        "requirements": RoleRequirement.objects.count(),
        "people": Person.objects.count(),
        "public_people": Person.objects.filter(is_public=True).count(),
        "person_competencies": PersonCompetency.objects.count(),
        "holders": RoleHolder.objects.count(),
        "accounts": get_user_model().objects.count(),
        "courses": Course.objects.count(),
        "course_competencies": CourseCompetency.objects.count(),
        "training_sessions": TrainingSession.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "feedback": Feedback.objects.count(),
        "nomination_calls": NominationCall.objects.count(),
        "nominations": Nomination.objects.count(),
        "review_call_nominations": Nomination.objects.filter(call_id=REVIEW_CALL_ID).count(),
        "nomination_answers": NominationAnswer.objects.count(),
        "observed_competencies": ObservedCompetency.objects.count(),
        "endorsements": Endorsement.objects.count(),
        "reviews": Review.objects.count(),
    }


# --- The marker: which code and scale seeded this database ---------------------------------------------
def write_marker(*, fingerprint_value: str, scale: float, counts: dict[str, int]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {MARKER_TABLE} (fingerprint varchar(64) NOT NULL, scale varchar(32) NOT NULL, "
            "counts text NOT NULL, seeded_at varchar(40) NOT NULL)"
        )
        cursor.execute(
            f"INSERT INTO {MARKER_TABLE} (fingerprint, scale, counts, seeded_at) VALUES (%s, %s, %s, %s)",  # noqa: S608 - a constant table name
            [fingerprint_value, repr(float(scale)), json.dumps(counts), timezone.now().isoformat()],
        )


def read_marker() -> dict[str, Any] | None:
    """The marker row of the default database, or None when it was never (completely) seeded."""
    if MARKER_TABLE not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT fingerprint, scale, counts, seeded_at FROM {MARKER_TABLE}")  # noqa: S608 - constant
        row = cursor.fetchone()
    if row is None:
        return None
    return {"fingerprint": row[0], "scale": float(row[1]), "counts": json.loads(row[2]), "seeded_at": row[3]}


# --- The database itself, on the PostgreSQL server ------------------------------------------------------
def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def _admin_url(url: str) -> str:
    """The same server and credentials, on the maintenance database."""
    parts = urlsplit(url)
    return parts._replace(path="/postgres", scheme="postgresql").geturl()


def prepare_database(url: str, fingerprint_value: str) -> str:
    """Make sure the benchmark database exists and was seeded by this code and scale.

    Returns "reuse" when it was, "fresh" when it was (re)created empty (a changed fingerprint, or a seed
    that never finished, drops it).
    """
    import psycopg
    from psycopg import sql

    name = database_name(url)
    if not name:
        raise ValueError(f"The benchmark database URL names no database: {url}")
    with psycopg.connect(_admin_url(url), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
        if exists:
            with psycopg.connect(urlsplit(url)._replace(scheme="postgresql").geturl()) as bench:
                table = bench.execute("SELECT to_regclass(%s)", [MARKER_TABLE]).fetchone()
                found = None
                if table and table[0]:
                    row = bench.execute(
                        sql.SQL("SELECT fingerprint FROM {}").format(sql.Identifier(MARKER_TABLE))
                    ).fetchone()
                    found = row[0] if row else None
            if found == fingerprint_value:
                return "reuse"
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return "fresh"
