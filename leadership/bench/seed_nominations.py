"""Bulk generator of the nominations app's benchmark data: calls, nominations in every state, their answers,
observed competencies, endorsements, reviews with scores, and the audit log of their state changes.

Called by `seed.Seeder.run` after the registry's data. Two calls have a part in the scenarios: call 1, of
organisation 1 (organized by the pool's first account), holds the review table's nominations (all accepted,
in review or shortlisted, reviewed by three of the pool's accounts); call 2, of organisation 2, open and never
closing, with a required text question and a choice question, receives the nomination submit scenario.
What the services would have written is written the same way: declined and expired nominations are erased
(no nominee data, answers or observed competencies left), each nomination's events retrace its transitions,
reviews with a declared conflict of interest carry no scores.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from nominations.enums import NominationKind, NominationState, QuestionKind
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

from .seed_training import _m2m_columns

if TYPE_CHECKING:  # pragma: no cover
    from .seed import Row, Seeder

S = NominationState
REVIEW_CALL_ID = 1
SUBMIT_CALL_ID = 2

# The states a nomination went through to reach each state (the first one is where it was created).
PATHS: dict[str, list[str]] = {
    S.SUBMITTED: [S.SUBMITTED],
    S.INVITED: [S.INVITED],
    S.ACCEPTED: [S.INVITED, S.ACCEPTED],
    S.DECLINED: [S.INVITED, S.DECLINED],
    S.EXPIRED: [S.INVITED, S.EXPIRED],
    S.IN_REVIEW: [S.INVITED, S.ACCEPTED, S.IN_REVIEW],
    S.SHORTLISTED: [S.INVITED, S.ACCEPTED, S.IN_REVIEW, S.SHORTLISTED],
    S.NOT_SELECTED: [S.INVITED, S.ACCEPTED, S.IN_REVIEW, S.NOT_SELECTED],
    S.APPOINTED: [S.INVITED, S.ACCEPTED, S.IN_REVIEW, S.SHORTLISTED, S.APPOINTED],
    S.OFFERED_TRAINING: [S.INVITED, S.ACCEPTED, S.IN_REVIEW, S.OFFERED_TRAINING],
}
STATE_WEIGHTS: dict[str, int] = {
    S.SUBMITTED: 4,
    S.INVITED: 12,
    S.ACCEPTED: 18,
    S.DECLINED: 8,
    S.EXPIRED: 6,
    S.IN_REVIEW: 20,
    S.SHORTLISTED: 10,
    S.NOT_SELECTED: 12,
    S.APPOINTED: 5,
    S.OFFERED_TRAINING: 5,
}
REVIEWED = {S.IN_REVIEW, S.SHORTLISTED, S.NOT_SELECTED, S.APPOINTED, S.OFFERED_TRAINING}
ERASED = {S.DECLINED, S.EXPIRED}

CALL_TITLES: list[tuple[str, str, str, str, str, str]] = [
    (
        "Board elections",
        "Élections du conseil",
        "Elecciones de la junta",
        "Eleições do conselho",
        "Pemilihan dewan",
        "انتخابات المجلس",
    ),
    (
        "Potential leaders",
        "Futurs leaders",
        "Futuros líderes",
        "Futuros líderes",
        "Calon pemimpin",
        "قادة المستقبل",
    ),
    (
        "Committee members",
        "Membres du comité",
        "Miembros del comité",
        "Membros do comitê",
        "Anggota komite",
        "أعضاء اللجنة",
    ),
    (
        "Project leads",
        "Responsables de projet",
        "Líderes de proyecto",
        "Líderes de projeto",
        "Pemimpin proyek",
        "قادة المشاريع",
    ),
]
CALL_TEXT = (
    "Tell us who could lead {area} in our community: we ask them for their consent first.",
    "Dites-nous qui pourrait mener {area} dans notre communauté : nous lui demandons d'abord son accord.",
    "Cuéntenos quién podría liderar {area} en nuestra comunidad: primero le pedimos su consentimiento.",
    "Conte-nos quem poderia liderar {area} na nossa comunidade: primeiro pedimos o consentimento.",
    "Beri tahu kami siapa yang bisa memimpin {area} di komunitas kami: kami meminta persetujuannya dulu.",
    "أخبرونا من يمكنه قيادة {area} في مجتمعنا: نطلب موافقته أولًا.",
)
QUESTIONS = [
    ("What has the nominee done for the community?", QuestionKind.TEXT, [], True),
    ("How long have you known them?", QuestionKind.CHOICE, ["Less than a year", "1-3 years", "More"], False),
    ("Anything the reviewers should know?", QuestionKind.TEXT, [], False),
]
CRITERIA = [("Experience", 3), ("Vision", 2), ("Collaboration", 2), ("Availability", 1)]
STATEMENTS = [
    "Organised our editathons for three years and mentors every newcomer.",
    "A organisé nos ateliers pendant trois ans et accompagne chaque nouveau venu.",
    "Coordinó el concurso de fotografía y resolvió con calma varios conflictos.",
    "Liderou a parceria com o arquivo municipal e formou voluntários.",
    "Menggerakkan komunitas penyunting di kampusnya dan membimbing anggota baru.",
    "نظّم ورشات التحرير وساعد المتطوعين الجدد في مجتمعنا.",
]
ANSWERS = ["Editathons and mentoring.", "Led the local photo contest.", "Trained new editors.", "1-3 years"]
NAMES = ["Ana Lima", "Budi Santoso", "Fatou Diallo", "Camille Martin", "Youssef Haddad", "Priya Sharma"]
REVIEWERS_PER_CALL = 3


def seed_nominations(seeder: Seeder) -> None:
    from .seed import AREAS, LANGS

    rng = seeder.rng
    counts = seeder.counts
    writer = seeder.writer
    now = writer.now
    accounts = counts["accounts"]
    people = counts["people"]
    n_calls = counts["nomination_calls"]
    listed = seeder.listed_orgs or [1]
    roles_of = seeder.roles_by_org

    # --- Calls, with their roles, reviewers, questions and criteria -----------------------------------
    call_columns = [
        "id", "organization_id", "is_standing", "opens_at", "closes_at", "anonymised_review", "reviewing_open",
        "retention_days", "created_by_id", *seeder.localized_columns("title"), *seeder.localized_columns("text"),
    ]  # fmt: skip
    role_rows: list[Row] = []
    reviewer_rows: list[Row] = []
    question_rows: list[Row] = []
    criterion_rows: list[Row] = []
    call_roles: dict[int, list[int]] = {}
    call_reviewers: dict[int, list[int]] = {}
    call_questions: dict[int, list[tuple[int, str, bool]]] = {}  # id, kind, required
    call_criteria: dict[int, list[int]] = {}
    standing_orgs: set[int] = set()
    question_id = criterion_id = 0

    def calls() -> Iterator[Row]:
        nonlocal question_id, criterion_id
        for call_id in range(1, n_calls + 1):
            if call_id <= 2:
                organization: int | None = call_id  # organisations 1 to 3 are always listed
            else:
                organization = None if rng.random() < 0.05 else rng.choice(listed)
            standing = (
                call_id > 2
                and organization is not None
                and organization not in standing_orgs
                and rng.random() < 0.3
            )
            if standing and organization is not None:
                standing_orgs.add(organization)
            kind = 1 if standing else (0 if call_id == REVIEW_CALL_ID else rng.randrange(len(CALL_TITLES)))
            if call_id <= 2 or standing:
                opens_at = now - datetime.timedelta(days=rng.randint(30, 400))
                closes_at = None
            else:
                opens_at = now + datetime.timedelta(days=rng.randint(-500, 30))
                closes_at = opens_at + datetime.timedelta(days=rng.randint(30, 120))
            available = roles_of.get(organization, []) if organization is not None else []
            chosen = (
                []
                if standing or not available
                else rng.sample(available, min(len(available), rng.randint(1, 5)))
            )
            call_roles[call_id] = chosen
            role_rows.extend((call_id, role) for role in chosen)
            reviewers = (
                list(range(2, min(accounts, 1 + REVIEWERS_PER_CALL) + 1))
                if call_id == REVIEW_CALL_ID
                else rng.sample(range(1, accounts + 1), min(accounts, rng.randint(1, REVIEWERS_PER_CALL)))
            )
            call_reviewers[call_id] = reviewers
            reviewer_rows.extend((call_id, user) for user in sorted(reviewers))
            n_questions = 2 if call_id == SUBMIT_CALL_ID else rng.randint(0, len(QUESTIONS))
            call_questions[call_id] = []
            for position, (text, question_kind, choices, required) in enumerate(QUESTIONS[:n_questions]):
                question_id += 1
                call_questions[call_id].append((question_id, question_kind.value, required))
                question_rows.append(
                    (question_id, call_id, question_kind.value, choices, required, position, text, text)
                )
            call_criteria[call_id] = []
            for position, (name, weight) in enumerate(CRITERIA[: rng.randint(2, len(CRITERIA))]):
                criterion_id += 1
                call_criteria[call_id].append(criterion_id)
                criterion_rows.append((criterion_id, call_id, weight, position, name, name))
            area = AREAS[call_id % len(AREAS)]
            title = {
                code: f"{CALL_TITLES[kind][i]} {opens_at.year}" + ("" if standing else f" – {area[i]}")
                for i, code in enumerate(LANGS)
                if i < 3 or rng.random() < 0.5
            }
            texts = {
                code: CALL_TEXT[LANGS.index(code)].format(area=area[LANGS.index(code)]) for code in title
            }
            yield (
                call_id,
                organization,
                standing,
                opens_at,
                closes_at,
                rng.random() < 0.3 and call_id != REVIEW_CALL_ID,
                True,
                rng.choice([60, 90, 180, 365]),
                None,
                *seeder.localized("title", title),
                *seeder.localized("text", texts),
            )

    writer.write(NominationCall, call_columns, calls())
    writer.write(NominationCall.roles.through, _m2m_columns(NominationCall, "roles"), iter(role_rows))
    writer.write(
        NominationCall.reviewers.through, _m2m_columns(NominationCall, "reviewers"), iter(reviewer_rows)
    )
    text_columns = ["text", "text_en"]
    writer.write(
        CallQuestion,
        ["id", "call_id", "kind", "choices", "required", "position", *text_columns],
        ((*row[:3], json.dumps(row[3]), *row[4:]) for row in question_rows),
    )
    writer.write(
        ScoringCriterion,
        ["id", "call_id", "weight", "position", "name", "name_en"],
        iter(criterion_rows),
    )

    # --- Nominations ------------------------------------------------------------------------------------
    n_nominations = counts["nominations"]
    n_review = min(counts["review_call_nominations"], n_nominations)
    other_calls = list(range(2, n_calls + 1)) or [REVIEW_CALL_ID]
    states = list(STATE_WEIGHTS)
    weights = list(STATE_WEIGHTS.values())
    learners = range(accounts + 1, people + 1) if people > accounts else range(1, people + 1)
    shapes: list[tuple[int, str]] = []  # call, state

    def nominations() -> Iterator[Row]:
        for index in range(n_nominations):
            nomination_id = index + 1
            if index < n_review:
                call = REVIEW_CALL_ID
                state: str = rng.choice([S.ACCEPTED, S.IN_REVIEW, S.IN_REVIEW, S.SHORTLISTED])
            else:
                call = rng.choice(other_calls)
                state = rng.choices(states, weights)[0]
            shapes.append((call, state))
            erased = state in ERASED
            kind = rng.choices(
                [NominationKind.OTHER, NominationKind.SELF, NominationKind.EXTERNAL], [80, 12, 8]
            )[0]
            signed_in = rng.random() < 0.6 and state != S.SUBMITTED
            nominator = rng.randint(1, accounts) if signed_in else None
            created = now - datetime.timedelta(days=rng.randint(1, 300), minutes=rng.randint(0, 1440))
            changed = created + datetime.timedelta(days=len(PATHS[state]) - 1)
            roles = call_roles.get(call) or []
            consented = state in S.consented()
            external = kind == NominationKind.EXTERNAL
            yield (
                nomination_id,
                call,
                str(state),
                changed,
                kind.value,
                rng.choice(roles) if roles and rng.random() < 0.8 else None,
                "" if erased else f"{rng.choice(NAMES)} {nomination_id}",
                "" if erased else f"nominee{nomination_id}@bench.example.org",
                "" if erased or rng.random() < 0.4 else f"Nominee {nomination_id}",
                "" if erased else "Wikimedians of somewhere",
                "" if erased else rng.choice(["MENA", "ESEAP", "LAC", "NWE", "CEE", "SSA", "SA", "NA"]),
                "Open Data Movement" if external and not erased else "",
                "https://example.org/contact" if external and not erased else "",
                "" if erased else rng.choice(STATEMENTS),
                nominator,
                f"bench{nominator}@bench.example.org"
                if nominator
                else f"nominator{nomination_id}@example.org",
                f"Nominator {nominator or nomination_id}",
                None if state == S.SUBMITTED else created + datetime.timedelta(hours=1),
                rng.random() < 0.15,
                rng.choice(["en", "en", "fr", "es", "pt-br", "id", "ar"]),
                rng.choice(learners) if consented else None,
                None if state == S.SUBMITTED else created + datetime.timedelta(hours=1),
                changed if len(PATHS[state]) > 1 and PATHS[state][1] in (S.ACCEPTED, S.DECLINED) else None,
                changed if erased else None,
                created,
            )

    nomination_columns = [
        "id", "call_id", "state", "state_changed_at", "kind", "role_id", "nominee_name", "nominee_email",
        "nominee_username", "nominee_organization", "nominee_region", "external_movement", "external_contact",
        "statement", "nominator_id", "nominator_email", "nominator_name", "nominator_verified_at",
        "nominator_anonymous", "language", "person_id", "invited_at", "decided_at", "erased_at", "created_at",
    ]  # fmt: skip
    writer.write(Nomination, nomination_columns, nominations())

    # --- What hangs off each nomination -----------------------------------------------------------------
    answer_rate = counts["nomination_answers"] / max(1, n_nominations)
    observed_rate = counts["observed_competencies"] / max(1, n_nominations)
    endorsement_rate = counts["endorsements"] / max(1, n_nominations)

    def events() -> Iterator[Row]:
        for nomination_id, (_call, state) in enumerate(shapes, start=1):
            previous = ""
            for step in PATHS[state]:
                yield (nomination_id, previous, step, None)
                previous = step

    writer.write(NominationEvent, ["nomination_id", "from_state", "to_state", "actor_id"], events())

    def answers() -> Iterator[Row]:
        for nomination_id, (call, state) in enumerate(shapes, start=1):
            if state in ERASED:
                continue
            for question, kind, required in call_questions.get(call, []):
                if required or rng.random() < answer_rate / 2:
                    value = "1-3 years" if kind == QuestionKind.CHOICE else rng.choice(ANSWERS[:3])
                    yield (nomination_id, question, value)

    writer.write(NominationAnswer, ["nomination_id", "question_id", "value"], answers())

    language_rows: list[Row] = []
    observed_rows: list[Row] = []
    for nomination_id, (_call, state) in enumerate(shapes, start=1):
        if state in ERASED:
            continue
        language_rows.append((nomination_id, rng.choice(["en", "fr", "es", "pt-br", "id", "ar"])))
        wanted = int(observed_rate) + (1 if rng.random() < observed_rate % 1 else 0)
        chosen: set[int] = set()
        while len(chosen) < min(wanted, counts["competencies"]):
            chosen.add(seeder.competency_id())
        observed_rows.extend(
            (nomination_id, competency, rng.choice([None, 2, 3, 4])) for competency in sorted(chosen)
        )
    writer.write(
        Nomination.nominee_languages.through,
        _m2m_columns(Nomination, "nominee_languages"),
        iter(language_rows),
    )
    writer.write(ObservedCompetency, ["nomination_id", "competency_id", "level"], iter(observed_rows))

    consented_share = sum(STATE_WEIGHTS[s] for s in S.consented()) / sum(weights)
    per_consented = endorsement_rate / consented_share

    def endorsements() -> Iterator[Row]:
        for nomination_id, (_call, state) in enumerate(shapes, start=1):
            if state not in S.consented():
                continue
            wanted = int(per_consented) + (1 if rng.random() < per_consented % 1 else 0)
            for user in sorted(rng.sample(range(1, accounts + 1), min(accounts, wanted))):
                yield (
                    nomination_id,
                    user,
                    "I worked with them: a great choice." if rng.random() < 0.5 else "",
                )

    writer.write(Endorsement, ["nomination_id", "user_id", "comment"], endorsements())

    # Reviews: the review call's nominations by each of its reviewers; elsewhere those past the consent.
    review_rows: list[Row] = []
    score_rows: list[Row] = []
    review_id = 0
    # Elsewhere, a share of the reviewed nominations is reviewed by all its call's reviewers, so that the
    # reviews come to about the planned count.
    reviewed_share = sum(STATE_WEIGHTS[s] for s in REVIEWED) / sum(weights)
    per_call = sum(len(call_reviewers[c]) for c in other_calls) / len(other_calls)
    expected_elsewhere = (n_nominations - n_review) * reviewed_share * per_call
    review_call_reviews = n_review * 0.8 * len(call_reviewers[REVIEW_CALL_ID])
    reviewed_elsewhere = max(0.0, counts["reviews"] - review_call_reviews) / max(1.0, expected_elsewhere)
    for nomination_id, (call, state) in enumerate(shapes, start=1):
        if call == REVIEW_CALL_ID and nomination_id <= n_review:
            reviewers = call_reviewers[call] if rng.random() < 0.8 else []
        elif state in REVIEWED and rng.random() < reviewed_elsewhere:
            reviewers = call_reviewers[call]
        else:
            continue
        for reviewer in reviewers:
            review_id += 1
            conflict = rng.random() < 0.05
            review_rows.append(
                (review_id, nomination_id, reviewer, "" if conflict else "Solid record.", conflict)
            )
            if not conflict:
                score_rows.extend(
                    (review_id, criterion, rng.randint(0, 5)) for criterion in call_criteria[call]
                )
    writer.write(
        Review, ["id", "nomination_id", "reviewer_id", "comment", "conflict_of_interest"], iter(review_rows)
    )
    writer.write(ReviewScore, ["review_id", "criterion_id", "score"], iter(score_rows))
