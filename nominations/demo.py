"""The nominations app's demo data: calls open and closed, nominations in every state, endorsements, reviews.

Runs after the roles steps (see roles/demo.py), on the demo organisations, roles and accounts. Every write
goes through nominations.services, as on the site: a signed-in member's nomination goes straight to the
nominee for consent, an anonymous nominator first confirms their address, the nominee accepts (becoming or
claiming a Person with the competencies the nominator observed) or declines (and is erased), reviewers score
or declare a conflict of interest, organizers shortlist, appoint (a RoleHolder term through roles), reject
or offer training. A closed call is first open while its nominations come in, then closed, as it would be.

Nominees are mostly demo people already in the registry (found again by their address), a few are new,
and one comes from a social movement outside Wikimedia. Everything is fictional.

A call is found again by its organisation and English title; a missing call is made again with all its
nominations, an existing one is left as it is (its organizers and nominees may have acted since). The
services email nominees, nominators, reviewers and organizers at each step: those emails are removed from
the outbox at the end, so that seeding queues none.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname
from post_office.models import Email

from roles.demo import DemoStep
from roles.enums import RegionCode
from roles.models import Competency, Language, Organization, Role

from . import services
from .enums import NominationKind, NominationState, QuestionKind
from .models import Nomination, NominationCall

if TYPE_CHECKING:
    from roles.demo import DemoContext

User = get_user_model()
CONTENT_LANGUAGES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)
DEMO_DOMAIN = "demo.example.org"

Text = Mapping[str, str]  # one text per content language

S = NominationState
K = NominationKind
R = RegionCode


def _text(en: str, fr: str, es: str, pt_br: str, id_: str, ar: str) -> Text:
    return dict(zip(CONTENT_LANGUAGES, (en, fr, es, pt_br, id_, ar), strict=True))


def _localized(field_name: str, text: Text) -> dict[str, str]:
    return {build_localized_fieldname(field_name, code): value for code, value in text.items()}


def _email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


# --- The data ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoQuestion:
    text: Text
    kind: str = QuestionKind.TEXT
    choices: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class DemoReview:
    reviewer: str  # local part of a demo account's email
    scores: tuple[int, ...] = ()  # one per criterion, in order; none: a declared conflict of interest
    comment: str = ""


@dataclass(frozen=True)
class DemoNomination:
    """One nomination and how far it went. `outcome` is the state it ends in."""

    nominee: str
    email: str
    outcome: str
    language: str
    statement: str
    nominator: str = ""  # local part of a demo account; empty: an anonymous visitor with `nominator_email`
    nominator_email: str = ""
    nominator_name: str = ""
    kind: str = K.OTHER
    role: str = ""  # English title of one of the call's roles
    region: str = ""
    languages: tuple[str, ...] = ()
    organization: str = ""  # the nominee's organisation or community, as the nominator wrote it
    username: str = ""
    external_movement: str = ""
    external_contact: str = ""
    anonymous_to_nominee: bool = False
    answers: tuple[str, ...] = ()  # one per question of the call, in order ("" for none)
    observed: tuple[tuple[str, int | None], ...] = ()  # competency slug, level seen (or None)
    endorsements: tuple[tuple[str, str], ...] = ()  # (local part of a demo account, comment)
    reviews: tuple[DemoReview, ...] = ()
    never_again: bool = False  # a declining nominee asks never to be nominated again


@dataclass(frozen=True)
class DemoCall:
    organization: str  # slug; empty for a movement-wide call
    title: Text
    text: Text
    opens_days: int  # relative to today
    closes_days: int | None  # None: never closes; 0 or less: closed today or earlier
    reviewers: tuple[str, ...]
    created_by: str
    roles: tuple[tuple[str, str], ...] = ()  # (organisation slug, English title)
    is_standing: bool = False
    anonymised_review: bool = False
    retention_days: int = 90
    reviewing_closed: bool = False
    questions: tuple[DemoQuestion, ...] = ()
    criteria: tuple[tuple[Text, int], ...] = ()  # name, weight
    nominations: tuple[DemoNomination, ...] = ()

    @property
    def key(self) -> str:
        return self.title["en"]

    @property
    def is_closed(self) -> bool:
        return self.closes_days is not None and self.closes_days <= 0


def _r(reviewer: str, scores: str = "", comment: str = "") -> DemoReview:
    """A review: "4 5 3" scores the criteria in order; no scores declares a conflict of interest."""
    return DemoReview(reviewer, tuple(int(score) for score in scores.split()), comment)


def _observed(spec: str) -> tuple[tuple[str, int | None], ...]:
    """ "slug:level slug" → ((slug, level), (slug, None))."""
    return tuple(
        (slug, int(level) if level else None)
        for slug, _sep, level in (item.partition(":") for item in spec.split())
    )


MENTORING = _text(
    "Mentoring experience",
    "Expérience de mentorat",
    "Experiencia en mentoría",
    "Experiência em mentoria",
    "Pengalaman membimbing",
    "الخبرة في الإرشاد",
)
COMMUNITY_TRACK_RECORD = _text(
    "Track record in the community",
    "Parcours dans la communauté",
    "Trayectoria en la comunidad",
    "Trajetória na comunidade",
    "Rekam jejak di komunitas",
    "السجل في المجتمع",
)
POTENTIAL = _text(
    "Potential to grow as a leader",
    "Potentiel de leadership",
    "Potencial de crecimiento como líder",
    "Potencial de crescimento como liderança",
    "Potensi berkembang sebagai pemimpin",
    "القدرة على النمو كقائد",
)
FIT = _text(
    "Fit with the role's requirements",
    "Adéquation aux exigences du rôle",
    "Adecuación a los requisitos de la función",
    "Adequação aos requisitos da função",
    "Kesesuaian dengan persyaratan peran",
    "الملاءمة لمتطلبات الدور",
)
AVAILABILITY = _text(
    "Availability",
    "Disponibilité",
    "Disponibilidad",
    "Disponibilidade",
    "Ketersediaan waktu",
    "التفرّغ",
)
WHAT_DONE_FOR_NEWCOMERS = DemoQuestion(
    _text(
        "What has the nominee done to welcome or guide new editors?",
        "Qu'a fait la personne proposée pour accueillir ou guider de nouveaux contributeurs ?",
        "¿Qué ha hecho la persona nominada para acoger o guiar a nuevas personas editoras?",
        "O que a pessoa indicada fez para acolher ou orientar novos editores?",
        "Apa yang telah dilakukan calon untuk menyambut atau membimbing penyunting baru?",
        "ما الذي قام به المرشَّح للترحيب بالمحررين الجدد أو توجيههم؟",
    ),
    required=True,
)
HOURS_A_WEEK = DemoQuestion(
    _text(
        "How many hours a week could the nominee give?",
        "Combien d'heures par semaine la personne proposée pourrait-elle consacrer ?",
        "¿Cuántas horas por semana podría dedicar la persona nominada?",
        "Quantas horas por semana a pessoa indicada poderia dedicar?",
        "Berapa jam per minggu yang dapat diluangkan calon?",
        "كم ساعة في الأسبوع يمكن للمرشَّح أن يخصّصها؟",
    ),
    kind=QuestionKind.CHOICE,
    choices=("1–2", "3–5", "6+"),
)
WHERE_LEADS = DemoQuestion(
    _text(
        "Which communities or projects does the nominee lead or help today?",
        "Quelles communautés ou quels projets la personne proposée anime-t-elle ou soutient-elle "
        "aujourd'hui ?",
        "¿Qué comunidades o proyectos lidera o apoya hoy la persona nominada?",
        "Quais comunidades ou projetos a pessoa indicada lidera ou apoia hoje?",
        "Komunitas atau proyek apa yang saat ini dipimpin atau dibantu calon?",
        "ما المجتمعات أو المشاريع التي يقودها المرشَّح أو يدعمها اليوم؟",
    ),
)
WORKED_WITH = DemoQuestion(
    _text(
        "How do you know the nominee's work?",
        "Comment connaissez-vous le travail de la personne proposée ?",
        "¿Cómo conoces el trabajo de la persona nominada?",
        "Como você conhece o trabalho da pessoa indicada?",
        "Bagaimana Anda mengenal kerja calon?",
        "كيف تعرّفت على عمل المرشَّح؟",
    ),
    required=True,
)

CALLS: tuple[DemoCall, ...] = (
    # An organisation's open call for one of its roles: the demo organizer's own, with a ranked table.
    DemoCall(
        organization="wikimedia-kilimarani",
        title=_text(
            "Swahili Wikipedia mentors for the coming year",
            "Mentors de Wikipédia en swahili pour l'année à venir",
            "Mentores de Wikipedia en suajili para el próximo año",
            "Mentores da Wikipédia em suaíli para o próximo ano",
            "Mentor Wikipedia bahasa Swahili untuk tahun mendatang",
            "مرشدو ويكيبيديا السواحيلية للعام المقبل",
        ),
        text=_text(
            "We are looking for experienced editors who enjoy helping newcomers: mentors answer questions, "
            "review first articles and run a monthly online clinic. Nominate someone you have seen do this "
            "well, or yourself.",
            "Nous cherchons des contributeurs expérimentés qui aiment aider les nouveaux venus : les mentors "
            "répondent aux questions, relisent les premiers articles et animent une permanence mensuelle en "
            "ligne. Proposez quelqu'un que vous avez vu le faire avec talent, ou vous-même.",
            "Buscamos personas editoras con experiencia a las que les guste ayudar a quienes empiezan: las "
            "mentoras y los mentores responden preguntas, revisan los primeros artículos y atienden una "
            "consulta mensual en línea. Nomina a alguien que hayas visto hacerlo bien, o a ti.",
            "Procuramos editores experientes que gostem de ajudar os novatos: os mentores respondem "
            "perguntas, revisam os primeiros artigos e conduzem um plantão mensal on-line. Indique alguém "
            "que você já viu fazer isso bem, ou você mesmo.",
            "Kami mencari penyunting berpengalaman yang senang membantu pendatang baru: mentor menjawab "
            "pertanyaan, meninjau artikel pertama, dan mengadakan klinik daring setiap bulan. Nominasikan "
            "seseorang yang Anda lihat melakukannya dengan baik, atau diri Anda sendiri.",
            "نبحث عن محررين ذوي خبرة يحبون مساعدة القادمين الجدد: يجيب المرشدون عن الأسئلة ويراجعون المقالات "
            "الأولى ويديرون جلسة شهرية عبر الإنترنت. رشّح شخصًا رأيته يُحسن ذلك، أو رشّح نفسك.",
        ),
        opens_days=-20,
        closes_days=25,
        reviewers=("organizer", "kwame.mensah", "fatou.diallo"),
        created_by="organizer",
        roles=(("wikimedia-kilimarani", "Swahili Wikipedia mentor"),),
        retention_days=120,
        questions=(WHAT_DONE_FOR_NEWCOMERS, HOURS_A_WEEK),
        criteria=((MENTORING, 3), (COMMUNITY_TRACK_RECORD, 2), (AVAILABILITY, 1)),
        nominations=(
            DemoNomination(
                nominee="Baraka Otieno",
                email=_email("baraka.otieno"),
                outcome=S.SHORTLISTED,
                language="en",
                nominator="juma.mwakalinga",
                role="Swahili Wikipedia mentor",
                region=R.SSA,
                languages=("sw", "en"),
                organization="Wikimedia Kilimarani (demo)",
                statement=(
                    "Baraka has answered questions at the Swahili Wikipedia help desk almost every week for "
                    "three years, patiently and kindly. Half of our new editors from last year's campus "
                    "drive still edit because he followed up with each of them."
                ),
                answers=(
                    "He reviewed the first articles of about forty students and ran two online clinics.",
                    "3–5",
                ),
                observed=_observed("mentoring:3 onboarding-newcomers:3 wiki-editing:4"),
                endorsements=(
                    ("hirut.alemu", "Baraka helped me with my very first article. He is a natural mentor."),
                    ("amara.nwosu", "I saw him lead the clinic at the regional meetup: warm and clear."),
                ),
                reviews=(
                    _r("organizer", "5 4 4", "Strong record with newcomers; already doing the work."),
                    _r("kwame.mensah", "4 5 3", "Well known in the community. Check his availability."),
                    _r("fatou.diallo"),  # a conflict of interest: they work together
                ),
            ),
            DemoNomination(
                nominee="Hirut Alemu",
                email=_email("hirut.alemu"),
                outcome=S.IN_REVIEW,
                language="en",
                nominator="hirut.alemu",
                kind=K.SELF,
                role="Swahili Wikipedia mentor",
                region=R.SSA,
                languages=("am", "en"),
                organization="Wikimedia Kilimarani (demo)",
                statement=(
                    "I would like to mentor new editors who write about health topics. I have improved "
                    "many medical articles and I know how confusing the sourcing rules are at first."
                ),
                answers=("I help at our monthly edit-a-thon and answer questions in the group chat.", "1–2"),
                observed=_observed("wiki-editing:3"),
                reviews=(_r("kwame.mensah", "3 3 2", "Motivated; little mentoring so far."),),
            ),
            DemoNomination(
                nominee="Zawadi Mrema",
                email=_email("zawadi.mrema"),
                outcome=S.IN_REVIEW,
                language="fr",
                nominator_email=_email("lecteur.kilimarani"),
                nominator_name="Un lecteur de Wikipédia",
                role="Swahili Wikipedia mentor",
                region=R.SSA,
                languages=("sw", "fr"),
                statement=(
                    "Zawadi anime un club Wikipédia dans son lycée depuis deux ans. Elle explique les règles "
                    "avec patience et ses élèves continuent à contribuer pendant les vacances."
                ),
                answers=("Elle a formé une vingtaine d'élèves et relu tous leurs articles.", "3–5"),
                observed=_observed("education-programmes:2 mentoring:2"),
                endorsements=(("juma.mwakalinga", "I have visited her club: impressive work."),),
                reviews=(
                    _r("organizer", "4 3 4", "Promising, and she brings schools with her."),
                    _r("fatou.diallo", "4 3 5", "Très bonne candidate pour les élèves francophones."),
                ),
            ),
            DemoNomination(
                nominee="Juma Mwakalinga",
                email=_email("juma.mwakalinga"),
                outcome=S.ACCEPTED,
                language="en",
                nominator="thandiwe.dlamini",
                role="Swahili Wikipedia mentor",
                region=R.SSA,
                languages=("sw", "en"),
                statement=(
                    "Juma organised the Swahili translation sprint and stayed online late every evening to "
                    "help people who were stuck. He would be a great mentor."
                ),
                answers=("He wrote the sprint's step-by-step guide for beginners.", "3–5"),
                observed=_observed("facilitation:2 multilingual-communication:3"),
            ),
            DemoNomination(
                nominee="Daudi Kimaro",
                email=_email("daudi.kimaro"),
                outcome=S.INVITED,
                language="en",
                nominator="amara.nwosu",
                role="Swahili Wikipedia mentor",
                region=R.SSA,
                languages=("sw",),
                statement=(
                    "Daudi records audio pronunciations for Swahili Wiktionary and teaches others how to do "
                    "it at the community radio."
                ),
                answers=("He trained the radio's volunteers to upload their recordings.", "1–2"),
            ),
            DemoNomination(
                nominee="Rehema Njoroge",
                email=_email("rehema.njoroge"),
                outcome=S.SUBMITTED,
                language="en",
                nominator_email=_email("reader.nairobi"),
                role="Swahili Wikipedia mentor",
                statement="Rehema helps everyone at our library's Wikipedia evenings.",
                answers=("She shows newcomers how to add sources.", ""),
            ),
            DemoNomination(
                nominee="Peter Mwangi",
                email=_email("peter.mwangi"),
                outcome=S.DECLINED,
                language="en",
                nominator="thandiwe.dlamini",
                role="Swahili Wikipedia mentor",
                statement="Peter knows the Swahili Wikipedia policies better than anyone.",
                answers=("He answers policy questions on the village pump.", "1–2"),
                never_again=True,
            ),
        ),
    ),
    # A user group's standing call for potential leaders, reviewed without names.
    DemoCall(
        organization="rio-claro-wikimedians",
        title=_text(
            "Potential leaders for Río Claro Wikimedians and its partners",
            "Futurs responsables pour Río Claro Wikimedians et ses partenaires",
            "Liderazgos potenciales para Río Claro Wikimedians y sus aliados",
            "Lideranças potenciais para o Río Claro Wikimedians e seus parceiros",
            "Calon pemimpin untuk Río Claro Wikimedians dan mitranya",
            "قادة محتملون لمجموعة ويكيميديين ريو كلارو وشركائها",
        ),
        text=_text(
            "Do you know someone who could lead one day: in our group, a project, or a social movement that "
            "works with us? Tell us, at any time of the year. We invite nominees to the region's leadership "
            "school and to mentoring, and think of them when roles open.",
            "Vous connaissez quelqu'un qui pourrait un jour prendre des responsabilités, dans notre groupe, "
            "un projet ou un mouvement social qui travaille avec nous ? Dites-le-nous, à tout moment de "
            "l'année. Nous invitons les personnes proposées à l'école de leadership de la région et à un "
            "mentorat, et pensons à elles quand des rôles s'ouvrent.",
            "¿Conoces a alguien que podría liderar algún día, en nuestro grupo, un proyecto o un movimiento "
            "social que trabaja con nosotros? Cuéntanoslo en cualquier momento del año. Invitamos a las "
            "personas nominadas a la escuela de liderazgo de la región y a la mentoría, y las tenemos en "
            "cuenta cuando se abren funciones.",
            "Você conhece alguém que poderia liderar um dia, em nosso grupo, em um projeto ou em um "
            "movimento social que trabalha conosco? Conte para nós, em qualquer época do ano. Convidamos as "
            "pessoas indicadas para a escola de liderança da região e para a mentoria, e pensamos nelas "
            "quando surgem funções.",
            "Apakah Anda mengenal seseorang yang kelak dapat memimpin, di kelompok kami, sebuah proyek, atau "
            "gerakan sosial yang bekerja sama dengan kami? Beri tahu kami kapan saja sepanjang tahun. Kami "
            "mengundang para calon ke sekolah kepemimpinan kawasan dan program pendampingan, dan mengingat "
            "mereka saat ada peran terbuka.",
            "هل تعرف شخصًا يمكنه أن يتولى القيادة يومًا ما، في مجموعتنا أو في مشروع أو في حركة اجتماعية تعمل "
            "معنا؟ أخبرنا في أي وقت من السنة. ندعو المرشَّحين إلى مدرسة القيادة في المنطقة وإلى برنامج الإرشاد، "
            "ونتذكّرهم حين تُفتح الأدوار.",
        ),
        opens_days=-200,
        closes_days=None,
        reviewers=("lucia.fernandez", "ana.quispe", "joao.pereira"),
        created_by="lucia.fernandez",
        is_standing=True,
        anonymised_review=True,
        retention_days=180,
        questions=(WHERE_LEADS,),
        criteria=((COMMUNITY_TRACK_RECORD, 2), (POTENTIAL, 3)),
        nominations=(
            DemoNomination(
                nominee="Valentina Soto",
                email=_email("valentina.soto"),
                outcome=S.SHORTLISTED,
                language="es",
                nominator="mateo.rojas",
                region=R.LAC,
                languages=("es",),
                organization="Río Claro Wikimedians (demo)",
                statement=(
                    "Valentina coordinó el editatón feminista de marzo: reunió a sesenta personas, consiguió "
                    "la sede en la biblioteca y dejó todo documentado para el año siguiente."
                ),
                answers=("El editatón anual y el club de lectura de biografías de mujeres.",),
                observed=_observed("event-organising:3 inclusion-and-diversity:3"),
                endorsements=(
                    ("marisol.guzman", "Trabajé con ella en el editatón: organizada y generosa."),
                    ("nguyen.thi.lan", "Valentina shared her edit-a-thon kit with our whole network."),
                ),
                reviews=(
                    _r("ana.quispe", "4 5", "Lista para una función de coordinación."),
                    _r("joao.pereira", "4 4", "Boa organizadora; a escola de liderança a ajudaria."),
                ),
            ),
            DemoNomination(
                nominee="Camila Duarte",
                email=_email("camila.duarte"),
                outcome=S.OFFERED_TRAINING,
                language="pt-br",
                nominator="marisol.guzman",
                kind=K.EXTERNAL,
                region=R.LAC,
                languages=("pt-br", "es"),
                external_movement="Coletivo de Software Livre (demo)",
                external_contact="Pela sala de conversa do coletivo, ou por email.",
                statement=(
                    "Camila organiza festas de instalação de software livre em escolas públicas e já levou "
                    "o coletivo a trabalhar com a Wikipédia em duas cidades."
                ),
                answers=("Festas de instalação mensais e oficinas sobre direitos digitais.",),
                observed=_observed("partnership-building:2 public-speaking:3"),
                endorsements=(("mateo.rojas", "Trabajamos juntos en el colectivo: es excelente."),),
                reviews=(
                    _r("lucia.fernandez", "3 5", "Mucho potencial; le falta conocer el movimiento."),
                    _r("ana.quispe", "3 4", "La escuela de liderazgo sería un buen primer paso."),
                ),
            ),
            DemoNomination(
                nominee="Marie-Claire Joseph",
                email=_email("marie-claire.joseph"),
                outcome=S.ACCEPTED,
                language="es",
                nominator="marie-claire.joseph",
                kind=K.SELF,
                region=R.LAC,
                languages=("ht", "fr"),
                organization="Port-Brise Wikimedians (demo)",
                statement=(
                    "Quiero prepararme para coordinar proyectos regionales en criollo haitiano y aprender de "
                    "otros grupos de la región."
                ),
                answers=("Coordino Port-Brise Wikimedians y los artículos sobre prevención de desastres.",),
                observed=_observed("multilingual-communication:3"),
            ),
            DemoNomination(
                nominee="Rafael Mendes",
                email=_email("rafael.mendes"),
                outcome=S.INVITED,
                language="pt-br",
                nominator_email=_email("leitora.vale-verde"),
                region=R.LAC,
                statement=(
                    "Rafael fotografa os parques nacionais para a Wikimedia Commons e ensina outros "
                    "voluntários a fazer o mesmo nos passeios fotográficos."
                ),
                answers=("Os passeios fotográficos da Wikimedia Vale Verde.",),
            ),
            DemoNomination(
                nominee="Lucas Ferreira",
                email=_email("lucas.ferreira"),
                outcome=S.EXPIRED,
                language="es",
                nominator="mateo.rojas",
                region=R.LAC,
                statement="Lucas revisa artículos sobre medio ambiente y orienta a nuevas personas editoras.",
            ),
        ),
    ),
    # A movement-wide call (staff), closed: appointments made, others not selected or offered training.
    DemoCall(
        organization="",
        title=_text(
            "Leadership mentors and ombudspersons for the movement",
            "Mentors en leadership et médiateurs pour le mouvement",
            "Mentores de liderazgo y defensorías para el movimiento",
            "Mentores de liderança e ouvidorias para o movimento",
            "Mentor kepemimpinan dan ombudsman untuk gerakan",
            "مرشدو القيادة وأمناء المظالم للحركة",
        ),
        text=_text(
            "The Leadership Development Committee is renewing its mentors, and the movement needs "
            "ombudspersons whom volunteers everywhere can trust. Nominations were open to everyone.",
            "Le Comité de développement du leadership renouvelle ses mentors, et le mouvement a besoin de "
            "médiateurs en qui les bénévoles de partout puissent avoir confiance. Les nominations étaient "
            "ouvertes à toutes et à tous.",
            "El Comité de Desarrollo del Liderazgo renueva a sus mentores, y el movimiento necesita "
            "defensorías en las que confíe el voluntariado de todas partes. Las nominaciones estaban "
            "abiertas a todo el mundo.",
            "O Comitê de Desenvolvimento de Liderança está renovando seus mentores, e o movimento precisa "
            "de ouvidorias em que voluntários de toda parte possam confiar. As indicações estavam abertas a "
            "todos.",
            "Komite Pengembangan Kepemimpinan memperbarui para mentornya, dan gerakan membutuhkan ombudsman "
            "yang dipercaya sukarelawan di mana pun. Nominasi terbuka untuk semua orang.",
            "تجدّد لجنة تطوير القيادة مرشديها، وتحتاج الحركة إلى أمناء مظالم يثق بهم المتطوعون في كل مكان. "
            "كانت الترشيحات مفتوحة للجميع.",
        ),
        opens_days=-150,
        closes_days=-40,
        reviewers=("admin", "sean.obriain", "jordan.lee"),
        created_by="admin",
        roles=(
            ("demo-leadership-development-committee", "Leadership mentor"),
            ("demo-leadership-development-committee", "Ombudsperson"),
        ),
        retention_days=60,
        reviewing_closed=True,
        questions=(WORKED_WITH,),
        criteria=((FIT, 3), (COMMUNITY_TRACK_RECORD, 2)),
        nominations=(
            DemoNomination(
                nominee="Layla Haddad",
                email=_email("layla.haddad"),
                outcome=S.APPOINTED,
                language="ar",
                nominator="dalia.mansour",
                role="Leadership mentor",
                region=R.MENA,
                languages=("ar", "en"),
                organization="Wikimedia Wadi Nur (demo)",
                statement=(
                    "قادت ليلى ماراثونات التحرير مع الجامعات لخمس سنوات، ودرّبت منظّمين جددًا أصبحوا اليوم "
                    "يديرون فعالياتهم بأنفسهم."
                ),
                answers=("عملنا معًا في مكتبة وادي نور وفي ماراثونات التحرير.",),
                observed=_observed("mentoring:3 event-organising:4"),
                endorsements=(
                    ("youssef.benali", "Layla a formé la moitié des organisateurs de la région."),
                    ("arash.karimi", "A generous mentor, and very well organised."),
                ),
                reviews=(
                    _r("sean.obriain", "5 5", "An obvious choice for the mentor pool."),
                    _r("jordan.lee", "5 4", "Strong references from the region."),
                ),
            ),
            DemoNomination(
                nominee="Siti Rahmawati",
                email=_email("siti.rahmawati"),
                outcome=S.APPOINTED,
                language="id",
                nominator="nurul.aisyah",
                role="Ombudsperson",
                region=R.ESEAP,
                languages=("id", "jv"),
                organization="Wikimedia Tanjung Selatan (demo)",
                statement=(
                    "Siti dikenal adil dan tenang. Ia sudah beberapa kali membantu menyelesaikan perselisihan "
                    "antara penyunting dengan cara yang dihormati semua pihak."
                ),
                answers=("Kami bekerja bersama dalam Kelompok Pengguna Pulau Lestari.",),
                observed=_observed("conflict-resolution:3 code-of-conduct-enforcement:2"),
                endorsements=(("aiko.tanaka", "Siti is trusted across the region."),),
                reviews=(
                    _r("admin", "4 5", "Trusted by many communities."),
                    _r("sean.obriain", "5 4", "Calm and fair; a good ombudsperson."),
                ),
            ),
            DemoNomination(
                nominee="Maria Reyes",
                email=_email("maria.reyes"),
                outcome=S.NOT_SELECTED,
                language="en",
                nominator="chen.wei",
                role="Ombudsperson",
                region=R.ESEAP,
                statement="Maria has handled harassment reports for our hackathons with great care.",
                answers=("We organise the open data hackathons together.",),
                reviews=(
                    _r("admin", "3 2", "Good, but little experience of the wikis so far."),
                    _r("jordan.lee", "2 3", ""),
                ),
            ),
            DemoNomination(
                nominee="Claire Dubois",
                email=_email("claire.dubois"),
                outcome=S.OFFERED_TRAINING,
                language="fr",
                nominator="pieter.de.vries",
                role="Leadership mentor",
                region=R.NWE,
                languages=("fr", "nl"),
                organization="Wikimédia Aubeterre (démo)",
                statement=(
                    "Claire a créé le programme de bien-être des bénévoles d'Aubeterre. Elle écoute, elle "
                    "structure, et les gens la suivent."
                ),
                answers=("Nous sommes tous deux membres de Wikimédia Aubeterre.",),
                observed=_observed("volunteer-wellbeing:3"),
                reviews=(
                    _r("sean.obriain", "3 4", "Would benefit from the mentoring course first."),
                    _r("jordan.lee", "3 3", ""),
                ),
            ),
            DemoNomination(
                nominee="Omar Khalil",
                email=_email("omar.khalil"),
                outcome=S.DECLINED,
                language="ar",
                nominator="youssef.benali",
                role="Ombudsperson",
                statement="عمر وسيط محترم في مجتمع المحررين العرب.",
                answers=("نعمل معًا في مجموعة زيتونة.",),
            ),
            DemoNomination(
                nominee="Yusuf Hamdan",
                email=_email("yusuf.hamdan"),
                outcome=S.EXPIRED,
                language="ar",
                nominator_email=_email("qari.wadi-nur"),
                role="Leadership mentor",
                statement="يوسف يساعد المتطوعين الجدد في المكتبة كل أسبوع.",
                answers=("أراه في المكتبة كل أسبوع.",),
            ),
        ),
    ),
    # A chapter's call for its board, closed for nominations, reviewing still open: a term-limit flag.
    DemoCall(
        organization="wikimedia-tanjung-selatan",
        title=_text(
            "Board chair and treasurer: nominations",
            "Présidence et trésorerie du conseil : nominations",
            "Presidencia y tesorería de la junta: nominaciones",
            "Presidência e tesouraria do conselho: indicações",
            "Ketua dan bendahara dewan pengurus: nominasi",
            "رئاسة مجلس الإدارة وأمانة صندوقه: الترشيحات",
        ),
        text=_text(
            "Our members elect a new board chair and treasurer at the next general assembly. Nominees who "
            "accept are presented to the members with their statements.",
            "Nos membres élisent une nouvelle présidence et une nouvelle trésorerie lors de la prochaine "
            "assemblée générale. Les personnes qui acceptent sont présentées aux membres avec leur "
            "déclaration.",
            "Nuestras personas socias eligen la presidencia y la tesorería en la próxima asamblea general. "
            "Quienes acepten se presentan a la asamblea con su declaración.",
            "Nossos associados elegem a nova presidência e a tesouraria na próxima assembleia geral. Quem "
            "aceitar é apresentado aos associados com sua declaração.",
            "Anggota kami memilih ketua dan bendahara baru pada rapat umum berikutnya. Calon yang menerima "
            "diperkenalkan kepada anggota beserta pernyataannya.",
            "ينتخب أعضاؤنا رئيسًا جديدًا لمجلس الإدارة وأمينًا للصندوق في الجمعية العامة المقبلة. يُقدَّم "
            "المرشَّحون الذين يقبلون إلى الأعضاء مع بياناتهم.",
        ),
        opens_days=-45,
        closes_days=-5,
        reviewers=("siti.rahmawati", "nurul.aisyah"),
        created_by="siti.rahmawati",
        roles=(
            ("wikimedia-tanjung-selatan", "Board chair"),
            ("wikimedia-tanjung-selatan", "Board treasurer"),
        ),
        retention_days=90,
        questions=(WORKED_WITH,),
        criteria=((FIT, 2), (COMMUNITY_TRACK_RECORD, 1)),
        nominations=(
            DemoNomination(
                nominee="Budi Santoso",
                email=_email("budi.santoso"),
                outcome=S.IN_REVIEW,
                language="id",
                nominator="aiko.tanaka",
                role="Board chair",
                region=R.ESEAP,
                languages=("id", "jv"),
                organization="Wikimedia Tanjung Selatan (demo)",
                statement="Budi memimpin dewan dengan baik dan dihormati para anggota.",
                answers=("Kami bertemu di pertemuan regional setiap tahun.",),
                reviews=(
                    _r("nurul.aisyah", "4 5", "Berpengalaman, tetapi sudah melewati batas masa jabatan."),
                ),
            ),
            DemoNomination(
                nominee="Rina Wulandari",
                email=_email("rina.wulandari"),
                outcome=S.APPOINTED,
                language="id",
                nominator="nurul.aisyah",
                role="Board treasurer",
                region=R.ESEAP,
                languages=("id",),
                organization="Wikimedia Tanjung Selatan (demo)",
                statement=(
                    "Rina seorang akuntan yang sudah dua tahun membantu menyusun laporan hibah kami dengan "
                    "rapi dan tepat waktu."
                ),
                answers=("Ia membantu kami menyusun laporan keuangan tahunan.",),
                observed=_observed("bookkeeping:3 financial-management:2"),
                endorsements=(("farhan.chowdhury", "Her grant reports are a model for the region."),),
                reviews=(_r("siti.rahmawati", "5 4", "Sangat cocok untuk peran bendahara."),),
            ),
        ),
    ),
)


# --- Running the step --------------------------------------------------------------------------------------


def _user(local: str) -> Any:
    return User.objects.get(email__iexact=_email(local))


def _role(organization: Organization, title: str) -> Role:
    """A role of the organisation by its English title (the first one, if someone made another since)."""
    role = Role.objects.filter(organization=organization, title_en=title).order_by("pk").first()
    if role is None:
        raise LookupError(f"{organization.slug} has no role “{title}”")
    return role


def _moment(today: datetime.date, days: int) -> datetime.datetime:
    """Noon UTC, some days from today."""
    day = today + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=datetime.UTC)


def _question_inputs(call: DemoCall, existing: list[Any] | None = None) -> list[services.QuestionInput]:
    return [
        services.QuestionInput(
            text=question.text,
            kind=question.kind,
            choices=question.choices,
            required=question.required,
            position=position,
            pk=existing[position - 1].pk if existing else None,
        )
        for position, question in enumerate(call.questions, start=1)
    ]


def _criterion_inputs(call: DemoCall, existing: list[Any] | None = None) -> list[services.CriterionInput]:
    return [
        services.CriterionInput(
            name=name, weight=weight, position=position, pk=existing[position - 1].pk if existing else None
        )
        for position, (name, weight) in enumerate(call.criteria, start=1)
    ]


def _nominate(call: NominationCall, data: DemoCall, item: DemoNomination, today: datetime.date) -> Nomination:
    """Take one nomination as far as its outcome, through the services, in the order it happens on the site."""
    competencies = {competency.slug: competency for competency in Competency.objects.all()}
    questions = list(call.questions.order_by("position", "pk"))
    nominator = _user(item.nominator) if item.nominator else None
    role = call.roles.filter(title_en=item.role).order_by("pk").first() if item.role else None
    nomination = services.nomination_submit(
        call=call,
        data={
            "kind": item.kind,
            "role": role,
            "nominee_name": item.nominee,
            "nominee_email": item.email,
            "nominee_username": item.username,
            "nominee_organization": item.organization,
            "nominee_region": item.region,
            "nominee_languages": list(Language.objects.filter(code__in=item.languages)),
            "external_movement": item.external_movement,
            "external_contact": item.external_contact,
            "statement": item.statement,
            "nominator_anonymous": item.anonymous_to_nominee,
            "nominator_name": item.nominator_name,
            "language": item.language,
        },
        answers={
            question: answer for question, answer in zip(questions, item.answers, strict=False) if answer
        },
        competencies={competencies[slug]: level for slug, level in item.observed},
        nominator=nominator,
        nominator_email=item.nominator_email,
    )
    if item.outcome == S.SUBMITTED:
        return nomination
    if nominator is None:
        nomination = services.nomination_verify_nominator(nomination=nomination)
    if item.outcome == S.INVITED:
        return nomination
    if item.outcome == S.EXPIRED:  # nobody answered within the retention period
        return services.nomination_erase(nomination=nomination)
    if item.outcome == S.DECLINED:
        return services.nomination_consent(nomination=nomination, accept=False, never_again=item.never_again)
    nomination = services.nomination_consent(nomination=nomination, accept=True)
    for local, comment in item.endorsements:
        services.endorsement_create(nomination=nomination, user=_user(local), comment=comment)
    criteria = list(call.criteria.order_by("position", "pk"))
    for review in item.reviews:
        reviewer = _user(review.reviewer)
        if review.scores:
            services.review_save(
                nomination=nomination,
                reviewer=reviewer,
                scores=dict(zip(criteria, review.scores, strict=True)),
                comment=review.comment,
            )
        else:
            services.review_declare_conflict(nomination=nomination, reviewer=reviewer)
    nomination.refresh_from_db()
    if item.outcome == S.ACCEPTED:
        return nomination
    organizer = _user(data.created_by)
    if nomination.state == S.ACCEPTED:
        nomination = services.nomination_start_review(nomination=nomination, by=organizer)
    if item.outcome in (S.SHORTLISTED, S.APPOINTED):
        nomination = services.nomination_shortlist(nomination=nomination, by=organizer)
    if item.outcome == S.APPOINTED:
        start = today - datetime.timedelta(days=2) if data.is_closed else today
        services.nomination_appoint(nomination=nomination, role=role, start=start, by=organizer)
    elif item.outcome == S.NOT_SELECTED:
        services.nomination_reject(nomination=nomination, by=organizer)
    elif item.outcome == S.OFFERED_TRAINING:
        services.nomination_offer_training(nomination=nomination, by=organizer)
    nomination.refresh_from_db()
    return nomination


def _run_call(ctx: DemoContext, data: DemoCall, today: datetime.date) -> NominationCall:
    """Open the call, let its nominations come in and move on, then close it if it is closed today."""
    organization = ctx.organization(data.organization) if data.organization else None
    roles = [_role(ctx.organization(slug), title) for slug, title in data.roles]
    reviewers = [_user(local) for local in data.reviewers]
    fields: dict[str, Any] = {
        **_localized("title", data.title),
        **_localized("text", data.text),
        "opens_at": _moment(today, data.opens_days),
        "closes_at": None if data.is_closed or data.closes_days is None else _moment(today, data.closes_days),
        "is_standing": data.is_standing,
        "anonymised_review": data.anonymised_review,
        "reviewing_open": True,
        "retention_days": data.retention_days,
    }
    call = services.call_save(
        organization=organization,
        data=fields,
        roles=roles,
        questions=_question_inputs(data),
        criteria=_criterion_inputs(data),
        reviewers=reviewers,
        by=_user(data.created_by),
    )
    for item in data.nominations:
        if services.nomination_is_opted_out(item.email):
            # Declined before, asking never to be nominated again: the wish stands.
            ctx.left_out["nominations of people who asked never to be nominated again"] += 1
            continue
        _nominate(call, data, item, today)
        ctx.created["nominations"] += 1
    if data.is_closed or data.reviewing_closed:
        call = services.call_save(
            call=call,
            organization=organization,
            data={
                **fields,
                "closes_at": _moment(today, data.closes_days) if data.closes_days is not None else None,
                "reviewing_open": not data.reviewing_closed,
            },
            roles=roles,
            questions=_question_inputs(data, list(call.questions.order_by("position", "pk"))),
            criteria=_criterion_inputs(data, list(call.criteria.order_by("position", "pk"))),
            reviewers=reviewers,
            by=_user(data.created_by),
        )
    return call


def seed_calls(ctx: DemoContext) -> Iterator[None]:
    """Calls of organisations and of the movement, with nominations, endorsements and reviews."""
    today = timezone.localdate()
    existing = set(NominationCall.objects.values_list("organization__slug", "title_en"))
    # An organisation keeps one standing call, whatever its organizers have since called it.
    standing = set(
        NominationCall.objects.filter(is_standing=True).values_list("organization__slug", flat=True)
    )
    last_email = Email.objects.aggregate(last=Max("id"))["last"] or 0
    for data in CALLS:
        key = (data.organization or None, data.key)
        if key not in existing and not (data.is_standing and data.organization in standing):
            ctx.created["nomination calls"] += 1
            _run_call(ctx, data, today)
            existing.add(key)
        yield
    # The services told nominees, nominators, reviewers and organizers at every step: seeding emails nobody.
    Email.objects.filter(id__gt=last_email).delete()


DEMO_STEPS: list[DemoStep] = [DemoStep("Nominations", len(CALLS), seed_calls)]
