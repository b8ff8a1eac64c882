"""Partial ISO dates ("2022", "2023-04", "2024-01-01") as used for validity periods.

A period's start is the first day of what was written and its end the last day, so a
relation valid to "2022" still holds on 2022-12-31, and one valid from "2023-04" holds
from 1 April 2023.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from .errors import InvalidInputError

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _parts(text: str) -> tuple[int, int | None, int | None]:
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise InvalidInputError(f"bad date {text!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
    year_text, month_text, day_text = match.groups()
    year = int(year_text)
    month = int(month_text) if month_text else None
    day = int(day_text) if day_text else None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        raise InvalidInputError(f"bad date {text!r}: no such month or day") from None
    return year, month, day


def check_date(text: str | None) -> str:
    """The date as stored ("" for none); a one-line error for anything else."""
    text = (text or "").strip()
    if text:
        _parts(text)
    return text


def period_start(text: str) -> date | None:
    if not text:
        return None
    year, month, day = _parts(text)
    return date(year, month or 1, day or 1)


def period_end(text: str) -> date | None:
    if not text:
        return None
    year, month, day = _parts(text)
    month = month or 12
    return date(year, month, day or calendar.monthrange(year, month)[1])


def check_period(valid_from: str | None, valid_to: str | None) -> tuple[str, str]:
    """Both ends checked, and the start not after the end."""
    start, end = check_date(valid_from), check_date(valid_to)
    first, last = period_start(start), period_end(end)
    if first is not None and last is not None and first > last:
        raise InvalidInputError(f"the period starts ({start}) after it ends ({end})")
    return start, end


def in_effect(valid_from: str, valid_to: str, as_of: date | None) -> bool:
    """Whether a period holds on ``as_of``; everything holds when no date is asked for."""
    if as_of is None:
        return True
    start, end = period_start(valid_from), period_end(valid_to)
    return (start is None or start <= as_of) and (end is None or as_of <= end)


def parse_as_of(text: str | None) -> date | None:
    """An "as of" date given as a partial date means its first day."""
    return period_start(check_date(text)) if text else None
