"""The training app's demo data: courses of the demo hubs and chapters, their sessions and learners.

Runs after the roles steps (see roles/demo.py), on the demo organisations, competencies and accounts. Every
write goes through training.services, as an organiser's would: a session is created as a draft, published,
filled by enrollments (confirmed while seats remain, then waitlisted), and a past session is first
scheduled ahead, filled, then moved to its real dates so that attendance, completion (which records the
course's competencies with the source "training") and feedback follow the same rules as on the site.

A course is found again by its organisation and English title, a session by its course, organising
organisation and time zone: a missing one is made again with its whole story; an existing one is left as it
is (its organisers may have changed it since). Dates are relative to the day the command runs. The services
email learners when a session is cancelled or a seat frees up; those emails are removed from the outbox, so
that seeding queues none.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname
from post_office.models import Email

from roles.demo import DemoStep
from roles.models import Competency, Language

from . import services
from .enums import CourseFormat, EnrollmentState, SessionStatus
from .models import Course, Enrollment, TrainingSession

if TYPE_CHECKING:
    from roles.demo import DemoContext

CONTENT_LANGUAGES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)
DEMO_DOMAIN = "demo.example.org"

Text = Mapping[str, str]  # one text per content language

F = CourseFormat
E = EnrollmentState


def _text(en: str, fr: str, es: str, pt_br: str, id_: str, ar: str) -> Text:
    return dict(zip(CONTENT_LANGUAGES, (en, fr, es, pt_br, id_, ar), strict=True))


def _localized(field_name: str, text: Text) -> dict[str, str]:
    return {build_localized_fieldname(field_name, code): value for code, value in text.items()}


def _email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


# --- Courses -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoCourse:
    organization: str  # slug of the owning organisation
    title: Text
    description: Text
    format: str
    duration_minutes: int
    languages: tuple[str, ...]
    competencies: tuple[tuple[str, int], ...]  # (competency slug, target level)

    @property
    def key(self) -> str:
        return self.title["en"]

    @property
    def materials_url(self) -> str:
        slug = "-".join(self.key.lower().split())
        return f"https://training.example.org/demo/{slug}/"


COURSES: tuple[DemoCourse, ...] = (
    DemoCourse(
        organization="eseap-demo-hub",
        title=_text(
            "Facilitating online meetings",
            "Animer des réunions en ligne",
            "Facilitar reuniones en línea",
            "Facilitar reuniões on-line",
            "Memfasilitasi rapat daring",
            "تيسير الاجتماعات عبر الإنترنت",
        ),
        description=_text(
            "How to prepare, run and follow up an online meeting where every participant, in every time "
            "zone, can take part: agendas, turn-taking, breakout rooms and shared notes.",
            "Préparer, animer et assurer le suivi d'une réunion en ligne où chacun, quel que soit son fuseau "
            "horaire, peut participer : ordre du jour, prise de parole, salles de sous-groupes et notes "
            "partagées.",
            "Cómo preparar, conducir y dar seguimiento a una reunión en línea en la que todas las personas, "
            "en cualquier zona horaria, puedan participar: orden del día, turnos de palabra, salas para "
            "grupos y notas compartidas.",
            "Como preparar, conduzir e acompanhar uma reunião on-line em que todos, em qualquer fuso "
            "horário, possam participar: pauta, turnos de fala, salas simultâneas e notas compartilhadas.",
            "Cara menyiapkan, memandu, dan menindaklanjuti rapat daring yang dapat diikuti setiap peserta di "
            "zona waktu mana pun: agenda, giliran bicara, ruang diskusi kelompok, dan catatan bersama.",
            "كيفية التحضير لاجتماع عبر الإنترنت وإدارته ومتابعته بحيث يشارك فيه الجميع في كل المناطق الزمنية: "
            "جدول الأعمال وتناوب الحديث وغرف المجموعات والملاحظات المشتركة.",
        ),
        format=F.ONLINE,
        duration_minutes=120,
        languages=("en", "id"),
        competencies=(("facilitation", 2), ("intercultural-collaboration", 2)),
    ),
    DemoCourse(
        organization="sub-saharan-africa-demo-hub",
        title=_text(
            "Writing your first grant proposal",
            "Rédiger sa première demande de subvention",
            "Redactar tu primera solicitud de subvención",
            "Escrever sua primeira proposta de financiamento",
            "Menulis proposal hibah pertama Anda",
            "كتابة أول طلب منحة",
        ),
        description=_text(
            "From an idea to a complete proposal: goals and measures of success, a realistic budget, a "
            "timeline, and the questions reviewers ask most often.",
            "De l'idée à la demande complète : objectifs et indicateurs de réussite, budget réaliste, "
            "calendrier, et les questions que les évaluateurs posent le plus souvent.",
            "De la idea a la solicitud completa: objetivos e indicadores de éxito, un presupuesto realista, "
            "un calendario y las preguntas que más hacen quienes evalúan.",
            "Da ideia à proposta completa: objetivos e indicadores de sucesso, orçamento realista, "
            "cronograma e as perguntas que os avaliadores mais fazem.",
            "Dari gagasan hingga proposal lengkap: tujuan dan ukuran keberhasilan, anggaran yang realistis, "
            "jadwal, serta pertanyaan yang paling sering diajukan penilai.",
            "من الفكرة إلى طلب مكتمل: الأهداف ومؤشرات النجاح وميزانية واقعية وجدول زمني، والأسئلة التي يطرحها "
            "المراجعون في أغلب الأحيان.",
        ),
        format=F.HYBRID,
        duration_minutes=180,
        languages=("en", "fr", "sw"),
        competencies=(("grant-writing", 2), ("fundraising", 1)),
    ),
    DemoCourse(
        organization="wikimedia-aubeterre",
        title=_text(
            "Preventing volunteer burnout",
            "Prévenir l'épuisement des bénévoles",
            "Prevenir el agotamiento del voluntariado",
            "Prevenir o esgotamento dos voluntários",
            "Mencegah kelelahan sukarelawan",
            "الوقاية من إنهاك المتطوعين",
        ),
        description=_text(
            "Recognising the signs of burnout in yourself and others, sharing the load, and building a "
            "group culture where stepping back is normal.",
            "Reconnaître les signes d'épuisement chez soi et chez les autres, répartir la charge et bâtir "
            "une culture de groupe où prendre du recul est normal.",
            "Reconocer las señales de agotamiento en una misma persona y en las demás, repartir la carga y "
            "construir una cultura de grupo en la que tomar distancia sea normal.",
            "Reconhecer os sinais de esgotamento em si e nos outros, dividir a carga e construir uma "
            "cultura de grupo em que dar um passo atrás seja normal.",
            "Mengenali tanda-tanda kelelahan pada diri sendiri dan orang lain, berbagi beban, dan membangun "
            "budaya kelompok yang menganggap wajar untuk rehat sejenak.",
            "التعرّف على علامات الإنهاك لدى النفس ولدى الآخرين، وتوزيع الأعباء، وبناء ثقافة جماعية يكون فيها "
            "التراجع خطوة إلى الوراء أمرًا طبيعيًا.",
        ),
        format=F.IN_PERSON,
        duration_minutes=240,
        languages=("fr", "en"),
        competencies=(("volunteer-wellbeing", 2), ("volunteer-management", 1)),
    ),
    DemoCourse(
        organization="lac-demo-hub",
        title=_text(
            "Board governance essentials",
            "Les bases de la gouvernance associative",
            "Fundamentos de gobierno de la junta directiva",
            "Fundamentos de governança do conselho",
            "Dasar-dasar tata kelola dewan pengurus",
            "أساسيات حوكمة مجلس الإدارة",
        ),
        description=_text(
            "The duties of board members, how a board oversees without micromanaging, conflicts of "
            "interest, and the yearly cycle of plans, budgets and reports.",
            "Les devoirs des administrateurs, comment un conseil supervise sans tout contrôler, les conflits "
            "d'intérêts, et le cycle annuel des plans, budgets et rapports.",
            "Los deberes de quienes integran la junta, cómo supervisar sin microgestionar, los conflictos de "
            "interés y el ciclo anual de planes, presupuestos e informes.",
            "Os deveres dos conselheiros, como o conselho supervisiona sem microgerenciar, os conflitos de "
            "interesse e o ciclo anual de planos, orçamentos e relatórios.",
            "Tugas anggota dewan pengurus, cara dewan mengawasi tanpa mencampuri hal kecil, konflik "
            "kepentingan, serta siklus tahunan rencana, anggaran, dan laporan.",
            "واجبات أعضاء مجلس الإدارة، وكيف يشرف المجلس دون التدخل في التفاصيل، وتضارب المصالح، والدورة "
            "السنوية للخطط والميزانيات والتقارير.",
        ),
        format=F.ONLINE,
        duration_minutes=360,
        languages=("es", "pt-br", "en"),
        competencies=(("board-governance", 3), ("ethics-and-conflicts-of-interest", 2)),
    ),
    DemoCourse(
        organization="mena-demo-hub",
        title=_text(
            "Mediation for community leaders",
            "La médiation pour les responsables de communauté",
            "Mediación para líderes comunitarios",
            "Mediação para lideranças comunitárias",
            "Mediasi untuk pemimpin komunitas",
            "الوساطة لقادة المجتمعات",
        ),
        description=_text(
            "Listening to both sides, separating people from problems, and guiding a dispute between "
            "volunteers towards an agreement they both keep.",
            "Écouter les deux parties, distinguer les personnes des problèmes et conduire un différend "
            "entre bénévoles vers un accord que chacun respecte.",
            "Escuchar a ambas partes, separar a las personas de los problemas y guiar una disputa entre "
            "personas voluntarias hacia un acuerdo que ambas cumplan.",
            "Ouvir os dois lados, separar as pessoas dos problemas e conduzir uma disputa entre voluntários "
            "a um acordo que ambos cumpram.",
            "Mendengarkan kedua pihak, memisahkan orang dari masalahnya, dan membimbing perselisihan antar-"
            "sukarelawan menuju kesepakatan yang dipegang keduanya.",
            "الاستماع إلى الطرفين، والفصل بين الأشخاص والمشكلات، وتوجيه الخلاف بين المتطوعين نحو اتفاق "
            "يلتزم به الطرفان.",
        ),
        format=F.HYBRID,
        duration_minutes=480,
        languages=("ar", "fr", "en"),
        competencies=(("conflict-resolution", 3), ("code-of-conduct-enforcement", 2)),
    ),
    DemoCourse(
        organization="wikimedia-kilimarani",
        title=_text(
            "Bookkeeping for small non-profits",
            "La comptabilité des petites associations",
            "Contabilidad para pequeñas organizaciones sin fines de lucro",
            "Contabilidade para pequenas organizações sem fins lucrativos",
            "Pembukuan untuk organisasi nirlaba kecil",
            "مسك الدفاتر للمنظمات الصغيرة غير الربحية",
        ),
        description=_text(
            "Recording income and expenses, keeping receipts, reconciling the bank account every month and "
            "preparing the figures of a grant report.",
            "Enregistrer recettes et dépenses, conserver les justificatifs, rapprocher le compte bancaire "
            "chaque mois et préparer les chiffres d'un rapport de subvention.",
            "Registrar ingresos y gastos, guardar los comprobantes, conciliar la cuenta bancaria cada mes y "
            "preparar las cifras de un informe de subvención.",
            "Registrar receitas e despesas, guardar comprovantes, conciliar a conta bancária todo mês e "
            "preparar os números de um relatório de financiamento.",
            "Mencatat pemasukan dan pengeluaran, menyimpan bukti transaksi, merekonsiliasi rekening bank "
            "setiap bulan, dan menyiapkan angka untuk laporan hibah.",
            "تسجيل الإيرادات والمصروفات، والاحتفاظ بالإيصالات، ومطابقة الحساب المصرفي كل شهر، وإعداد أرقام "
            "تقرير المنحة.",
        ),
        format=F.IN_PERSON,
        duration_minutes=300,
        languages=("sw", "en"),
        competencies=(("bookkeeping", 2), ("financial-management", 2)),
    ),
    DemoCourse(
        organization="south-asia-demo-hub",
        title=_text(
            "Organising safe and inclusive events",
            "Organiser des événements sûrs et inclusifs",
            "Organizar eventos seguros e inclusivos",
            "Organizar eventos seguros e inclusivos",
            "Menyelenggarakan acara yang aman dan inklusif",
            "تنظيم فعاليات آمنة وشاملة",
        ),
        description=_text(
            "Choosing accessible venues, applying the code of conduct, welcoming newcomers and planning for "
            "the unexpected, from a small edit-a-thon to a regional conference.",
            "Choisir des lieux accessibles, appliquer le code de conduite, accueillir les nouveaux venus et "
            "prévoir l'imprévu, du petit atelier d'écriture à la conférence régionale.",
            "Elegir lugares accesibles, aplicar el código de conducta, acoger a quienes llegan por primera "
            "vez y prever lo imprevisto, desde un pequeño editatón hasta una conferencia regional.",
            "Escolher locais acessíveis, aplicar o código de conduta, acolher quem chega e prever o "
            "imprevisto, de uma pequena editatona a uma conferência regional.",
            "Memilih tempat yang mudah diakses, menerapkan pedoman perilaku, menyambut pendatang baru, dan "
            "bersiap menghadapi hal tak terduga, dari edit-a-thon kecil hingga konferensi regional.",
            "اختيار أماكن يسهل الوصول إليها، وتطبيق مدونة السلوك، والترحيب بالقادمين الجدد، والاستعداد لما "
            "لم يكن في الحسبان، من ماراثون تحرير صغير إلى مؤتمر إقليمي.",
        ),
        format=F.ONLINE,
        duration_minutes=150,
        languages=("en", "hi", "bn"),
        competencies=(("event-organising", 2), ("inclusion-and-diversity", 2)),
    ),
    DemoCourse(
        organization="open-heritage-demo-hub",
        title=_text(
            "Wikidata for museum partnerships",
            "Wikidata au service des partenariats avec les musées",
            "Wikidata para alianzas con museos",
            "Wikidata para parcerias com museus",
            "Wikidata untuk kemitraan dengan museum",
            "ويكي بيانات في الشراكات مع المتاحف",
        ),
        description=_text(
            "Modelling a collection in Wikidata, agreeing on open licences with a museum, and showing the "
            "partner what its data became.",
            "Modéliser une collection dans Wikidata, convenir de licences libres avec un musée et montrer au "
            "partenaire ce que ses données sont devenues.",
            "Modelar una colección en Wikidata, acordar licencias libres con un museo y mostrar a la entidad "
            "aliada en qué se convirtieron sus datos.",
            "Modelar um acervo no Wikidata, combinar licenças livres com um museu e mostrar ao parceiro o "
            "que seus dados se tornaram.",
            "Memodelkan koleksi di Wikidata, menyepakati lisensi terbuka dengan museum, dan menunjukkan "
            "kepada mitra hasil dari data mereka.",
            "نمذجة مجموعة متحفية في ويكي بيانات، والاتفاق مع المتحف على تراخيص حرة، وإطلاع الشريك على ما آلت "
            "إليه بياناته.",
        ),
        format=F.HYBRID,
        duration_minutes=210,
        languages=("en", "fr"),
        competencies=(("wikidata", 2), ("glam-collaboration", 2), ("open-licensing", 1)),
    ),
    DemoCourse(
        organization="cee-demo-hub",
        title=_text(
            "Chairing meetings that decide",
            "Présider des réunions qui décident",
            "Presidir reuniones que deciden",
            "Presidir reuniões que decidem",
            "Memimpin rapat yang menghasilkan keputusan",
            "رئاسة اجتماعات تُفضي إلى قرارات",
        ),
        description=_text(
            "Agendas with a purpose, motions and minutes, keeping time without cutting voices short, and "
            "closing every item with a decision and an owner.",
            "Un ordre du jour utile, des motions et des procès-verbaux, tenir le temps sans couper la parole, "
            "et clore chaque point par une décision et un responsable.",
            "Un orden del día con propósito, mociones y actas, cuidar el tiempo sin acallar voces y cerrar "
            "cada punto con una decisión y una persona responsable.",
            "Pautas com propósito, moções e atas, controlar o tempo sem calar vozes e encerrar cada item com "
            "uma decisão e um responsável.",
            "Agenda yang terarah, usulan dan notulen, menjaga waktu tanpa memotong pendapat, dan menutup "
            "setiap butir dengan keputusan serta penanggung jawabnya.",
            "جدول أعمال هادف، ومقترحات ومحاضر، وضبط الوقت دون إسكات الأصوات، وختم كل بند بقرار ومسؤول عن "
            "تنفيذه.",
        ),
        format=F.ONLINE,
        duration_minutes=90,
        languages=("en", "pl"),
        competencies=(("meeting-chairing", 3),),
    ),
)


# --- Sessions and their learners ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoLearner:
    """A learner of a session, in the order they enrolled, and what became of their enrollment.

    `outcome` is the state it ends in: confirmed and waitlisted follow from the seats (enrolling in order),
    cancelled is the learner's own cancellation, attended / no_show / completed the organiser's marks.
    """

    person: str  # local part of a demo account's email
    outcome: str
    rating: int | None = None
    comment: str = ""


@dataclass(frozen=True)
class DemoSession:
    course: str  # the course's English title
    organization: str  # the organising organisation (may differ from the course's owner)
    time_zone: str
    days_from_today: int  # negative: the session is over
    local_start: tuple[int, int]  # hour and minute in the session's own time zone
    format: str
    language: str
    capacity: int
    status: str
    city: str = ""
    venue: str = ""
    marked_by: str = ""  # local part of the organiser who records attendance
    learners: tuple[DemoLearner, ...] = ()

    @property
    def is_past(self) -> bool:
        return self.days_from_today < 0


def _learners(spec: str) -> tuple[DemoLearner, ...]:
    """Learners who gave no feedback, from "person:outcome person:outcome"."""
    return tuple(
        DemoLearner(person, outcome)
        for person, _sep, outcome in (item.partition(":") for item in spec.split())
    )


def _rated(person: str, outcome: str, rating: int | None = None, comment: str = "") -> DemoLearner:
    """A learner who answered the feedback form (or, without a rating, did not)."""
    return DemoLearner(person, outcome, rating, comment)


SESSIONS: tuple[DemoSession, ...] = (
    # Upcoming, online, in Jakarta's time: full, with a waitlist (one who waited gave up).
    DemoSession(
        course="Facilitating online meetings",
        organization="eseap-demo-hub",
        time_zone="Asia/Jakarta",
        days_from_today=12,
        local_start=(19, 0),
        format=F.ONLINE,
        language="id",
        capacity=4,
        status=SessionStatus.PUBLISHED,
        learners=_learners(
            "siti.rahmawati:confirmed nurul.aisyah:confirmed nguyen.thi.lan:confirmed aiko.tanaka:confirmed "
            "mele.fifita:waitlisted chen.wei:cancelled priya.raman:waitlisted"
        ),
    ),
    # Upcoming, online, in Santiago's time, with seats left.
    DemoSession(
        course="Board governance essentials",
        organization="lac-demo-hub",
        time_zone="America/Santiago",
        days_from_today=20,
        local_start=(18, 30),
        format=F.ONLINE,
        language="es",
        capacity=25,
        status=SessionStatus.PUBLISHED,
        learners=_learners("ana.quispe:confirmed mateo.rojas:confirmed marisol.guzman:confirmed"),
    ),
    # Over and finished, in São Paulo's time: completions that fed the learners' competencies.
    DemoSession(
        course="Board governance essentials",
        organization="lac-demo-hub",
        time_zone="America/Sao_Paulo",
        days_from_today=-45,
        local_start=(14, 0),
        format=F.ONLINE,
        language="pt-br",
        capacity=15,
        status=SessionStatus.FINISHED,
        marked_by="lucia.fernandez",
        learners=(
            _rated(
                "joao.pereira",
                E.COMPLETED,
                5,
                "Muito prático: saí com um calendário anual para o nosso conselho.",
            ),
            _rated("marie-claire.joseph", E.COMPLETED, 4, "Très utile, même si la session était longue."),
            _rated("mateo.rojas", E.NO_SHOW),
        ),
    ),
    # Over and finished, hybrid, in Lagos's time: six answers to the feedback form, so organisers see them.
    DemoSession(
        course="Writing your first grant proposal",
        organization="sub-saharan-africa-demo-hub",
        time_zone="Africa/Lagos",
        days_from_today=-21,
        local_start=(10, 0),
        format=F.HYBRID,
        language="en",
        capacity=8,
        status=SessionStatus.FINISHED,
        city="Lagos",
        venue="Community Media Centre, Room 2 (demo)",
        marked_by="kwame.mensah",
        learners=(
            _rated("amara.nwosu", E.COMPLETED, 5, "The budget exercise alone was worth it."),
            _rated(
                "juma.mwakalinga",
                E.COMPLETED,
                4,
                "Good examples; I would have liked more time for questions.",
            ),
            _rated("hirut.alemu", E.COMPLETED, 5, "Clear and practical, thank you."),
            _rated(
                "fatou.diallo", E.COMPLETED, 4, "Très clair. Des exemples en français seraient bienvenus."
            ),
            _rated(
                "thandiwe.dlamini",
                E.ATTENDED,
                3,
                "I joined online and the sound in the room was hard to follow.",
            ),
            _rated("layla.haddad", E.COMPLETED, 4, ""),
            _rated("youssef.benali", E.NO_SHOW),
        ),
    ),
    # Upcoming, in person in Nairobi, organised by a chapter for the hub's course: full, with a waitlist.
    DemoSession(
        course="Writing your first grant proposal",
        organization="wikimedia-kilimarani",
        time_zone="Africa/Nairobi",
        days_from_today=9,
        local_start=(9, 30),
        format=F.IN_PERSON,
        language="sw",
        capacity=3,
        status=SessionStatus.PUBLISHED,
        city="Nairobi",
        venue="Kilimarani Hub Library, first floor (demo)",
        learners=_learners(
            "juma.mwakalinga:confirmed hirut.alemu:confirmed kwame.mensah:confirmed "
            "thandiwe.dlamini:waitlisted amara.nwosu:waitlisted"
        ),
    ),
    # Over and finished, in person in Dar es Salaam.
    DemoSession(
        course="Bookkeeping for small non-profits",
        organization="wikimedia-kilimarani",
        time_zone="Africa/Dar_es_Salaam",
        days_from_today=-60,
        local_start=(9, 0),
        format=F.IN_PERSON,
        language="sw",
        capacity=10,
        status=SessionStatus.FINISHED,
        city="Dar es Salaam",
        venue="Kilimarani Community Hall (demo)",
        marked_by="organizer",
        learners=_learners("juma.mwakalinga:completed hirut.alemu:attended"),
    ),
    # Upcoming, in person in Paris.
    DemoSession(
        course="Preventing volunteer burnout",
        organization="wikimedia-aubeterre",
        time_zone="Europe/Paris",
        days_from_today=30,
        local_start=(10, 0),
        format=F.IN_PERSON,
        language="fr",
        capacity=12,
        status=SessionStatus.PUBLISHED,
        city="Paris",
        venue="Maison des associations, salle 3 (demo)",
        learners=_learners("claire.dubois:confirmed pieter.de.vries:confirmed marta.puig:cancelled"),
    ),
    # Upcoming, online, in Kolkata's time.
    DemoSession(
        course="Organising safe and inclusive events",
        organization="south-asia-demo-hub",
        time_zone="Asia/Kolkata",
        days_from_today=16,
        local_start=(17, 0),
        format=F.ONLINE,
        language="hi",
        capacity=30,
        status=SessionStatus.PUBLISHED,
        learners=_learners("sunita.thapa:confirmed farhan.chowdhury:confirmed"),
    ),
    # Cancelled, in Dhaka's time (its learners were told; their enrollments stay on record).
    DemoSession(
        course="Organising safe and inclusive events",
        organization="south-asia-demo-hub",
        time_zone="Asia/Dhaka",
        days_from_today=6,
        local_start=(16, 0),
        format=F.HYBRID,
        language="bn",
        capacity=20,
        status=SessionStatus.CANCELLED,
        city="Dhaka",
        venue="Sundarvan University Library (demo)",
        learners=_learners("farhan.chowdhury:confirmed"),
    ),
    # A draft, hybrid, in Amman's time: not yet public.
    DemoSession(
        course="Mediation for community leaders",
        organization="mena-demo-hub",
        time_zone="Asia/Amman",
        days_from_today=40,
        local_start=(10, 0),
        format=F.HYBRID,
        language="ar",
        capacity=16,
        status=SessionStatus.DRAFT,
        city="Amman",
        venue="Wadi Nur Cultural Centre (demo)",
    ),
    # Upcoming, hybrid, in Oslo's time, organised by a chapter for a thematic hub's course.
    DemoSession(
        course="Wikidata for museum partnerships",
        organization="wikimedia-nordlandia",
        time_zone="Europe/Oslo",
        days_from_today=25,
        local_start=(13, 0),
        format=F.HYBRID,
        language="en",
        capacity=10,
        status=SessionStatus.PUBLISHED,
        city="Oslo",
        venue="Public Library, Lab 1 (demo)",
        learners=_learners("ingrid.solberg:confirmed mette.hansen:confirmed jana.novakova:confirmed"),
    ),
    # Over but not yet closed by its organiser, online in Warsaw's time: attendance partly recorded.
    DemoSession(
        course="Chairing meetings that decide",
        organization="cee-demo-hub",
        time_zone="Europe/Warsaw",
        days_from_today=-3,
        local_start=(18, 0),
        format=F.ONLINE,
        language="pl",
        capacity=12,
        status=SessionStatus.PUBLISHED,
        marked_by="ewa.kowalska",
        learners=_learners("ilona.varga:attended oleksandr.bondarenko:no_show jana.novakova:confirmed"),
    ),
    # Upcoming, online, in Tokyo's time: the hub's course again, with seats left.
    DemoSession(
        course="Facilitating online meetings",
        organization="eseap-demo-hub",
        time_zone="Asia/Tokyo",
        days_from_today=34,
        local_start=(20, 0),
        format=F.ONLINE,
        language="en",
        capacity=20,
        status=SessionStatus.PUBLISHED,
        learners=_learners("sean.obriain:confirmed grace.whitfield:confirmed"),
    ),
)


# --- Running the steps -------------------------------------------------------------------------------------


def _last_email_id() -> int:
    return Email.objects.aggregate(last=Max("id"))["last"] or 0


def _drop_emails_after(last_id: int) -> None:
    """Remove what the services queued while seeding (cancellation notices): seeding emails nobody."""
    Email.objects.filter(id__gt=last_id).delete()


def _courses() -> dict[tuple[int, str], Course]:
    """The courses by owning organisation and English title (the first one, if someone made another)."""
    found: dict[tuple[int, str], Course] = {}
    for course in Course.objects.order_by("pk"):
        found.setdefault((course.organization_id, course.title_en or ""), course)
    return found


def seed_courses(ctx: DemoContext) -> Iterator[None]:
    """The courses of the demo hubs and chapters, with the competencies they develop and target levels."""
    existing = _courses()
    competencies = {competency.slug: competency for competency in Competency.objects.all()}
    languages = {language.code: language for language in Language.objects.all()}
    for data in COURSES:
        organization = ctx.organization(data.organization)
        if (organization.pk, data.key) not in existing:
            existing[(organization.pk, data.key)] = services.course_save(
                organization=organization,
                data={
                    **_localized("title", data.title),
                    **_localized("description", data.description),
                    "format": data.format,
                    "duration_minutes": data.duration_minutes,
                    "materials_url": data.materials_url,
                },
                competencies=[(competencies[slug], level) for slug, level in data.competencies],
                languages=[languages[code] for code in data.languages],
            )
            ctx.created["courses"] += 1
        yield


def session_times(data: DemoSession, today: datetime.date) -> dict[str, datetime.datetime]:
    """Start, end and enrollment deadline of a session, from its local start time in its own zone."""
    course = next(course for course in COURSES if course.key == data.course)
    hour, minute = data.local_start
    local = datetime.datetime.combine(
        today + datetime.timedelta(days=data.days_from_today),
        datetime.time(hour, minute),
        tzinfo=ZoneInfo(data.time_zone),
    )
    starts_at = local.astimezone(datetime.UTC)
    return {
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(minutes=course.duration_minutes),
        "enrollment_deadline": starts_at - datetime.timedelta(days=1),
    }


def _session_data(data: DemoSession, times: Mapping[str, datetime.datetime]) -> dict[str, object]:
    slug = "-".join(data.course.lower().split())
    online = data.format in (F.ONLINE, F.HYBRID)
    return {
        **times,
        "time_zone": data.time_zone,
        "format": data.format,
        "venue": data.venue,
        "city": data.city,
        "online_url": f"https://meet.example.org/demo-{slug}-{data.language}" if online else "",
        "language": Language.objects.get(code=data.language),
        "capacity": data.capacity,
    }


def _run_session(ctx: DemoContext, data: DemoSession, course: Course, today: datetime.date) -> None:
    """Schedule, publish and fill a session through the services, then give it its outcome."""
    organization = ctx.organization(data.organization)
    times = session_times(data, today)
    if data.is_past:
        # Filled while it was ahead, like any session; then moved to the dates it really had.
        ahead = datetime.timedelta(days=1 - data.days_from_today + 7)
        scheduled = {name: value + ahead for name, value in times.items()}
    else:
        scheduled = dict(times)
    session = services.session_save(
        course=course, organization=organization, data=_session_data(data, scheduled)
    )
    if data.status == SessionStatus.DRAFT:
        return
    services.session_publish(session=session)
    enrollments: dict[str, Enrollment] = {}
    for learner in data.learners:
        enrollments[learner.person] = services.enrollment_create(
            session=session, person=ctx.person(_email(learner.person))
        )
    for learner in data.learners:
        if learner.outcome == E.CANCELLED:
            services.enrollment_cancel(enrollment=enrollments[learner.person])
    if data.status == SessionStatus.CANCELLED:
        services.session_cancel(session=session)
        return
    if data.is_past:
        session = services.session_save(
            session=session, course=course, organization=organization, data=dict(times)
        )
        marked_by = ctx.person(_email(data.marked_by)) if data.marked_by else None
        for learner in data.learners:
            if learner.outcome in E.marks():
                services.enrollment_mark(
                    enrollment=enrollments[learner.person], state=learner.outcome, recorded_by=marked_by
                )
        if data.status == SessionStatus.FINISHED:
            services.session_finish(session=session)
        for learner in data.learners:
            if learner.rating is not None:
                services.feedback_submit(
                    enrollment=enrollments[learner.person], rating=learner.rating, comment=learner.comment
                )


def seed_sessions(ctx: DemoContext) -> Iterator[None]:
    """Sessions past and upcoming in many time zones and every format and status, with their learners."""
    today = timezone.localdate()
    courses = _courses()
    existing = {
        (course_id, organization_id, str(zone))
        for course_id, organization_id, zone in TrainingSession.objects.values_list(
            "course_id", "organization_id", "time_zone"
        )
    }
    last_email = _last_email_id()
    for data in SESSIONS:
        course_owner = next(course.organization for course in COURSES if course.key == data.course)
        course = courses[(ctx.organization(course_owner).pk, data.course)]
        organization = ctx.organization(data.organization)
        if (course.pk, organization.pk, data.time_zone) not in existing:
            _run_session(ctx, data, course, today)
            existing.add((course.pk, organization.pk, data.time_zone))
            ctx.created["training sessions"] += 1
            ctx.created["enrollments"] += len(data.learners)
        yield
    _drop_emails_after(last_email)


DEMO_STEPS: list[DemoStep] = [
    DemoStep("Courses", len(COURSES), seed_courses),
    DemoStep("Training sessions", len(SESSIONS), seed_sessions),
]
