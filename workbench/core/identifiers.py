"""Identifiers an analyst gives an entity (INN, OGRN, IMO...), checked before they are stored.

Screening trusts an identifier before any name, so a mistyped number would be worse than
none: the registers with published check digits are checked here. Other schemes (national
ids, registration numbers of other countries) are taken as given, with a value that has
at least one letter or digit.
"""

from __future__ import annotations

import re

from .errors import InvalidInputError
from .names import identifier_key

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9 ._/-]{0,39}$")
_INN_WEIGHTS = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _digits(value: str) -> str:
    return re.sub(r"[\s-]", "", value)


def _inn_digit(digits: str) -> int:
    weights = _INN_WEIGHTS[-len(digits):]
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 % 10


def _check_inn(value: str) -> str | None:
    digits = _digits(value)
    if not digits.isdigit() or len(digits) not in (10, 12):
        return "an INN has 10 digits (organisations) or 12 (individuals)"
    if len(digits) == 10:
        ok = _inn_digit(digits[:9]) == int(digits[9])
    else:
        ok = _inn_digit(digits[:10]) == int(digits[10]) and _inn_digit(digits[:11]) == int(digits[11])
    return None if ok else "its check digit is wrong"


def _check_ogrn(value: str) -> str | None:
    digits = _digits(value)
    if not digits.isdigit() or len(digits) not in (13, 15):
        return "an OGRN has 13 digits (15 for an individual entrepreneur's OGRNIP)"
    modulus = 11 if len(digits) == 13 else 13
    return None if int(digits[:-1]) % modulus % 10 == int(digits[-1]) else "its check digit is wrong"


def _check_imo(value: str) -> str | None:
    digits = _digits(re.sub(r"^\s*IMO\s*", "", value, flags=re.IGNORECASE))
    if not digits.isdigit() or len(digits) != 7:
        return "an IMO ship number has 7 digits"
    total = sum(int(d) * w for d, w in zip(digits[:6], range(7, 1, -1), strict=True))
    return None if total % 10 == int(digits[6]) else "its check digit is wrong"


CHECKED_SCHEMES = {"INN": _check_inn, "OGRN": _check_ogrn, "OGRNIP": _check_ogrn, "IMO": _check_imo}


def check_identifier(scheme: str, value: str) -> tuple[str, str]:
    """(scheme, value) tidied, or InvalidInputError saying what is wrong in one line."""
    scheme, value = scheme.strip(), value.strip()
    if not _SCHEME.match(scheme):
        raise InvalidInputError(f"bad identifier scheme {scheme!r}: use a short name such as INN, OGRN or IMO")
    if not identifier_key(value):
        raise InvalidInputError(f"the {scheme} identifier needs a value with letters or digits")
    check = CHECKED_SCHEMES.get(scheme.upper())
    if check is not None:
        scheme = scheme.upper()
        problem = check(value)
        if problem:
            raise InvalidInputError(f"bad {scheme} {value!r}: {problem}")
    return scheme, value


def parse_identifier(text: str) -> tuple[str, str]:
    """``INN=7707083893`` (or ``INN:...``) as a checked (scheme, value)."""
    match = re.match(r"^\s*([^=:]*)[=:](.*)$", text)
    if match is None:
        raise InvalidInputError(f"bad identifier {text!r}: write SCHEME=VALUE, such as INN=7707083893")
    return check_identifier(match.group(1), match.group(2))
