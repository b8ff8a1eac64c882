"""What the list readers share: line-numbered decoding, CSV rows, identifiers found in free text."""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ....core.errors import InvalidInputError
from ....core.lists import ListRecord, ParseProblem

csv.field_size_limit(16 * 1024 * 1024)  # OFAC remarks and EU rows can be long; the default 128 KiB is not enough

_CTRL_Z = 0x1A  # DOS end-of-file mark that OFAC's files may end with
_CTRL_Z_BYTE = bytes([_CTRL_Z])


@dataclass(frozen=True, slots=True)
class Supplement:
    """A fact about an entry given in another file (OFAC alt.csv, add.csv): applied after all entries."""

    kind: str  # "alias", "country", "remarks", "identifier"
    key: str
    value: str
    scheme: str
    file: str
    line: int


@dataclass
class ReadState:
    """What a reader learns besides the records: problems, records left out on purpose, the list's own date."""

    problems: list[ParseProblem] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    version_date: str = ""
    lines_read: int = 0
    bytes_read: int = 0

    def problem(self, file: str | Path, line: int, message: str) -> None:
        self.problems.append(ParseProblem(Path(file).name, line, message))


def decoded_lines(path: Path, state: ReadState | None = None) -> Iterator[str]:
    """Lines of a text file as str, line ends kept; UTF-8 where valid, else Windows-1252, line by line."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InvalidInputError(f"{path}: cannot read ({exc.strerror})") from None
    with fh:
        first = True
        for raw in fh:
            if state is not None:
                state.bytes_read += len(raw)
            if first and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            first = False
            raw = raw.rstrip(_CTRL_Z_BYTE) if raw.rstrip(b"\r\n").endswith(_CTRL_Z_BYTE) else raw
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                yield raw.decode("cp1252", errors="replace")


def csv_rows(path: Path, delimiter: str = ",", state: ReadState | None = None) -> Iterator[tuple[int, list[str]]]:
    """(first line number, fields) of each CSV record; blank lines and a lone end-of-file mark are skipped."""
    reader = csv.reader(decoded_lines(path, state), delimiter=delimiter)
    last = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InvalidInputError(f"{path.name} line {reader.line_num}: not readable as CSV ({exc})") from None
        start, last = last + 1, reader.line_num
        if row and any(cell.strip().strip("\x1a") for cell in row):
            yield start, row


def dict_rows(path: Path, required: tuple[str, ...], state: ReadState, delimiter: str = ",",
              header_marker: str = "", normalise: Callable[[str], str] | None = None,
              any_of: tuple[tuple[str, ...], ...] = ()) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows keyed by the header (each column name passed through ``normalise`` when given); rows before
    the one containing ``header_marker`` are a preamble. Only a header without a required column (or
    without any column of an ``any_of`` group, as vintages name one thing differently) is refused."""
    header: list[str] | None = None
    for line, row in csv_rows(path, delimiter, state):
        if header is None:
            if header_marker and header_marker not in [c.strip() for c in row]:
                continue
            header = [normalise(c) if normalise else c.strip() for c in row]
            missing = [c for c in required if c not in header]
            missing += [" or ".join(group) for group in any_of if not any(c in header for c in group)]
            if missing:
                plural = "s" if len(missing) > 1 else ""
                raise InvalidInputError(f"{path.name}: not the expected format (no column{plural} "
                                        f"{', '.join(missing)})")
            continue
        state.lines_read = line
        if len(row) != len(header):
            state.problem(path, line, f"expected {len(header)} fields, found {len(row)}")
            continue
        yield line, dict(zip(header, (c.strip() for c in row), strict=True))
    if header is None:
        raise InvalidInputError(f"{path.name}: no header row found; is this the right format?")


def split_list(text: str, separator: str = ";") -> list[str]:
    return [part.strip() for part in text.split(separator) if part.strip()]


# Identifiers written in free text ("Tax ID No. 7704..."): the scheme and a pattern for the value.
_ID_VALUE = r"([A-Z0-9][A-Z0-9\-./]{3,}[A-Z0-9])"
_ID_PATTERNS = [
    ("IMO", re.compile(r"\bIMO (\d{7})\b")),
    ("MMSI", re.compile(r"\bMMSI (\d{9})\b")),
    ("Tax ID", re.compile(r"Tax ID No\. " + _ID_VALUE, re.I)),
    ("INN", re.compile(r"\bINN " + _ID_VALUE)),
    ("OGRN", re.compile(r"\bOGRN " + _ID_VALUE)),
    ("Registration", re.compile(r"(?:Public |Business |Company )?Registration (?:Number|ID|No\.) " + _ID_VALUE, re.I)),
    ("Company Number", re.compile(r"Company Number " + _ID_VALUE, re.I)),
    ("National ID", re.compile(r"National ID No\. " + _ID_VALUE, re.I)),
    ("Passport", re.compile(r"Passport " + _ID_VALUE)),
    ("VAT", re.compile(r"V\.A\.T\. Number " + _ID_VALUE, re.I)),
    ("LEI", re.compile(r"Legal Entity Number ([A-Z0-9]{20})")),
    ("SWIFT/BIC", re.compile(r"SWIFT/BIC ([A-Z0-9]{8,11})")),
]
_AKA = re.compile(r"a\.k\.a\. '([^']+)'")
_IDENTIFYING = re.compile(r"passport|registration|tax|national id|identification|v\.a\.t|vat|swift|bic|imo|mmsi|"
                          r"\binn\b|ogrn|company number|legal entity|d-u-n-s|cedula", re.I)


def identifiers_in_text(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for scheme, pattern in _ID_PATTERNS:
        found.extend((scheme, m.group(1).rstrip(".")) for m in pattern.finditer(text))
    return list(dict.fromkeys(found))


def akas_in_text(text: str) -> list[str]:
    return _AKA.findall(text)


def is_identifying_scheme(scheme: str) -> bool:
    return bool(_IDENTIFYING.search(scheme))


def new_record(key: str, kind: str, name: str, line: int) -> ListRecord:
    return ListRecord(key=key, kind=kind, caption=name, names=[name], line=line)
