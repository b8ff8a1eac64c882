"""Lists published as one CSV with a header: trade.gov CSL, OpenSanctions targets.simple.csv,
the EU financial sanctions file and the UK Sanctions List. Columns are found by name."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from ....core.lists import ListRecord
from .common import ReadState, Supplement, dict_rows, is_identifying_scheme, new_record, split_list

_CSL_KINDS = {"individual": "person", "entity": "organisation", "vessel": "vessel", "aircraft": "aircraft",
              "": "organisation"}
_OS_KINDS = {"Person": "person", "Organization": "organisation", "Company": "organisation",
             "LegalEntity": "organisation", "PublicBody": "organisation", "Vessel": "vessel", "Airplane": "aircraft"}
_COUNTRY_CODE = re.compile(r",\s*([A-Z]{2})$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def iso_date(text: str) -> str:
    """dd/mm/yyyy (EU, UK) as yyyy-mm-dd; ISO dates pass through."""
    text = text.strip()
    m = _DMY.match(text)
    return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else text[:10]


class _CsvReader:
    def __init__(self, paths: list[Path]):
        self.paths = paths
        self.state = ReadState()

    def supplements(self) -> Iterator[Supplement]:
        return iter(())


class CslReader(_CsvReader):
    """trade.gov Consolidated Screening List: the ``source`` column names the list (Entity List, SSI, MEU...)."""

    def records(self) -> Iterator[ListRecord]:
        for path in self.paths:
            for line, row in dict_rows(path, ("source", "name"), self.state, normalise=_column_name):
                if not row["name"]:
                    self.state.problem(path, line, "no name")
                    continue
                key = row.get("_id") or _derived_key(row)
                record = new_record(key, _CSL_KINDS.get(row.get("type", "").lower(), "other"), row["name"], line)
                record.names = [_ISN_SUCCESSORS.sub("", row["name"]) or row["name"]]
                record.aliases = [_LAST_AND.sub("", alias) for alias in split_list(row.get("alt_names", ""))]
                record.programmes = [row["source"], *split_list(row.get("programs", ""))]
                record.countries = split_list(row.get("nationalities", ""), ",") + split_list(
                    row.get("citizenships", ""), ",")
                record.countries += [m.group(1) for a in split_list(row.get("addresses", ""))
                                     if (m := _COUNTRY_CODE.search(a))]
                record.identifiers = _csl_ids(row.get("ids", ""))
                record.listed_on = row.get("start_date", "")
                record.remarks = row.get("remarks", "")
                yield record


def _column_name(header: str) -> str:
    """CSL exports have written their columns "Entity Number", "entity_number", "_id": compared folded."""
    folded = re.sub(r"[\s-]+", "_", header.strip().lower())
    return folded if folded != "id" else "_id"


def _derived_key(row: dict[str, str]) -> str:
    """An entry id for exports without ``_id``: the list's own number where it has one, else a digest of
    what identifies the row (its list, name and start date), so the same row keeps its id across vintages."""
    if row.get("entity_number"):
        return f"{row['source'].split(' - ')[0].strip()}:{row['entity_number']}"
    digest = hashlib.sha1("|".join((row["source"], row["name"], row.get("start_date", ""))).encode()).hexdigest()
    return "row-" + digest[:16]


# The State Department's listings end the name with a legal formula that is not part of it
# ("Sinobright Import and Export Company; and any successor, sub-unit, or subsidiary thereof"),
# and Federal Register alias lists end "...; Hebei Semiconductor; and CETC Research Institute 13".
_ISN_SUCCESSORS = re.compile(r"[;,]?\s*and any successors?,?\s*sub-units?,?\s*or subsidiar(?:y|ies) thereof\.?\s*$",
                             re.IGNORECASE)
_LAST_AND = re.compile(r"^and\s+(?=\S)")


def _csl_ids(text: str) -> list[tuple[str, str]]:
    """"Passport, 836238033, KP; Gender, Male" gives the passport only."""
    found = []
    for item in split_list(text):
        parts = [p.strip() for p in item.split(",")]
        if len(parts) >= 2 and is_identifying_scheme(parts[0]) and parts[1]:
            found.append((parts[0], parts[1]))
    return found


class OpenSanctionsCsvReader(_CsvReader):
    """OpenSanctions ``targets.simple.csv``: one row a target, multiple values separated by ';' (no topics)."""

    def records(self) -> Iterator[ListRecord]:
        for path in self.paths:
            for line, row in dict_rows(path, ("id", "schema", "name"), self.state):
                if not row["id"] or not row["name"]:
                    self.state.problem(path, line, "no id or no name")
                    continue
                kind = _OS_KINDS.get(row["schema"])
                if kind is None:
                    self.state.skipped[f"{row['schema']} (not a named party)"] += 1
                    continue
                record = new_record(row["id"], kind, row["name"], line)
                record.aliases = split_list(row.get("aliases", ""))
                record.countries = split_list(row.get("countries", ""))
                record.identifiers = [("id", v) for v in split_list(row.get("identifiers", ""))]
                record.programmes = split_list(row.get("sanctions", "")) + split_list(
                    row.get("dataset", row.get("datasets", "")))
                record.listed_on = row.get("first_seen", "")[:10]
                yield record


class EuReader(_CsvReader):
    """EU financial sanctions file (CSV 1.1): ';'-separated, one row per name, address or document of an entity."""

    def records(self) -> Iterator[ListRecord]:
        current: ListRecord | None = None
        for path in self.paths:
            for line, row in dict_rows(path, ("Entity_LogicalId", "NameAlias_WholeName"), self.state, ";"):
                if not self.state.version_date and row.get("fileGenerationDate"):
                    self.state.version_date = iso_date(row["fileGenerationDate"])
                key, name = row["Entity_LogicalId"], row["NameAlias_WholeName"]
                if not key:
                    self.state.problem(path, line, "no Entity_LogicalId")
                    continue
                if current is None or current.key != key:
                    if current is not None:
                        yield current
                    kind = "person" if row.get("Entity_SubjectType_ClassificationCode") == "person" else "organisation"
                    current = new_record(key, kind, name or key, line)
                    current.names = []
                    current.listed_on = iso_date(row.get("Entity_Regulation_EntryIntoForceDate", "")
                                                 or row.get("Entity_DesignationDate", ""))
                    current.remarks = row.get("Entity_Remark", "")
                self._add_row_facts(current, row)
        if current is not None:
            yield current

    @staticmethod
    def _add_row_facts(record: ListRecord, row: dict[str, str]) -> None:
        name = row["NameAlias_WholeName"]
        if name and name not in record.names:
            record.names.append(name)
        for column in ("Entity_Regulation_Programme", "Entity_Regulation_NumberTitle"):
            if row.get(column) and row[column] not in record.programmes:
                record.programmes.append(row[column])
        for column in ("Citizenship_CountryIso2Code", "Address_CountryIso2Code"):
            if row.get(column) and row[column] not in record.countries:
                record.countries.append(row[column])
        if row.get("Identification_Number"):
            pair = (row.get("Identification_TypeDescription") or row.get("Identification_TypeCode") or "id",
                    row["Identification_Number"])
            if pair not in record.identifiers:
                record.identifiers.append(pair)


def _first(row: dict[str, str], *columns: str) -> str:
    return next((row[c] for c in columns if row.get(c)), "")


class UkReader(_CsvReader):
    """UK Sanctions List CSV (FCDO): a report-date line, then one row per name of a designation.

    The older OFSI consolidated list (ConList.csv) names its columns a little differently;
    both spellings are accepted.
    """

    _ID_COLUMNS = {"Passport number": "Passport", "Passport Number": "Passport",
                   "National Identifier number": "National ID", "National Identification Number": "National ID",
                   "Business registration number (s)": "Registration", "IMO number": "IMO"}

    def records(self) -> Iterator[ListRecord]:
        records: dict[str, ListRecord] = {}
        for path in self.paths:
            self._read_date(path)
            for line, row in dict_rows(path, ("Name 6",), self.state, header_marker="Name 6",
                                       any_of=(("Unique ID", "Group ID"),)):
                key = _first(row, "Unique ID", "Group ID")
                name = " ".join(row.get(f"Name {i}", "") for i in (1, 2, 3, 4, 5, 6) if row.get(f"Name {i}"))
                if not key or not name:
                    self.state.problem(path, line, "no Unique ID or no name")
                    continue
                record = records.get(key)
                if record is None:
                    entity_type = _first(row, "Designation Type", "Entity type", "Group Type").lower()
                    kind = {"individual": "person", "ship": "vessel"}.get(entity_type, "organisation")
                    record = records[key] = new_record(key, kind, name, line)
                    record.names = []
                    record.listed_on = iso_date(_first(row, "Date Designated", "Listed On"))
                    record.remarks = _first(row, "Other Information")
                self._add_row_facts(record, row, name)
        # A designation's rows are small and few; files are tens of thousands of rows at most.
        yield from records.values()

    def _add_row_facts(self, record: ListRecord, row: dict[str, str], name: str) -> None:
        alias = _first(row, "Name type", "Alias Type").lower() not in ("", "primary name", "primary name variation")
        target = record.aliases if alias else record.names
        if name not in record.names and name not in record.aliases:
            target.append(name)
        if row.get("Name non-latin script") or row.get("Name Non-Latin Script"):
            record.aliases.append(_first(row, "Name non-latin script", "Name Non-Latin Script"))
        regime = _first(row, "Regime Name", "Regime")
        if regime and regime not in record.programmes:
            record.programmes.append(regime)
        for column in ("Address Country", "Country", "Nationality(/ies)", "Nationality"):
            for country in split_list(row.get(column, ""), ","):
                if country not in record.countries:
                    record.countries.append(country)
        for column, scheme in self._ID_COLUMNS.items():
            for value in split_list(row.get(column, "")):
                if (scheme, value) not in record.identifiers:
                    record.identifiers.append((scheme, value))

    def _read_date(self, path: Path) -> None:
        from .common import csv_rows

        for _, row in csv_rows(path):
            text = " ".join(row)
            m = re.search(r"(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})", text)
            if m and ("Report Date" in text or "Last Updated" in text):
                self.state.version_date = iso_date(m.group(1))
            return
