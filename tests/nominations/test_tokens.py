"""Signed links: each kind reads only its own tokens, and old ones expire."""

import time

from django.core import signing

from nominations import tokens


def test_each_link_reads_back_its_nomination():
    assert tokens.read_verify_token(tokens.verify_token(7)) == 7
    assert tokens.read_consent_token(tokens.consent_token(7)) == 7
    assert tokens.read_endorse_token(tokens.endorse_token(7)) == 7


def test_a_token_of_one_kind_is_refused_by_another_and_forgeries_are_refused():
    assert tokens.read_verify_token(tokens.consent_token(7)) is None
    assert tokens.read_consent_token(tokens.endorse_token(7)) is None
    assert tokens.read_endorse_token("not-a-token") is None
    assert tokens.read_consent_token(signing.dumps({"n": "7"}, salt=tokens.CONSENT_SALT)) is None


def test_tokens_expire(monkeypatch):
    verify, consent = tokens.verify_token(7), tokens.consent_token(7)
    later = time.time() + 8 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert tokens.read_verify_token(verify) is None
    assert tokens.read_consent_token(consent, max_age_days=7) is None
    assert tokens.read_consent_token(consent, max_age_days=30) == 7
