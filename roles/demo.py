"""The demo data of the registry, and the steps that `manage.py seed_demo` runs to create it.

Everything here is fictional: invented places, "demo" in every organisation's name, addresses under the
reserved domain example.org, no Wikidata items. The registry's part (competencies, role templates, roles,
holders and people's levels) lives in demo_registry.py and runs after the steps below. Every step finds
its rows by a natural key (slug, email) and creates only what is missing, so running the command again
changes nothing, and nothing it does queues an email.

Other apps add their own demo data the same way: a `demo.py` module with a `DEMO_STEPS` list of
`DemoStep`. `collect_steps()` runs the steps of every installed app in the order of INSTALLED_APPS (so the
organisations and people below exist before the steps of the apps that stand on `roles`), and a step can
find what an earlier one made through `DemoContext.organization(slug)` and `DemoContext.person(email)`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.utils.module_loading import module_has_submodule
from modeltranslation.utils import build_localized_fieldname

from . import services
from .demo_registry import REGISTRY_STEPS
from .enums import Capacity, MembershipRequestKind, OrganizationKind, OrganizationStatus, RegionCode
from .models import Language, Membership, MembershipRequest, Organization, Person, Region

User = get_user_model()

ADMIN_EMAIL = "admin@demo.example.org"
ORGANIZER_EMAIL = "organizer@demo.example.org"

# The languages the content is written in (en, fr, es, pt-br, id, ar), as modeltranslation knows them.
CONTENT_LANGUAGES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)
AFFILIATE_KINDS = (
    OrganizationKind.CHAPTER,
    OrganizationKind.THEMATIC_ORGANIZATION,
    OrganizationKind.USER_GROUP,
)

Text = Mapping[str, str]  # one text per content language


# --- Running the steps -----------------------------------------------------------------------------


@dataclass
class DemoContext:
    """What one run of the demo steps shares: the demo password, what was created, the rows found so far."""

    password: str
    created: Counter[str] = field(default_factory=Counter)
    # What a step could not restore because someone changed the data since (e.g. a seat now taken).
    left_out: Counter[str] = field(default_factory=Counter)
    organizations: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    _password_hash: str = ""
    _hash_matches: dict[str, bool] = field(default_factory=dict)

    def organization(self, slug: str) -> Organization:
        if slug not in self.organizations:
            self.organizations[slug] = Organization.objects.get(slug=slug)
        return self.organizations[slug]

    def person(self, email: str) -> Person:
        key = email.lower()
        if key not in self.people:
            self.people[key] = Person.objects.get(user__email__iexact=email)
        return self.people[key]

    def password_hash(self) -> str:
        """One hash of the demo password for every demo account: hashing is slow on purpose, by design."""
        if not self._password_hash:
            self._password_hash = make_password(self.password)
            self._hash_matches[self._password_hash] = True
        return self._password_hash

    def has_demo_password(self, encoded: str) -> bool:
        """Whether a stored hash is of the demo password; checked once per distinct hash."""
        if encoded not in self._hash_matches:
            self._hash_matches[encoded] = check_password(self.password, encoded)
        return self._hash_matches[encoded]


@dataclass(frozen=True)
class DemoStep:
    """One step of the demo data: `run` yields once per row it handles, which moves the progress bar."""

    name: str
    size: int
    run: Callable[[DemoContext], Iterator[None]]


def collect_steps() -> list[DemoStep]:
    """The `DEMO_STEPS` of every installed app that has a `demo` module, in the order of INSTALLED_APPS."""
    steps: list[DemoStep] = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "demo"):
            module = import_module(f"{app_config.name}.demo")
            steps.extend(getattr(module, "DEMO_STEPS", ()))
    return steps


# --- Organisations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoOrganization:
    slug: str
    kind: str
    region: str
    name: Text
    focus: Text
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    serves: tuple[str, ...] = ()  # a thematic hub: the affiliates it serves, across regions

    def description(self, language: str) -> str:
        return f"{KIND_INTRO[self.kind][language]} {FOCUS_LABEL[language]} {self.focus[language]}."

    @property
    def website(self) -> str:
        return f"https://{self.slug}.example.org/"


def _text(en: str, fr: str, es: str, pt_br: str, id_: str, ar: str) -> Text:
    return dict(zip(CONTENT_LANGUAGES, (en, fr, es, pt_br, id_, ar), strict=True))


def _place(en: str, ar: str) -> Text:
    """An invented place name: written the same in the Latin-script languages, transliterated in Arabic."""
    return _text(en, en, en, en, en, ar)


def _named(template: Text, place: Text) -> Text:
    return {language: template[language].format(place=place[language]) for language in CONTENT_LANGUAGES}


CHAPTER_NAME = _text(
    "Wikimedia {place} (demo)",
    "Wikimédia {place} (démo)",
    "Wikimedia {place} (demo)",
    "Wikimedia {place} (demo)",
    "Wikimedia {place} (demo)",
    "ويكيميديا {place} (تجريبي)",
)
USER_GROUP_NAME = _text(
    "{place} Wikimedians User Group (demo)",
    "Groupe d'utilisateurs wikimédiens de {place} (démo)",
    "Grupo de Usuarios Wikimedistas de {place} (demo)",
    "Grupo de Usuários Wikimedistas de {place} (demo)",
    "Kelompok Pengguna Wikimediawan {place} (demo)",
    "مجموعة مستخدمي ويكيميديا في {place} (تجريبية)",
)
FOCUS_LABEL = _text("Focus:", "Priorités :", "Prioridades:", "Prioridades:", "Fokus:", "مجالات التركيز:")
KIND_INTRO: dict[str, Text] = {
    OrganizationKind.CHAPTER: _text(
        "A fictional chapter created as demo data: it supports the volunteers who write, photograph and "
        "teach in its country.",
        "Un chapitre fictif créé comme données de démonstration : il soutient les bénévoles qui écrivent, "
        "photographient et enseignent dans son pays.",
        "Un capítulo ficticio creado como datos de demostración: apoya a las personas voluntarias que "
        "escriben, fotografían y enseñan en su país.",
        "Um capítulo fictício criado como dados de demonstração: apoia os voluntários que escrevem, "
        "fotografam e ensinam em seu país.",
        "Cabang fiktif yang dibuat sebagai data demo: mendukung para sukarelawan yang menulis, memotret, "
        "dan mengajar di negaranya.",
        "فرع وهمي أُنشئ كبيانات تجريبية: يدعم المتطوعين الذين يكتبون ويصوّرون ويعلّمون في بلده.",
    ),
    OrganizationKind.THEMATIC_ORGANIZATION: _text(
        "A fictional thematic organisation created as demo data: it brings volunteers together around one "
        "subject, across borders.",
        "Une organisation thématique fictive créée comme données de démonstration : elle réunit des "
        "bénévoles autour d'un même sujet, par-delà les frontières.",
        "Una organización temática ficticia creada como datos de demostración: reúne a personas "
        "voluntarias en torno a un tema, más allá de las fronteras.",
        "Uma organização temática fictícia criada como dados de demonstração: reúne voluntários em torno "
        "de um tema, além das fronteiras.",
        "Organisasi tematik fiktif yang dibuat sebagai data demo: menghimpun sukarelawan di sekitar satu "
        "topik, lintas batas negara.",
        "منظمة موضوعية وهمية أُنشئت كبيانات تجريبية: تجمع المتطوعين حول موضوع واحد عبر الحدود.",
    ),
    OrganizationKind.USER_GROUP: _text(
        "A fictional user group created as demo data: a small, volunteer-run group that meets online and "
        "at local events.",
        "Un groupe d'utilisateurs fictif créé comme données de démonstration : un petit groupe animé par "
        "des bénévoles, qui se réunit en ligne et lors d'événements locaux.",
        "Un grupo de usuarios ficticio creado como datos de demostración: un pequeño grupo dirigido por "
        "personas voluntarias que se reúne en línea y en eventos locales.",
        "Um grupo de usuários fictício criado como dados de demonstração: um pequeno grupo conduzido por "
        "voluntários que se reúne on-line e em eventos locais.",
        "Kelompok pengguna fiktif yang dibuat sebagai data demo: kelompok kecil yang dijalankan sukarelawan "
        "dan bertemu secara daring serta di acara lokal.",
        "مجموعة مستخدمين وهمية أُنشئت كبيانات تجريبية: مجموعة صغيرة يديرها متطوعون وتلتقي عبر الإنترنت "
        "وفي فعاليات محلية.",
    ),
    OrganizationKind.REGIONAL_HUB: _text(
        "A fictional regional hub created as demo data: it offers training, mentoring and shared services "
        "to the affiliates of its region.",
        "Un hub régional fictif créé comme données de démonstration : il offre formations, mentorat et "
        "services partagés aux affiliés de sa région.",
        "Un centro regional ficticio creado como datos de demostración: ofrece formación, mentoría y "
        "servicios compartidos a los afiliados de su región.",
        "Um hub regional fictício criado como dados de demonstração: oferece formação, mentoria e serviços "
        "compartilhados aos afiliados de sua região.",
        "Hub regional fiktif yang dibuat sebagai data demo: menawarkan pelatihan, pendampingan, dan "
        "layanan bersama kepada afiliasi di kawasannya.",
        "مركز إقليمي وهمي أُنشئ كبيانات تجريبية: يقدّم التدريب والإرشاد والخدمات المشتركة للمنظمات "
        "المنتسبة في منطقته.",
    ),
    OrganizationKind.THEMATIC_HUB: _text(
        "A fictional thematic hub created as demo data: it shares know-how on one theme with affiliates in "
        "several regions.",
        "Un hub thématique fictif créé comme données de démonstration : il partage son savoir-faire sur un "
        "thème avec des affiliés de plusieurs régions.",
        "Un centro temático ficticio creado como datos de demostración: comparte conocimientos sobre un "
        "tema con afiliados de varias regiones.",
        "Um hub temático fictício criado como dados de demonstração: compartilha conhecimento sobre um "
        "tema com afiliados de várias regiões.",
        "Hub tematik fiktif yang dibuat sebagai data demo: berbagi keahlian tentang satu tema dengan "
        "afiliasi di beberapa kawasan.",
        "مركز موضوعي وهمي أُنشئ كبيانات تجريبية: يتبادل الخبرات حول موضوع واحد مع منظمات منتسبة في عدة مناطق.",
    ),
    OrganizationKind.COMMITTEE: _text(
        "A fictional movement committee created as demo data: volunteers who advise and decide on one area "
        "of movement-wide work.",
        "Un comité fictif du mouvement créé comme données de démonstration : des bénévoles qui conseillent "
        "et décident dans un domaine du travail commun du mouvement.",
        "Un comité ficticio del movimiento creado como datos de demostración: personas voluntarias que "
        "asesoran y deciden sobre un área del trabajo de todo el movimiento.",
        "Um comitê fictício do movimento criado como dados de demonstração: voluntários que aconselham e "
        "decidem sobre uma área do trabalho de todo o movimento.",
        "Komite gerakan fiktif yang dibuat sebagai data demo: sukarelawan yang memberi saran dan mengambil "
        "keputusan dalam satu bidang kerja seluruh gerakan.",
        "لجنة وهمية للحركة أُنشئت كبيانات تجريبية: متطوعون يقدّمون المشورة ويتخذون القرارات في مجال من "
        "مجالات عمل الحركة بأكملها.",
    ),
    OrganizationKind.FOUNDATION: _text(
        "A fictional foundation created as demo data: it runs the shared infrastructure of the movement "
        "and supports its communities.",
        "Une fondation fictive créée comme données de démonstration : elle gère l'infrastructure commune "
        "du mouvement et soutient ses communautés.",
        "Una fundación ficticia creada como datos de demostración: gestiona la infraestructura común del "
        "movimiento y apoya a sus comunidades.",
        "Uma fundação fictícia criada como dados de demonstração: mantém a infraestrutura comum do "
        "movimento e apoia suas comunidades.",
        "Yayasan fiktif yang dibuat sebagai data demo: mengelola infrastruktur bersama gerakan dan "
        "mendukung komunitas-komunitasnya.",
        "مؤسسة وهمية أُنشئت كبيانات تجريبية: تدير البنية التحتية المشتركة للحركة وتدعم مجتمعاتها.",
    ),
    OrganizationKind.EXTERNAL_MOVEMENT: _text(
        "A fictional social movement from outside Wikimedia, created as demo data: its organisers work "
        "alongside Wikimedians and can be nominated as potential leaders.",
        "Un mouvement social fictif extérieur à Wikimédia, créé comme données de démonstration : ses "
        "organisateurs travaillent aux côtés des wikimédiens et peuvent être proposés comme futurs "
        "responsables.",
        "Un movimiento social ficticio ajeno a Wikimedia, creado como datos de demostración: sus "
        "organizadores trabajan junto a wikimedistas y pueden ser nominados como posibles líderes.",
        "Um movimento social fictício de fora da Wikimedia, criado como dados de demonstração: seus "
        "organizadores trabalham ao lado de wikimedistas e podem ser indicados como potenciais lideranças.",
        "Gerakan sosial fiktif dari luar Wikimedia yang dibuat sebagai data demo: para penggeraknya bekerja "
        "bersama para Wikimediawan dan dapat dinominasikan sebagai calon pemimpin.",
        "حركة اجتماعية وهمية من خارج ويكيميديا أُنشئت كبيانات تجريبية: يعمل منظموها جنبًا إلى جنب مع "
        "الويكيميديين ويمكن ترشيحهم كقادة محتملين.",
    ),
    OrganizationKind.INFORMAL_COMMUNITY: _text(
        "A fictional informal community created as demo data: volunteers who meet regularly without a "
        "formal structure.",
        "Une communauté informelle fictive créée comme données de démonstration : des bénévoles qui se "
        "retrouvent régulièrement sans structure formelle.",
        "Una comunidad informal ficticia creada como datos de demostración: personas voluntarias que se "
        "reúnen con regularidad sin una estructura formal.",
        "Uma comunidade informal fictícia criada como dados de demonstração: voluntários que se encontram "
        "regularmente sem uma estrutura formal.",
        "Komunitas informal fiktif yang dibuat sebagai data demo: para sukarelawan yang bertemu secara "
        "rutin tanpa struktur formal.",
        "مجتمع غير رسمي وهمي أُنشئ كبيانات تجريبية: متطوعون يلتقون بانتظام دون هيكل رسمي.",
    ),
}


def _chapter(
    slug: str, region: str, place: Text, focus: Text, countries: str, languages: str
) -> DemoOrganization:
    return DemoOrganization(
        slug=slug,
        kind=OrganizationKind.CHAPTER,
        region=region,
        name=_named(CHAPTER_NAME, place),
        focus=focus,
        countries=tuple(countries.split()),
        languages=tuple(languages.split()),
    )


def _user_group(
    slug: str, region: str, place: Text, focus: Text, countries: str, languages: str
) -> DemoOrganization:
    return DemoOrganization(
        slug=slug,
        kind=OrganizationKind.USER_GROUP,
        region=region,
        name=_named(USER_GROUP_NAME, place),
        focus=focus,
        countries=tuple(countries.split()),
        languages=tuple(languages.split()),
    )


K = OrganizationKind
R = RegionCode

ORGANIZATIONS: tuple[DemoOrganization, ...] = (
    # --- Movement-wide bodies --------------------------------------------------------------------------
    DemoOrganization(
        slug="wikimedia-demo-foundation",
        kind=K.FOUNDATION,
        region=R.GLOBAL,
        name=_text(
            "Wikimedia Demo Foundation",
            "Fondation Wikimédia de démonstration",
            "Fundación Wikimedia de demostración",
            "Fundação Wikimedia de demonstração",
            "Yayasan Wikimedia Demo",
            "مؤسسة ويكيميديا التجريبية",
        ),
        focus=_text(
            "hosting, grants and legal support for the whole movement",
            "l'hébergement, les subventions et le soutien juridique pour tout le mouvement",
            "el alojamiento, las subvenciones y el apoyo jurídico para todo el movimiento",
            "hospedagem, financiamento e apoio jurídico para todo o movimento",
            "hosting, hibah, dan dukungan hukum untuk seluruh gerakan",
            "الاستضافة والمنح والدعم القانوني للحركة بأكملها",
        ),
        languages=("en", "fr", "es", "ar"),
    ),
    DemoOrganization(
        slug="demo-affiliations-committee",
        kind=K.COMMITTEE,
        region=R.GLOBAL,
        name=_text(
            "Demo Affiliations Committee",
            "Comité des affiliations (démo)",
            "Comité de Afiliaciones (demo)",
            "Comitê de Afiliações (demo)",
            "Komite Afiliasi (demo)",
            "لجنة الانتساب (تجريبية)",
        ),
        focus=_text(
            "recognising new affiliates and advising existing ones",
            "la reconnaissance de nouveaux affiliés et le conseil aux affiliés existants",
            "el reconocimiento de nuevos afiliados y el asesoramiento a los existentes",
            "o reconhecimento de novos afiliados e o aconselhamento dos existentes",
            "pengakuan afiliasi baru dan pendampingan afiliasi yang sudah ada",
            "الاعتراف بالمنظمات المنتسبة الجديدة وإرشاد القائمة منها",
        ),
        languages=("en", "fr", "es"),
    ),
    DemoOrganization(
        slug="demo-leadership-development-committee",
        kind=K.COMMITTEE,
        region=R.GLOBAL,
        name=_text(
            "Leadership Development Committee (demo)",
            "Comité de développement du leadership (démo)",
            "Comité de Desarrollo del Liderazgo (demo)",
            "Comitê de Desenvolvimento de Liderança (demo)",
            "Komite Pengembangan Kepemimpinan (demo)",
            "لجنة تطوير القيادة (تجريبية)",
        ),
        focus=_text(
            "role descriptions, leadership training and the renewal of volunteer leaders",
            "les descriptions de rôles, la formation au leadership et le renouvellement des responsables "
            "bénévoles",
            "las descripciones de funciones, la formación en liderazgo y la renovación de los liderazgos "
            "voluntarios",
            "descrições de funções, formação em liderança e renovação das lideranças voluntárias",
            "deskripsi peran, pelatihan kepemimpinan, dan regenerasi pemimpin sukarelawan",
            "توصيف الأدوار والتدريب على القيادة وتجديد القيادات التطوعية",
        ),
        languages=("en", "es", "ar", "id"),
    ),
    # --- Thematic hubs ---------------------------------------------------------------------------------
    DemoOrganization(
        slug="open-education-demo-hub",
        kind=K.THEMATIC_HUB,
        region=R.GLOBAL,
        name=_text(
            "Open Education Demo Hub",
            "Hub démo pour l'éducation ouverte",
            "Centro demo de Educación Abierta",
            "Hub demo de Educação Aberta",
            "Hub Demo Pendidikan Terbuka",
            "مركز التعليم المفتوح التجريبي",
        ),
        focus=_text(
            "Wikipedia in classrooms, teacher training and open learning materials",
            "Wikipédia en classe, la formation des enseignants et les ressources éducatives libres",
            "Wikipedia en las aulas, la formación docente y los materiales educativos abiertos",
            "a Wikipédia na sala de aula, a formação de professores e os recursos educacionais abertos",
            "Wikipedia di kelas, pelatihan guru, dan bahan ajar terbuka",
            "ويكيبيديا في الفصول الدراسية وتدريب المعلمين والمواد التعليمية المفتوحة",
        ),
        languages=("en", "es", "pt-br", "ar"),
        serves=("wikimedia-varenka", "wikimedia-vale-verde", "wikimedia-wadi-nur", "wikimedia-pinecrest"),
    ),
    DemoOrganization(
        slug="small-languages-demo-hub",
        kind=K.THEMATIC_HUB,
        region=R.GLOBAL,
        name=_text(
            "Small Languages Demo Hub",
            "Hub démo des petites langues",
            "Centro demo de Lenguas Minorizadas",
            "Hub demo de Línguas Minoritárias",
            "Hub Demo Bahasa-Bahasa Kecil",
            "مركز اللغات الصغيرة التجريبي",
        ),
        focus=_text(
            "new language editions, keyboards and fonts, and support for communities writing in "
            "under-served languages",
            "les nouvelles éditions linguistiques, les claviers et les polices, et le soutien aux "
            "communautés qui écrivent dans des langues peu dotées",
            "las nuevas ediciones lingüísticas, los teclados y las fuentes, y el apoyo a comunidades que "
            "escriben en lenguas con pocos recursos",
            "novas edições linguísticas, teclados e fontes, e apoio a comunidades que escrevem em línguas "
            "com poucos recursos",
            "edisi bahasa baru, papan ketik dan fon, serta dukungan bagi komunitas yang menulis dalam bahasa "
            "yang kurang terlayani",
            "الإصدارات اللغوية الجديدة ولوحات المفاتيح والخطوط ودعم المجتمعات التي تكتب بلغات قليلة الموارد",
        ),
        languages=("en", "fr", "es"),
        serves=(
            "wikimedia-serrania",
            "wikimedia-savane-bleue",
            "zaytuna-wikimedians",
            "wikimedia-tanjung-selatan",
            "lingua-viva-demo-association",
        ),
    ),
    DemoOrganization(
        slug="open-heritage-demo-hub",
        kind=K.THEMATIC_HUB,
        region=R.GLOBAL,
        name=_text(
            "Open Heritage Demo Hub",
            "Hub démo du patrimoine ouvert",
            "Centro demo de Patrimonio Abierto",
            "Hub demo de Patrimônio Aberto",
            "Hub Demo Warisan Budaya Terbuka",
            "مركز التراث المفتوح التجريبي",
        ),
        focus=_text(
            "partnerships with museums, libraries and archives, and photo contests of monuments",
            "les partenariats avec les musées, les bibliothèques et les archives, et les concours photo de "
            "monuments",
            "las alianzas con museos, bibliotecas y archivos, y los concursos de fotografía de monumentos",
            "parcerias com museus, bibliotecas e arquivos, e concursos de fotografia de monumentos",
            "kemitraan dengan museum, perpustakaan, dan arsip, serta lomba foto monumen",
            "الشراكات مع المتاحف والمكتبات ودور الأرشيف ومسابقات تصوير المعالم",
        ),
        languages=("en", "fr", "de"),
        serves=("wikimedia-zlatovia", "wikimedia-nordlandia", "havnby-wikimedians", "wikimedia-sundarvan"),
    ),
    # --- Regional hubs (each serves the affiliates of its region) --------------------------------------
    DemoOrganization(
        slug="cee-demo-hub",
        kind=K.REGIONAL_HUB,
        region=R.CEE,
        name=_text(
            "Central and Eastern Europe Demo Hub",
            "Hub démo d'Europe centrale et orientale",
            "Centro demo de Europa Central y Oriental",
            "Hub demo da Europa Central e Oriental",
            "Hub Demo Eropa Tengah dan Timur",
            "المركز التجريبي لأوروبا الوسطى والشرقية",
        ),
        focus=_text(
            "a shared training calendar, peer mentoring between chapters and a regional conference",
            "un calendrier de formations commun, le mentorat entre chapitres et une conférence régionale",
            "un calendario de formación compartido, la mentoría entre capítulos y una conferencia regional",
            "um calendário de formação compartilhado, mentoria entre capítulos e uma conferência regional",
            "kalender pelatihan bersama, pendampingan antarcabang, dan konferensi regional",
            "تقويم تدريب مشترك وإرشاد متبادل بين الفروع ومؤتمر إقليمي",
        ),
        countries=("PL", "SK", "HU", "UA", "RS"),
        languages=("en", "pl", "uk", "hu"),
    ),
    DemoOrganization(
        slug="eseap-demo-hub",
        kind=K.REGIONAL_HUB,
        region=R.ESEAP,
        name=_text(
            "East, Southeast Asia and Pacific Demo Hub",
            "Hub démo Asie de l'Est, du Sud-Est et Pacifique",
            "Centro demo de Asia Oriental, Sudeste Asiático y Pacífico",
            "Hub demo do Leste e Sudeste Asiático e Pacífico",
            "Hub Demo Asia Timur, Asia Tenggara, dan Pasifik",
            "المركز التجريبي لشرق وجنوب شرق آسيا والمحيط الهادئ",
        ),
        focus=_text(
            "grant advice for new groups, translation sprints and online trainings across many time zones",
            "le conseil aux nouveaux groupes pour leurs demandes de subvention, des sprints de traduction et "
            "des formations en ligne sur de nombreux fuseaux horaires",
            "el asesoramiento en subvenciones para grupos nuevos, maratones de traducción y formaciones en "
            "línea en muchas zonas horarias",
            "orientação sobre financiamento para novos grupos, maratonas de tradução e formações on-line em "
            "muitos fusos horários",
            "pendampingan hibah bagi kelompok baru, sprint penerjemahan, dan pelatihan daring di banyak zona "
            "waktu",
            "الإرشاد في طلبات المنح للمجموعات الجديدة وماراثونات الترجمة والتدريب عبر الإنترنت في مناطق "
            "زمنية كثيرة",
        ),
        countries=("ID", "MY", "PH", "JP", "FJ"),
        languages=("en", "id", "ja"),
    ),
    DemoOrganization(
        slug="lac-demo-hub",
        kind=K.REGIONAL_HUB,
        region=R.LAC,
        name=_text(
            "Latin America and Caribbean Demo Hub",
            "Hub démo d'Amérique latine et des Caraïbes",
            "Centro demo de América Latina y el Caribe",
            "Hub demo da América Latina e Caribe",
            "Hub Demo Amerika Latin dan Karibia",
            "المركز التجريبي لأمريكا اللاتينية والكاريبي",
        ),
        focus=_text(
            "leadership schools, shared communications and support for Indigenous-language projects",
            "des écoles de leadership, une communication partagée et le soutien aux projets en langues "
            "autochtones",
            "escuelas de liderazgo, comunicación compartida y apoyo a proyectos en lenguas indígenas",
            "escolas de liderança, comunicação compartilhada e apoio a projetos em línguas indígenas",
            "sekolah kepemimpinan, komunikasi bersama, dan dukungan bagi proyek berbahasa adat",
            "مدارس القيادة والتواصل المشترك ودعم مشاريع لغات الشعوب الأصلية",
        ),
        countries=("AR", "BR", "PE", "CO", "HT"),
        languages=("es", "pt-br", "en"),
    ),
    DemoOrganization(
        slug="mena-demo-hub",
        kind=K.REGIONAL_HUB,
        region=R.MENA,
        name=_text(
            "Middle East and North Africa Demo Hub",
            "Hub démo Moyen-Orient et Afrique du Nord",
            "Centro demo de Oriente Medio y Norte de África",
            "Hub demo do Oriente Médio e Norte da África",
            "Hub Demo Timur Tengah dan Afrika Utara",
            "المركز التجريبي للشرق الأوسط وشمال أفريقيا",
        ),
        focus=_text(
            "Arabic-language content drives, safe spaces for women editors and regional meetups",
            "des campagnes de contenu en arabe, des espaces sûrs pour les contributrices et des rencontres "
            "régionales",
            "campañas de contenido en árabe, espacios seguros para editoras y encuentros regionales",
            "campanhas de conteúdo em árabe, espaços seguros para editoras e encontros regionais",
            "kampanye konten berbahasa Arab, ruang aman bagi penyunting perempuan, dan temu regional",
            "حملات المحتوى باللغة العربية ومساحات آمنة للمحرّرات ولقاءات إقليمية",
        ),
        countries=("JO", "MA", "TN", "EG"),
        languages=("ar", "fr", "en"),
    ),
    DemoOrganization(
        slug="south-asia-demo-hub",
        kind=K.REGIONAL_HUB,
        region=R.SA,
        name=_text(
            "South Asia Demo Hub",
            "Hub démo d'Asie du Sud",
            "Centro demo de Asia del Sur",
            "Hub demo do Sul da Ásia",
            "Hub Demo Asia Selatan",
            "المركز التجريبي لجنوب آسيا",
        ),
        focus=_text(
            "multilingual trainings, technical support for Indic scripts and a shared events calendar",
            "des formations multilingues, un soutien technique aux écritures indiennes et un calendrier "
            "d'événements commun",
            "formaciones multilingües, soporte técnico para escrituras índicas y un calendario de eventos "
            "compartido",
            "formações multilíngues, suporte técnico para escritas índicas e um calendário de eventos "
            "compartilhado",
            "pelatihan multibahasa, dukungan teknis untuk aksara India, dan kalender acara bersama",
            "التدريب متعدد اللغات والدعم التقني للكتابات الهندية وتقويم مشترك للفعاليات",
        ),
        countries=("IN", "BD", "NP", "LK"),
        languages=("en", "hi", "bn", "ta", "ne"),
    ),
    DemoOrganization(
        slug="sub-saharan-africa-demo-hub",
        kind=K.REGIONAL_HUB,
        region=R.SSA,
        name=_text(
            "Sub-Saharan Africa Demo Hub",
            "Hub démo d'Afrique subsaharienne",
            "Centro demo de África Subsahariana",
            "Hub demo da África Subsaariana",
            "Hub Demo Afrika Sub-Sahara",
            "المركز التجريبي لأفريقيا جنوب الصحراء",
        ),
        focus=_text(
            "capacity building for young affiliates, offline access projects and an annual leadership "
            "retreat",
            "le renforcement des capacités des jeunes affiliés, des projets d'accès hors ligne et une "
            "retraite annuelle sur le leadership",
            "el fortalecimiento de capacidades de afiliados jóvenes, proyectos de acceso sin conexión y un "
            "retiro anual de liderazgo",
            "o fortalecimento de capacidades de afiliados jovens, projetos de acesso off-line e um retiro "
            "anual de liderança",
            "penguatan kapasitas afiliasi muda, proyek akses luring, dan retret kepemimpinan tahunan",
            "بناء قدرات المنظمات المنتسبة الناشئة ومشاريع الوصول دون اتصال وملتقى سنوي للقيادة",
        ),
        countries=("TZ", "KE", "SN", "UG", "ZA", "NG"),
        languages=("en", "fr", "sw"),
    ),
    # --- Chapters --------------------------------------------------------------------------------------
    _chapter(
        "wikimedia-zlatovia",
        R.CEE,
        _place("Zlatovia", "زلاتوفيا"),
        _text(
            "village history projects and a photo archive of wooden churches",
            "des projets d'histoire des villages et une photothèque des églises en bois",
            "proyectos de historia de los pueblos y un archivo fotográfico de iglesias de madera",
            "projetos de história das aldeias e um acervo fotográfico de igrejas de madeira",
            "proyek sejarah desa dan arsip foto gereja kayu",
            "مشاريع تاريخ القرى وأرشيف صور للكنائس الخشبية",
        ),
        "SK",
        "sk cs en",
    ),
    _chapter(
        "wikimedia-varenka",
        R.CEE,
        _place("Varenka", "فارينكا"),
        _text(
            "Wikipedia clubs in secondary schools",
            "les clubs Wikipédia dans les lycées",
            "los clubes de Wikipedia en institutos de secundaria",
            "clubes da Wikipédia em escolas de ensino médio",
            "klub Wikipedia di sekolah menengah",
            "نوادي ويكيبيديا في المدارس الثانوية",
        ),
        "PL",
        "pl en",
    ),
    _chapter(
        "wikimedia-tanjung-selatan",
        R.ESEAP,
        _place("Tanjung Selatan", "تانجونغ سلاتان"),
        _text(
            "regional-language Wikipedias and training for librarians",
            "les Wikipédias en langues régionales et la formation des bibliothécaires",
            "las Wikipedias en lenguas regionales y la formación de bibliotecarios",
            "as Wikipédias em línguas regionais e a formação de bibliotecários",
            "Wikipedia berbahasa daerah dan pelatihan pustakawan",
            "ويكيبيديا باللغات الإقليمية وتدريب أمناء المكتبات",
        ),
        "ID",
        "id jv en",
    ),
    _chapter(
        "wikimedia-coralia",
        R.ESEAP,
        _place("Coralia", "كوراليا"),
        _text(
            "ocean and island knowledge, recorded with local elders",
            "les savoirs de l'océan et des îles, recueillis auprès des anciens",
            "los saberes del océano y de las islas, recogidos con las personas mayores de la comunidad",
            "os saberes do oceano e das ilhas, registrados com os anciãos locais",
            "pengetahuan tentang laut dan pulau, dicatat bersama para tetua setempat",
            "معارف المحيط والجزر، مدوّنة بالتعاون مع كبار السن المحليين",
        ),
        "FJ WS TO",
        "en fj sm to",
    ),
    _chapter(
        "wikimedia-serrania",
        R.LAC,
        _place("Serranía", "سيرانيا"),
        _text(
            "Quechua-language articles and workshops in rural libraries",
            "des articles en quechua et des ateliers dans les bibliothèques rurales",
            "artículos en quechua y talleres en bibliotecas rurales",
            "artigos em quíchua e oficinas em bibliotecas rurais",
            "artikel berbahasa Quechua dan lokakarya di perpustakaan pedesaan",
            "مقالات بلغة الكيتشوا وورش عمل في المكتبات الريفية",
        ),
        "PE BO",
        "es qu",
    ),
    _chapter(
        "wikimedia-vale-verde",
        R.LAC,
        _place("Vale Verde", "فالي فيردي"),
        _text(
            "environmental articles and photo walks in national parks",
            "des articles sur l'environnement et des promenades photo dans les parcs nationaux",
            "artículos sobre medio ambiente y paseos fotográficos en parques nacionales",
            "artigos sobre meio ambiente e passeios fotográficos em parques nacionais",
            "artikel lingkungan hidup dan jalan-jalan memotret di taman nasional",
            "مقالات عن البيئة وجولات تصوير في المتنزهات الوطنية",
        ),
        "BR",
        "pt-br",
    ),
    _chapter(
        "wikimedia-wadi-nur",
        R.MENA,
        _place("Wadi Nur", "وادي نور"),
        _text(
            "Arabic Wikipedia edit-a-thons with universities",
            "des ateliers d'écriture sur Wikipédia en arabe avec les universités",
            "maratones de edición de Wikipedia en árabe con universidades",
            "editatonas da Wikipédia em árabe com universidades",
            "edit-a-thon Wikipedia bahasa Arab bersama universitas",
            "ماراثونات تحرير ويكيبيديا العربية بالتعاون مع الجامعات",
        ),
        "JO",
        "ar en",
    ),
    _chapter(
        "wikimedia-pinecrest",
        R.NA,
        _place("Pinecrest", "باينكريست"),
        _text(
            "local newspaper archives and a community digitisation lab",
            "les archives de la presse locale et un laboratoire communautaire de numérisation",
            "los archivos de la prensa local y un laboratorio comunitario de digitalización",
            "arquivos de jornais locais e um laboratório comunitário de digitalização",
            "arsip surat kabar lokal dan laboratorium digitalisasi komunitas",
            "أرشيف الصحف المحلية ومختبر مجتمعي للرقمنة",
        ),
        "CA US",
        "en fr",
    ),
    _chapter(
        "wikimedia-nordlandia",
        R.NWE,
        _place("Nordlandia", "نوردلانديا"),
        _text(
            "open data partnerships with public institutions",
            "des partenariats de données ouvertes avec les institutions publiques",
            "alianzas de datos abiertos con instituciones públicas",
            "parcerias de dados abertos com instituições públicas",
            "kemitraan data terbuka dengan lembaga publik",
            "شراكات البيانات المفتوحة مع المؤسسات العامة",
        ),
        "NO",
        "nb nn en",
    ),
    _chapter(
        "wikimedia-aubeterre",
        R.NWE,
        _place("Aubeterre", "أوبتير"),
        _text(
            "volunteer wellbeing, board training and bilingual events",
            "le bien-être des bénévoles, la formation du conseil d'administration et les événements "
            "bilingues",
            "el bienestar de las personas voluntarias, la formación de la junta directiva y los eventos "
            "bilingües",
            "o bem-estar dos voluntários, a formação do conselho diretor e os eventos bilíngues",
            "kesejahteraan sukarelawan, pelatihan pengurus, dan acara dwibahasa",
            "رفاه المتطوعين وتدريب أعضاء مجلس الإدارة والفعاليات ثنائية اللغة",
        ),
        "BE",
        "fr nl",
    ),
    _chapter(
        "wikimedia-sundarvan",
        R.SA,
        _place("Sundarvan", "سوندرفان"),
        _text(
            "Bengali and Hindi Wikisource projects",
            "des projets Wikisource en bengali et en hindi",
            "proyectos de Wikisource en bengalí e hindi",
            "projetos do Wikisource em bengali e hindi",
            "proyek Wikisource berbahasa Bengali dan Hindi",
            "مشاريع ويكي مصدر باللغتين البنغالية والهندية",
        ),
        "IN BD",
        "bn hi en",
    ),
    _chapter(
        "wikimedia-kilimarani",
        R.SSA,
        _place("Kilimarani", "كيليماراني"),
        _text(
            "Swahili Wikipedia growth and mentoring for new organizers",
            "le développement de Wikipédia en swahili et le mentorat des nouveaux organisateurs",
            "el crecimiento de Wikipedia en suajili y la mentoría de nuevas personas organizadoras",
            "o crescimento da Wikipédia em suaíli e a mentoria de novos organizadores",
            "pengembangan Wikipedia bahasa Swahili dan pendampingan bagi penyelenggara baru",
            "تنمية ويكيبيديا السواحيلية وإرشاد المنظمين الجدد",
        ),
        "TZ KE",
        "sw en",
    ),
    _chapter(
        "wikimedia-savane-bleue",
        R.SSA,
        _place("Savane-Bleue", "سافان بلو"),
        _text(
            "radio partnerships that bring Wikipedia to listeners in Wolof",
            "des partenariats avec des radios qui font découvrir Wikipédia en wolof",
            "alianzas con radios que acercan Wikipedia a oyentes en wolof",
            "parcerias com rádios que levam a Wikipédia a ouvintes em uolofe",
            "kemitraan dengan radio yang memperkenalkan Wikipedia kepada pendengar berbahasa Wolof",
            "شراكات مع إذاعات تعرّف المستمعين بويكيبيديا بلغة الولوف",
        ),
        "SN ML",
        "fr wo",
    ),
    # --- Thematic organisations ------------------------------------------------------------------------
    DemoOrganization(
        slug="lingua-viva-demo-association",
        kind=K.THEMATIC_ORGANIZATION,
        region=R.NWE,
        name=_text(
            "Lingua Viva Demo Association",
            "Association Lingua Viva (démo)",
            "Asociación Lingua Viva (demo)",
            "Associação Lingua Viva (demo)",
            "Asosiasi Lingua Viva (demo)",
            "جمعية لينغوا فيفا (تجريبية)",
        ),
        focus=_text(
            "content in a regional language spoken on both sides of a border",
            "les contenus dans une langue régionale parlée de part et d'autre d'une frontière",
            "los contenidos en una lengua regional hablada a ambos lados de una frontera",
            "conteúdos em uma língua regional falada dos dois lados de uma fronteira",
            "konten dalam bahasa daerah yang dituturkan di kedua sisi perbatasan",
            "المحتوى بلغة إقليمية يتحدث بها الناس على جانبي حدود",
        ),
        countries=("ES", "FR", "AD"),
        languages=("ca", "es", "fr"),
    ),
    DemoOrganization(
        slug="open-medicine-demo-society",
        kind=K.THEMATIC_ORGANIZATION,
        region=R.GLOBAL,
        name=_text(
            "Open Medicine Demo Society",
            "Société démo de médecine ouverte",
            "Sociedad demo de Medicina Abierta",
            "Sociedade demo de Medicina Aberta",
            "Perhimpunan Demo Kedokteran Terbuka",
            "جمعية الطب المفتوح التجريبية",
        ),
        focus=_text(
            "reliable health articles, translated into many languages",
            "des articles de santé fiables, traduits dans de nombreuses langues",
            "artículos de salud fiables, traducidos a muchos idiomas",
            "artigos de saúde confiáveis, traduzidos para muitos idiomas",
            "artikel kesehatan tepercaya yang diterjemahkan ke banyak bahasa",
            "مقالات صحية موثوقة مترجمة إلى لغات كثيرة",
        ),
        languages=("en", "fr", "es", "ar", "hi"),
    ),
    # --- User groups -----------------------------------------------------------------------------------
    _user_group(
        "riverbend-wikimedians",
        R.CEE,
        _place("Riverbend", "ريفربند"),
        _text(
            "river ecology articles and summer camps for young editors",
            "des articles sur l'écologie des rivières et des camps d'été pour jeunes contributeurs",
            "artículos sobre ecología fluvial y campamentos de verano para jóvenes editores",
            "artigos sobre ecologia fluvial e acampamentos de verão para jovens editores",
            "artikel ekologi sungai dan perkemahan musim panas bagi penyunting muda",
            "مقالات عن بيئة الأنهار ومخيمات صيفية للمحررين الشباب",
        ),
        "HU",
        "hu",
    ),
    _user_group(
        "pulau-lestari-wikimedians",
        R.ESEAP,
        _place("Pulau Lestari", "بولاو لستاري"),
        _text(
            "mangrove and coastal village photography",
            "la photographie des mangroves et des villages côtiers",
            "la fotografía de manglares y pueblos costeros",
            "a fotografia de manguezais e aldeias costeiras",
            "fotografi hutan bakau dan desa pesisir",
            "تصوير غابات المانغروف والقرى الساحلية",
        ),
        "ID MY",
        "id ms",
    ),
    _user_group(
        "rio-claro-wikimedians",
        R.LAC,
        _place("Río Claro", "ريو كلارو"),
        _text(
            "women's biographies and a feminist edit-a-thon every March",
            "les biographies de femmes et un marathon d'écriture féministe chaque mois de mars",
            "las biografías de mujeres y un editatón feminista cada marzo",
            "biografias de mulheres e uma editatona feminista todo mês de março",
            "biografi perempuan dan edit-a-thon feminis setiap bulan Maret",
            "سير النساء وماراثون تحرير نسوي في شهر مارس من كل عام",
        ),
        "AR UY",
        "es",
    ),
    _user_group(
        "port-brise-wikimedians",
        R.LAC,
        _place("Port-Brise", "بور بريز"),
        _text(
            "Haitian Creole content and disaster-preparedness articles",
            "des contenus en créole haïtien et des articles sur la préparation aux catastrophes",
            "contenidos en criollo haitiano y artículos sobre preparación ante desastres",
            "conteúdos em crioulo haitiano e artigos sobre preparação para desastres",
            "konten berbahasa Kreol Haiti dan artikel kesiapsiagaan bencana",
            "محتوى بالكريولية الهايتية ومقالات عن الاستعداد للكوارث",
        ),
        "HT",
        "ht fr",
    ),
    _user_group(
        "zaytuna-wikimedians",
        R.MENA,
        _place("Zaytuna", "زيتونة"),
        _text(
            "Amazigh and Arabic language resources",
            "des ressources en langues amazighe et arabe",
            "recursos en lenguas amazigh y árabe",
            "recursos nas línguas amazigue e árabe",
            "sumber daya berbahasa Amazigh dan Arab",
            "موارد باللغتين الأمازيغية والعربية",
        ),
        "MA TN",
        "ar kab fr",
    ),
    _user_group(
        "prairie-hollow-wikimedians",
        R.NA,
        _place("Prairie Hollow", "براري هولو"),
        _text(
            "Spanish-language outreach and public library partnerships",
            "l'ouverture aux hispanophones et les partenariats avec les bibliothèques publiques",
            "la divulgación en español y las alianzas con bibliotecas públicas",
            "a divulgação em espanhol e parcerias com bibliotecas públicas",
            "penjangkauan berbahasa Spanyol dan kemitraan dengan perpustakaan umum",
            "التواصل باللغة الإسبانية والشراكات مع المكتبات العامة",
        ),
        "US",
        "en es",
    ),
    _user_group(
        "havnby-wikimedians",
        R.NWE,
        _place("Havnby", "هافنبي"),
        _text(
            "maps, Wikidata and open street-level imagery",
            "les cartes, Wikidata et l'imagerie libre au niveau de la rue",
            "los mapas, Wikidata y las imágenes libres a pie de calle",
            "mapas, Wikidata e imagens livres ao nível da rua",
            "peta, Wikidata, dan citra jalanan terbuka",
            "الخرائط وويكي بيانات والصور المفتوحة على مستوى الشارع",
        ),
        "DK",
        "da en",
    ),
    _user_group(
        "meghpur-wikimedians",
        R.SA,
        _place("Meghpur", "ميغبور"),
        _text(
            "Nepali Wikipedia in mountain schools",
            "Wikipédia en népalais dans les écoles de montagne",
            "Wikipedia en nepalí en escuelas de montaña",
            "a Wikipédia em nepalês em escolas de montanha",
            "Wikipedia bahasa Nepal di sekolah pegunungan",
            "ويكيبيديا النيبالية في مدارس الجبال",
        ),
        "NP",
        "ne en",
    ),
    _user_group(
        "ziwa-kuu-wikimedians",
        R.SSA,
        _place("Ziwa Kuu", "زيوا كوو"),
        _text(
            "health information in local languages",
            "l'information de santé en langues locales",
            "la información de salud en lenguas locales",
            "informação de saúde em línguas locais",
            "informasi kesehatan dalam bahasa lokal",
            "المعلومات الصحية باللغات المحلية",
        ),
        "UG",
        "en sw",
    ),
    _user_group(
        "ilanga-wikimedians",
        R.SSA,
        _place("Ilanga", "إيلانغا"),
        _text(
            "isiZulu and isiXhosa Wikipedias and campus clubs",
            "les Wikipédias en zoulou et en xhosa et les clubs universitaires",
            "las Wikipedias en zulú y xhosa y los clubes universitarios",
            "as Wikipédias em zulu e xhosa e os clubes universitários",
            "Wikipedia bahasa Zulu dan Xhosa serta klub kampus",
            "ويكيبيديا باللغتين الزولوية والخوسية والنوادي الجامعية",
        ),
        "ZA",
        "zu xh en",
    ),
    DemoOrganization(
        slug="women-in-wikimedia-demo-network",
        kind=K.USER_GROUP,
        region=R.GLOBAL,
        name=_text(
            "Women in Wikimedia Demo Network",
            "Réseau démo des femmes dans Wikimédia",
            "Red demo de Mujeres en Wikimedia",
            "Rede demo de Mulheres na Wikimedia",
            "Jaringan Demo Perempuan di Wikimedia",
            "الشبكة التجريبية للنساء في ويكيميديا",
        ),
        focus=_text(
            "closing the gender gap in content and in leadership",
            "la réduction de l'écart entre les genres dans les contenus et dans les instances dirigeantes",
            "cerrar la brecha de género en los contenidos y en el liderazgo",
            "reduzir a desigualdade de gênero no conteúdo e na liderança",
            "menutup kesenjangan gender dalam konten dan kepemimpinan",
            "سدّ الفجوة بين الجنسين في المحتوى وفي القيادة",
        ),
        languages=("en", "es", "fr", "ar", "vi"),
    ),
    # --- Social movements from outside Wikimedia -------------------------------------------------------
    DemoOrganization(
        slug="free-software-collective-demo",
        kind=K.EXTERNAL_MOVEMENT,
        region=R.LAC,
        name=_text(
            "Free Software Collective (demo)",
            "Collectif du logiciel libre (démo)",
            "Colectivo de Software Libre (demo)",
            "Coletivo de Software Livre (demo)",
            "Kolektif Perangkat Lunak Bebas (demo)",
            "تجمع البرمجيات الحرة (تجريبي)",
        ),
        focus=_text(
            "free software install fests and digital rights",
            "les install-parties de logiciels libres et les droits numériques",
            "las fiestas de instalación de software libre y los derechos digitales",
            "festas de instalação de software livre e direitos digitais",
            "pesta instalasi perangkat lunak bebas dan hak-hak digital",
            "مهرجانات تثبيت البرمجيات الحرة والحقوق الرقمية",
        ),
        countries=("BR", "AR", "CO"),
        languages=("pt-br", "es"),
    ),
    DemoOrganization(
        slug="community-radio-network-demo",
        kind=K.EXTERNAL_MOVEMENT,
        region=R.SSA,
        name=_text(
            "Community Radio Network (demo)",
            "Réseau des radios communautaires (démo)",
            "Red de Radios Comunitarias (demo)",
            "Rede de Rádios Comunitárias (demo)",
            "Jaringan Radio Komunitas (demo)",
            "شبكة الإذاعات المجتمعية (تجريبية)",
        ),
        focus=_text(
            "local journalism and broadcasts in many African languages",
            "le journalisme local et des émissions dans de nombreuses langues africaines",
            "el periodismo local y emisiones en muchas lenguas africanas",
            "jornalismo local e transmissões em muitas línguas africanas",
            "jurnalisme lokal dan siaran dalam banyak bahasa Afrika",
            "الصحافة المحلية والبث بلغات أفريقية كثيرة",
        ),
        countries=("GH", "NG", "SN", "KE"),
        languages=("en", "fr", "sw", "yo"),
    ),
    DemoOrganization(
        slug="open-data-alliance-demo",
        kind=K.EXTERNAL_MOVEMENT,
        region=R.ESEAP,
        name=_text(
            "Open Data Alliance (demo)",
            "Alliance pour les données ouvertes (démo)",
            "Alianza por los Datos Abiertos (demo)",
            "Aliança pelos Dados Abertos (demo)",
            "Aliansi Data Terbuka (demo)",
            "تحالف البيانات المفتوحة (تجريبي)",
        ),
        focus=_text(
            "civic technology and transparent public budgets",
            "les technologies civiques et la transparence des budgets publics",
            "la tecnología cívica y los presupuestos públicos transparentes",
            "tecnologia cívica e orçamentos públicos transparentes",
            "teknologi kewargaan dan anggaran publik yang transparan",
            "التكنولوجيا المدنية وشفافية الميزانيات العامة",
        ),
        countries=("PH", "TW", "ID"),
        languages=("en", "tl", "zh-hant"),
    ),
    # --- Informal communities --------------------------------------------------------------------------
    DemoOrganization(
        slug="nordlandia-edit-a-thon-circle",
        kind=K.INFORMAL_COMMUNITY,
        region=R.NWE,
        name=_text(
            "Nordlandia Edit-a-thon Circle (demo)",
            "Cercle des ateliers d'écriture de Nordlandia (démo)",
            "Círculo de Editatones de Nordlandia (demo)",
            "Círculo de Editatonas de Nordlandia (demo)",
            "Lingkar Edit-a-thon Nordlandia (demo)",
            "حلقة ماراثونات التحرير في نوردلانديا (تجريبية)",
        ),
        focus=_text(
            "monthly writing evenings in a public library",
            "des soirées d'écriture mensuelles dans une bibliothèque publique",
            "tardes de escritura mensuales en una biblioteca pública",
            "noites mensais de escrita em uma biblioteca pública",
            "malam menulis bulanan di perpustakaan umum",
            "أمسيات كتابة شهرية في مكتبة عامة",
        ),
        countries=("NO",),
        languages=("nb",),
    ),
    DemoOrganization(
        slug="sundarvan-students-wiki-club",
        kind=K.INFORMAL_COMMUNITY,
        region=R.SA,
        name=_text(
            "Sundarvan Students' Wiki Club (demo)",
            "Club wiki des étudiants de Sundarvan (démo)",
            "Club Wiki de Estudiantes de Sundarvan (demo)",
            "Clube Wiki dos Estudantes de Sundarvan (demo)",
            "Klub Wiki Mahasiswa Sundarvan (demo)",
            "نادي ويكي لطلاب سوندرفان (تجريبي)",
        ),
        focus=_text(
            "first edits for university students",
            "les premières contributions des étudiants",
            "las primeras ediciones de estudiantes universitarios",
            "as primeiras edições de estudantes universitários",
            "suntingan pertama mahasiswa",
            "التعديلات الأولى لطلاب الجامعات",
        ),
        countries=("IN",),
        languages=("bn", "en"),
    ),
    DemoOrganization(
        slug="wadi-nur-library-volunteers",
        kind=K.INFORMAL_COMMUNITY,
        region=R.MENA,
        name=_text(
            "Wadi Nur Library Volunteers (demo)",
            "Bénévoles de la bibliothèque de Wadi Nur (démo)",
            "Voluntariado de la Biblioteca de Wadi Nur (demo)",
            "Voluntários da Biblioteca de Wadi Nur (demo)",
            "Relawan Perpustakaan Wadi Nur (demo)",
            "متطوعو مكتبة وادي نور (تجريبي)",
        ),
        focus=_text(
            "digitising old manuscripts for Wikisource",
            "la numérisation de manuscrits anciens pour Wikisource",
            "la digitalización de manuscritos antiguos para Wikisource",
            "a digitalização de manuscritos antigos para o Wikisource",
            "digitalisasi naskah kuno untuk Wikisource",
            "رقمنة المخطوطات القديمة لويكي مصدر",
        ),
        countries=("JO",),
        languages=("ar",),
    ),
)


def hub_links() -> dict[str, list[str]]:
    """Each affiliate's hubs: the regional hub of its region, and the thematic hubs that serve it."""
    regional = {org.region: org.slug for org in ORGANIZATIONS if org.kind == K.REGIONAL_HUB}
    links: dict[str, list[str]] = {}
    for org in ORGANIZATIONS:
        if org.kind in AFFILIATE_KINDS and org.region in regional:
            links.setdefault(org.slug, []).append(regional[org.region])
    for hub in ORGANIZATIONS:
        for slug in hub.serves:
            links.setdefault(slug, []).append(hub.slug)
    return links


# --- People ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    region: str
    time_zone: str
    languages: tuple[str, ...]
    public: bool = False
    wikimedia_username: str = ""
    memberships: tuple[tuple[str, str], ...] = ()  # (organisation slug, capacity)
    staff: bool = False


def _person(
    local: str,
    name: str,
    region: str,
    time_zone: str,
    languages: str,
    memberships: str,
    *,
    public: bool = True,
    username: str = "",
) -> DemoPerson:
    """`memberships` reads "slug:capacity slug:capacity"."""
    return DemoPerson(
        email=f"{local}@demo.example.org",
        name=name,
        region=region,
        time_zone=time_zone,
        languages=tuple(languages.split()),
        public=public,
        wikimedia_username=username,
        memberships=tuple(
            (slug, capacity) for slug, _sep, capacity in (item.partition(":") for item in memberships.split())
        ),
    )


PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(
        email=ADMIN_EMAIL,
        name="Demo Admin",
        region=R.GLOBAL,
        time_zone="UTC",
        languages=("en",),
        memberships=(("wikimedia-demo-foundation", Capacity.ORGANIZER),),
        staff=True,
    ),
    DemoPerson(
        email=ORGANIZER_EMAIL,
        name="Demo Organizer",
        region=R.SSA,
        time_zone="Africa/Nairobi",
        languages=("en", "sw"),
        public=True,
        memberships=(
            ("wikimedia-kilimarani", Capacity.ORGANIZER),
            ("sub-saharan-africa-demo-hub", Capacity.HUB_COORDINATOR),
        ),
    ),
    # Sub-Saharan Africa
    _person(
        "amara.nwosu",
        "Amara Nwosu",
        R.SSA,
        "Africa/Lagos",
        "en ig yo",
        "community-radio-network-demo:organizer women-in-wikimedia-demo-network:member",
        username="Amara Nwosu (demo)",
    ),
    _person(
        "kwame.mensah",
        "Kwame Mensah",
        R.SSA,
        "Africa/Accra",
        "en",
        "ziwa-kuu-wikimedians:organizer sub-saharan-africa-demo-hub:hub_coordinator",
    ),
    _person(
        "fatou.diallo",
        "Fatou Diallo",
        R.SSA,
        "Africa/Dakar",
        "fr wo",
        "wikimedia-savane-bleue:organizer small-languages-demo-hub:member",
        username="Fatou Diallo (demo)",
    ),
    _person(
        "thandiwe.dlamini",
        "Thandiwe Dlamini",
        R.SSA,
        "Africa/Johannesburg",
        "zu xh en",
        "ilanga-wikimedians:organizer",
        public=False,
    ),
    _person(
        "juma.mwakalinga",
        "Juma Mwakalinga",
        R.SSA,
        "Africa/Dar_es_Salaam",
        "sw en",
        "wikimedia-kilimarani:member ziwa-kuu-wikimedians:member",
    ),
    _person(
        "hirut.alemu",
        "Hirut Alemu",
        R.SSA,
        "Africa/Addis_Ababa",
        "am en",
        "wikimedia-kilimarani:member open-medicine-demo-society:member",
        public=False,
    ),
    # Middle East and North Africa
    _person(
        "layla.haddad",
        "Layla Haddad",
        R.MENA,
        "Asia/Amman",
        "ar en",
        "wikimedia-wadi-nur:organizer wadi-nur-library-volunteers:member",
        username="Layla Haddad (demo)",
    ),
    _person(
        "youssef.benali",
        "Youssef Benali",
        R.MENA,
        "Africa/Casablanca",
        "ar fr kab",
        "zaytuna-wikimedians:organizer mena-demo-hub:hub_coordinator",
    ),
    _person(
        "dalia.mansour",
        "Dalia Mansour",
        R.MENA,
        "Africa/Cairo",
        "ar en",
        "wadi-nur-library-volunteers:organizer mena-demo-hub:member",
        public=False,
    ),
    _person(
        "arash.karimi",
        "Arash Karimi",
        R.MENA,
        "Asia/Tehran",
        "fa en",
        "demo-affiliations-committee:member",
        public=False,
    ),
    # Latin America and the Caribbean
    _person(
        "lucia.fernandez",
        "Lucía Fernández",
        R.LAC,
        "America/Argentina/Buenos_Aires",
        "es en",
        "rio-claro-wikimedians:organizer lac-demo-hub:hub_coordinator women-in-wikimedia-demo-network:member",
        username="Lucía Fernández (demo)",
    ),
    _person(
        "joao.pereira",
        "João Pereira",
        R.LAC,
        "America/Sao_Paulo",
        "pt-br es",
        "wikimedia-vale-verde:organizer free-software-collective-demo:member",
    ),
    _person(
        "ana.quispe",
        "Ana Quispe Mamani",
        R.LAC,
        "America/Lima",
        "es qu",
        "wikimedia-serrania:organizer small-languages-demo-hub:hub_coordinator",
    ),
    _person(
        "mateo.rojas",
        "Mateo Rojas",
        R.LAC,
        "America/Bogota",
        "es",
        "free-software-collective-demo:organizer",
        public=False,
    ),
    _person(
        "marie-claire.joseph",
        "Marie-Claire Joseph",
        R.LAC,
        "America/Port-au-Prince",
        "ht fr",
        "port-brise-wikimedians:organizer",
    ),
    # Central and Eastern Europe
    _person(
        "ewa.kowalska",
        "Ewa Kowalska",
        R.CEE,
        "Europe/Warsaw",
        "pl en",
        "wikimedia-varenka:organizer cee-demo-hub:hub_coordinator",
    ),
    _person(
        "oleksandr.bondarenko",
        "Oleksandr Bondarenko",
        R.CEE,
        "Europe/Kyiv",
        "uk en",
        "open-heritage-demo-hub:hub_coordinator cee-demo-hub:member",
        public=False,
    ),
    _person(
        "ilona.varga",
        "Ilona Varga",
        R.CEE,
        "Europe/Budapest",
        "hu en",
        "riverbend-wikimedians:organizer",
    ),
    _person(
        "jana.novakova",
        "Jana Nováková",
        R.CEE,
        "Europe/Bratislava",
        "sk cs",
        "wikimedia-zlatovia:organizer open-heritage-demo-hub:member",
    ),
    # East, Southeast Asia and the Pacific
    _person(
        "aiko.tanaka",
        "Aiko Tanaka",
        R.ESEAP,
        "Asia/Tokyo",
        "ja en",
        "eseap-demo-hub:hub_coordinator open-data-alliance-demo:member",
        username="Aiko Tanaka (demo)",
    ),
    _person(
        "nguyen.thi.lan",
        "Nguyễn Thị Lan",
        R.ESEAP,
        "Asia/Ho_Chi_Minh",
        "vi en",
        "women-in-wikimedia-demo-network:organizer",
        public=False,
    ),
    _person(
        "siti.rahmawati",
        "Siti Rahmawati",
        R.ESEAP,
        "Asia/Jakarta",
        "id jv",
        "wikimedia-tanjung-selatan:organizer pulau-lestari-wikimedians:member",
    ),
    _person(
        "nurul.aisyah",
        "Nurul Aisyah",
        R.ESEAP,
        "Asia/Kuala_Lumpur",
        "ms en",
        "pulau-lestari-wikimedians:organizer",
    ),
    _person(
        "mele.fifita",
        "Mele Fifita",
        R.ESEAP,
        "Pacific/Tongatapu",
        "to en",
        "wikimedia-coralia:organizer",
    ),
    _person(
        "chen.wei",
        "Chen Wei",
        R.ESEAP,
        "Asia/Taipei",
        "zh-hant en",
        "open-data-alliance-demo:organizer",
        public=False,
    ),
    # South Asia
    _person(
        "priya.raman",
        "Priya Raman",
        R.SA,
        "Asia/Kolkata",
        "ta en hi",
        "south-asia-demo-hub:hub_coordinator open-medicine-demo-society:organizer",
        username="Priya Raman (demo)",
    ),
    _person(
        "farhan.chowdhury",
        "Farhan Chowdhury",
        R.SA,
        "Asia/Dhaka",
        "bn en",
        "wikimedia-sundarvan:organizer sundarvan-students-wiki-club:organizer",
    ),
    _person(
        "sunita.thapa",
        "Sunita Thapa",
        R.SA,
        "Asia/Kathmandu",
        "ne en",
        "meghpur-wikimedians:organizer south-asia-demo-hub:member",
        public=False,
    ),
    # Northern and Western Europe
    _person(
        "ingrid.solberg",
        "Ingrid Solberg",
        R.NWE,
        "Europe/Oslo",
        "nb en",
        "wikimedia-nordlandia:organizer nordlandia-edit-a-thon-circle:member",
        username="Ingrid Solberg (demo)",
    ),
    _person(
        "pieter.de.vries",
        "Pieter de Vries",
        R.NWE,
        "Europe/Amsterdam",
        "nl en de",
        "wikimedia-aubeterre:member open-heritage-demo-hub:member",
        public=False,
    ),
    _person(
        "claire.dubois",
        "Claire Dubois",
        R.NWE,
        "Europe/Brussels",
        "fr nl",
        "wikimedia-aubeterre:organizer lingua-viva-demo-association:member",
    ),
    _person(
        "marta.puig",
        "Marta Puig",
        R.NWE,
        "Europe/Madrid",
        "ca es fr",
        "lingua-viva-demo-association:organizer",
    ),
    _person(
        "sean.obriain",
        "Seán Ó Briain",
        R.NWE,
        "Europe/Dublin",
        "ga en",
        "demo-leadership-development-committee:organizer nordlandia-edit-a-thon-circle:organizer",
    ),
    _person(
        "mette.hansen",
        "Mette Hansen",
        R.NWE,
        "Europe/Copenhagen",
        "da en",
        "havnby-wikimedians:organizer",
        public=False,
    ),
    # North America
    _person(
        "grace.whitfield",
        "Grace Whitfield",
        R.NA,
        "America/Toronto",
        "en fr",
        "wikimedia-pinecrest:organizer open-education-demo-hub:hub_coordinator",
    ),
    _person(
        "marisol.guzman",
        "Marisol Guzmán",
        R.NA,
        "America/Chicago",
        "es en",
        "prairie-hollow-wikimedians:organizer",
    ),
    _person(
        "jordan.lee",
        "Jordan Lee",
        R.NA,
        "America/Los_Angeles",
        "en ko",
        "demo-affiliations-committee:organizer wikimedia-demo-foundation:member "
        "demo-leadership-development-committee:member",
        public=False,
    ),
)


@dataclass(frozen=True)
class DemoRequest:
    """A pending request to join (by `person`) or invitation (by `by`, to `email` or `wikimedia_username`)."""

    organization: str
    kind: str
    by: str
    person: str = ""
    email: str = ""
    wikimedia_username: str = ""
    capacity: str = Capacity.MEMBER
    message: str = ""


REQUESTS: tuple[DemoRequest, ...] = (
    DemoRequest(
        organization="wikimedia-kilimarani",
        kind=MembershipRequestKind.REQUEST,
        by="amara.nwosu@demo.example.org",
        person="amara.nwosu@demo.example.org",
        message="I would like to help with the mentoring programme for new organizers.",
    ),
    DemoRequest(
        organization="mena-demo-hub",
        kind=MembershipRequestKind.REQUEST,
        by="arash.karimi@demo.example.org",
        person="arash.karimi@demo.example.org",
        message="I can help translate the hub's training materials into Persian.",
    ),
    DemoRequest(
        organization="wikimedia-kilimarani",
        kind=MembershipRequestKind.INVITATION,
        by=ORGANIZER_EMAIL,
        email="new.volunteer@demo.example.org",
        message="Welcome! We meet online every second Thursday.",
    ),
    DemoRequest(
        organization="wikimedia-nordlandia",
        kind=MembershipRequestKind.INVITATION,
        by="ingrid.solberg@demo.example.org",
        person="pieter.de.vries@demo.example.org",
        email="pieter.de.vries@demo.example.org",
        capacity=Capacity.ORGANIZER,
        message="Would you join our board as a second organizer?",
    ),
    DemoRequest(
        organization="rio-claro-wikimedians",
        kind=MembershipRequestKind.INVITATION,
        by="lucia.fernandez@demo.example.org",
        person="aiko.tanaka@demo.example.org",
        wikimedia_username="Aiko Tanaka (demo)",
        message="Join us for the March edit-a-thon!",
    ),
)


# --- The steps -------------------------------------------------------------------------------------


def _all_language_codes() -> list[str]:
    codes = {code for org in ORGANIZATIONS for code in org.languages}
    codes |= {code for person in PEOPLE for code in person.languages}
    return sorted(codes)


def seed_regions(ctx: DemoContext) -> Iterator[None]:
    """The regions come with a migration; this only restores one that went missing."""
    for order, code in enumerate(RegionCode.values):
        _region, created = Region.objects.get_or_create(code=code, defaults={"order": order})
        ctx.created["regions"] += created
        yield


def seed_languages(ctx: DemoContext) -> Iterator[None]:
    """The languages the demo uses; the ones Django has no name for are created here."""
    existing = set(Language.objects.values_list("code", flat=True))
    for code in _all_language_codes():
        if code not in existing:
            Language.objects.create(code=code)
            ctx.created["languages"] += 1
        yield


def seed_organizations(ctx: DemoContext) -> Iterator[None]:
    """The organisations, approved and active, with their names and descriptions in every language.

    Created directly rather than through organization_propose and organization_decide: those tell staff
    and the proposer by email, and seeding queues no email.
    """
    existing = {
        org.slug: org for org in Organization.objects.filter(slug__in=[o.slug for o in ORGANIZATIONS])
    }
    regions = {region.code: region for region in Region.objects.all()}
    languages = {
        language.code: language for language in Language.objects.filter(code__in=_all_language_codes())
    }
    for data in ORGANIZATIONS:
        organization = existing.get(data.slug)
        if organization is None:
            fields: dict[str, Any] = {}
            for language in CONTENT_LANGUAGES:
                fields[build_localized_fieldname("name", language)] = data.name[language]
                fields[build_localized_fieldname("description", language)] = data.description(language)
            organization = Organization(
                slug=data.slug,
                kind=data.kind,
                status=OrganizationStatus.APPROVED,
                region=regions[data.region],
                countries=",".join(data.countries),
                website=data.website,
                **fields,
            )
            organization.full_clean()
            organization.save()
            organization.languages.set([languages[code] for code in data.languages])
            ctx.created["organisations"] += 1
        ctx.organizations[data.slug] = organization
        yield


def seed_hub_links(ctx: DemoContext) -> Iterator[None]:
    """Regional hubs serve the affiliates of their region; thematic hubs serve a few across regions."""
    existing = set(Organization.objects.filter(hubs__isnull=False).values_list("pk", "hubs"))
    for slug, hub_slugs in hub_links().items():
        organization = ctx.organization(slug)
        missing = [ctx.organization(hub) for hub in hub_slugs]
        missing = [hub for hub in missing if (organization.pk, hub.pk) not in existing]
        if missing:
            organization.hubs.add(*missing)
            ctx.created["hub links"] += len(missing)
        yield


def _username_for(email: str) -> str:
    base = email.split("@")[0][:140]
    username, n = base, 2
    while User.objects.filter(username=username).exists():
        username, n = f"{base}-{n}", n + 1
    return username


def seed_people(ctx: DemoContext) -> Iterator[None]:
    """The demo accounts: verified email, the demo password, and their Person with a filled-in profile."""
    users = {user.email.lower(): user for user in User.objects.filter(email__in=[p.email for p in PEOPLE])}
    verified = set(
        EmailAddress.objects.filter(
            email__in=[p.email for p in PEOPLE], verified=True, primary=True
        ).values_list("email", flat=True)
    )
    regions = {region.code: region for region in Region.objects.all()}
    for data in PEOPLE:
        user = users.get(data.email)
        if user is None:
            user = User(username=_username_for(data.email), email=data.email, password=ctx.password_hash())
            user.is_staff = user.is_superuser = data.staff
            user.save()
            ctx.created["accounts"] += 1
        else:
            changed = []
            if not ctx.has_demo_password(user.password):
                user.password = ctx.password_hash()
                changed.append("password")
            if data.staff and not (user.is_staff and user.is_superuser and user.is_active):
                user.is_staff = user.is_superuser = user.is_active = True
                changed += ["is_staff", "is_superuser", "is_active"]
            if changed:
                user.save(update_fields=changed)
        if data.email not in verified:
            EmailAddress.objects.update_or_create(
                user=user, email=data.email, defaults={"verified": True, "primary": True}
            )
        had_person = Person.objects.filter(user=user).exists()
        person = services.person_for_user(user=user, display_name=data.name)
        if not had_person:
            username = data.wikimedia_username
            if username and Person.objects.exclude(pk=person.pk).filter(wikimedia_username=username).exists():
                username = ""
            services.person_update(
                person=person,
                display_name=data.name,
                wikimedia_username=username,
                region=regions[data.region],
                time_zone=data.time_zone,
                is_public=data.public,
                languages=Language.objects.filter(code__in=data.languages),
            )
        ctx.people[data.email] = person
        yield


def seed_memberships(ctx: DemoContext) -> Iterator[None]:
    """Who is organizer, hub coordinator or member where; an existing membership keeps its capacity."""
    existing = set(Membership.objects.values_list("person_id", "organization_id"))
    for data in PEOPLE:
        person = ctx.person(data.email)
        for slug, capacity in data.memberships:
            organization = ctx.organization(slug)
            if (person.pk, organization.pk) not in existing:
                Membership.objects.create(person=person, organization=organization, capacity=capacity)
                ctx.created["memberships"] += 1
        yield


def seed_requests(ctx: DemoContext) -> Iterator[None]:
    """A few pending requests to join and invitations, written directly: the services would email them."""
    for data in REQUESTS:
        organization = ctx.organization(data.organization)
        person = ctx.person(data.person) if data.person else None
        key = {
            "organization": organization,
            "kind": data.kind,
            "person": person,
            "email": data.email,
            "wikimedia_username": data.wikimedia_username,
        }
        if not MembershipRequest.objects.filter(**key).exists():
            MembershipRequest.objects.create(
                **key, capacity=data.capacity, message=data.message, created_by=ctx.person(data.by)
            )
            ctx.created["requests and invitations"] += 1
        yield


DEMO_STEPS: list[DemoStep] = [
    DemoStep("Regions", len(RegionCode.values), seed_regions),
    DemoStep("Languages", len(_all_language_codes()), seed_languages),
    DemoStep("Organisations", len(ORGANIZATIONS), seed_organizations),
    DemoStep("Hubs", len(hub_links()), seed_hub_links),
    DemoStep("Accounts", len(PEOPLE), seed_people),
    DemoStep("Memberships", len(PEOPLE), seed_memberships),
    DemoStep("Requests", len(REQUESTS), seed_requests),
    # The registry: competencies, role templates, roles in every organisation, holders, people's levels.
    *(DemoStep(name, size, run) for name, size, run in REGISTRY_STEPS),
]
