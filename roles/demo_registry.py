"""The registry's demo data: competencies, role templates, roles in every demo organisation, their holders
and the competencies of the people who hold them.

Like roles/demo.py, everything here is found again by a natural key before anything is created (slugs for
categories, competencies and templates; organisation + template, or organisation + title, for roles; role +
seat + person + term number for terms; person + competency + source for levels), so a second run creates
nothing, and nothing here queues an email. Dates are relative to the day the command runs
(`timezone.localdate()`), so the demo always has terms ending soon, people past their term limit and seats
falling vacant.

The competencies are real leadership competencies of the movement; they carry no Wikidata or ESCO ids,
because an id is added only when it is known to be right. The organisations, people and roles are fictional.
"""

from __future__ import annotations

import datetime
import zlib
from calendar import monthrange
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from . import services
from .enums import Capacity, CompetencySource, Importance, Level, RoleKind, Selection
from .models import (
    Competency,
    CompetencyCategory,
    CompetencyLevelDescriptor,
    Language,
    Membership,
    Organization,
    Person,
    PersonCompetency,
    Region,
    Role,
    RoleHolder,
    RoleTemplate,
)
from .services.registry import competency_category_save, competency_save, role_template_save

if TYPE_CHECKING:
    from .demo import DemoContext

CONTENT_LANGUAGES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)
DEMO_DOMAIN = "demo.example.org"

Text = Mapping[str, str]  # one text per content language (or, for a role an organisation wrote, a few)


def _text(en: str, fr: str, es: str, pt_br: str, id_: str, ar: str) -> Text:
    return dict(zip(CONTENT_LANGUAGES, (en, fr, es, pt_br, id_, ar), strict=True))


def _localized(field_name: str, text: Text) -> dict[str, str]:
    """{"name_en": ..., "name_fr": ..., "name_ind": ...} for the languages the text is written in."""
    return {build_localized_fieldname(field_name, code): value for code, value in text.items()}


# --- Competencies ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoCategory:
    slug: str
    name: Text
    description: Text


@dataclass(frozen=True)
class DemoCompetency:
    slug: str
    category: str
    name: Text
    description: Text
    parent: str = ""  # slug of the broader competency, listed before this one


CATEGORIES: tuple[DemoCategory, ...] = (
    DemoCategory(
        "governance",
        _text("Governance", "Gouvernance", "Gobernanza", "Governança", "Tata kelola", "الحوكمة"),
        _text(
            "Running an organisation accountably: boards, bylaws, elections, legal duties and ethics.",
            "Diriger une organisation de manière responsable : conseil d'administration, statuts, élections, "
            "obligations légales et éthique.",
            "Dirigir una organización con responsabilidad: junta directiva, estatutos, elecciones, "
            "obligaciones legales y ética.",
            "Conduzir uma organização com responsabilidade: conselho, estatuto, eleições, obrigações legais "
            "e ética.",
            "Menjalankan organisasi secara akuntabel: dewan pengurus, anggaran dasar, pemilihan, kewajiban "
            "hukum, dan etika.",
            "إدارة المنظمة بمسؤولية وشفافية: مجلس الإدارة والنظام الأساسي والانتخابات والالتزامات القانونية "
            "والأخلاقيات.",
        ),
    ),
    DemoCategory(
        "strategy",
        _text("Strategy", "Stratégie", "Estrategia", "Estratégia", "Strategi", "الاستراتيجية"),
        _text(
            "Setting direction: plans and priorities, the evaluation of programmes and the management of risk.",
            "Donner une direction : plans et priorités, évaluation des programmes et gestion des risques.",
            "Marcar el rumbo: planes y prioridades, evaluación de programas y gestión de riesgos.",
            "Definir rumos: planos e prioridades, avaliação de programas e gestão de riscos.",
            "Menetapkan arah: rencana dan prioritas, evaluasi program, serta pengelolaan risiko.",
            "تحديد الاتجاه: الخطط والأولويات وتقييم البرامج وإدارة المخاطر.",
        ),
    ),
    DemoCategory(
        "community-building",
        _text(
            "Community building",
            "Développement de la communauté",
            "Construcción de comunidad",
            "Construção de comunidade",
            "Membangun komunitas",
            "بناء المجتمع",
        ),
        _text(
            "Growing and caring for a volunteer community: recruiting, welcoming, mentoring and keeping "
            "people well.",
            "Faire grandir une communauté bénévole et en prendre soin : recruter, accueillir, accompagner "
            "et veiller au bien-être de chacun.",
            "Hacer crecer una comunidad voluntaria y cuidarla: reclutar, acoger, acompañar y velar por el "
            "bienestar de las personas.",
            "Fazer crescer uma comunidade voluntária e cuidar dela: recrutar, acolher, orientar e zelar pelo "
            "bem-estar das pessoas.",
            "Menumbuhkan dan merawat komunitas sukarelawan: merekrut, menyambut, membimbing, dan menjaga "
            "kesejahteraan anggotanya.",
            "تنمية مجتمع المتطوعين ورعايته: الاستقطاب والترحيب والإرشاد والحفاظ على رفاه أفراده.",
        ),
    ),
    DemoCategory(
        "facilitation-and-conflict-resolution",
        _text(
            "Facilitation and conflict resolution",
            "Facilitation et résolution des conflits",
            "Facilitación y resolución de conflictos",
            "Facilitação e resolução de conflitos",
            "Fasilitasi dan penyelesaian konflik",
            "التيسير وحل النزاعات",
        ),
        _text(
            "Helping groups talk, decide and disagree well, and resolving conflicts fairly.",
            "Aider les groupes à dialoguer, à décider et à exprimer leurs désaccords sereinement, et "
            "résoudre les conflits avec équité.",
            "Ayudar a los grupos a dialogar, decidir y discrepar de forma constructiva, y resolver los "
            "conflictos con equidad.",
            "Ajudar grupos a dialogar, decidir e discordar de forma construtiva, e resolver conflitos com "
            "justiça.",
            "Membantu kelompok berdialog, mengambil keputusan, dan berbeda pendapat dengan baik, serta "
            "menyelesaikan konflik secara adil.",
            "مساعدة المجموعات على الحوار واتخاذ القرار والاختلاف بشكل بنّاء، وحل النزاعات بإنصاف.",
        ),
    ),
    DemoCategory(
        "finance-and-fundraising",
        _text(
            "Finance and fundraising",
            "Finances et collecte de fonds",
            "Finanzas y recaudación de fondos",
            "Finanças e captação de recursos",
            "Keuangan dan penggalangan dana",
            "المالية وجمع التبرعات",
        ),
        _text(
            "Managing money responsibly and raising the resources the work needs.",
            "Gérer l'argent de façon responsable et réunir les ressources dont le travail a besoin.",
            "Gestionar el dinero con responsabilidad y conseguir los recursos que el trabajo necesita.",
            "Gerir o dinheiro com responsabilidade e captar os recursos de que o trabalho precisa.",
            "Mengelola uang secara bertanggung jawab dan menghimpun sumber daya yang dibutuhkan kegiatan.",
            "إدارة الأموال بمسؤولية وحشد الموارد التي يحتاجها العمل.",
        ),
    ),
    DemoCategory(
        "partnerships-and-advocacy",
        _text(
            "Partnerships and advocacy",
            "Partenariats et plaidoyer",
            "Alianzas e incidencia",
            "Parcerias e incidência política",
            "Kemitraan dan advokasi",
            "الشراكات والمناصرة",
        ),
        _text(
            "Working with museums, libraries, schools and public bodies, and speaking up for free knowledge.",
            "Travailler avec les musées, les bibliothèques, les écoles et les pouvoirs publics, et défendre "
            "le libre accès au savoir.",
            "Trabajar con museos, bibliotecas, escuelas y organismos públicos, y defender el conocimiento "
            "libre.",
            "Trabalhar com museus, bibliotecas, escolas e órgãos públicos, e defender o conhecimento livre.",
            "Bekerja sama dengan museum, perpustakaan, sekolah, dan lembaga publik, serta memperjuangkan "
            "pengetahuan bebas.",
            "العمل مع المتاحف والمكتبات والمدارس والهيئات العامة، والدفاع عن المعرفة الحرة.",
        ),
    ),
    DemoCategory(
        "communication",
        _text("Communication", "Communication", "Comunicación", "Comunicação", "Komunikasi", "التواصل"),
        _text(
            "Telling the story of the work to members, partners, the media and the public, in several "
            "languages.",
            "Faire connaître le travail accompli aux membres, aux partenaires, aux médias et au public, en "
            "plusieurs langues.",
            "Dar a conocer el trabajo a las personas socias, a las entidades aliadas, a los medios y al "
            "público, en varios idiomas.",
            "Divulgar o trabalho para membros, parceiros, imprensa e público, em vários idiomas.",
            "Menyampaikan kisah kegiatan kepada anggota, mitra, media, dan publik dalam beberapa bahasa.",
            "رواية قصة العمل للأعضاء والشركاء ووسائل الإعلام والجمهور بعدة لغات.",
        ),
    ),
    DemoCategory(
        "technical-and-data",
        _text(
            "Technical and data",
            "Technique et données",
            "Técnica y datos",
            "Técnica e dados",
            "Teknis dan data",
            "التقنية والبيانات",
        ),
        _text(
            "The wikis, Wikidata, tools and data, and keeping people's information safe.",
            "Les wikis, Wikidata, les outils et les données, et la protection des informations personnelles.",
            "Los wikis, Wikidata, las herramientas y los datos, y la protección de la información personal.",
            "Os wikis, o Wikidata, as ferramentas e os dados, e a proteção das informações pessoais.",
            "Wiki, Wikidata, perkakas, dan data, serta menjaga keamanan informasi pribadi.",
            "الويكيات وويكي بيانات والأدوات والبيانات، وحماية المعلومات الشخصية.",
        ),
    ),
)


def _competency(slug: str, category: str, name: Text, description: Text, parent: str = "") -> DemoCompetency:
    return DemoCompetency(slug=slug, category=category, name=name, description=description, parent=parent)


COMPETENCIES: tuple[DemoCompetency, ...] = (
    # --- Governance --------------------------------------------------------------------------------
    _competency(
        "board-governance",
        "governance",
        _text(
            "Board governance",
            "Gouvernance du conseil d'administration",
            "Gobierno de la junta directiva",
            "Governança do conselho",
            "Tata kelola dewan pengurus",
            "حوكمة مجلس الإدارة",
        ),
        _text(
            "Knows the duties of a board and of its members, how a board oversees staff and volunteers, "
            "and how it stays accountable to members.",
            "Connaît les devoirs d'un conseil d'administration et de ses membres, la manière dont il encadre "
            "salariés et bénévoles, et comment il rend des comptes aux membres.",
            "Conoce los deberes de una junta directiva y de sus miembros, cómo supervisa al personal y al "
            "voluntariado, y cómo rinde cuentas a las personas socias.",
            "Conhece os deveres de um conselho e de seus membros, como ele supervisiona equipe e "
            "voluntários e como presta contas aos associados.",
            "Memahami tugas dewan pengurus dan para anggotanya, cara dewan mengawasi staf dan sukarelawan, "
            "serta cara dewan bertanggung jawab kepada anggota.",
            "يعرف واجبات مجلس الإدارة وأعضائه، وكيف يشرف على الموظفين والمتطوعين، وكيف يظل خاضعًا للمساءلة "
            "أمام الأعضاء.",
        ),
    ),
    _competency(
        "legal-compliance",
        "governance",
        _text(
            "Legal and regulatory compliance",
            "Conformité juridique et réglementaire",
            "Cumplimiento legal y normativo",
            "Conformidade legal e regulatória",
            "Kepatuhan hukum dan regulasi",
            "الامتثال القانوني والتنظيمي",
        ),
        _text(
            "Keeps the organisation within the law of its country: registration, annual filings, contracts, "
            "insurance and the conditions of its grants.",
            "Veille à ce que l'organisation respecte le droit de son pays : enregistrement, déclarations "
            "annuelles, contrats, assurances et conditions de ses subventions.",
            "Mantiene a la organización dentro de la ley de su país: registro, declaraciones anuales, "
            "contratos, seguros y condiciones de sus subvenciones.",
            "Mantém a organização dentro da lei de seu país: registro, declarações anuais, contratos, "
            "seguros e condições de seus financiamentos.",
            "Menjaga organisasi tetap taat pada hukum negaranya: pendaftaran, laporan tahunan, kontrak, "
            "asuransi, dan ketentuan hibah yang diterima.",
            "يحرص على التزام المنظمة بقوانين بلدها: التسجيل والإقرارات السنوية والعقود والتأمين وشروط المنح "
            "التي تحصل عليها.",
        ),
        parent="board-governance",
    ),
    _competency(
        "meeting-chairing",
        "governance",
        _text(
            "Chairing meetings",
            "Présidence de réunions",
            "Presidir reuniones",
            "Presidir reuniões",
            "Memimpin rapat",
            "رئاسة الاجتماعات",
        ),
        _text(
            "Prepares agendas, keeps a meeting to time and to its purpose, makes sure every voice is heard "
            "and that decisions are recorded.",
            "Prépare l'ordre du jour, tient les délais et l'objet de la réunion, veille à ce que chacun "
            "puisse s'exprimer et à ce que les décisions soient consignées.",
            "Prepara el orden del día, ajusta la reunión al tiempo y al objetivo, se asegura de que todas "
            "las voces se escuchen y de que las decisiones queden registradas.",
            "Prepara a pauta, mantém a reunião no horário e no objetivo, garante que todas as vozes sejam "
            "ouvidas e que as decisões fiquem registradas.",
            "Menyusun agenda, menjaga rapat tetap tepat waktu dan sesuai tujuan, memastikan setiap suara "
            "didengar, dan keputusan dicatat.",
            "يُعدّ جدول الأعمال ويلتزم بوقت الاجتماع وغايته، ويحرص على سماع كل الأصوات وتدوين القرارات.",
        ),
        parent="board-governance",
    ),
    _competency(
        "policy-writing",
        "governance",
        _text(
            "Writing bylaws and policies",
            "Rédaction de statuts et de règlements",
            "Redacción de estatutos y políticas",
            "Redação de estatutos e políticas",
            "Penyusunan anggaran dasar dan kebijakan",
            "صياغة الأنظمة الأساسية والسياسات",
        ),
        _text(
            "Drafts and updates bylaws, codes of conduct and internal policies in clear language, and "
            "consults members before they are adopted.",
            "Rédige et met à jour les statuts, les codes de conduite et les règlements internes dans une "
            "langue claire, et consulte les membres avant leur adoption.",
            "Redacta y actualiza estatutos, códigos de conducta y políticas internas en un lenguaje claro, y "
            "consulta a las personas socias antes de aprobarlos.",
            "Redige e atualiza estatutos, códigos de conduta e políticas internas em linguagem clara, e "
            "consulta os associados antes de sua adoção.",
            "Menyusun dan memperbarui anggaran dasar, kode etik, dan kebijakan internal dengan bahasa yang "
            "jelas, serta meminta masukan anggota sebelum disahkan.",
            "يصوغ الأنظمة الأساسية ومدونات السلوك والسياسات الداخلية ويحدّثها بلغة واضحة، ويستشير الأعضاء "
            "قبل اعتمادها.",
        ),
    ),
    _competency(
        "elections-and-voting",
        "governance",
        _text(
            "Running elections",
            "Organisation d'élections",
            "Organización de elecciones",
            "Organização de eleições",
            "Penyelenggaraan pemilihan",
            "تنظيم الانتخابات",
        ),
        _text(
            "Organises fair, secret and well-announced elections and votes, online or in person, and "
            "publishes the results.",
            "Organise des élections et des votes équitables, à bulletin secret et bien annoncés, en ligne ou "
            "en présentiel, et en publie les résultats.",
            "Organiza elecciones y votaciones justas, secretas y bien anunciadas, en línea o presenciales, y "
            "publica los resultados.",
            "Organiza eleições e votações justas, secretas e bem divulgadas, on-line ou presenciais, e "
            "publica os resultados.",
            "Menyelenggarakan pemilihan dan pemungutan suara yang adil, rahasia, dan diumumkan dengan baik, "
            "secara daring maupun tatap muka, lalu mengumumkan hasilnya.",
            "ينظّم انتخابات وعمليات تصويت نزيهة وسرية ومُعلنة جيدًا، عبر الإنترنت أو حضوريًا، وينشر نتائجها.",
        ),
    ),
    _competency(
        "ethics-and-conflicts-of-interest",
        "governance",
        _text(
            "Ethics and conflicts of interest",
            "Éthique et conflits d'intérêts",
            "Ética y conflictos de interés",
            "Ética e conflitos de interesse",
            "Etika dan konflik kepentingan",
            "الأخلاقيات وتضارب المصالح",
        ),
        _text(
            "Recognises conflicts of interest, declares them and steps aside from decisions, and helps "
            "others do the same.",
            "Repère les conflits d'intérêts, les déclare et se retire des décisions concernées, et aide les "
            "autres à faire de même.",
            "Reconoce los conflictos de interés, los declara y se aparta de las decisiones afectadas, y "
            "ayuda a otras personas a hacer lo mismo.",
            "Reconhece conflitos de interesse, declara-os e se afasta das decisões afetadas, e ajuda outras "
            "pessoas a fazer o mesmo.",
            "Mengenali konflik kepentingan, menyatakannya dan mundur dari keputusan terkait, serta membantu "
            "orang lain melakukan hal yang sama.",
            "يتعرّف على حالات تضارب المصالح ويُفصح عنها ويتنحّى عن القرارات المتأثرة بها، ويساعد الآخرين على "
            "فعل الشيء نفسه.",
        ),
    ),
    # --- Strategy ----------------------------------------------------------------------------------
    _competency(
        "strategic-planning",
        "strategy",
        _text(
            "Strategic planning",
            "Planification stratégique",
            "Planificación estratégica",
            "Planejamento estratégico",
            "Perencanaan strategis",
            "التخطيط الاستراتيجي",
        ),
        _text(
            "Turns a shared vision into a plan for several years, with priorities, milestones and the "
            "resources each goal needs.",
            "Traduit une vision commune en un plan pluriannuel, avec des priorités, des étapes et les "
            "ressources nécessaires à chaque objectif.",
            "Convierte una visión compartida en un plan plurianual, con prioridades, hitos y los recursos "
            "que necesita cada objetivo.",
            "Transforma uma visão compartilhada em um plano plurianual, com prioridades, marcos e os "
            "recursos de que cada objetivo precisa.",
            "Mengubah visi bersama menjadi rencana beberapa tahun, lengkap dengan prioritas, tonggak "
            "capaian, dan sumber daya yang dibutuhkan setiap tujuan.",
            "يحوّل الرؤية المشتركة إلى خطة متعددة السنوات، بأولويات ومحطات والموارد التي يحتاجها كل هدف.",
        ),
    ),
    _competency(
        "programme-evaluation",
        "strategy",
        _text(
            "Programme design and evaluation",
            "Conception et évaluation de programmes",
            "Diseño y evaluación de programas",
            "Desenho e avaliação de programas",
            "Perancangan dan evaluasi program",
            "تصميم البرامج وتقييمها",
        ),
        _text(
            "Designs programmes with clear goals, measures what they achieve and learns from the results.",
            "Conçoit des programmes aux objectifs clairs, mesure leurs effets et tire les leçons des "
            "résultats.",
            "Diseña programas con objetivos claros, mide lo que logran y aprende de los resultados.",
            "Desenha programas com objetivos claros, mede o que eles alcançam e aprende com os resultados.",
            "Merancang program dengan tujuan yang jelas, mengukur capaiannya, dan belajar dari hasilnya.",
            "يصمّم برامج ذات أهداف واضحة، ويقيس ما تحققه، ويتعلّم من نتائجها.",
        ),
    ),
    _competency(
        "risk-management",
        "strategy",
        _text(
            "Risk management",
            "Gestion des risques",
            "Gestión de riesgos",
            "Gestão de riscos",
            "Manajemen risiko",
            "إدارة المخاطر",
        ),
        _text(
            "Identifies what could go wrong — legal, financial, safety or reputational — and plans how to "
            "prevent or respond to it.",
            "Repère ce qui pourrait mal tourner — sur le plan juridique, financier, de la sécurité ou de la "
            "réputation — et prévoit comment l'éviter ou y répondre.",
            "Identifica lo que podría salir mal —en lo legal, lo financiero, la seguridad o la reputación— y "
            "planifica cómo prevenirlo o responder.",
            "Identifica o que pode dar errado — no plano jurídico, financeiro, de segurança ou de reputação "
            "— e planeja como evitar ou responder.",
            "Mengenali hal yang bisa salah — dari sisi hukum, keuangan, keselamatan, atau reputasi — dan "
            "merencanakan cara mencegah atau menanganinya.",
            "يحدّد ما قد يسوء، قانونيًا أو ماليًا أو أمنيًا أو على صعيد السمعة، ويخطّط لتفاديه أو الاستجابة له.",
        ),
    ),
    _competency(
        "change-management",
        "strategy",
        _text(
            "Leading change",
            "Conduite du changement",
            "Gestión del cambio",
            "Gestão de mudanças",
            "Memimpin perubahan",
            "قيادة التغيير",
        ),
        _text(
            "Guides an organisation through a change of structure, leadership or direction while keeping "
            "members informed and involved.",
            "Accompagne une organisation dans un changement de structure, de direction ou d'orientation, en "
            "gardant les membres informés et impliqués.",
            "Guía a una organización en un cambio de estructura, de liderazgo o de rumbo, manteniendo a las "
            "personas socias informadas e implicadas.",
            "Conduz uma organização em uma mudança de estrutura, liderança ou rumo, mantendo os associados "
            "informados e envolvidos.",
            "Memandu organisasi melewati perubahan struktur, kepemimpinan, atau arah, sambil menjaga anggota "
            "tetap mendapat informasi dan terlibat.",
            "يقود المنظمة خلال تغيير في هيكلها أو قيادتها أو توجهها، مع إبقاء الأعضاء على اطلاع ومشاركة.",
        ),
    ),
    _competency(
        "movement-knowledge",
        "strategy",
        _text(
            "Knowledge of the Wikimedia movement",
            "Connaissance du mouvement Wikimédia",
            "Conocimiento del movimiento Wikimedia",
            "Conhecimento do movimento Wikimedia",
            "Pengetahuan tentang gerakan Wikimedia",
            "معرفة حركة ويكيميديا",
        ),
        _text(
            "Knows how the movement is organised — affiliates, hubs, committees, the Foundation — its "
            "strategy, its funding and its ways of deciding together.",
            "Sait comment le mouvement est organisé — affiliés, hubs, comités, la Fondation —, connaît sa "
            "stratégie, son financement et ses façons de décider ensemble.",
            "Sabe cómo se organiza el movimiento —afiliados, centros, comités, la Fundación—, su estrategia, "
            "su financiación y sus formas de decidir en común.",
            "Sabe como o movimento se organiza — afiliados, hubs, comitês, a Fundação —, sua estratégia, seu "
            "financiamento e suas formas de decidir em conjunto.",
            "Memahami cara gerakan ini diorganisasi — afiliasi, hub, komite, Yayasan — beserta strateginya, "
            "pendanaannya, dan cara mengambil keputusan bersama.",
            "يعرف كيف تنتظم الحركة، من منظمات منتسبة ومراكز ولجان والمؤسسة، واستراتيجيتها وتمويلها وطرقها "
            "في اتخاذ القرار المشترك.",
        ),
    ),
    # --- Community building ------------------------------------------------------------------------
    _competency(
        "volunteer-management",
        "community-building",
        _text(
            "Volunteer recruitment and retention",
            "Recrutement et fidélisation des bénévoles",
            "Captación y fidelización del voluntariado",
            "Recrutamento e retenção de voluntários",
            "Perekrutan dan pembinaan sukarelawan",
            "استقطاب المتطوعين والحفاظ عليهم",
        ),
        _text(
            "Finds volunteers, matches them to tasks they enjoy, recognises their work and keeps them "
            "coming back.",
            "Trouve des bénévoles, leur confie des tâches qui leur plaisent, reconnaît leur travail et leur "
            "donne envie de revenir.",
            "Encuentra personas voluntarias, les asigna tareas que disfrutan, reconoce su trabajo y hace que "
            "quieran volver.",
            "Encontra voluntários, atribui a eles tarefas de que gostam, reconhece seu trabalho e faz com "
            "que queiram voltar.",
            "Menemukan sukarelawan, mencocokkan mereka dengan tugas yang mereka sukai, menghargai kerja "
            "mereka, dan membuat mereka ingin kembali.",
            "يجد المتطوعين ويُسند إليهم مهام يستمتعون بها، ويقدّر عملهم، ويجعلهم يرغبون في العودة.",
        ),
    ),
    _competency(
        "onboarding-newcomers",
        "community-building",
        _text(
            "Welcoming newcomers",
            "Accueil des nouveaux venus",
            "Acogida de personas recién llegadas",
            "Acolhimento de recém-chegados",
            "Menyambut pendatang baru",
            "الترحيب بالقادمين الجدد",
        ),
        _text(
            "Helps new editors and members find their way: first edits, community norms and someone to ask.",
            "Aide les nouveaux contributeurs et membres à trouver leur place : premières modifications, "
            "usages de la communauté et une personne à qui poser des questions.",
            "Ayuda a nuevas personas editoras y socias a orientarse: primeras ediciones, normas de la "
            "comunidad y alguien a quien preguntar.",
            "Ajuda novos editores e membros a se orientar: primeiras edições, normas da comunidade e alguém "
            "a quem perguntar.",
            "Membantu penyunting dan anggota baru menemukan jalannya: suntingan pertama, norma komunitas, "
            "dan seseorang untuk ditanyai.",
            "يساعد المحررين والأعضاء الجدد على شقّ طريقهم: التعديلات الأولى وأعراف المجتمع وشخص يمكنهم سؤاله.",
        ),
        parent="volunteer-management",
    ),
    _competency(
        "mentoring",
        "community-building",
        _text("Mentoring", "Mentorat", "Mentoría", "Mentoria", "Pendampingan (mentoring)", "الإرشاد"),
        _text(
            "Accompanies another person over time, shares experience and helps them grow into a role.",
            "Accompagne une autre personne dans la durée, partage son expérience et l'aide à grandir dans "
            "un rôle.",
            "Acompaña a otra persona a lo largo del tiempo, comparte su experiencia y la ayuda a crecer en "
            "una función.",
            "Acompanha outra pessoa ao longo do tempo, compartilha experiência e a ajuda a crescer em uma "
            "função.",
            "Mendampingi orang lain dalam jangka panjang, berbagi pengalaman, dan membantunya berkembang "
            "dalam suatu peran.",
            "يرافق شخصًا آخر على مدى زمني، ويشاركه خبرته، ويساعده على النمو في دوره.",
        ),
    ),
    _competency(
        "inclusion-and-diversity",
        "community-building",
        _text(
            "Diversity, equity and inclusion",
            "Diversité, équité et inclusion",
            "Diversidad, equidad e inclusión",
            "Diversidade, equidade e inclusão",
            "Keberagaman, kesetaraan, dan inklusi",
            "التنوع والإنصاف والشمول",
        ),
        _text(
            "Notices who is missing, removes barriers to taking part and makes spaces safe for people of "
            "every gender, language, origin and ability.",
            "Remarque qui est absent, lève les obstacles à la participation et rend les espaces sûrs pour "
            "les personnes de tout genre, langue, origine et capacité.",
            "Advierte quién falta, elimina barreras para participar y hace que los espacios sean seguros "
            "para personas de todo género, idioma, origen y capacidad.",
            "Percebe quem está ausente, remove barreiras à participação e torna os espaços seguros para "
            "pessoas de todos os gêneros, idiomas, origens e capacidades.",
            "Menyadari siapa yang belum terlibat, menghapus hambatan untuk berpartisipasi, dan menjadikan "
            "ruang aman bagi orang dari segala gender, bahasa, asal, dan kemampuan.",
            "ينتبه إلى الغائبين، ويزيل عوائق المشاركة، ويجعل المساحات آمنة للناس من كل الأجناس واللغات "
            "والأصول والقدرات.",
        ),
    ),
    _competency(
        "event-organising",
        "community-building",
        _text(
            "Organising events",
            "Organisation d'événements",
            "Organización de eventos",
            "Organização de eventos",
            "Penyelenggaraan acara",
            "تنظيم الفعاليات",
        ),
        _text(
            "Plans and runs edit-a-thons, workshops, contests and conferences: venue, budget, programme, "
            "safety and follow-up.",
            "Prépare et anime des ateliers d'écriture, des formations, des concours et des conférences : "
            "lieu, budget, programme, sécurité et suivi.",
            "Planifica y lleva a cabo editatones, talleres, concursos y conferencias: lugar, presupuesto, "
            "programa, seguridad y seguimiento.",
            "Planeja e realiza editatonas, oficinas, concursos e conferências: local, orçamento, "
            "programação, segurança e acompanhamento.",
            "Merencanakan dan menjalankan edit-a-thon, lokakarya, lomba, dan konferensi: tempat, anggaran, "
            "acara, keselamatan, dan tindak lanjut.",
            "يخطّط لماراثونات التحرير وورش العمل والمسابقات والمؤتمرات وينفّذها: المكان والميزانية والبرنامج "
            "والسلامة والمتابعة.",
        ),
    ),
    _competency(
        "volunteer-wellbeing",
        "community-building",
        _text(
            "Volunteer wellbeing and burnout prevention",
            "Bien-être des bénévoles et prévention de l'épuisement",
            "Bienestar del voluntariado y prevención del agotamiento",
            "Bem-estar dos voluntários e prevenção do esgotamento",
            "Kesejahteraan sukarelawan dan pencegahan kelelahan",
            "رفاه المتطوعين والوقاية من الإرهاق",
        ),
        _text(
            "Spots overload early, shares work out, plans handovers and makes it normal to step back and "
            "rest.",
            "Repère tôt la surcharge, répartit le travail, prépare les passations et fait du retrait et du "
            "repos quelque chose de normal.",
            "Detecta pronto la sobrecarga, reparte el trabajo, planifica los relevos y normaliza dar un "
            "paso atrás y descansar.",
            "Percebe cedo a sobrecarga, divide o trabalho, planeja as passagens de função e torna normal "
            "dar um passo atrás e descansar.",
            "Mengenali beban berlebih sejak dini, membagi pekerjaan, merencanakan serah terima, dan "
            "menjadikan mundur sejenak dan beristirahat sebagai hal yang wajar.",
            "يكتشف الإرهاق مبكرًا، ويوزّع العمل، ويخطّط لتسليم المهام، ويجعل التنحّي والراحة أمرًا طبيعيًا.",
        ),
    ),
    # --- Facilitation and conflict resolution ------------------------------------------------------
    _competency(
        "facilitation",
        "facilitation-and-conflict-resolution",
        _text("Facilitation", "Facilitation", "Facilitación", "Facilitação", "Fasilitasi", "التيسير"),
        _text(
            "Designs and leads sessions, online or in a room, in which a group thinks, learns and decides "
            "together.",
            "Conçoit et anime des séances, en ligne ou en salle, où un groupe réfléchit, apprend et décide "
            "ensemble.",
            "Diseña y dirige sesiones, en línea o presenciales, en las que un grupo piensa, aprende y decide "
            "en conjunto.",
            "Desenha e conduz sessões, on-line ou presenciais, em que um grupo pensa, aprende e decide em "
            "conjunto.",
            "Merancang dan memandu sesi, daring atau tatap muka, tempat sebuah kelompok berpikir, belajar, "
            "dan memutuskan bersama.",
            "يصمّم جلسات ويديرها، عبر الإنترنت أو حضوريًا، تفكّر فيها المجموعة وتتعلّم وتقرّر معًا.",
        ),
    ),
    _competency(
        "consensus-building",
        "facilitation-and-conflict-resolution",
        _text(
            "Consensus building",
            "Recherche du consensus",
            "Construcción de consensos",
            "Construção de consenso",
            "Membangun konsensus",
            "بناء التوافق",
        ),
        _text(
            "Brings people with different views to a decision they can all support, as wiki communities do "
            "every day.",
            "Amène des personnes aux points de vue différents à une décision que toutes peuvent soutenir, "
            "comme le font chaque jour les communautés wiki.",
            "Lleva a personas con opiniones distintas a una decisión que todas puedan apoyar, como hacen "
            "cada día las comunidades wiki.",
            "Leva pessoas com opiniões diferentes a uma decisão que todas possam apoiar, como as "
            "comunidades wiki fazem todos os dias.",
            "Membawa orang-orang dengan pandangan berbeda pada keputusan yang dapat didukung semua pihak, "
            "seperti yang dilakukan komunitas wiki setiap hari.",
            "يقود أشخاصًا ذوي آراء مختلفة إلى قرار يمكنهم جميعًا دعمه، كما تفعل مجتمعات الويكي كل يوم.",
        ),
        parent="facilitation",
    ),
    _competency(
        "conflict-resolution",
        "facilitation-and-conflict-resolution",
        _text(
            "Conflict resolution and mediation",
            "Résolution des conflits et médiation",
            "Resolución de conflictos y mediación",
            "Resolução de conflitos e mediação",
            "Penyelesaian konflik dan mediasi",
            "حل النزاعات والوساطة",
        ),
        _text(
            "Listens to every side, calms tensions and helps people in a dispute find an agreement they can "
            "live with.",
            "Écoute toutes les parties, apaise les tensions et aide les personnes en désaccord à trouver un "
            "accord acceptable pour chacune.",
            "Escucha a todas las partes, calma las tensiones y ayuda a las personas en disputa a encontrar "
            "un acuerdo aceptable.",
            "Ouve todos os lados, acalma as tensões e ajuda as pessoas em disputa a encontrar um acordo "
            "aceitável.",
            "Mendengarkan semua pihak, meredakan ketegangan, dan membantu pihak yang berselisih menemukan "
            "kesepakatan yang dapat mereka terima.",
            "يستمع إلى جميع الأطراف، ويهدّئ التوترات، ويساعد المتنازعين على الوصول إلى اتفاق يقبلونه.",
        ),
    ),
    _competency(
        "code-of-conduct-enforcement",
        "facilitation-and-conflict-resolution",
        _text(
            "Handling code of conduct reports",
            "Traitement des signalements au titre du code de conduite",
            "Gestión de denuncias por el código de conducta",
            "Tratamento de denúncias do código de conduta",
            "Menangani laporan pelanggaran kode etik",
            "معالجة البلاغات المتعلقة بمدونة السلوك",
        ),
        _text(
            "Receives reports of harassment or abuse confidentially, investigates fairly, protects the "
            "people involved and follows through.",
            "Reçoit en toute confidentialité les signalements de harcèlement ou d'abus, enquête avec "
            "équité, protège les personnes concernées et assure le suivi.",
            "Recibe con confidencialidad las denuncias de acoso o abuso, investiga con imparcialidad, "
            "protege a las personas implicadas y da seguimiento.",
            "Recebe com sigilo denúncias de assédio ou abuso, investiga com imparcialidade, protege as "
            "pessoas envolvidas e acompanha o caso até o fim.",
            "Menerima laporan pelecehan atau penyalahgunaan secara rahasia, menyelidiki dengan adil, "
            "melindungi orang-orang yang terlibat, dan menuntaskannya.",
            "يتلقّى بلاغات التحرش أو الإساءة بسرية، ويحقق فيها بإنصاف، ويحمي الأشخاص المعنيين، ويتابعها حتى "
            "النهاية.",
        ),
        parent="conflict-resolution",
    ),
    _competency(
        "intercultural-collaboration",
        "facilitation-and-conflict-resolution",
        _text(
            "Intercultural collaboration",
            "Collaboration interculturelle",
            "Colaboración intercultural",
            "Colaboração intercultural",
            "Kolaborasi antarbudaya",
            "التعاون بين الثقافات",
        ),
        _text(
            "Works well with people of other cultures, languages and time zones, and helps others do so.",
            "Travaille bien avec des personnes d'autres cultures, langues et fuseaux horaires, et aide les "
            "autres à le faire.",
            "Trabaja bien con personas de otras culturas, idiomas y zonas horarias, y ayuda a otras a "
            "hacerlo.",
            "Trabalha bem com pessoas de outras culturas, idiomas e fusos horários, e ajuda outras a fazer "
            "o mesmo.",
            "Bekerja dengan baik bersama orang dari budaya, bahasa, dan zona waktu lain, serta membantu orang "
            "lain melakukannya.",
            "يعمل بانسجام مع أشخاص من ثقافات ولغات ومناطق زمنية أخرى، ويساعد غيره على ذلك.",
        ),
    ),
    # --- Finance and fundraising -------------------------------------------------------------------
    _competency(
        "financial-management",
        "finance-and-fundraising",
        _text(
            "Financial management and budgeting",
            "Gestion financière et budgétaire",
            "Gestión financiera y presupuestaria",
            "Gestão financeira e orçamentária",
            "Pengelolaan keuangan dan penganggaran",
            "الإدارة المالية وإعداد الميزانيات",
        ),
        _text(
            "Prepares and follows budgets, watches cash flow and explains the organisation's finances to "
            "its board and members.",
            "Prépare et suit les budgets, surveille la trésorerie et explique les finances de l'organisation "
            "au conseil et aux membres.",
            "Elabora y sigue los presupuestos, vigila la tesorería y explica las finanzas de la organización "
            "a la junta y a las personas socias.",
            "Elabora e acompanha orçamentos, monitora o fluxo de caixa e explica as finanças da organização "
            "ao conselho e aos associados.",
            "Menyusun dan memantau anggaran, mengawasi arus kas, dan menjelaskan keuangan organisasi kepada "
            "dewan pengurus dan anggota.",
            "يُعدّ الميزانيات ويتابعها، ويراقب التدفقات النقدية، ويشرح الوضع المالي للمنظمة لمجلس الإدارة "
            "والأعضاء.",
        ),
    ),
    _competency(
        "bookkeeping",
        "finance-and-fundraising",
        _text(
            "Bookkeeping and financial reporting",
            "Comptabilité et rapports financiers",
            "Contabilidad e informes financieros",
            "Contabilidade e relatórios financeiros",
            "Pembukuan dan pelaporan keuangan",
            "مسك الدفاتر وإعداد التقارير المالية",
        ),
        _text(
            "Keeps accurate accounts and receipts, and prepares the financial reports that funders, "
            "auditors and the law require.",
            "Tient des comptes et des justificatifs exacts, et prépare les rapports financiers exigés par "
            "les financeurs, les auditeurs et la loi.",
            "Lleva cuentas y comprobantes exactos, y prepara los informes financieros que exigen quienes "
            "financian, la auditoría y la ley.",
            "Mantém contas e comprovantes exatos e prepara os relatórios financeiros exigidos por "
            "financiadores, auditores e pela lei.",
            "Mencatat pembukuan dan bukti transaksi dengan tepat, serta menyiapkan laporan keuangan yang "
            "diminta penyandang dana, auditor, dan hukum.",
            "يمسك حسابات وإيصالات دقيقة، ويُعدّ التقارير المالية التي يطلبها المموّلون والمدققون والقانون.",
        ),
        parent="financial-management",
    ),
    _competency(
        "grant-writing",
        "finance-and-fundraising",
        _text(
            "Grant writing",
            "Rédaction de demandes de subvention",
            "Redacción de solicitudes de subvención",
            "Elaboração de propostas de financiamento",
            "Penulisan proposal hibah",
            "كتابة طلبات المنح",
        ),
        _text(
            "Writes clear, realistic grant proposals and reports, with goals, a budget and how success will "
            "be measured.",
            "Rédige des demandes de subvention et des rapports clairs et réalistes, avec des objectifs, un "
            "budget et des indicateurs de réussite.",
            "Redacta propuestas e informes de subvención claros y realistas, con objetivos, presupuesto y "
            "forma de medir el éxito.",
            "Redige propostas e relatórios de financiamento claros e realistas, com objetivos, orçamento e "
            "forma de medir o sucesso.",
            "Menulis proposal dan laporan hibah yang jelas dan realistis, lengkap dengan tujuan, anggaran, "
            "dan cara mengukur keberhasilan.",
            "يكتب مقترحات منح وتقارير واضحة وواقعية، تتضمّن الأهداف والميزانية وطريقة قياس النجاح.",
        ),
    ),
    _competency(
        "grant-reviewing",
        "finance-and-fundraising",
        _text(
            "Reviewing grant proposals",
            "Évaluation des demandes de subvention",
            "Evaluación de solicitudes de subvención",
            "Avaliação de propostas de financiamento",
            "Menilai proposal hibah",
            "تقييم مقترحات المنح",
        ),
        _text(
            "Assesses proposals fairly against published criteria, gives useful feedback and declares "
            "conflicts of interest.",
            "Évalue les demandes avec équité selon des critères publiés, donne des retours utiles et déclare "
            "ses conflits d'intérêts.",
            "Evalúa las propuestas con imparcialidad según criterios públicos, da comentarios útiles y "
            "declara sus conflictos de interés.",
            "Avalia propostas com imparcialidade segundo critérios publicados, dá retornos úteis e declara "
            "conflitos de interesse.",
            "Menilai proposal secara adil berdasarkan kriteria yang diumumkan, memberi masukan yang berguna, "
            "dan menyatakan konflik kepentingan.",
            "يقيّم المقترحات بإنصاف وفق معايير معلنة، ويقدّم ملاحظات مفيدة، ويُفصح عن تضارب المصالح.",
        ),
    ),
    _competency(
        "fundraising",
        "finance-and-fundraising",
        _text(
            "Fundraising and donor relations",
            "Collecte de fonds et relations avec les donateurs",
            "Recaudación de fondos y relación con donantes",
            "Captação de recursos e relacionamento com doadores",
            "Penggalangan dana dan hubungan dengan donatur",
            "جمع التبرعات والعلاقات مع المانحين",
        ),
        _text(
            "Finds income beyond one funder — members, donors, sponsors, public programmes — and keeps "
            "donors informed and thanked.",
            "Trouve des ressources au-delà d'un seul financeur — membres, donateurs, mécènes, programmes "
            "publics — et tient les donateurs informés et remerciés.",
            "Busca ingresos más allá de un único financiador —cuotas, donantes, patrocinios, programas "
            "públicos— y mantiene a los donantes informados y agradecidos.",
            "Busca receitas além de um único financiador — associados, doadores, patrocinadores, programas "
            "públicos — e mantém os doadores informados e reconhecidos.",
            "Mencari pemasukan di luar satu penyandang dana — anggota, donatur, sponsor, program pemerintah "
            "— dan menjaga donatur tetap mendapat kabar dan ucapan terima kasih.",
            "يبحث عن مصادر دخل تتجاوز مموّلًا واحدًا، من الأعضاء والمانحين والرعاة والبرامج العامة، ويُبقي "
            "المانحين على اطلاع ويشكرهم.",
        ),
    ),
    # --- Partnerships and advocacy -----------------------------------------------------------------
    _competency(
        "partnership-building",
        "partnerships-and-advocacy",
        _text(
            "Building partnerships",
            "Création de partenariats",
            "Construcción de alianzas",
            "Construção de parcerias",
            "Membangun kemitraan",
            "بناء الشراكات",
        ),
        _text(
            "Finds partners who share a goal, agrees what each side gives and gets, and keeps the "
            "relationship alive.",
            "Trouve des partenaires qui partagent un objectif, convient de ce que chacun apporte et reçoit, "
            "et fait vivre la relation.",
            "Encuentra aliados que comparten un objetivo, acuerda lo que cada parte aporta y recibe, y "
            "mantiene viva la relación.",
            "Encontra parceiros que compartilham um objetivo, combina o que cada lado oferece e recebe e "
            "mantém a relação viva.",
            "Menemukan mitra dengan tujuan yang sama, menyepakati apa yang diberikan dan diterima setiap "
            "pihak, dan merawat hubungan tersebut.",
            "يجد شركاء يتقاسمون الهدف نفسه، ويتفق على ما يقدّمه كل طرف وما يحصل عليه، ويحافظ على استمرار "
            "العلاقة.",
        ),
    ),
    _competency(
        "glam-collaboration",
        "partnerships-and-advocacy",
        _text(
            "Working with galleries, libraries, archives and museums (GLAM)",
            "Collaboration avec les galeries, bibliothèques, archives et musées (GLAM)",
            "Colaboración con galerías, bibliotecas, archivos y museos (GLAM)",
            "Colaboração com galerias, bibliotecas, arquivos e museus (GLAM)",
            "Kerja sama dengan galeri, perpustakaan, arsip, dan museum (GLAM)",
            "التعاون مع المعارض والمكتبات ودور الأرشيف والمتاحف (GLAM)",
        ),
        _text(
            "Helps cultural institutions share their collections openly: donations of images and data, "
            "residencies and training for their staff.",
            "Aide les institutions culturelles à partager librement leurs collections : dons d'images et de "
            "données, résidences et formation de leur personnel.",
            "Ayuda a las instituciones culturales a compartir sus colecciones en abierto: donaciones de "
            "imágenes y datos, residencias y formación de su personal.",
            "Ajuda instituições culturais a compartilhar seus acervos abertamente: doações de imagens e "
            "dados, residências e formação de suas equipes.",
            "Membantu lembaga budaya membagikan koleksinya secara terbuka: donasi gambar dan data, residensi, "
            "dan pelatihan bagi stafnya.",
            "يساعد المؤسسات الثقافية على إتاحة مجموعاتها بشكل مفتوح: التبرع بالصور والبيانات والإقامات "
            "وتدريب موظفيها.",
        ),
        parent="partnership-building",
    ),
    _competency(
        "education-programmes",
        "partnerships-and-advocacy",
        _text(
            "Education programmes",
            "Programmes éducatifs",
            "Programas educativos",
            "Programas educacionais",
            "Program pendidikan",
            "البرامج التعليمية",
        ),
        _text(
            "Works with teachers, schools and universities so that students learn by contributing to the "
            "Wikimedia projects.",
            "Travaille avec les enseignants, les écoles et les universités pour que les élèves apprennent "
            "en contribuant aux projets Wikimédia.",
            "Trabaja con docentes, escuelas y universidades para que el alumnado aprenda contribuyendo a los "
            "proyectos Wikimedia.",
            "Trabalha com professores, escolas e universidades para que os estudantes aprendam contribuindo "
            "com os projetos Wikimedia.",
            "Bekerja sama dengan guru, sekolah, dan universitas agar pelajar belajar dengan berkontribusi "
            "pada proyek-proyek Wikimedia.",
            "يعمل مع المعلمين والمدارس والجامعات ليتعلّم الطلاب من خلال المساهمة في مشاريع ويكيميديا.",
        ),
    ),
    _competency(
        "public-policy-advocacy",
        "partnerships-and-advocacy",
        _text(
            "Public policy advocacy",
            "Plaidoyer en matière de politiques publiques",
            "Incidencia en políticas públicas",
            "Incidência em políticas públicas",
            "Advokasi kebijakan publik",
            "المناصرة في السياسات العامة",
        ),
        _text(
            "Explains to lawmakers and officials how laws on copyright, privacy or the internet affect free "
            "knowledge, and builds coalitions for change.",
            "Explique aux législateurs et aux responsables publics l'effet des lois sur le droit d'auteur, "
            "la vie privée ou Internet sur le savoir libre, et bâtit des coalitions pour les faire évoluer.",
            "Explica a legisladores y autoridades cómo afectan al conocimiento libre las leyes sobre derechos "
            "de autor, privacidad o internet, y forma coaliciones para cambiarlas.",
            "Explica a legisladores e autoridades como as leis de direitos autorais, privacidade ou internet "
            "afetam o conhecimento livre, e forma coalizões para mudá-las.",
            "Menjelaskan kepada pembuat undang-undang dan pejabat bagaimana aturan hak cipta, privasi, atau "
            "internet memengaruhi pengetahuan bebas, serta membangun koalisi untuk perubahan.",
            "يشرح للمشرّعين والمسؤولين كيف تؤثر قوانين حق المؤلف والخصوصية والإنترنت في المعرفة الحرة، ويبني "
            "تحالفات من أجل التغيير.",
        ),
    ),
    _competency(
        "open-licensing",
        "partnerships-and-advocacy",
        _text(
            "Open licensing and copyright",
            "Licences libres et droit d'auteur",
            "Licencias libres y derechos de autor",
            "Licenças livres e direitos autorais",
            "Lisensi terbuka dan hak cipta",
            "الرخص المفتوحة وحق المؤلف",
        ),
        _text(
            "Explains Creative Commons licences, the public domain and permissions, so that partners can "
            "release content the projects can use.",
            "Explique les licences Creative Commons, le domaine public et les autorisations, pour que les "
            "partenaires publient des contenus utilisables par les projets.",
            "Explica las licencias Creative Commons, el dominio público y los permisos, para que los aliados "
            "publiquen contenidos que los proyectos puedan usar.",
            "Explica as licenças Creative Commons, o domínio público e as autorizações, para que os "
            "parceiros liberem conteúdos que os projetos possam usar.",
            "Menjelaskan lisensi Creative Commons, domain publik, dan perizinan, agar mitra dapat merilis "
            "konten yang bisa digunakan proyek-proyek Wikimedia.",
            "يشرح رخص المشاع الإبداعي والملك العام والأذونات، كي يتيح الشركاء محتوى يمكن للمشاريع استخدامه.",
        ),
    ),
    _competency(
        "negotiation",
        "partnerships-and-advocacy",
        _text("Negotiation", "Négociation", "Negociación", "Negociação", "Negosiasi", "التفاوض"),
        _text(
            "Prepares for and leads negotiations with partners and suppliers, and reaches agreements that "
            "respect the movement's values.",
            "Prépare et mène des négociations avec les partenaires et les fournisseurs, et conclut des "
            "accords qui respectent les valeurs du mouvement.",
            "Prepara y conduce negociaciones con aliados y proveedores, y alcanza acuerdos que respetan los "
            "valores del movimiento.",
            "Prepara e conduz negociações com parceiros e fornecedores e chega a acordos que respeitam os "
            "valores do movimento.",
            "Menyiapkan dan memimpin negosiasi dengan mitra dan pemasok, serta mencapai kesepakatan yang "
            "menghormati nilai-nilai gerakan.",
            "يستعد للمفاوضات مع الشركاء والموردين ويقودها، ويتوصّل إلى اتفاقات تحترم قيم الحركة.",
        ),
    ),
    # --- Communication -----------------------------------------------------------------------------
    _competency(
        "public-speaking",
        "communication",
        _text(
            "Public speaking",
            "Prise de parole en public",
            "Hablar en público",
            "Falar em público",
            "Berbicara di depan umum",
            "الخطابة أمام الجمهور",
        ),
        _text(
            "Presents the movement's work clearly and with confidence, at conferences, in classrooms and "
            "on the radio.",
            "Présente le travail du mouvement clairement et avec assurance, lors de conférences, en classe "
            "et à la radio.",
            "Presenta el trabajo del movimiento con claridad y seguridad, en conferencias, en las aulas y en "
            "la radio.",
            "Apresenta o trabalho do movimento com clareza e confiança, em conferências, em salas de aula e "
            "no rádio.",
            "Menyampaikan kerja gerakan dengan jelas dan percaya diri, di konferensi, di kelas, dan di radio.",
            "يعرض عمل الحركة بوضوح وثقة في المؤتمرات والفصول الدراسية وعلى الإذاعة.",
        ),
    ),
    _competency(
        "writing-and-storytelling",
        "communication",
        _text(
            "Writing and storytelling",
            "Écriture et récit",
            "Redacción y narración",
            "Escrita e narrativa",
            "Menulis dan bercerita",
            "الكتابة ورواية القصص",
        ),
        _text(
            "Writes reports, newsletters and blog posts that people read to the end, with stories of real "
            "volunteers.",
            "Rédige des rapports, des lettres d'information et des billets de blog qu'on lit jusqu'au bout, "
            "avec des histoires de vrais bénévoles.",
            "Escribe informes, boletines y entradas de blog que se leen hasta el final, con historias de "
            "personas voluntarias reales.",
            "Escreve relatórios, boletins e posts de blog que as pessoas leem até o fim, com histórias de "
            "voluntários reais.",
            "Menulis laporan, buletin, dan tulisan blog yang dibaca sampai habis, dengan kisah para "
            "sukarelawan sungguhan.",
            "يكتب تقارير ونشرات إخبارية وتدوينات يقرؤها الناس حتى النهاية، مع قصص متطوعين حقيقيين.",
        ),
    ),
    _competency(
        "social-media",
        "communication",
        _text(
            "Social media",
            "Réseaux sociaux",
            "Redes sociales",
            "Redes sociais",
            "Media sosial",
            "وسائل التواصل الاجتماعي",
        ),
        _text(
            "Runs the organisation's social media accounts: plans posts, answers people and reports what "
            "worked.",
            "Anime les comptes de l'organisation sur les réseaux sociaux : planifie les publications, répond "
            "aux personnes et mesure ce qui a fonctionné.",
            "Gestiona las cuentas de la organización en redes sociales: planifica publicaciones, responde a "
            "la gente e informa de lo que funcionó.",
            "Cuida das contas da organização nas redes sociais: planeja publicações, responde às pessoas e "
            "relata o que funcionou.",
            "Mengelola akun media sosial organisasi: merencanakan unggahan, menjawab warganet, dan "
            "melaporkan apa yang berhasil.",
            "يدير حسابات المنظمة على وسائل التواصل الاجتماعي: يخطّط للمنشورات ويرد على الناس ويبيّن ما نجح.",
        ),
    ),
    _competency(
        "media-relations",
        "communication",
        _text(
            "Media relations",
            "Relations avec la presse",
            "Relaciones con los medios",
            "Relações com a imprensa",
            "Hubungan dengan media",
            "العلاقات الإعلامية",
        ),
        _text(
            "Works with journalists: writes press releases, gives interviews and responds calmly when the "
            "projects are in the news.",
            "Travaille avec les journalistes : rédige des communiqués, donne des interviews et répond avec "
            "calme lorsque les projets font l'actualité.",
            "Trabaja con periodistas: redacta notas de prensa, concede entrevistas y responde con calma "
            "cuando los proyectos son noticia.",
            "Trabalha com jornalistas: redige releases, dá entrevistas e responde com calma quando os "
            "projetos estão no noticiário.",
            "Bekerja sama dengan wartawan: menulis siaran pers, memberi wawancara, dan menanggapi dengan "
            "tenang ketika proyek menjadi berita.",
            "يعمل مع الصحفيين: يكتب البيانات الصحفية ويجري المقابلات ويرد بهدوء حين تكون المشاريع في الأخبار.",
        ),
    ),
    _competency(
        "multilingual-communication",
        "communication",
        _text(
            "Multilingual communication and translation",
            "Communication multilingue et traduction",
            "Comunicación multilingüe y traducción",
            "Comunicação multilíngue e tradução",
            "Komunikasi multibahasa dan penerjemahan",
            "التواصل متعدد اللغات والترجمة",
        ),
        _text(
            "Makes sure messages reach people in their own language: translates, organises translators and "
            "writes in plain language.",
            "Veille à ce que les messages parviennent à chacun dans sa langue : traduit, organise les "
            "traducteurs et écrit dans une langue simple.",
            "Se asegura de que los mensajes lleguen a cada persona en su idioma: traduce, organiza a quienes "
            "traducen y escribe en lenguaje sencillo.",
            "Garante que as mensagens cheguem às pessoas em seu próprio idioma: traduz, organiza tradutores "
            "e escreve em linguagem simples.",
            "Memastikan pesan sampai kepada orang dalam bahasanya sendiri: menerjemahkan, mengatur para "
            "penerjemah, dan menulis dengan bahasa yang sederhana.",
            "يحرص على وصول الرسائل إلى الناس بلغاتهم: يترجم وينظّم المترجمين ويكتب بلغة بسيطة.",
        ),
    ),
    # --- Technical and data ------------------------------------------------------------------------
    _competency(
        "wiki-editing",
        "technical-and-data",
        _text(
            "Editing the Wikimedia projects",
            "Contribution aux projets Wikimédia",
            "Edición en los proyectos Wikimedia",
            "Edição nos projetos Wikimedia",
            "Menyunting proyek-proyek Wikimedia",
            "التحرير في مشاريع ويكيميديا",
        ),
        _text(
            "Edits and explains the wikis: sources, neutral point of view, licences, talk pages and the "
            "policies of each community.",
            "Contribue aux wikis et les explique : sources, neutralité de point de vue, licences, pages de "
            "discussion et règles de chaque communauté.",
            "Edita los wikis y los explica: fuentes, punto de vista neutral, licencias, páginas de discusión "
            "y políticas de cada comunidad.",
            "Edita os wikis e os explica: fontes, ponto de vista neutro, licenças, páginas de discussão e "
            "políticas de cada comunidade.",
            "Menyunting dan menjelaskan wiki: sumber, sudut pandang netral, lisensi, halaman pembicaraan, "
            "dan kebijakan setiap komunitas.",
            "يحرّر الويكيات ويشرحها: المصادر ووجهة النظر المحايدة والرخص وصفحات النقاش وسياسات كل مجتمع.",
        ),
    ),
    _competency(
        "wikidata",
        "technical-and-data",
        _text(
            "Wikidata and structured data",
            "Wikidata et données structurées",
            "Wikidata y datos estructurados",
            "Wikidata e dados estruturados",
            "Wikidata dan data terstruktur",
            "ويكي بيانات والبيانات المهيكلة",
        ),
        _text(
            "Models, imports and queries data on Wikidata and Structured Data on Commons, and teaches others "
            "to do it.",
            "Modélise, importe et interroge des données sur Wikidata et dans les données structurées de "
            "Commons, et l'enseigne à d'autres.",
            "Modela, importa y consulta datos en Wikidata y en los datos estructurados de Commons, y enseña a "
            "otras personas a hacerlo.",
            "Modela, importa e consulta dados no Wikidata e nos dados estruturados do Commons, e ensina "
            "outras pessoas a fazê-lo.",
            "Memodelkan, mengimpor, dan menelusuri data di Wikidata dan data terstruktur Commons, serta "
            "mengajarkannya kepada orang lain.",
            "ينمذج البيانات ويستوردها ويستعلم عنها في ويكي بيانات والبيانات المهيكلة في كومنز، ويعلّم "
            "الآخرين ذلك.",
        ),
        parent="wiki-editing",
    ),
    _competency(
        "data-analysis",
        "technical-and-data",
        _text(
            "Data analysis and metrics",
            "Analyse de données et indicateurs",
            "Análisis de datos y métricas",
            "Análise de dados e métricas",
            "Analisis data dan metrik",
            "تحليل البيانات والمؤشرات",
        ),
        _text(
            "Collects and analyses data on contributions, participants and outcomes, and presents it "
            "honestly.",
            "Recueille et analyse des données sur les contributions, les participants et les résultats, et "
            "les présente avec honnêteté.",
            "Recoge y analiza datos sobre contribuciones, participantes y resultados, y los presenta con "
            "honestidad.",
            "Coleta e analisa dados sobre contribuições, participantes e resultados, e os apresenta com "
            "honestidade.",
            "Mengumpulkan dan menganalisis data kontribusi, peserta, dan hasil, lalu menyajikannya dengan "
            "jujur.",
            "يجمع البيانات عن المساهمات والمشاركين والنتائج ويحلّلها ويعرضها بأمانة.",
        ),
    ),
    _competency(
        "privacy-and-data-protection",
        "technical-and-data",
        _text(
            "Privacy and data protection",
            "Vie privée et protection des données",
            "Privacidad y protección de datos",
            "Privacidade e proteção de dados",
            "Privasi dan perlindungan data",
            "الخصوصية وحماية البيانات",
        ),
        _text(
            "Collects only the personal data that is needed, keeps it safe, deletes it on time and respects "
            "the law that applies.",
            "Ne collecte que les données personnelles nécessaires, les protège, les supprime à temps et "
            "respecte la loi applicable.",
            "Recoge solo los datos personales necesarios, los protege, los elimina a tiempo y respeta la ley "
            "aplicable.",
            "Coleta apenas os dados pessoais necessários, protege-os, apaga-os no prazo e respeita a lei "
            "aplicável.",
            "Hanya mengumpulkan data pribadi yang diperlukan, menjaganya tetap aman, menghapusnya tepat waktu, "
            "dan mematuhi hukum yang berlaku.",
            "لا يجمع إلا البيانات الشخصية اللازمة، ويحميها، ويحذفها في وقتها، ويحترم القانون المعمول به.",
        ),
    ),
    _competency(
        "digital-security",
        "technical-and-data",
        _text(
            "Digital security",
            "Sécurité numérique",
            "Seguridad digital",
            "Segurança digital",
            "Keamanan digital",
            "الأمن الرقمي",
        ),
        _text(
            "Protects accounts and devices, and helps volunteers who work in risky places edit safely.",
            "Protège les comptes et les appareils, et aide les bénévoles qui vivent dans des contextes "
            "risqués à contribuer en sécurité.",
            "Protege cuentas y dispositivos, y ayuda a las personas voluntarias que viven en contextos de "
            "riesgo a editar con seguridad.",
            "Protege contas e dispositivos e ajuda voluntários que vivem em contextos de risco a editar com "
            "segurança.",
            "Melindungi akun dan perangkat, serta membantu sukarelawan yang tinggal di tempat berisiko agar "
            "dapat menyunting dengan aman.",
            "يحمي الحسابات والأجهزة، ويساعد المتطوعين الذين يعيشون في أماكن محفوفة بالمخاطر على التحرير بأمان.",
        ),
    ),
    _competency(
        "tool-development",
        "technical-and-data",
        _text(
            "Tool and bot development",
            "Développement d'outils et de robots",
            "Desarrollo de herramientas y bots",
            "Desenvolvimento de ferramentas e robôs",
            "Pengembangan perkakas dan bot",
            "تطوير الأدوات والبوتات",
        ),
        _text(
            "Writes and maintains tools, gadgets and bots that help the community, and documents them so "
            "others can take them over.",
            "Écrit et maintient des outils, des gadgets et des robots utiles à la communauté, et les "
            "documente pour que d'autres puissent les reprendre.",
            "Escribe y mantiene herramientas, gadgets y bots que ayudan a la comunidad, y los documenta para "
            "que otras personas puedan heredarlos.",
            "Escreve e mantém ferramentas, gadgets e robôs que ajudam a comunidade, e os documenta para que "
            "outras pessoas possam assumi-los.",
            "Menulis dan memelihara perkakas, gawai, dan bot yang membantu komunitas, serta "
            "mendokumentasikannya agar dapat diteruskan orang lain.",
            "يكتب الأدوات والإضافات والبوتات التي تساعد المجتمع ويصونها، ويوثّقها كي يتمكّن غيره من تولّيها.",
        ),
    ),
)


# What the shared scale means for a few competencies in particular: written in English, French and Spanish
# (the other languages fall back to English, as every translated field does).
LEVEL_DESCRIPTORS: dict[str, tuple[Text, Text, Text, Text]] = {
    "facilitation": (
        {
            "en": "Takes part actively in facilitated sessions and can keep time or take notes for a group.",
            "fr": "Participe activement aux séances animées et sait gérer le temps ou prendre des notes pour "
            "un groupe.",
            "es": "Participa activamente en sesiones facilitadas y puede controlar el tiempo o tomar notas "
            "para un grupo.",
        },
        {
            "en": "Facilitates a familiar meeting of a small group, online or in person, with a prepared agenda.",
            "fr": "Anime une réunion habituelle d'un petit groupe, en ligne ou en présentiel, avec un ordre du "
            "jour préparé.",
            "es": "Facilita una reunión habitual de un grupo pequeño, en línea o presencial, con un orden del "
            "día preparado.",
        },
        {
            "en": "Designs and facilitates workshops for large or multilingual groups, and handles tension in "
            "the room.",
            "fr": "Conçoit et anime des ateliers pour des groupes nombreux ou multilingues, et gère les "
            "tensions dans la salle.",
            "es": "Diseña y facilita talleres para grupos grandes o multilingües, y maneja las tensiones en la "
            "sala.",
        },
        {
            "en": "Facilitates high-stakes movement conversations and trains other facilitators.",
            "fr": "Anime des discussions à fort enjeu pour le mouvement et forme d'autres facilitateurs.",
            "es": "Facilita conversaciones decisivas para el movimiento y forma a otras personas "
            "facilitadoras.",
        },
    ),
    "conflict-resolution": (
        {
            "en": "Recognises a conflict early and knows where to ask for help.",
            "fr": "Repère tôt un conflit et sait à qui demander de l'aide.",
            "es": "Reconoce pronto un conflicto y sabe a quién pedir ayuda.",
        },
        {
            "en": "Calms a disagreement between two people and helps them agree on next steps.",
            "fr": "Apaise un désaccord entre deux personnes et les aide à s'entendre sur la suite.",
            "es": "Calma un desacuerdo entre dos personas y las ayuda a acordar los próximos pasos.",
        },
        {
            "en": "Mediates long-running disputes in a community with confidentiality and fairness.",
            "fr": "Mène des médiations dans des conflits anciens d'une communauté, avec confidentialité et "
            "équité.",
            "es": "Media en disputas prolongadas de una comunidad con confidencialidad e imparcialidad.",
        },
        {
            "en": "Designs conflict-resolution processes for organisations and supports other mediators.",
            "fr": "Conçoit des processus de résolution des conflits pour des organisations et accompagne "
            "d'autres médiateurs.",
            "es": "Diseña procesos de resolución de conflictos para organizaciones y acompaña a otras "
            "personas mediadoras.",
        },
    ),
    "financial-management": (
        {
            "en": "Reads a simple budget and knows which expenses need approval.",
            "fr": "Lit un budget simple et sait quelles dépenses doivent être approuvées.",
            "es": "Lee un presupuesto sencillo y sabe qué gastos necesitan aprobación.",
        },
        {
            "en": "Prepares and follows the budget of a project or an event.",
            "fr": "Prépare et suit le budget d'un projet ou d'un événement.",
            "es": "Elabora y sigue el presupuesto de un proyecto o de un evento.",
        },
        {
            "en": "Manages the annual budget of an organisation and presents it to the board and members.",
            "fr": "Gère le budget annuel d'une organisation et le présente au conseil et aux membres.",
            "es": "Gestiona el presupuesto anual de una organización y lo presenta a la junta y a las "
            "personas socias.",
        },
        {
            "en": "Sets up financial controls for growing organisations and coaches new treasurers.",
            "fr": "Met en place des contrôles financiers pour des organisations en croissance et accompagne "
            "les nouveaux trésoriers.",
            "es": "Establece controles financieros en organizaciones que crecen y acompaña a nuevas personas "
            "tesoreras.",
        },
    ),
    "grant-writing": (
        {
            "en": "Knows the grant programmes open to the organisation and what they fund.",
            "fr": "Connaît les programmes de subventions ouverts à l'organisation et ce qu'ils financent.",
            "es": "Conoce los programas de subvenciones abiertos a la organización y lo que financian.",
        },
        {
            "en": "Writes a proposal for a small project grant with help from others.",
            "fr": "Rédige une demande pour une petite subvention de projet avec l'aide d'autres personnes.",
            "es": "Redacta una solicitud para una pequeña subvención de proyecto con ayuda de otras personas.",
        },
        {
            "en": "Writes multi-year general support proposals and their reports on their own.",
            "fr": "Rédige seul des demandes de financement pluriannuel de fonctionnement et leurs rapports.",
            "es": "Redacta por su cuenta solicitudes de apoyo general plurianual y sus informes.",
        },
        {
            "en": "Reviews proposals for others, shapes funding strategy and teaches grant writing.",
            "fr": "Relit les demandes d'autres organisations, façonne la stratégie de financement et enseigne "
            "la rédaction de demandes.",
            "es": "Revisa solicitudes de otras organizaciones, orienta la estrategia de financiación y enseña "
            "a redactar solicitudes.",
        },
    ),
}


# --- Role templates --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Req:
    competency: str
    level: int
    importance: str = Importance.ESSENTIAL


def reqs(spec: str) -> tuple[Req, ...]:
    """ "facilitation:3 mentoring:2?" : a competency slug and its minimum level; "?" marks it desirable."""
    parsed = []
    for item in spec.split():
        slug, _sep, level = item.partition(":")
        desirable = level.endswith("?")
        parsed.append(
            Req(slug, int(level.rstrip("?")), Importance.DESIRABLE if desirable else Importance.ESSENTIAL)
        )
    return tuple(parsed)


@dataclass(frozen=True)
class Shape:
    kind: str
    seats: int
    selection: str
    term_length_months: int | None
    term_limit: int | None
    hours_per_week: int | None

    def fields(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "seats": self.seats,
            "selection": self.selection,
            "term_length_months": self.term_length_months,
            "term_limit": self.term_limit,
            "hours_per_week": self.hours_per_week,
        }


@dataclass(frozen=True)
class DemoTemplate:
    slug: str
    shape: Shape
    title: Text
    description: Text
    responsibilities: Text
    requirements: tuple[Req, ...]


ELECTED, APPOINTED = Selection.ELECTED, Selection.APPOINTED

TEMPLATES: tuple[DemoTemplate, ...] = (
    DemoTemplate(
        "board-chair",
        Shape(RoleKind.BOARD, 1, ELECTED, 24, 2, 5),
        _text(
            "Board chair",
            "Présidence du conseil d'administration",
            "Presidencia de la junta directiva",
            "Presidência do conselho",
            "Ketua dewan pengurus",
            "رئاسة مجلس الإدارة",
        ),
        _text(
            "Leads the board so that it governs well: sets its agenda, chairs its meetings and speaks for "
            "the organisation.",
            "Dirige le conseil d'administration pour qu'il gouverne bien : fixe son ordre du jour, préside "
            "ses réunions et parle au nom de l'organisation.",
            "Dirige la junta directiva para que gobierne bien: fija su orden del día, preside sus reuniones "
            "y habla en nombre de la organización.",
            "Lidera o conselho para que ele governe bem: define a pauta, preside as reuniões e fala em nome "
            "da organização.",
            "Memimpin dewan pengurus agar menjalankan tata kelola dengan baik: menetapkan agenda, memimpin "
            "rapat, dan berbicara atas nama organisasi.",
            "يقود مجلس الإدارة ليُحسن الحوكمة: يحدّد جدول أعماله ويرأس اجتماعاته ويتحدث باسم المنظمة.",
        ),
        _text(
            "Chair board meetings and the general assembly; agree priorities with the board; support and "
            "review the executive lead; plan the renewal of the board.",
            "Présider les réunions du conseil et l'assemblée générale ; convenir des priorités avec le "
            "conseil ; soutenir et évaluer la direction exécutive ; préparer le renouvellement du conseil.",
            "Presidir las reuniones de la junta y la asamblea general; acordar prioridades con la junta; "
            "apoyar y evaluar a la dirección ejecutiva; planificar la renovación de la junta.",
            "Presidir as reuniões do conselho e a assembleia geral; definir prioridades com o conselho; "
            "apoiar e avaliar a direção executiva; planejar a renovação do conselho.",
            "Memimpin rapat dewan dan rapat umum anggota; menyepakati prioritas bersama dewan; mendukung dan "
            "menilai pimpinan eksekutif; merencanakan regenerasi dewan.",
            "رئاسة اجتماعات المجلس والجمعية العامة؛ والاتفاق على الأولويات مع المجلس؛ ودعم القيادة التنفيذية "
            "وتقييمها؛ والتخطيط لتجديد المجلس.",
        ),
        reqs(
            "board-governance:3 meeting-chairing:3 strategic-planning:3 conflict-resolution:2? "
            "public-speaking:2? movement-knowledge:2?"
        ),
    ),
    DemoTemplate(
        "board-treasurer",
        Shape(RoleKind.BOARD, 1, ELECTED, 24, 2, 4),
        _text(
            "Board treasurer",
            "Trésorerie du conseil d'administration",
            "Tesorería de la junta directiva",
            "Tesouraria do conselho",
            "Bendahara dewan pengurus",
            "أمانة صندوق مجلس الإدارة",
        ),
        _text(
            "Looks after the organisation's money on behalf of the board and its members.",
            "Veille sur l'argent de l'organisation au nom du conseil et des membres.",
            "Cuida del dinero de la organización en nombre de la junta y de las personas socias.",
            "Cuida do dinheiro da organização em nome do conselho e dos associados.",
            "Menjaga keuangan organisasi atas nama dewan pengurus dan para anggota.",
            "يرعى أموال المنظمة نيابةً عن مجلس الإدارة والأعضاء.",
        ),
        _text(
            "Prepare the annual budget with staff; present the accounts to the board and the general "
            "assembly; approve expenses; make sure grant reports and legal filings are on time.",
            "Préparer le budget annuel avec l'équipe ; présenter les comptes au conseil et à l'assemblée "
            "générale ; valider les dépenses ; veiller à ce que les rapports de subvention et les "
            "déclarations légales soient à jour.",
            "Preparar el presupuesto anual con el equipo; presentar las cuentas a la junta y a la asamblea "
            "general; aprobar gastos; asegurar que los informes de subvenciones y las obligaciones legales "
            "se cumplan a tiempo.",
            "Preparar o orçamento anual com a equipe; apresentar as contas ao conselho e à assembleia geral; "
            "aprovar despesas; garantir que relatórios de financiamento e obrigações legais estejam em dia.",
            "Menyusun anggaran tahunan bersama staf; menyampaikan laporan keuangan kepada dewan dan rapat "
            "umum anggota; menyetujui pengeluaran; memastikan laporan hibah dan kewajiban hukum tepat waktu.",
            "إعداد الميزانية السنوية مع الفريق؛ وعرض الحسابات على المجلس والجمعية العامة؛ واعتماد النفقات؛ "
            "والتأكد من تقديم تقارير المنح والإقرارات القانونية في موعدها.",
        ),
        reqs("financial-management:3 bookkeeping:3 legal-compliance:2 risk-management:2? fundraising:1?"),
    ),
    DemoTemplate(
        "board-secretary",
        Shape(RoleKind.BOARD, 1, ELECTED, 24, 3, 3),
        _text(
            "Board secretary",
            "Secrétariat du conseil d'administration",
            "Secretaría de la junta directiva",
            "Secretaria do conselho",
            "Sekretaris dewan pengurus",
            "أمانة سر مجلس الإدارة",
        ),
        _text(
            "Keeps the records of the board and makes sure the organisation follows its own bylaws.",
            "Tient les registres du conseil et veille à ce que l'organisation respecte ses propres statuts.",
            "Lleva los registros de la junta y vela por que la organización cumpla sus propios estatutos.",
            "Mantém os registros do conselho e garante que a organização cumpra seu próprio estatuto.",
            "Menyimpan catatan dewan pengurus dan memastikan organisasi menaati anggaran dasarnya sendiri.",
            "يحفظ سجلات مجلس الإدارة ويحرص على التزام المنظمة بنظامها الأساسي.",
        ),
        _text(
            "Send notices and agendas; write and publish minutes; keep the register of members; organise "
            "board elections with the election committee.",
            "Envoyer les convocations et les ordres du jour ; rédiger et publier les procès-verbaux ; tenir "
            "le registre des membres ; organiser les élections du conseil avec le comité électoral.",
            "Enviar convocatorias y órdenes del día; redactar y publicar las actas; llevar el registro de "
            "personas socias; organizar las elecciones de la junta con el comité electoral.",
            "Enviar convocações e pautas; redigir e publicar as atas; manter o registro de associados; "
            "organizar as eleições do conselho com a comissão eleitoral.",
            "Mengirim undangan dan agenda; menulis dan menerbitkan notulen; mengelola daftar anggota; "
            "menyelenggarakan pemilihan dewan bersama panitia pemilihan.",
            "إرسال الدعوات وجداول الأعمال؛ وكتابة المحاضر ونشرها؛ ومسك سجل الأعضاء؛ وتنظيم انتخابات المجلس "
            "مع لجنة الانتخابات.",
        ),
        reqs(
            "board-governance:2 policy-writing:2 writing-and-storytelling:2 elections-and-voting:2? "
            "legal-compliance:2?"
        ),
    ),
    DemoTemplate(
        "board-member",
        Shape(RoleKind.BOARD, 5, ELECTED, 24, 3, 2),
        _text(
            "Board member",
            "Membre du conseil d'administration",
            "Vocal de la junta directiva",
            "Membro do conselho",
            "Anggota dewan pengurus",
            "عضو مجلس الإدارة",
        ),
        _text(
            "Shares responsibility for the organisation's direction, finances and people as one of its "
            "elected board members.",
            "Partage la responsabilité de l'orientation, des finances et des personnes de l'organisation en "
            "tant que membre élu du conseil.",
            "Comparte la responsabilidad del rumbo, las finanzas y las personas de la organización como "
            "miembro electo de la junta.",
            "Divide a responsabilidade pelos rumos, pelas finanças e pelas pessoas da organização como "
            "membro eleito do conselho.",
            "Ikut bertanggung jawab atas arah, keuangan, dan orang-orang dalam organisasi sebagai anggota "
            "dewan pengurus terpilih.",
            "يتقاسم المسؤولية عن توجه المنظمة وماليتها وأفرادها بصفته عضوًا منتخبًا في مجلس الإدارة.",
        ),
        _text(
            "Prepare for and attend board meetings; take on one area of oversight; declare conflicts of "
            "interest; represent the members' views.",
            "Préparer les réunions du conseil et y assister ; suivre un domaine en particulier ; déclarer "
            "ses conflits d'intérêts ; porter la voix des membres.",
            "Preparar y asistir a las reuniones de la junta; supervisar un área concreta; declarar los "
            "conflictos de interés; representar la opinión de las personas socias.",
            "Preparar-se para as reuniões do conselho e participar delas; acompanhar uma área específica; "
            "declarar conflitos de interesse; representar a opinião dos associados.",
            "Mempersiapkan dan menghadiri rapat dewan; mengawasi satu bidang tertentu; menyatakan konflik "
            "kepentingan; menyuarakan pandangan anggota.",
            "التحضير لاجتماعات المجلس وحضورها؛ والإشراف على مجال محدد؛ والإفصاح عن تضارب المصالح؛ وتمثيل "
            "آراء الأعضاء.",
        ),
        reqs(
            "board-governance:2 ethics-and-conflicts-of-interest:2 strategic-planning:2? movement-knowledge:2?"
        ),
    ),
    DemoTemplate(
        "executive-director",
        Shape(RoleKind.STAFF, 1, APPOINTED, None, None, 40),
        _text(
            "Executive director",
            "Direction exécutive",
            "Dirección ejecutiva",
            "Direção executiva",
            "Direktur eksekutif",
            "المدير التنفيذي",
        ),
        _text(
            "Leads the staff and the programmes of the organisation and carries out the strategy agreed "
            "with the board.",
            "Dirige l'équipe salariée et les programmes de l'organisation, et met en œuvre la stratégie "
            "convenue avec le conseil.",
            "Dirige al equipo y los programas de la organización y ejecuta la estrategia acordada con la "
            "junta.",
            "Lidera a equipe e os programas da organização e executa a estratégia acordada com o conselho.",
            "Memimpin staf dan program organisasi serta menjalankan strategi yang disepakati bersama dewan "
            "pengurus.",
            "يقود فريق العمل وبرامج المنظمة وينفّذ الاستراتيجية المتفق عليها مع مجلس الإدارة.",
        ),
        _text(
            "Hire and support staff; run the annual plan and budget; secure funding; represent the "
            "organisation to partners and the movement; report to the board.",
            "Recruter et accompagner l'équipe ; mettre en œuvre le plan et le budget annuels ; obtenir des "
            "financements ; représenter l'organisation auprès des partenaires et du mouvement ; rendre "
            "compte au conseil.",
            "Contratar y apoyar al equipo; ejecutar el plan y el presupuesto anuales; conseguir "
            "financiación; representar a la organización ante aliados y el movimiento; rendir cuentas a la "
            "junta.",
            "Contratar e apoiar a equipe; executar o plano e o orçamento anuais; garantir financiamento; "
            "representar a organização junto a parceiros e ao movimento; prestar contas ao conselho.",
            "Merekrut dan mendukung staf; menjalankan rencana dan anggaran tahunan; mengamankan pendanaan; "
            "mewakili organisasi di hadapan mitra dan gerakan; melapor kepada dewan pengurus.",
            "توظيف الفريق ودعمه؛ وتنفيذ الخطة والميزانية السنويتين؛ وتأمين التمويل؛ وتمثيل المنظمة لدى "
            "الشركاء والحركة؛ ورفع التقارير إلى المجلس.",
        ),
        reqs(
            "strategic-planning:4 financial-management:3 fundraising:3 partnership-building:3 "
            "volunteer-management:3? media-relations:2?"
        ),
    ),
    DemoTemplate(
        "hub-training-coordinator",
        Shape(RoleKind.COORDINATOR, 1, APPOINTED, 12, None, 20),
        _text(
            "Hub training coordinator",
            "Coordination des formations du hub",
            "Coordinación de formación del centro",
            "Coordenação de formação do hub",
            "Koordinator pelatihan hub",
            "منسّق التدريب في المركز",
        ),
        _text(
            "Plans and runs the hub's training programme for the affiliates it serves, online and in person.",
            "Conçoit et met en œuvre le programme de formation du hub pour les affiliés qu'il sert, en ligne "
            "et en présentiel.",
            "Planifica y lleva a cabo el programa de formación del centro para los afiliados a los que "
            "sirve, en línea y presencial.",
            "Planeja e executa o programa de formação do hub para os afiliados que ele atende, on-line e "
            "presencialmente.",
            "Merencanakan dan menjalankan program pelatihan hub bagi afiliasi yang dilayaninya, secara "
            "daring maupun tatap muka.",
            "يخطّط لبرنامج التدريب في المركز وينفّذه لصالح المنظمات المنتسبة التي يخدمها، عبر الإنترنت "
            "وحضوريًا.",
        ),
        _text(
            "Ask affiliates what they need to learn; schedule courses and find trainers; look after "
            "participants; measure what the trainings changed.",
            "Recueillir les besoins de formation des affiliés ; programmer les cours et trouver des "
            "formateurs ; prendre soin des participants ; mesurer ce que les formations ont changé.",
            "Preguntar a los afiliados qué necesitan aprender; programar cursos y buscar formadores; "
            "atender a las personas participantes; medir lo que cambiaron las formaciones.",
            "Perguntar aos afiliados o que precisam aprender; programar cursos e encontrar formadores; "
            "cuidar dos participantes; medir o que as formações mudaram.",
            "Menanyakan kebutuhan belajar afiliasi; menjadwalkan kursus dan mencari pelatih; memperhatikan "
            "peserta; mengukur perubahan yang dihasilkan pelatihan.",
            "استطلاع ما تحتاج المنظمات المنتسبة إلى تعلّمه؛ وجدولة الدورات وإيجاد المدرّبين؛ ورعاية المشاركين؛ "
            "وقياس أثر التدريب.",
        ),
        reqs(
            "facilitation:3 mentoring:3 programme-evaluation:2 multilingual-communication:2? "
            "event-organising:2?"
        ),
    ),
    DemoTemplate(
        "community-organiser",
        Shape(RoleKind.VOLUNTEER, 2, APPOINTED, 12, None, 5),
        _text(
            "Community organiser",
            "Animation de la communauté",
            "Organización comunitaria",
            "Organização comunitária",
            "Penggerak komunitas",
            "منظّم المجتمع",
        ),
        _text(
            "Keeps a volunteer group active and welcoming: regular meetups, newcomers and the group's "
            "shared decisions.",
            "Fait vivre un groupe bénévole et le rend accueillant : rencontres régulières, nouveaux venus et "
            "décisions collectives.",
            "Mantiene activo y acogedor a un grupo voluntario: encuentros regulares, personas nuevas y "
            "decisiones colectivas.",
            "Mantém um grupo voluntário ativo e acolhedor: encontros regulares, recém-chegados e decisões "
            "coletivas.",
            "Menjaga kelompok sukarelawan tetap aktif dan ramah: pertemuan rutin, pendatang baru, dan "
            "keputusan bersama kelompok.",
            "يحافظ على نشاط مجموعة المتطوعين وترحيبها بالآخرين: لقاءات منتظمة واستقبال القادمين الجدد "
            "والقرارات المشتركة.",
        ),
        _text(
            "Organise monthly meetups; welcome and guide newcomers; keep the group's page and channels up "
            "to date; be the group's contact with its hub.",
            "Organiser des rencontres mensuelles ; accueillir et guider les nouveaux venus ; tenir à jour la "
            "page et les canaux du groupe ; être l'interlocuteur du groupe auprès de son hub.",
            "Organizar encuentros mensuales; acoger y orientar a las personas nuevas; mantener al día la "
            "página y los canales del grupo; ser el contacto del grupo con su centro.",
            "Organizar encontros mensais; acolher e orientar recém-chegados; manter atualizados a página e os "
            "canais do grupo; ser o contato do grupo com seu hub.",
            "Menyelenggarakan pertemuan bulanan; menyambut dan membimbing pendatang baru; memperbarui "
            "halaman dan saluran kelompok; menjadi narahubung kelompok dengan hub-nya.",
            "تنظيم لقاءات شهرية؛ واستقبال القادمين الجدد وتوجيههم؛ وتحديث صفحة المجموعة وقنواتها؛ وتمثيل "
            "المجموعة لدى مركزها.",
        ),
        reqs(
            "volunteer-management:2 event-organising:2 onboarding-newcomers:2 inclusion-and-diversity:2? "
            "social-media:1?"
        ),
    ),
    DemoTemplate(
        "event-lead",
        Shape(RoleKind.PROJECT_LEAD, 1, APPOINTED, 12, None, 8),
        _text(
            "Event lead",
            "Responsable d'événement",
            "Responsable de eventos",
            "Responsável por eventos",
            "Pemimpin acara",
            "مسؤول الفعاليات",
        ),
        _text(
            "Leads one event or a series of events — an edit-a-thon, a photo contest, a conference — from "
            "plan to report.",
            "Pilote un événement ou une série d'événements — atelier d'écriture, concours photo, conférence "
            "— du plan au bilan.",
            "Dirige un evento o una serie de eventos —un editatón, un concurso fotográfico, una conferencia— "
            "desde el plan hasta el informe.",
            "Conduz um evento ou uma série de eventos — uma editatona, um concurso de fotografia, uma "
            "conferência — do plano ao relatório.",
            "Memimpin satu acara atau rangkaian acara — edit-a-thon, lomba foto, konferensi — dari "
            "perencanaan hingga laporan.",
            "يقود فعالية أو سلسلة فعاليات، كماراثون تحرير أو مسابقة تصوير أو مؤتمر، من التخطيط حتى التقرير.",
        ),
        _text(
            "Plan the programme and budget; book the venue; recruit and brief volunteers; apply the "
            "friendly space policy; report results to the community and funders.",
            "Établir le programme et le budget ; réserver le lieu ; recruter et briefer les bénévoles ; "
            "appliquer la politique d'espace bienveillant ; rendre compte des résultats à la communauté et "
            "aux financeurs.",
            "Definir el programa y el presupuesto; reservar el lugar; reclutar e informar al voluntariado; "
            "aplicar la política de espacio amigable; informar de los resultados a la comunidad y a quienes "
            "financian.",
            "Definir a programação e o orçamento; reservar o local; recrutar e orientar voluntários; aplicar "
            "a política de espaço amigável; relatar os resultados à comunidade e aos financiadores.",
            "Menyusun acara dan anggaran; memesan tempat; merekrut dan memberi pengarahan kepada "
            "sukarelawan; menerapkan kebijakan ruang ramah; melaporkan hasil kepada komunitas dan penyandang "
            "dana.",
            "وضع البرنامج والميزانية؛ وحجز المكان؛ واستقطاب المتطوعين وإحاطتهم؛ وتطبيق سياسة المساحة الآمنة؛ "
            "وإبلاغ المجتمع والمموّلين بالنتائج.",
        ),
        reqs(
            "event-organising:3 volunteer-management:2 financial-management:1? inclusion-and-diversity:2? "
            "volunteer-wellbeing:2?"
        ),
    ),
    DemoTemplate(
        "partnerships-lead",
        Shape(RoleKind.VOLUNTEER, 1, APPOINTED, 24, None, 5),
        _text(
            "Partnerships lead",
            "Responsable des partenariats",
            "Responsable de alianzas",
            "Responsável por parcerias",
            "Pemimpin kemitraan",
            "مسؤول الشراكات",
        ),
        _text(
            "Builds and looks after the organisation's partnerships with cultural, educational and public "
            "institutions.",
            "Noue et entretient les partenariats de l'organisation avec les institutions culturelles, "
            "éducatives et publiques.",
            "Construye y cuida las alianzas de la organización con instituciones culturales, educativas y "
            "públicas.",
            "Constrói e cuida das parcerias da organização com instituições culturais, educacionais e "
            "públicas.",
            "Membangun dan merawat kemitraan organisasi dengan lembaga budaya, pendidikan, dan publik.",
            "يبني شراكات المنظمة مع المؤسسات الثقافية والتعليمية والعامة ويرعاها.",
        ),
        _text(
            "Find and approach potential partners; agree and sign partnership terms; make sure content is "
            "openly licensed; report on partnerships to the board.",
            "Repérer et contacter des partenaires potentiels ; convenir des conditions des partenariats et "
            "les signer ; veiller à ce que les contenus soient sous licence libre ; rendre compte des "
            "partenariats au conseil.",
            "Identificar y contactar posibles aliados; acordar y firmar las condiciones de las alianzas; "
            "asegurar que los contenidos tengan licencias libres; informar a la junta sobre las alianzas.",
            "Identificar e contatar possíveis parceiros; acordar e assinar os termos das parcerias; garantir "
            "que os conteúdos tenham licenças livres; relatar as parcerias ao conselho.",
            "Mencari dan mendekati calon mitra; menyepakati dan menandatangani ketentuan kemitraan; "
            "memastikan konten berlisensi terbuka; melaporkan kemitraan kepada dewan pengurus.",
            "البحث عن شركاء محتملين والتواصل معهم؛ والاتفاق على شروط الشراكة وتوقيعها؛ والتأكد من إتاحة "
            "المحتوى برخص مفتوحة؛ ورفع تقارير الشراكات إلى المجلس.",
        ),
        reqs(
            "partnership-building:3 negotiation:2 glam-collaboration:2? open-licensing:2? public-speaking:2?"
        ),
    ),
    DemoTemplate(
        "communications-lead",
        Shape(RoleKind.VOLUNTEER, 1, APPOINTED, 12, None, 4),
        _text(
            "Communications lead",
            "Responsable de la communication",
            "Responsable de comunicación",
            "Responsável pela comunicação",
            "Pemimpin komunikasi",
            "مسؤول التواصل",
        ),
        _text(
            "Tells the organisation's story to its members, the movement and the public.",
            "Fait connaître l'action de l'organisation à ses membres, au mouvement et au public.",
            "Da a conocer la labor de la organización a sus personas socias, al movimiento y al público.",
            "Divulga o trabalho da organização para seus membros, o movimento e o público.",
            "Menyampaikan kisah organisasi kepada anggotanya, gerakan, dan publik.",
            "يروي قصة المنظمة لأعضائها وللحركة وللجمهور.",
        ),
        _text(
            "Run the newsletter, blog and social media accounts; write announcements in the community's "
            "languages; answer the press; keep a calendar of stories.",
            "Gérer la lettre d'information, le blog et les réseaux sociaux ; rédiger les annonces dans les "
            "langues de la communauté ; répondre à la presse ; tenir un calendrier éditorial.",
            "Gestionar el boletín, el blog y las redes sociales; redactar anuncios en los idiomas de la "
            "comunidad; atender a la prensa; mantener un calendario editorial.",
            "Cuidar do boletim, do blog e das redes sociais; redigir anúncios nos idiomas da comunidade; "
            "atender a imprensa; manter um calendário editorial.",
            "Mengelola buletin, blog, dan media sosial; menulis pengumuman dalam bahasa-bahasa komunitas; "
            "melayani pers; menyusun kalender cerita.",
            "إدارة النشرة الإخبارية والمدونة وحسابات التواصل الاجتماعي؛ وكتابة الإعلانات بلغات المجتمع؛ "
            "والرد على الصحافة؛ والحفاظ على تقويم للمحتوى.",
        ),
        reqs("writing-and-storytelling:3 social-media:3 media-relations:2? multilingual-communication:2?"),
    ),
    DemoTemplate(
        "technical-lead",
        Shape(RoleKind.VOLUNTEER, 1, APPOINTED, 24, None, 5),
        _text(
            "Technical lead",
            "Responsable technique",
            "Responsable técnico",
            "Responsável técnico",
            "Pemimpin teknis",
            "المسؤول التقني",
        ),
        _text(
            "Looks after the tools, data and accounts the organisation depends on, and helps volunteers "
            "with technical questions.",
            "Veille sur les outils, les données et les comptes dont dépend l'organisation, et aide les "
            "bénévoles dans leurs questions techniques.",
            "Cuida de las herramientas, los datos y las cuentas de los que depende la organización, y "
            "ayuda al voluntariado con las dudas técnicas.",
            "Cuida das ferramentas, dos dados e das contas de que a organização depende e ajuda os "
            "voluntários com dúvidas técnicas.",
            "Menjaga perkakas, data, dan akun yang diandalkan organisasi, serta membantu sukarelawan dengan "
            "pertanyaan teknis.",
            "يرعى الأدوات والبيانات والحسابات التي تعتمد عليها المنظمة، ويساعد المتطوعين في مسائلهم التقنية.",
        ),
        _text(
            "Maintain the organisation's tools and bots; run data uploads with partners; keep accounts and "
            "personal data secure; document everything for the next person.",
            "Maintenir les outils et les robots de l'organisation ; mener les versements de données avec "
            "les partenaires ; sécuriser les comptes et les données personnelles ; tout documenter pour la "
            "personne suivante.",
            "Mantener las herramientas y los bots de la organización; realizar las cargas de datos con los "
            "aliados; proteger las cuentas y los datos personales; documentarlo todo para la siguiente "
            "persona.",
            "Manter as ferramentas e os robôs da organização; fazer os carregamentos de dados com parceiros; "
            "proteger contas e dados pessoais; documentar tudo para a próxima pessoa.",
            "Memelihara perkakas dan bot organisasi; menjalankan unggahan data bersama mitra; menjaga "
            "keamanan akun dan data pribadi; mendokumentasikan semuanya bagi penerus.",
            "صيانة أدوات المنظمة وبوتاتها؛ وتنفيذ رفع البيانات مع الشركاء؛ وتأمين الحسابات والبيانات الشخصية؛ "
            "وتوثيق كل شيء لمن يأتي بعده.",
        ),
        reqs(
            "tool-development:3 wikidata:3 privacy-and-data-protection:2 data-analysis:2? digital-security:2?"
        ),
    ),
    DemoTemplate(
        "grants-committee-member",
        Shape(RoleKind.COMMITTEE, 7, APPOINTED, 24, 2, 3),
        _text(
            "Grants committee member",
            "Membre du comité des subventions",
            "Miembro del comité de subvenciones",
            "Membro do comitê de financiamento",
            "Anggota komite hibah",
            "عضو لجنة المنح",
        ),
        _text(
            "Reviews grant proposals from the community and recommends which to fund, fairly and in the open.",
            "Examine les demandes de subvention de la communauté et recommande celles à financer, avec "
            "équité et transparence.",
            "Revisa las solicitudes de subvención de la comunidad y recomienda cuáles financiar, con "
            "imparcialidad y transparencia.",
            "Analisa as propostas de financiamento da comunidade e recomenda quais financiar, com "
            "imparcialidade e transparência.",
            "Menilai proposal hibah dari komunitas dan merekomendasikan mana yang didanai, secara adil dan "
            "terbuka.",
            "يراجع طلبات المنح المقدّمة من المجتمع ويوصي بما يُموَّل منها، بإنصاف وشفافية.",
        ),
        _text(
            "Read and score proposals in each round; discuss them with applicants; declare conflicts of "
            "interest; help improve the grant programme.",
            "Lire et noter les demandes à chaque session ; en discuter avec les porteurs de projet ; déclarer "
            "ses conflits d'intérêts ; contribuer à améliorer le programme de subventions.",
            "Leer y puntuar las solicitudes de cada convocatoria; comentarlas con quienes las presentan; "
            "declarar los conflictos de interés; ayudar a mejorar el programa de subvenciones.",
            "Ler e pontuar as propostas de cada rodada; discuti-las com os proponentes; declarar conflitos "
            "de interesse; ajudar a melhorar o programa de financiamento.",
            "Membaca dan menilai proposal di setiap putaran; mendiskusikannya dengan pengusul; menyatakan "
            "konflik kepentingan; membantu memperbaiki program hibah.",
            "قراءة الطلبات وتقييمها في كل دورة؛ ومناقشتها مع مقدّميها؛ والإفصاح عن تضارب المصالح؛ والمساعدة "
            "في تحسين برنامج المنح.",
        ),
        reqs(
            "grant-reviewing:3 financial-management:2 movement-knowledge:2 programme-evaluation:2? "
            "multilingual-communication:2?"
        ),
    ),
    DemoTemplate(
        "ombudsperson",
        Shape(RoleKind.COMMITTEE, 2, ELECTED, 24, 2, 3),
        _text(
            "Ombudsperson",
            "Médiation et résolution des conflits",
            "Defensoría y resolución de conflictos",
            "Ouvidoria e resolução de conflitos",
            "Ombudsman dan penyelesaian konflik",
            "أمين المظالم وحل النزاعات",
        ),
        _text(
            "A trusted, independent person members can turn to with a conflict or a code of conduct concern.",
            "Une personne de confiance et indépendante vers qui les membres peuvent se tourner en cas de "
            "conflit ou de manquement au code de conduite.",
            "Una persona independiente y de confianza a la que las personas socias pueden acudir ante un "
            "conflicto o una falta al código de conducta.",
            "Uma pessoa independente e de confiança a quem os membros podem recorrer diante de um conflito "
            "ou de uma violação do código de conduta.",
            "Orang tepercaya dan independen yang dapat dihubungi anggota saat menghadapi konflik atau "
            "masalah kode etik.",
            "شخص مستقل وموثوق يلجأ إليه الأعضاء عند وقوع نزاع أو مخالفة لمدونة السلوك.",
        ),
        _text(
            "Receive reports confidentially; mediate between the people involved; recommend measures to the "
            "board; report yearly, without names, on the cases handled.",
            "Recevoir les signalements en toute confidentialité ; mener la médiation entre les personnes "
            "concernées ; recommander des mesures au conseil ; publier chaque année un bilan anonyme des "
            "cas traités.",
            "Recibir las denuncias con confidencialidad; mediar entre las personas implicadas; recomendar "
            "medidas a la junta; informar cada año, sin nombres, de los casos atendidos.",
            "Receber denúncias com sigilo; mediar entre as pessoas envolvidas; recomendar medidas ao "
            "conselho; relatar anualmente, sem nomes, os casos atendidos.",
            "Menerima laporan secara rahasia; memediasi pihak-pihak yang terlibat; merekomendasikan tindakan "
            "kepada dewan; melaporkan kasus yang ditangani setiap tahun tanpa menyebut nama.",
            "تلقّي البلاغات بسرية؛ والتوسط بين الأطراف المعنية؛ والتوصية بالإجراءات لمجلس الإدارة؛ ونشر "
            "تقرير سنوي عن الحالات المعالجة دون ذكر أسماء.",
        ),
        reqs(
            "conflict-resolution:4 code-of-conduct-enforcement:3 intercultural-collaboration:3 "
            "privacy-and-data-protection:2 volunteer-wellbeing:2?"
        ),
    ),
    DemoTemplate(
        "volunteer-coordinator",
        Shape(RoleKind.COORDINATOR, 1, APPOINTED, 12, None, 8),
        _text(
            "Volunteer coordinator",
            "Coordination des bénévoles",
            "Coordinación del voluntariado",
            "Coordenação de voluntários",
            "Koordinator sukarelawan",
            "منسّق المتطوعين",
        ),
        _text(
            "Makes sure volunteers are found, welcomed, supported and thanked, and that nobody carries too "
            "much.",
            "Veille à ce que les bénévoles soient trouvés, accueillis, soutenus et remerciés, et à ce que "
            "personne ne porte une charge trop lourde.",
            "Se asegura de que las personas voluntarias sean captadas, acogidas, apoyadas y agradecidas, y "
            "de que nadie cargue con demasiado.",
            "Garante que os voluntários sejam encontrados, acolhidos, apoiados e reconhecidos, e que ninguém "
            "carregue peso demais.",
            "Memastikan sukarelawan ditemukan, disambut, didukung, dan dihargai, serta tidak ada yang "
            "memikul beban terlalu berat.",
            "يحرص على استقطاب المتطوعين والترحيب بهم ودعمهم وشكرهم، وألّا يتحمّل أحد فوق طاقته.",
        ),
        _text(
            "Keep a list of open volunteer tasks; match people to them; check in regularly with active "
            "volunteers; plan handovers before people step down.",
            "Tenir la liste des missions bénévoles ouvertes ; y orienter les personnes ; prendre "
            "régulièrement des nouvelles des bénévoles actifs ; préparer les passations avant les départs.",
            "Mantener la lista de tareas voluntarias abiertas; asignarles personas; hablar con regularidad "
            "con el voluntariado activo; planificar los relevos antes de que alguien se retire.",
            "Manter a lista de tarefas voluntárias em aberto; direcionar pessoas a elas; conversar "
            "regularmente com os voluntários ativos; planejar as passagens de função antes das saídas.",
            "Menyusun daftar tugas sukarelawan yang terbuka; mencocokkan orang dengan tugas; rutin menyapa "
            "sukarelawan aktif; merencanakan serah terima sebelum seseorang mundur.",
            "الاحتفاظ بقائمة المهام التطوعية المتاحة؛ وتوجيه الأشخاص إليها؛ والتواصل المنتظم مع المتطوعين "
            "النشطين؛ والتخطيط لتسليم المهام قبل مغادرة أصحابها.",
        ),
        reqs(
            "volunteer-management:3 onboarding-newcomers:3 volunteer-wellbeing:3 inclusion-and-diversity:2? "
            "data-analysis:1?"
        ),
    ),
    DemoTemplate(
        "education-programme-lead",
        Shape(RoleKind.PROJECT_LEAD, 1, APPOINTED, 24, None, 8),
        _text(
            "Education programme lead",
            "Responsable du programme éducatif",
            "Responsable del programa educativo",
            "Responsável pelo programa educacional",
            "Pemimpin program pendidikan",
            "مسؤول البرنامج التعليمي",
        ),
        _text(
            "Runs the organisation's work with schools, universities and teachers.",
            "Pilote le travail de l'organisation avec les écoles, les universités et les enseignants.",
            "Dirige el trabajo de la organización con escuelas, universidades y docentes.",
            "Conduz o trabalho da organização com escolas, universidades e professores.",
            "Menjalankan kerja organisasi bersama sekolah, universitas, dan guru.",
            "يدير عمل المنظمة مع المدارس والجامعات والمعلمين.",
        ),
        _text(
            "Recruit teachers and classes; train them to run Wikipedia assignments; follow students' work on "
            "the wikis; share results and materials with other affiliates.",
            "Recruter des enseignants et des classes ; les former à mener des projets sur Wikipédia ; suivre "
            "le travail des élèves sur les wikis ; partager résultats et supports avec d'autres affiliés.",
            "Sumar docentes y grupos; formarlos para llevar a cabo tareas en Wikipedia; seguir el trabajo "
            "del alumnado en los wikis; compartir resultados y materiales con otros afiliados.",
            "Recrutar professores e turmas; formá-los para conduzir atividades na Wikipédia; acompanhar o "
            "trabalho dos estudantes nos wikis; compartilhar resultados e materiais com outros afiliados.",
            "Merekrut guru dan kelas; melatih mereka menjalankan tugas menulis Wikipedia; memantau karya "
            "pelajar di wiki; berbagi hasil dan materi dengan afiliasi lain.",
            "استقطاب المعلمين والفصول؛ وتدريبهم على تنفيذ مهام في ويكيبيديا؛ ومتابعة عمل الطلاب على الويكيات؛ "
            "ومشاركة النتائج والمواد مع المنظمات المنتسبة الأخرى.",
        ),
        reqs(
            "education-programmes:3 wiki-editing:3 facilitation:2 partnership-building:2? "
            "programme-evaluation:2?"
        ),
    ),
    DemoTemplate(
        "affiliate-liaison",
        Shape(RoleKind.VOLUNTEER, 1, APPOINTED, 12, 3, 2),
        _text(
            "Affiliate liaison",
            "Liaison avec les affiliés",
            "Enlace con los afiliados",
            "Ligação com os afiliados",
            "Penghubung afiliasi",
            "مسؤول الاتصال بالمنظمات المنتسبة",
        ),
        _text(
            "The link between the organisation and the rest of the movement: hubs, committees and the "
            "Foundation.",
            "Le lien entre l'organisation et le reste du mouvement : hubs, comités et Fondation.",
            "El vínculo entre la organización y el resto del movimiento: centros, comités y la Fundación.",
            "O elo entre a organização e o restante do movimento: hubs, comitês e a Fundação.",
            "Penghubung antara organisasi dan bagian lain dari gerakan: hub, komite, dan Yayasan.",
            "صلة الوصل بين المنظمة وبقية الحركة: المراكز واللجان والمؤسسة.",
        ),
        _text(
            "Follow movement discussions and share what matters; represent the organisation in regional "
            "calls; make sure reports and renewals are sent on time.",
            "Suivre les discussions du mouvement et en relayer l'essentiel ; représenter l'organisation dans "
            "les réunions régionales ; veiller à l'envoi à temps des rapports et des renouvellements.",
            "Seguir los debates del movimiento y compartir lo importante; representar a la organización en "
            "las reuniones regionales; asegurar que los informes y las renovaciones se envíen a tiempo.",
            "Acompanhar as discussões do movimento e compartilhar o que importa; representar a organização "
            "nas reuniões regionais; garantir o envio de relatórios e renovações no prazo.",
            "Mengikuti diskusi gerakan dan membagikan hal penting; mewakili organisasi dalam pertemuan "
            "regional; memastikan laporan dan pembaruan dikirim tepat waktu.",
            "متابعة نقاشات الحركة ونقل ما يهمّ منها؛ وتمثيل المنظمة في الاجتماعات الإقليمية؛ والتأكد من "
            "إرسال التقارير وطلبات التجديد في موعدها.",
        ),
        reqs(
            "movement-knowledge:3 intercultural-collaboration:2 writing-and-storytelling:2? grant-writing:2?"
        ),
    ),
)


# --- People without accounts -----------------------------------------------------------------------
# Role holders who never signed in: an organizer entered them. Some have an email (never shown) or a
# Wikimedia username, by which they claim their profile if they ever sign in.


@dataclass(frozen=True)
class DemoHolderPerson:
    name: str
    region: str
    time_zone: str
    languages: tuple[str, ...]
    public: bool
    email: str = ""
    wikimedia_username: str = ""


def _someone(
    name: str,
    region: str,
    time_zone: str,
    languages: str,
    *,
    public: bool,
    email: str = "",
    username: str = "",
) -> DemoHolderPerson:
    return DemoHolderPerson(
        name=name,
        region=region,
        time_zone=time_zone,
        languages=tuple(languages.split()),
        public=public,
        email=f"{email}@{DEMO_DOMAIN}" if email else "",
        wikimedia_username=username,
    )


PEOPLE_WITHOUT_ACCOUNTS: tuple[DemoHolderPerson, ...] = (
    _someone(
        "Kofi Asante",
        "SSA",
        "Africa/Accra",
        "en",
        public=True,
        email="kofi.asante",
        username="Kofi Asante (demo)",
    ),
    _someone("Neema Said", "SSA", "Africa/Dar_es_Salaam", "sw en", public=True),
    _someone("Baraka Otieno", "SSA", "Africa/Nairobi", "sw en", public=False, email="baraka.otieno"),
    _someone("Awa Ndiaye", "SSA", "Africa/Dakar", "fr wo", public=True, username="Awa Ndiaye (demo)"),
    _someone("Moussa Traoré", "SSA", "Africa/Bamako", "fr", public=False),
    _someone("Sipho Nkosi", "SSA", "Africa/Johannesburg", "zu en", public=True, email="sipho.nkosi"),
    _someone("Grace Nakato", "SSA", "Africa/Kampala", "en sw", public=True),
    _someone("Chinedu Okafor", "SSA", "Africa/Lagos", "en ig", public=False, email="chinedu.okafor"),
    _someone("Omar Khalil", "MENA", "Asia/Amman", "ar en", public=True, username="Omar Khalil (demo)"),
    _someone("Salma Idrissi", "MENA", "Africa/Casablanca", "ar fr kab", public=True),
    _someone("Rania Aziz", "MENA", "Africa/Cairo", "ar en", public=False, email="rania.aziz"),
    _someone("Yasmine Trabelsi", "MENA", "Africa/Tunis", "ar fr", public=True, email="yasmine.trabelsi"),
    _someone("Carlos Mendoza", "LAC", "America/Lima", "es qu", public=True),
    _someone(
        "Beatriz Santos",
        "LAC",
        "America/Sao_Paulo",
        "pt-br es",
        public=True,
        username="Beatriz Santos (demo)",
    ),
    _someone("Rafael Oliveira", "LAC", "America/Sao_Paulo", "pt-br", public=False),
    _someone(
        "Valentina Gómez",
        "LAC",
        "America/Argentina/Buenos_Aires",
        "es en",
        public=True,
        email="valentina.gomez",
    ),
    _someone("Jean-Baptiste Pierre", "LAC", "America/Port-au-Prince", "ht fr", public=False),
    _someone(
        "Tomás Herrera", "LAC", "America/Mexico_City", "es en", public=True, username="Tomás Herrera (demo)"
    ),
    _someone("Tomasz Nowak", "CEE", "Europe/Warsaw", "pl en", public=True, email="tomasz.nowak"),
    _someone("Katarzyna Wiśniewska", "CEE", "Europe/Warsaw", "pl", public=False),
    _someone("Peter Horváth", "CEE", "Europe/Bratislava", "sk hu", public=True),
    _someone("Dóra Kiss", "CEE", "Europe/Budapest", "hu en", public=True, username="Dóra Kiss (demo)"),
    _someone(
        "Budi Santoso",
        "ESEAP",
        "Asia/Jakarta",
        "id jv",
        public=True,
        email="budi.santoso",
        username="Budi Santoso (demo)",
    ),
    _someone("Dewi Lestari", "ESEAP", "Asia/Jakarta", "id", public=False),
    _someone("Ahmad Faizal", "ESEAP", "Asia/Kuala_Lumpur", "ms en", public=True),
    _someone("Sione Taufa", "ESEAP", "Pacific/Tongatapu", "to en", public=True),
    _someone("Maria Reyes", "ESEAP", "Asia/Manila", "tl en", public=False, email="maria.reyes"),
    _someone("Min-jun Park", "ESEAP", "Asia/Seoul", "ko en", public=False),
    _someone("Ananya Iyer", "SA", "Asia/Kolkata", "ta en hi", public=True, email="ananya.iyer"),
    _someone("Rahim Uddin", "SA", "Asia/Dhaka", "bn en", public=False),
    _someone("Bikash Gurung", "SA", "Asia/Kathmandu", "ne en", public=True),
    _someone(
        "Nils Berg",
        "NWE",
        "Europe/Oslo",
        "nb en",
        public=True,
        email="nils.berg",
        username="Nils Berg (demo)",
    ),
    _someone("Sofie Lambert", "NWE", "Europe/Brussels", "fr nl", public=True),
    _someone("Jordi Vidal", "NWE", "Europe/Madrid", "ca es", public=True),
    _someone("Lars Mikkelsen", "NWE", "Europe/Copenhagen", "da en", public=False, email="lars.mikkelsen"),
    _someone("Aoife Byrne", "NWE", "Europe/Dublin", "ga en", public=True, username="Aoife Byrne (demo)"),
    _someone("Helena Costa", "NWE", "Europe/Lisbon", "pt en", public=True, email="helena.costa"),
    _someone("Hannah Cohen", "NA", "America/Toronto", "en fr", public=False, email="hannah.cohen"),
    _someone("David Martínez", "NA", "America/Chicago", "es en", public=True),
)


# --- Roles in the demo organisations, and who holds them ------------------------------------------


@dataclass(frozen=True)
class Term:
    """A person's term on a seat. `started`/`ended` are months before today; `ends_in` is days after it.

    A running term of a role with a term length ends when that length is up (so a term of 24 months that
    started 22 months ago ends within 90 days). `previous` earlier terms of the same person on the same
    seat precede it back to back, so its term number is `previous + 1`: above the role's term limit, the
    person is past it.
    """

    person: str  # the local part of a demo account's email, or the name of a person without an account
    started: int
    seat: int = 1
    previous: int = 0
    ended: int | None = None
    ends_in: int | None = None


def H(  # noqa: N802 - a short constructor keeps the table of holders readable
    person: str,
    started: int,
    *,
    seat: int = 1,
    previous: int = 0,
    ended: int | None = None,
    ends_in: int | None = None,
) -> Term:
    return Term(person, started, seat, previous, ended, ends_in)


@dataclass(frozen=True)
class DemoRole:
    """A role adapted from a template (`template`, with changes), or written by the organisation itself."""

    template: str = ""
    title: Text | None = None  # for an adapted role: a title of its own instead of the template's
    description: Text | None = None
    responsibilities: Text | None = None
    shape: Shape | None = None  # a custom role's shape
    seats: int | None = None  # an adapted role's own number of seats
    hours_per_week: int | None = None
    requirements: tuple[Req, ...] = ()  # a custom role's requirements
    add: tuple[Req, ...] = ()  # an adapted role's requirements added to (or changed from) the template's
    drop: tuple[str, ...] = ()  # ...and those it does not need
    open_for_nominations: bool = False
    holders: tuple[Term, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        """How the role is found again: by its template, or (a custom role) by its first title."""
        if self.template:
            return ("template", self.template, "")
        code, value = next(iter((self.title or {"": ""}).items()))
        return ("title", code, value)


def adapt(
    template: str,
    *holders: Term,
    nominations: bool = False,
    seats: int | None = None,
    hours: int | None = None,
    title: Text | None = None,
    add: str = "",
    drop: str = "",
) -> DemoRole:
    return DemoRole(
        template=template,
        title=title,
        seats=seats,
        hours_per_week=hours,
        add=reqs(add),
        drop=tuple(drop.split()),
        open_for_nominations=nominations,
        holders=holders,
    )


def custom(
    title: Text,
    description: Text,
    shape: Shape,
    requirements: str,
    *holders: Term,
    nominations: bool = False,
) -> DemoRole:
    return DemoRole(
        title=title,
        description=description,
        shape=shape,
        requirements=reqs(requirements),
        open_for_nominations=nominations,
        holders=holders,
    )


def _some(**texts: str) -> Text:
    """A text an organisation wrote in a few languages only: en=, fr=, es=, pt_br=, ind=, ar=."""
    codes = dict(zip(("en", "fr", "es", "pt_br", "ind", "ar"), CONTENT_LANGUAGES, strict=True))
    return {codes[key]: value for key, value in texts.items()}


K = RoleKind
ROLES: dict[str, tuple[DemoRole, ...]] = {
    # --- Movement-wide bodies ----------------------------------------------------------------------
    "wikimedia-demo-foundation": (
        adapt("board-chair", H("Helena Costa", 14)),
        adapt(
            "board-member",
            H("jordan.lee", 10, seat=1),
            H("Tomás Herrera", 20, seat=2),
            H("Min-jun Park", 22, seat=3),
            nominations=True,
        ),
        adapt(
            "grants-committee-member",
            H("priya.raman", 18, seat=1),
            H("Tomás Herrera", 6, seat=2),
            H("Kofi Asante", 23, seat=3),
            H("Ananya Iyer", 8, seat=4),
            H("Yasmine Trabelsi", 12, seat=5),
            nominations=True,
            add="multilingual-communication:3",
        ),
        adapt("ombudsperson", H("Aoife Byrne", 4, previous=2), nominations=True),
        adapt("technical-lead", H("Min-jun Park", 5)),
    ),
    "demo-affiliations-committee": (
        custom(
            _some(
                en="Chair of the Affiliations Committee",
                fr="Présidence du comité des affiliations",
                es="Presidencia del Comité de Afiliaciones",
            ),
            _some(
                en="Leads the committee's monthly meetings and its recommendations on new affiliates.",
                fr="Anime les réunions mensuelles du comité et ses recommandations sur les nouveaux affiliés.",
                es="Dirige las reuniones mensuales del comité y sus recomendaciones sobre nuevos afiliados.",
            ),
            Shape(K.COMMITTEE, 1, ELECTED, 12, 3, 4),
            "meeting-chairing:3 movement-knowledge:4 consensus-building:3 intercultural-collaboration:3?",
            H("jordan.lee", 8),
        ),
        adapt(
            "affiliate-liaison",
            H("arash.karimi", 3, seat=1),
            H("Yasmine Trabelsi", 11, seat=2),
            H("Tomás Herrera", 7, seat=3),
            seats=4,
            nominations=True,
        ),
    ),
    "demo-leadership-development-committee": (
        adapt(
            "education-programme-lead",
            H("sean.obriain", 13),
            title=_text(
                "Leadership programme lead",
                "Responsable du programme de leadership",
                "Responsable del programa de liderazgo",
                "Responsável pelo programa de liderança",
                "Pemimpin program kepemimpinan",
                "مسؤول برنامج القيادة",
            ),
            add="mentoring:4 facilitation:3",
            drop="wiki-editing education-programmes",
        ),
        custom(
            _some(
                en="Leadership mentor",
                es="Mentoría de liderazgo",
                ind="Mentor kepemimpinan",
                ar="مرشد في القيادة",
            ),
            _some(
                en="Accompanies two or three new affiliate leaders through their first year in a role.",
                es="Acompaña a dos o tres nuevas personas líderes de afiliados durante su primer año en una "
                "función.",
                ind="Mendampingi dua atau tiga pemimpin afiliasi baru selama tahun pertama mereka dalam "
                "suatu peran.",
                ar="يرافق قائدين أو ثلاثة من قادة المنظمات المنتسبة الجدد خلال عامهم الأول في الدور.",
            ),
            Shape(K.VOLUNTEER, 6, APPOINTED, 12, None, 2),
            "mentoring:4 facilitation:3 volunteer-wellbeing:2?",
            H("Aoife Byrne", 6, seat=1),
            H("jordan.lee", 2, seat=2),
            H("Sipho Nkosi", 11, seat=3),
            nominations=True,
        ),
        adapt("ombudsperson", nominations=True),
    ),
    # --- Thematic hubs -----------------------------------------------------------------------------
    "open-education-demo-hub": (
        adapt("hub-training-coordinator", H("grace.whitfield", 7)),
        adapt("education-programme-lead", H("Hannah Cohen", 20)),
        adapt("communications-lead", nominations=True),
    ),
    "small-languages-demo-hub": (
        adapt("hub-training-coordinator", H("ana.quispe", 11, previous=1)),
        adapt(
            "technical-lead",
            H("Salma Idrissi", 9),
            add="multilingual-communication:3",
            drop="privacy-and-data-protection",
        ),
        custom(
            _some(
                en="Language community mentor",
                fr="Mentor des communautés linguistiques",
                es="Mentoría de comunidades lingüísticas",
            ),
            _some(
                en="Helps a community start or grow the Wikipedia of its language: incubator, first articles "
                "and first editors.",
                fr="Aide une communauté à lancer ou à développer la Wikipédia de sa langue : incubateur, "
                "premiers articles et premiers contributeurs.",
                es="Ayuda a una comunidad a crear o hacer crecer la Wikipedia de su lengua: incubadora, "
                "primeros artículos y primeras personas editoras.",
            ),
            Shape(K.VOLUNTEER, 3, APPOINTED, 12, None, 3),
            "mentoring:3 multilingual-communication:3 wiki-editing:3 onboarding-newcomers:2?",
            H("fatou.diallo", 4),
            nominations=True,
        ),
    ),
    "open-heritage-demo-hub": (
        adapt("hub-training-coordinator", H("oleksandr.bondarenko", 5)),
        adapt("partnerships-lead", H("pieter.de.vries", 14), add="glam-collaboration:3 open-licensing:3"),
        custom(
            _some(en="Photo contest coordinator", fr="Coordination du concours photo"),
            _some(
                en="Coordinates the yearly photo contest of monuments with the national organisers and the "
                "jury.",
                fr="Coordonne le concours photo annuel des monuments avec les organisateurs nationaux et le "
                "jury.",
            ),
            Shape(K.PROJECT_LEAD, 1, APPOINTED, 12, 3, 6),
            "event-organising:3 open-licensing:2 volunteer-management:2 multilingual-communication:2?",
            H("jana.novakova", 10),
        ),
    ),
    # --- Regional hubs -----------------------------------------------------------------------------
    "cee-demo-hub": (
        adapt("hub-training-coordinator", H("ewa.kowalska", 8)),
        adapt("volunteer-coordinator", H("Dóra Kiss", 16, ended=4), nominations=True),
        adapt(
            "grants-committee-member",
            H("oleksandr.bondarenko", 15, seat=1),
            H("Dóra Kiss", 3, seat=2),
            H("Peter Horváth", 22, seat=3),
            seats=5,
        ),
    ),
    "eseap-demo-hub": (
        adapt("hub-training-coordinator", H("aiko.tanaka", 2)),
        adapt(
            "grants-committee-member",
            H("Budi Santoso", 9, seat=1),
            H("Ahmad Faizal", 16, seat=2),
            H("Maria Reyes", 4, seat=3),
            seats=5,
            nominations=True,
        ),
        adapt("communications-lead", H("Sione Taufa", 6)),
    ),
    "lac-demo-hub": (
        adapt("hub-training-coordinator", H("lucia.fernandez", 10)),
        custom(
            _some(
                en="Leadership school coordinator",
                es="Coordinación de la escuela de liderazgo",
                pt_br="Coordenação da escola de liderança",
            ),
            _some(
                en="Runs the hub's yearly leadership school for organizers from every affiliate of the region.",
                es="Organiza la escuela anual de liderazgo del centro para personas organizadoras de todos "
                "los afiliados de la región.",
                pt_br="Organiza a escola anual de liderança do hub para organizadores de todos os afiliados "
                "da região.",
            ),
            Shape(K.COORDINATOR, 1, APPOINTED, 12, 2, 10),
            "facilitation:3 mentoring:3 programme-evaluation:2 inclusion-and-diversity:2?",
            H("Beatriz Santos", 7),
        ),
        adapt("communications-lead", H("Valentina Gómez", 3)),
        adapt("volunteer-coordinator", nominations=True),
    ),
    "mena-demo-hub": (
        adapt("hub-training-coordinator", H("youssef.benali", 6)),
        adapt("volunteer-coordinator", H("dalia.mansour", 11), add="inclusion-and-diversity:3"),
        adapt("communications-lead", H("Rania Aziz", 4)),
        adapt("partnerships-lead", nominations=True),
    ),
    "south-asia-demo-hub": (
        adapt("hub-training-coordinator", H("priya.raman", 8)),
        adapt("technical-lead", H("Rahim Uddin", 15), add="multilingual-communication:3?"),
        adapt("event-lead", H("sunita.thapa", 4)),
    ),
    "sub-saharan-africa-demo-hub": (
        adapt("hub-training-coordinator", H("organizer", 1, previous=1)),
        adapt("volunteer-coordinator", H("kwame.mensah", 5)),
        adapt(
            "grants-committee-member",
            H("Kofi Asante", 10, seat=1),
            H("Grace Nakato", 20, seat=2),
            H("Awa Ndiaye", 2, seat=3),
            seats=5,
            nominations=True,
        ),
        custom(
            _some(en="Leadership retreat lead", fr="Responsable de la retraite sur le leadership"),
            _some(
                en="Organises the hub's annual leadership retreat: a week of training, rest and exchange for "
                "affiliate leaders.",
                fr="Organise la retraite annuelle du hub sur le leadership : une semaine de formation, de "
                "repos et d'échanges pour les responsables des affiliés.",
            ),
            Shape(K.PROJECT_LEAD, 1, APPOINTED, 12, None, 6),
            "event-organising:3 facilitation:3 volunteer-wellbeing:2 financial-management:2?",
            nominations=True,
        ),
    ),
    # --- Chapters ----------------------------------------------------------------------------------
    "wikimedia-zlatovia": (
        adapt("board-chair", H("jana.novakova", 17)),
        adapt("board-treasurer", H("Peter Horváth", 23)),
        adapt("board-secretary", nominations=True),
        adapt("partnerships-lead", add="glam-collaboration:3"),
    ),
    "wikimedia-varenka": (
        adapt("board-chair", H("ewa.kowalska", 8, previous=2)),
        adapt("board-treasurer", H("Tomasz Nowak", 12)),
        adapt("board-secretary", H("Katarzyna Wiśniewska", 20)),
        adapt(
            "education-programme-lead",
            H("Katarzyna Wiśniewska", 28, ended=4),
            nominations=True,
            add="education-programmes:4",
        ),
    ),
    "wikimedia-tanjung-selatan": (
        adapt("board-chair", H("Budi Santoso", 4, previous=2)),
        adapt("board-secretary", H("Dewi Lestari", 22)),
        adapt("board-treasurer", H("Dewi Lestari", 30, ended=6), nominations=True),
        adapt("education-programme-lead", H("siti.rahmawati", 9), add="glam-collaboration:2"),
    ),
    "wikimedia-coralia": (
        adapt("board-chair", H("mele.fifita", 6)),
        adapt("board-treasurer", H("Sione Taufa", 18)),
        custom(
            _some(en="Knowledge keepers liaison", fr="Liaison avec les gardiens des savoirs"),
            _some(
                en="Works with elders and local knowledge keepers so that island knowledge is recorded with "
                "their consent and under open licences.",
                fr="Travaille avec les anciens et les gardiens des savoirs locaux pour que les savoirs des "
                "îles soient recueillis avec leur accord et sous licence libre.",
            ),
            Shape(K.VOLUNTEER, 2, APPOINTED, 24, None, 3),
            "intercultural-collaboration:3 wiki-editing:2 open-licensing:2 multilingual-communication:2?",
            nominations=True,
        ),
    ),
    "wikimedia-serrania": (
        adapt("board-chair", H("ana.quispe", 20)),
        adapt("board-treasurer", H("Carlos Mendoza", 22, previous=1)),
        custom(
            _some(es="Coordinación de talleres en bibliotecas rurales"),
            _some(
                es="Organiza talleres de edición en quechua y en español en las bibliotecas rurales, con el "
                "personal bibliotecario y las escuelas."
            ),
            Shape(K.PROJECT_LEAD, 1, APPOINTED, 12, None, 6),
            "event-organising:2 wiki-editing:3 education-programmes:2 multilingual-communication:2?",
            nominations=True,
        ),
    ),
    "wikimedia-vale-verde": (
        adapt("board-chair", H("Beatriz Santos", 8)),
        adapt("board-treasurer", H("Rafael Oliveira", 16)),
        adapt("executive-director", H("joao.pereira", 30, ends_in=75)),
        custom(
            _some(pt_br="Coordenação de passeios fotográficos"),
            _some(
                pt_br="Organiza passeios fotográficos nos parques nacionais e o envio das fotos para o "
                "Wikimedia Commons."
            ),
            Shape(K.VOLUNTEER, 2, APPOINTED, 12, None, 4),
            "event-organising:2 open-licensing:2 wiki-editing:2 volunteer-wellbeing:1?",
            nominations=True,
        ),
    ),
    "wikimedia-wadi-nur": (
        adapt("board-chair", H("layla.haddad", 22)),
        adapt("board-treasurer", H("Omar Khalil", 10)),
        adapt("board-secretary", nominations=True),
        adapt("education-programme-lead", H("Rania Aziz", 5), add="facilitation:3"),
    ),
    "wikimedia-pinecrest": (
        adapt("board-chair", H("grace.whitfield", 15)),
        adapt("board-treasurer", H("Hannah Cohen", 4, previous=2)),
        adapt("executive-director", nominations=True, hours=20),
        adapt("technical-lead", add="glam-collaboration:2 data-analysis:3"),
    ),
    "wikimedia-nordlandia": (
        adapt("board-chair", H("ingrid.solberg", 10)),
        adapt("board-treasurer", H("Nils Berg", 8, previous=3)),
        adapt("board-member", H("Lars Mikkelsen", 14), seats=3, nominations=True),
        adapt(
            "partnerships-lead",
            H("Nils Berg", 20),
            add="wikidata:3 public-policy-advocacy:3",
            drop="glam-collaboration",
        ),
    ),
    "wikimedia-aubeterre": (
        adapt("board-chair", H("claire.dubois", 23)),
        adapt("board-treasurer", H("Sofie Lambert", 9)),
        adapt("board-secretary", H("pieter.de.vries", 3)),
        adapt("volunteer-coordinator", nominations=True, add="volunteer-wellbeing:4"),
        custom(
            _some(en="Bilingual events coordinator", fr="Coordination des événements bilingues"),
            _some(
                en="Makes every event of the chapter work in both of the country's languages, from the "
                "invitation to the report.",
                fr="Veille à ce que chaque événement du chapitre se déroule dans les deux langues du pays, de "
                "l'invitation au bilan.",
            ),
            Shape(K.PROJECT_LEAD, 1, APPOINTED, 12, None, 5),
            "event-organising:3 multilingual-communication:3 inclusion-and-diversity:2?",
            H("Sofie Lambert", 5),
        ),
    ),
    "wikimedia-sundarvan": (
        adapt("board-chair", H("farhan.chowdhury", 12)),
        adapt("board-treasurer", H("Rahim Uddin", 22)),
        adapt("board-secretary", nominations=True),
        adapt("event-lead", H("farhan.chowdhury", 2)),
    ),
    "wikimedia-kilimarani": (
        adapt("board-chair", H("organizer", 9)),
        adapt("board-treasurer", H("Baraka Otieno", 3, previous=2)),
        adapt("board-secretary", H("Neema Said", 22)),
        adapt("volunteer-coordinator", H("juma.mwakalinga", 7), add="mentoring:3"),
        custom(
            _some(en="Swahili Wikipedia mentor", fr="Mentor de Wikipédia en swahili"),
            _some(
                en="Guides new Swahili Wikipedia editors through their first months, online and at monthly "
                "meetups.",
                fr="Accompagne les nouveaux contributeurs de Wikipédia en swahili pendant leurs premiers "
                "mois, en ligne et lors des rencontres mensuelles.",
            ),
            Shape(K.VOLUNTEER, 4, APPOINTED, 12, None, 2),
            "mentoring:3 wiki-editing:3 onboarding-newcomers:2 multilingual-communication:2?",
            H("hirut.alemu", 5, seat=1),
            H("Neema Said", 11, seat=2),
            nominations=True,
        ),
    ),
    "wikimedia-savane-bleue": (
        adapt(
            "board-chair",
            H("fatou.diallo", 5),
            title=_text("President", "Présidence", "Presidencia", "Presidência", "Ketua umum", "الرئاسة"),
        ),
        adapt("board-treasurer", H("Moussa Traoré", 17)),
        adapt("partnerships-lead", H("Awa Ndiaye", 9), add="media-relations:3"),
        adapt("communications-lead", nominations=True),
    ),
    # --- Thematic organisations --------------------------------------------------------------------
    "lingua-viva-demo-association": (
        adapt("board-chair", H("marta.puig", 19)),
        adapt("board-treasurer", H("Jordi Vidal", 22)),
        adapt("communications-lead", H("claire.dubois", 6), add="multilingual-communication:3"),
        adapt("technical-lead", nominations=True),
    ),
    "open-medicine-demo-society": (
        adapt("board-chair", H("priya.raman", 4, previous=1)),
        adapt("board-treasurer", H("Ananya Iyer", 13)),
        custom(
            _some(
                en="Medical translation coordinator",
                fr="Coordination de la traduction médicale",
                es="Coordinación de la traducción médica",
                ar="منسّق الترجمة الطبية",
            ),
            _some(
                en="Organises volunteer translators who bring reviewed health articles into more languages.",
                fr="Organise les traducteurs bénévoles qui rendent des articles de santé relus disponibles "
                "dans d'autres langues.",
                es="Organiza a las personas traductoras voluntarias que llevan artículos de salud revisados "
                "a más idiomas.",
                ar="ينظّم المترجمين المتطوعين الذين ينقلون مقالات صحية مُراجَعة إلى مزيد من اللغات.",
            ),
            Shape(K.COORDINATOR, 2, APPOINTED, 12, None, 5),
            "multilingual-communication:4 wiki-editing:3 volunteer-management:2 open-licensing:2?",
            H("hirut.alemu", 8),
            nominations=True,
        ),
    ),
    # --- User groups -------------------------------------------------------------------------------
    "riverbend-wikimedians": (
        adapt(
            "community-organiser",
            H("ilona.varga", 2, seat=1, previous=1),
            H("Dóra Kiss", 10, seat=2),
        ),
        adapt("event-lead", nominations=True),
        adapt("communications-lead"),
    ),
    "pulau-lestari-wikimedians": (
        adapt(
            "community-organiser",
            H("nurul.aisyah", 5, seat=1),
            H("Ahmad Faizal", 11, seat=2),
        ),
        adapt("event-lead", H("siti.rahmawati", 3)),
    ),
    "rio-claro-wikimedians": (
        adapt(
            "community-organiser",
            H("lucia.fernandez", 8, seat=1),
            H("Valentina Gómez", 6, seat=2),
        ),
        adapt("event-lead", nominations=True, add="inclusion-and-diversity:3"),
    ),
    "port-brise-wikimedians": (
        adapt(
            "community-organiser",
            H("marie-claire.joseph", 7, seat=1),
            H("Jean-Baptiste Pierre", 10, seat=2),
        ),
        custom(
            _some(
                en="Disaster-preparedness content lead",
                fr="Responsable des contenus sur la préparation aux catastrophes",
            ),
            _some(
                en="Works with civil protection volunteers on reliable articles about hurricanes, "
                "earthquakes and first aid.",
                fr="Travaille avec les bénévoles de la protection civile sur des articles fiables consacrés "
                "aux ouragans, aux séismes et aux premiers secours.",
            ),
            Shape(K.PROJECT_LEAD, 1, APPOINTED, 12, None, 4),
            "wiki-editing:3 partnership-building:2 multilingual-communication:2 public-speaking:1?",
            nominations=True,
        ),
    ),
    "zaytuna-wikimedians": (
        adapt(
            "community-organiser",
            H("youssef.benali", 8, seat=1),
            H("Salma Idrissi", 4, seat=2),
        ),
        adapt("technical-lead", nominations=True, add="multilingual-communication:3"),
    ),
    "prairie-hollow-wikimedians": (
        adapt("community-organiser", H("marisol.guzman", 5, seat=1), nominations=True),
        adapt("partnerships-lead", H("David Martínez", 9)),
    ),
    "havnby-wikimedians": (
        adapt(
            "community-organiser",
            H("mette.hansen", 6, seat=1),
            H("Lars Mikkelsen", 3, seat=2),
        ),
        adapt("technical-lead", H("Lars Mikkelsen", 12), add="wikidata:4 data-analysis:3"),
    ),
    "meghpur-wikimedians": (
        adapt(
            "community-organiser",
            H("sunita.thapa", 10, seat=1),
            H("Bikash Gurung", 11, seat=2),
        ),
        adapt("education-programme-lead", H("Bikash Gurung", 4)),
    ),
    "ziwa-kuu-wikimedians": (
        adapt(
            "community-organiser",
            H("kwame.mensah", 4, seat=1),
            H("juma.mwakalinga", 8, seat=2),
        ),
        adapt("communications-lead", H("Grace Nakato", 2)),
    ),
    "ilanga-wikimedians": (
        adapt(
            "community-organiser",
            H("thandiwe.dlamini", 8, seat=1),
            H("Sipho Nkosi", 7, seat=2),
        ),
        adapt("education-programme-lead", nominations=True),
    ),
    "women-in-wikimedia-demo-network": (
        adapt(
            "community-organiser",
            H("nguyen.thi.lan", 3, seat=1, previous=2),
            H("lucia.fernandez", 5, seat=2),
        ),
        adapt("ombudsperson", H("amara.nwosu", 23), nominations=True),
        adapt("communications-lead", nominations=True),
    ),
    # --- Social movements from outside Wikimedia ---------------------------------------------------
    "free-software-collective-demo": (
        adapt(
            "community-organiser",
            H("mateo.rojas", 6, seat=1),
            H("joao.pereira", 8, seat=2),
        ),
        adapt("technical-lead", H("Rafael Oliveira", 5)),
    ),
    "community-radio-network-demo": (
        adapt(
            "community-organiser",
            H("amara.nwosu", 8, seat=1),
            H("Chinedu Okafor", 11, seat=2),
        ),
        adapt("communications-lead", H("Kofi Asante", 5)),
        adapt("partnerships-lead", H("Kofi Asante", 16)),
    ),
    "open-data-alliance-demo": (
        adapt(
            "community-organiser",
            H("chen.wei", 7, seat=1),
            H("Maria Reyes", 2, seat=2),
        ),
        adapt("technical-lead", H("aiko.tanaka", 12)),
    ),
    # --- Informal communities ----------------------------------------------------------------------
    "nordlandia-edit-a-thon-circle": (
        adapt("event-lead", H("sean.obriain", 10)),
        adapt("community-organiser", H("ingrid.solberg", 4, seat=1)),
    ),
    "sundarvan-students-wiki-club": (
        adapt("community-organiser", H("farhan.chowdhury", 6, seat=1), nominations=True),
        adapt("event-lead", nominations=True),
    ),
    "wadi-nur-library-volunteers": (
        adapt(
            "community-organiser",
            H("dalia.mansour", 5, seat=1),
            H("layla.haddad", 1, seat=2),
        ),
        custom(
            _some(en="Manuscript digitisation lead", ar="مسؤول رقمنة المخطوطات"),
            _some(
                en="Leads the digitisation of the library's old manuscripts and their transcription on "
                "Wikisource.",
                ar="يقود رقمنة المخطوطات القديمة في المكتبة ونسخها على ويكي مصدر.",
            ),
            Shape(K.PROJECT_LEAD, 1, APPOINTED, 24, None, 6),
            "glam-collaboration:3 wiki-editing:3 open-licensing:2 data-analysis:1?",
            H("Omar Khalil", 9),
        ),
    ),
}


# --- What people can do, want to learn and can teach -----------------------------------------------
# Levels follow from the roles people hold (each around the level the role requires, some below it, so
# that the gap views have something to show): people with an account assessed themselves, and organizers
# confirmed some levels; people without an account have only what an organizer confirmed. On top of that,
# a few trainings completed, and the interests of people with an account.


@dataclass(frozen=True)
class DemoInterests:
    person: str
    wants_to_develop: tuple[str, ...]
    can_mentor: tuple[str, ...]


def _interests(person: str, wants: str, mentors: str) -> DemoInterests:
    return DemoInterests(person, tuple(wants.split()), tuple(mentors.split()))


INTERESTS: tuple[DemoInterests, ...] = (
    _interests("organizer", "fundraising strategic-planning", "mentoring onboarding-newcomers"),
    _interests(
        "lucia.fernandez", "volunteer-wellbeing financial-management", "facilitation inclusion-and-diversity"
    ),
    _interests(
        "priya.raman", "volunteer-wellbeing media-relations", "grant-reviewing multilingual-communication"
    ),
    _interests("farhan.chowdhury", "volunteer-wellbeing board-governance", "wiki-editing event-organising"),
    _interests("ewa.kowalska", "change-management", "education-programmes facilitation"),
    _interests("ingrid.solberg", "public-policy-advocacy", "partnership-building wikidata"),
    _interests("fatou.diallo", "fundraising grant-writing", "multilingual-communication"),
    _interests("juma.mwakalinga", "volunteer-management mentoring facilitation", ""),
    _interests("hirut.alemu", "grant-writing", "multilingual-communication"),
    _interests(
        "amara.nwosu", "conflict-resolution code-of-conduct-enforcement", "media-relations public-speaking"
    ),
    _interests("arash.karimi", "movement-knowledge grant-reviewing", "multilingual-communication"),
    _interests("layla.haddad", "strategic-planning", "education-programmes"),
    _interests("youssef.benali", "data-analysis", "facilitation intercultural-collaboration"),
    _interests("dalia.mansour", "glam-collaboration", "inclusion-and-diversity"),
    _interests("joao.pereira", "fundraising", "financial-management tool-development"),
    _interests("ana.quispe", "programme-evaluation", "multilingual-communication onboarding-newcomers"),
    _interests("mateo.rojas", "public-policy-advocacy", "tool-development digital-security"),
    _interests("marie-claire.joseph", "partnership-building grant-writing", ""),
    _interests("jana.novakova", "negotiation", "glam-collaboration"),
    _interests("aiko.tanaka", "facilitation", "wikidata data-analysis"),
    _interests("nguyen.thi.lan", "public-speaking", "inclusion-and-diversity"),
    _interests("siti.rahmawati", "grant-writing", "education-programmes"),
    _interests("sunita.thapa", "event-organising financial-management", ""),
    _interests("sean.obriain", "", "facilitation mentoring conflict-resolution"),
    _interests("grace.whitfield", "volunteer-wellbeing", "education-programmes board-governance"),
    _interests("marisol.guzman", "partnership-building", "multilingual-communication"),
    _interests("jordan.lee", "", "movement-knowledge grant-reviewing board-governance"),
    _interests("claire.dubois", "conflict-resolution", "volunteer-wellbeing"),
    _interests("thandiwe.dlamini", "mentoring", ""),
    _interests("mele.fifita", "financial-management", "intercultural-collaboration"),
)


@dataclass(frozen=True)
class DemoLevel:
    """One level of one person in one competency, from one source."""

    person: str
    competency: str
    level: int
    source: str
    days_ago: int = 0
    evidence: str = ""
    confirmed_in: str = ""  # the organisation whose organizer confirmed it


def _training(person: str, competency: str, level: int, days_ago: int, course: str) -> DemoLevel:
    return DemoLevel(
        person,
        competency,
        level,
        CompetencySource.TRAINING,
        days_ago,
        f"Completed the course “{course}” (demo data).",
    )


TRAININGS: tuple[DemoLevel, ...] = (
    _training("juma.mwakalinga", "facilitation", 2, 120, "Facilitating online meetings"),
    _training("siti.rahmawati", "grant-writing", 2, 200, "Writing your first grant proposal"),
    _training("Neema Said", "mentoring", 2, 300, "Mentoring new editors"),
    _training("lucia.fernandez", "volunteer-wellbeing", 2, 60, "Preventing volunteer burnout"),
    _training("farhan.chowdhury", "board-governance", 3, 400, "Board governance essentials"),
    _training("amara.nwosu", "conflict-resolution", 3, 150, "Mediation for community leaders"),
    _training("Baraka Otieno", "bookkeeping", 3, 500, "Bookkeeping for small non-profits"),
    _training("sunita.thapa", "event-organising", 2, 90, "Organising safe and inclusive events"),
    _training("ewa.kowalska", "change-management", 2, 30, "Leading change in volunteer organisations"),
    _training("Budi Santoso", "meeting-chairing", 3, 250, "Chairing meetings that decide"),
)

# Self-assessments of people who hold no role (yet).
SELF_ASSESSMENTS: tuple[DemoLevel, ...] = tuple(
    DemoLevel(person, competency, level, CompetencySource.SELF_ASSESSED)
    for person, spec in (
        ("arash.karimi", "multilingual-communication:4 movement-knowledge:2 grant-reviewing:1"),
        ("marta.puig", "multilingual-communication:4 board-governance:2"),
        ("mette.hansen", "wikidata:3 tool-development:2"),
        ("chen.wei", "data-analysis:4 public-policy-advocacy:3 tool-development:3"),
    )
    for competency, level in ((req.competency, req.level) for req in reqs(spec))
)


def _spread(*parts: str) -> int:
    """A stable number from the parts (unlike hash(), the same in every process)."""
    return zlib.crc32("|".join(parts).encode())


def _near(level: int, *parts: str) -> int:
    """A level around the given one: one below, the same (twice as often) or one above, within 1-4."""
    return min(max(level + (-1, 0, 0, 1)[_spread(*parts) % 4], Level.AWARE), Level.EXPERT)


# --- Derived from the data -------------------------------------------------------------------------

TEMPLATES_BY_SLUG = {template.slug: template for template in TEMPLATES}


def account_email(key: str) -> str | None:
    """The email of the demo account a person key names, or None: a key with a space in it is the name of
    a person without an account, any other key the local part of a demo account's email."""
    return None if " " in key else f"{key}@{DEMO_DOMAIN}"


def role_shape(role: DemoRole) -> dict[str, Any]:
    if role.shape is not None:
        return role.shape.fields()
    shape = TEMPLATES_BY_SLUG[role.template].shape.fields()
    if role.seats is not None:
        shape["seats"] = role.seats
    if role.hours_per_week is not None:
        shape["hours_per_week"] = role.hours_per_week
    return shape


def role_requirements(role: DemoRole) -> tuple[Req, ...]:
    """What the role requires: a custom role's own list, or the template's as the organisation changed it."""
    if not role.template:
        return role.requirements
    changed = {req.competency: req for req in role.add}
    kept = [
        changed.pop(req.competency, req)
        for req in TEMPLATES_BY_SLUG[role.template].requirements
        if req.competency not in role.drop
    ]
    return (*kept, *changed.values())


def role_changes_requirements(role: DemoRole) -> bool:
    return bool(role.template and (role.add or role.drop))


def role_title_en(role: DemoRole) -> str:
    title = role.title or TEMPLATES_BY_SLUG[role.template].title
    return title.get("en") or next(iter(title.values()))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (earlier when negative), on the month's last day if it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


@dataclass(frozen=True)
class TermDates:
    seat: int
    start: datetime.date
    end: datetime.date | None
    term_number: int


def term_dates(term: Term, term_length_months: int | None, today: datetime.date) -> list[TermDates]:
    """The term and the earlier terms before it, oldest first, back to back on one seat."""
    start = add_months(today, -term.started)
    if term.ended is not None:
        end = add_months(today, -term.ended)
    elif term.ends_in is not None:
        end = today + datetime.timedelta(days=term.ends_in)
    elif term_length_months:
        end = add_months(start, term_length_months)
    else:
        end = None
    step = term_length_months or 24
    bounds = [add_months(start, -step * (term.previous - k)) for k in range(term.previous)] + [start]
    earlier = [TermDates(term.seat, bounds[k], bounds[k + 1], k + 1) for k in range(term.previous)]
    return [*earlier, TermDates(term.seat, start, end, term.previous + 1)]


def demo_levels() -> list[DemoLevel]:
    """Every level the demo gives people, one per person, competency and source.

    For each competency the roles a person holds (or held) require: people with an account assessed
    themselves in the essential ones and in about half of the desirable ones; an organizer of the role's
    organisation confirmed about three in four of the essential ones of people without an account (they
    never signed in to assess themselves) and about one in three of those with an account. The trainings
    and the self-assessments listed above come on top (and win over a derived level of the same source).
    """
    # (person, competency) -> the highest level required (essential before desirable), and where
    required: dict[tuple[str, str], tuple[int, str, str]] = {}
    for slug, roles in ROLES.items():
        for role in roles:
            for req in role_requirements(role):
                for term in role.holders:
                    current = required.get((term.person, req.competency))
                    rank = (req.level, req.importance == Importance.ESSENTIAL)
                    if current is None or rank > (current[0], current[1] == Importance.ESSENTIAL):
                        required[(term.person, req.competency)] = (req.level, req.importance, slug)
    levels: dict[tuple[str, str, str], DemoLevel] = {}
    for (person, competency), (level, importance, slug) in required.items():
        essential = importance == Importance.ESSENTIAL
        has_account = account_email(person) is not None
        if has_account and (essential or _spread(person, competency, "self") % 2 == 0):
            levels[(person, competency, CompetencySource.SELF_ASSESSED)] = DemoLevel(
                person, competency, _near(level, person, competency), CompetencySource.SELF_ASSESSED
            )
        roll = _spread(person, competency, "organizer")
        confirmed = roll % 3 == 0 if has_account else roll % 4 != 0
        if essential and confirmed:
            levels[(person, competency, CompetencySource.ORGANIZER)] = DemoLevel(
                person,
                competency,
                _near(level, person, competency, "organizer"),
                CompetencySource.ORGANIZER,
                days_ago=30 + _spread(person, competency) % 400,
                evidence="Confirmed by an organizer from the person's work in the role (demo data).",
                confirmed_in=slug,
            )
    for listed in (*SELF_ASSESSMENTS, *TRAININGS):
        levels[(listed.person, listed.competency, listed.source)] = listed
    return list(levels.values())


def demo_person_keys() -> set[str]:
    keys = {term.person for roles in ROLES.values() for role in roles for term in role.holders}
    keys |= {level.person for level in (*SELF_ASSESSMENTS, *TRAININGS)}
    keys |= {interests.person for interests in INTERESTS}
    return keys


# --- The steps -------------------------------------------------------------------------------------


def _people(keys: set[str] | None = None) -> dict[str, Person]:
    """The demo people by key: the local part of an account's email, or the name of one without."""
    keys = demo_person_keys() if keys is None else keys
    emails = {account_email(key): key for key in keys if account_email(key)}
    found: dict[str, Person] = {}
    for person in Person.objects.filter(user__email__in=list(emails)).select_related("user"):
        if person.user is not None:
            found[emails[person.user.email.lower()]] = person
    # A person without an account keeps their name when they sign in and claim the profile: prefer the
    # unclaimed row, else the claimed one, so that a rerun never makes a second person of them.
    names = [key for key in keys if account_email(key) is None]
    unclaimed_first = (F("user_id").asc(nulls_first=True), "pk")
    for person in Person.objects.filter(display_name__in=names).order_by(*unclaimed_first):
        found.setdefault(person.display_name, person)
    return found


def seed_competencies(ctx: DemoContext) -> Iterator[None]:
    """The eight categories, the competencies (a few under a broader one) and some per-level descriptors."""
    categories = {category.slug: category for category in CompetencyCategory.objects.all()}
    for order, data in enumerate(CATEGORIES):
        if data.slug not in categories:
            categories[data.slug] = competency_category_save(
                data={
                    "slug": data.slug,
                    "order": order,
                    **_localized("name", data.name),
                    **_localized("description", data.description),
                }
            )
            ctx.created["competency categories"] += 1
        yield
    competencies = {competency.slug: competency for competency in Competency.objects.all()}
    for competency in COMPETENCIES:
        if competency.slug not in competencies:
            competencies[competency.slug] = competency_save(
                data={
                    "slug": competency.slug,
                    "category": categories[competency.category],
                    "parent": competencies[competency.parent] if competency.parent else None,
                    **_localized("name", competency.name),
                    **_localized("description", competency.description),
                }
            )
            ctx.created["competencies"] += 1
        yield
    existing = set(CompetencyLevelDescriptor.objects.values_list("competency__slug", "level"))
    for slug, descriptors in LEVEL_DESCRIPTORS.items():
        for level, text in enumerate(descriptors, start=1):
            if (slug, level) not in existing:
                # Staff edit these in the admin; no rule spans more than the row, so there is no service.
                descriptor = CompetencyLevelDescriptor(
                    competency=competencies[slug], level=level, **_localized("descriptor", text)
                )
                descriptor.full_clean()
                descriptor.save()
                ctx.created["level descriptors"] += 1
        yield


def seed_templates(ctx: DemoContext) -> Iterator[None]:
    """The movement-wide role templates with their default requirements."""
    existing = set(RoleTemplate.objects.values_list("slug", flat=True))
    competencies = {competency.slug: competency for competency in Competency.objects.all()}
    for data in TEMPLATES:
        if data.slug not in existing:
            role_template_save(
                data={
                    "slug": data.slug,
                    **data.shape.fields(),
                    **_localized("title", data.title),
                    **_localized("description", data.description),
                    **_localized("responsibilities", data.responsibilities),
                },
                requirements=[
                    services.RequirementInput(competencies[req.competency], req.level, req.importance)
                    for req in data.requirements
                ],
            )
            ctx.created["role templates"] += 1
        yield


def seed_people_without_accounts(ctx: DemoContext) -> Iterator[None]:
    """Role holders who never signed in, entered directly as an organizer would (no account, no email sent)."""
    existing = _people({data.name for data in PEOPLE_WITHOUT_ACCOUNTS})
    regions = {region.code: region for region in Region.objects.all()}
    languages = {language.code: language for language in Language.objects.all()}
    taken = set(Person.objects.exclude(wikimedia_username="").values_list("wikimedia_username", flat=True))
    for data in PEOPLE_WITHOUT_ACCOUNTS:
        if data.name not in existing:
            person = Person(
                display_name=data.name,
                email=data.email,
                wikimedia_username=data.wikimedia_username if data.wikimedia_username not in taken else "",
                region=regions[data.region],
                time_zone=data.time_zone,
                is_public=data.public,
            )
            person.full_clean()
            person.save()
            for code in data.languages:
                if code not in languages:
                    languages[code] = Language.objects.create(code=code)
                    ctx.created["languages"] += 1
            person.languages.set([languages[code] for code in data.languages])
            ctx.created["people without accounts"] += 1
        yield


def _role_keys(role: Role, template_slugs: dict[int, str]) -> list[tuple[str, str, str]]:
    if role.template_id is not None:
        return [("template", template_slugs[role.template_id], "")]
    return [
        ("title", code, value)
        for code in CONTENT_LANGUAGES
        if (value := getattr(role, build_localized_fieldname("title", code)))
    ]


def _demo_roles() -> dict[tuple[str, tuple[str, str, str]], Role]:
    """The roles of the demo organisations, by organisation slug and the key of their DemoRole."""
    template_slugs = dict(RoleTemplate.objects.values_list("pk", "slug"))
    found: dict[tuple[str, tuple[str, str, str]], Role] = {}
    roles = Role.objects.filter(organization__slug__in=list(ROLES)).select_related("organization")
    for role in roles.order_by("pk"):
        for key in _role_keys(role, template_slugs):
            found.setdefault((role.organization.slug, key), role)
    return found


def seed_roles(ctx: DemoContext) -> Iterator[None]:
    """Roles in every demo organisation: most adapted from a template (some then changed), a few of their own."""
    templates = {template.slug: template for template in RoleTemplate.objects.all()}
    competencies = {competency.slug: competency for competency in Competency.objects.all()}
    existing = _demo_roles()
    for slug, roles in ROLES.items():
        organization = ctx.organization(slug)
        languages = list(organization.languages.all())
        for data in roles:
            if (slug, data.key) in existing:
                continue
            wanted = [
                services.RequirementInput(competencies[req.competency], req.level, req.importance)
                for req in role_requirements(data)
            ]
            texts = {
                **_localized("title", data.title or {}),
                **_localized("description", data.description or {}),
                **_localized("responsibilities", data.responsibilities or {}),
            }
            if data.template:
                overrides = {
                    **{k: v for k, v in role_shape(data).items() if k in ("seats", "hours_per_week")},
                    **texts,
                    "open_for_nominations": data.open_for_nominations,
                }
                role = services.role_adapt_template(
                    organization=organization, template=templates[data.template], overrides=overrides
                )
                # The organisation then makes the role its own: its languages, and where it differs
                # from the template, its requirements.
                role = services.role_update(
                    role=role,
                    data={},
                    languages=languages,
                    requirements=wanted if role_changes_requirements(data) else None,
                )
            else:
                role = services.role_create(
                    organization=organization,
                    data={**role_shape(data), **texts, "open_for_nominations": data.open_for_nominations},
                    requirements=wanted,
                    languages=languages,
                )
            existing[(slug, data.key)] = role
            ctx.created["roles"] += 1
        yield


def seed_holders(ctx: DemoContext) -> Iterator[None]:
    """Terms on the roles, dated from today: running, ending soon, ended, and past the term limit."""
    today = timezone.localdate()
    people = _people()
    roles = _demo_roles()
    existing = set(RoleHolder.objects.values_list("role_id", "seat", "person_id", "term_number"))
    for slug, demo_roles in ROLES.items():
        for data in demo_roles:
            role = roles[(slug, data.key)]
            for term in data.holders:
                person = people[term.person]
                for dates in term_dates(term, role_shape(data)["term_length_months"], today):
                    if (role.pk, dates.seat, person.pk, dates.term_number) in existing:
                        continue
                    try:
                        services.holder_add(
                            role=role,
                            person=person,
                            seat=dates.seat,
                            start=dates.start,
                            end=dates.end,
                            term_number=dates.term_number,
                        )
                    except ValidationError:
                        # Someone entered another term on this seat since: theirs stands.
                        ctx.left_out["terms whose seat was taken since"] += 1
                        continue
                    existing.add((role.pk, dates.seat, person.pk, dates.term_number))
                    ctx.created["terms"] += 1
        yield


def _confirmers() -> dict[str, list[Person]]:
    """Per demo organisation, who may confirm a level: its organizers and hub coordinators, then those of
    the hubs that serve it (a hub confirms the levels of an affiliate's only organizer)."""
    own: dict[str, list[Person]] = {}
    memberships = Membership.objects.filter(
        capacity__in=[Capacity.ORGANIZER, Capacity.HUB_COORDINATOR]
    ).select_related("organization", "person")
    for membership in memberships.order_by("organization_id", "pk"):
        own.setdefault(membership.organization.slug, []).append(membership.person)
    confirmers: dict[str, list[Person]] = {}
    for organization in Organization.objects.filter(slug__in=list(ROLES)).prefetch_related("hubs"):
        hubs = sorted(organization.hubs.all(), key=lambda hub: hub.slug)
        confirmers[organization.slug] = [
            *own.get(organization.slug, ()),
            *(person for hub in hubs for person in own.get(hub.slug, ())),
        ]
    return confirmers


def seed_person_competencies(ctx: DemoContext) -> Iterator[None]:
    """Self-assessments, levels confirmed by organizers and from trainings, and people's interests."""
    today = timezone.localdate()
    people = _people()
    competencies = {competency.slug: competency for competency in Competency.objects.all()}
    confirmers = _confirmers()
    existing = set(PersonCompetency.objects.values_list("person_id", "competency__slug", "source"))
    for data in demo_levels():
        person = people[data.person]
        if (person.pk, data.competency, data.source) in existing:
            yield
            continue
        competency = competencies[data.competency]
        if data.source == CompetencySource.SELF_ASSESSED:
            services.person_competency_self_assess(person=person, competency=competency, level=data.level)
        else:
            recorded_by = next(
                (other for other in confirmers.get(data.confirmed_in, ()) if other.pk != person.pk), None
            )
            if data.source == CompetencySource.ORGANIZER and recorded_by is None:
                yield  # nobody but the person themselves could have confirmed it
                continue
            services.person_competency_record(
                person=person,
                competency=competency,
                level=data.level,
                source=data.source,
                evidence=data.evidence,
                recorded_by=recorded_by,
                assessed_on=today - datetime.timedelta(days=data.days_ago),
            )
        existing.add((person.pk, data.competency, data.source))
        ctx.created["competency levels"] += 1
        yield
    with_interests = set(
        Person.objects.filter(Q(wants_to_develop__isnull=False) | Q(can_mentor__isnull=False)).values_list(
            "pk", flat=True
        )
    )
    for interests in INTERESTS:
        person = people[interests.person]
        if person.pk not in with_interests:
            services.person_interests_set(
                person=person,
                wants_to_develop=[competencies[slug] for slug in interests.wants_to_develop],
                can_mentor=[competencies[slug] for slug in interests.can_mentor],
            )
            ctx.created["development and mentoring interests"] += len(interests.wants_to_develop) + len(
                interests.can_mentor
            )
        yield


REGISTRY_STEPS: list[tuple[str, int, Callable[[DemoContext], Iterator[None]]]] = [
    (
        "Competencies",
        len(CATEGORIES) + len(COMPETENCIES) + len(LEVEL_DESCRIPTORS),
        seed_competencies,
    ),
    ("Role templates", len(TEMPLATES), seed_templates),
    ("People without accounts", len(PEOPLE_WITHOUT_ACCOUNTS), seed_people_without_accounts),
    ("Roles", len(ROLES), seed_roles),
    ("Role holders", len(ROLES), seed_holders),
    ("Competencies of people", len(demo_levels()) + len(INTERESTS), seed_person_competencies),
]
