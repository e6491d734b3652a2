"""Signed links of nominations (django.core.signing): each with its own salt and lifetime.

- nominator verification: an anonymous nominator proves their address before the nomination counts;
- nominee consent: accept or decline, valid for the call's retention period;
- endorsement: shared by the nominee or the nominator after consent.
"""

from __future__ import annotations

from django.core import signing

VERIFY_SALT = "nominations.verify"
CONSENT_SALT = "nominations.consent"
ENDORSE_SALT = "nominations.endorse"

VERIFY_MAX_AGE = 7 * 24 * 3600
ENDORSE_MAX_AGE = 180 * 24 * 3600
DAY = 24 * 3600


def _dump(nomination_id: int, salt: str) -> str:
    return signing.dumps({"n": nomination_id}, salt=salt, compress=True)


def _load(token: str, salt: str, max_age: int) -> int | None:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not isinstance(data, dict) or not isinstance(data.get("n"), int):
        return None
    return int(data["n"])


def verify_token(nomination_id: int) -> str:
    return _dump(nomination_id, VERIFY_SALT)


def read_verify_token(token: str) -> int | None:
    """The nomination id a verification link stands for; None when tampered with or older than a week."""
    return _load(token, VERIFY_SALT, VERIFY_MAX_AGE)


def consent_token(nomination_id: int) -> str:
    return _dump(nomination_id, CONSENT_SALT)


def read_consent_token(token: str, *, max_age_days: int | None = None) -> int | None:
    """The nomination id of a consent link; expires with the call's retention period (checked again on use).

    Without max_age_days the longest possible retention applies; the service checks the call's own.
    """
    return _load(token, CONSENT_SALT, (max_age_days or 730) * DAY)


def endorse_token(nomination_id: int) -> str:
    return _dump(nomination_id, ENDORSE_SALT)


def read_endorse_token(token: str) -> int | None:
    return _load(token, ENDORSE_SALT, ENDORSE_MAX_AGE)
