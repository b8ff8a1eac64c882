"""Identifiers an analyst gives an entity (INN, OGRN, IMO...), checked before they are stored.

Screening trusts an identifier before any name, so a mistyped number would be worse than
none: the registers with published check digits (INN, OGRN, IMO, LEI, BIC) are checked here, by
python-stdnum. Other schemes (national ids, registration numbers of other countries) are taken
as given, with a value that has at least one letter or digit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType

from stdnum import bic, imo, lei
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.ru import inn, ogrn

from .errors import InvalidInputError
from .names import identifier_key

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9 ._/-]{0,39}$")


def _stdnum_check(module: ModuleType, shape: str) -> Callable[[str], str | None]:
    """A check by python-stdnum's module for the scheme (LGPL-2.1+): None when valid, else what is wrong."""
    def check(value: str) -> str | None:
        try:
            module.validate(value)
        except InvalidChecksum:
            return "its check digit is wrong"
        except ValidationError:
            return shape
        return None
    return check


# Each scheme whose register publishes a check digit, with what a value of it looks like.
CHECKED_SCHEMES = {
    "INN": _stdnum_check(inn, "an INN has 10 digits (organisations) or 12 (individuals)"),
    "OGRN": _stdnum_check(ogrn, "an OGRN has 13 digits (15 for an individual entrepreneur's OGRNIP)"),
    "OGRNIP": _stdnum_check(ogrn, "an OGRNIP has 15 digits"),
    "IMO": _stdnum_check(imo, "an IMO ship number has 7 digits"),
    "LEI": _stdnum_check(lei, "an LEI has 20 letters and digits"),
    "BIC": _stdnum_check(bic, "a BIC (SWIFT code) has 8 or 11 letters and digits"),
    "SWIFT": _stdnum_check(bic, "a BIC (SWIFT code) has 8 or 11 letters and digits"),
}


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
