"""The UK's lists as XML: the FCDO's UK Sanctions List (``Designations/Designation``) and OFSI's
consolidated list of financial sanctions targets (``ArrayOfFinancialSanctionsTarget``, one element per
name of a target, grouped by ``GroupID``).

Entry keys are the ones the CSV vintages use (the UK Sanctions List's ``Unique ID``, OFSI's
``Group ID``), so decisions made against one vintage carry over to the other. Names are the
six name parts joined in order (Name 6 is the family name or an organisation's whole name), as
the CSV reader joins its columns; a name whose type is not a primary name is an alias.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from ....core.lists import ListRecord
from .common import new_record
from .csvlists import iso_date
from .xmllists import _children, _path, _text, _XmlReader, root_name

_KINDS = {"individual": "person", "ship": "vessel", "entity": "organisation"}
_PRIMARY = ("", "primary name", "primary name variation")


def _joined_name(element: Element) -> str:
    return " ".join(part for i in range(1, 7) if (part := _text(element, f"Name{i}")))


def _add_unique(values: list, value) -> None:
    if value and value not in values:
        values.append(value)


class UkSanctionsListXmlReader(_XmlReader):
    """UK Sanctions List XML (FCDO): one ``Designation`` per listed person, entity or ship."""

    ROOTS = {"Designations": "Designation"}
    WHAT = "a UK Sanctions List XML file"

    def record(self, path: Path, number: int, element: Element, root: Element) -> ListRecord | None:
        key = _text(element, "UniqueID")
        names = [(_joined_name(name), _text(name, "NameType").lower()) for name in _path(element, "Names", "Name")]
        names = [(name, kind) for name, kind in names if name]
        if not key or not names:
            self.state.problem(path, number, f"Designation {key or number}: no UniqueID or no name")
            return None
        primary = [name for name, kind in names if kind in _PRIMARY] or [names[0][0]]
        record = new_record(key, _KINDS.get(_text(element, "IndividualEntityShip").lower(), "organisation"),
                            primary[0], number)
        record.names = list(dict.fromkeys(primary))
        for name, _kind in names:
            if name not in record.names:
                _add_unique(record.aliases, name)
        for non_latin in _children(element, "NonLatinNames"):
            _add_unique(record.aliases, _text(non_latin, "NameNonLatinScript"))
        _add_unique(record.programmes, _text(element, "RegimeName"))
        self._countries_and_identifiers(element, record)
        record.listed_on = iso_date(_text(element, "DateDesignated"))
        record.remarks = _text(element, "OtherInformation")
        if not self.state.version_date:
            self.state.version_date = iso_date(root.get("ReportDate", "") or root.get("DateGenerated", ""))
        return record

    @staticmethod
    def _countries_and_identifiers(element: Element, record: ListRecord) -> None:
        for address in _path(element, "Addresses", "Address"):
            _add_unique(record.countries, _text(address, "AddressCountry"))
        for individual in _path(element, "IndividualDetails", "Individual"):
            for nationality in _path(individual, "Nationalities", "Nationality"):
                _add_unique(record.countries, (nationality.text or "").strip())
            for passport in _path(individual, "PassportDetails", "PassportDetail"):
                number_ = _text(passport, "PassportNumber")
                _add_unique(record.identifiers, ("Passport", number_) if number_ else None)
            for national_id in _path(individual, "NationalIdentifierDetails", "NationalIdentifierDetail"):
                number_ = _text(national_id, "NationalIdentifierNumber")
                _add_unique(record.identifiers, ("National ID", number_) if number_ else None)
        for ship in _path(element, "ShipDetails", "Ship"):
            for imo in _path(ship, "IMONumbers", "IMONumber"):
                number_ = (imo.text or "").strip()
                _add_unique(record.identifiers, ("IMO", number_) if number_ else None)
        for entity in _path(element, "EntityDetails", "Entity"):
            for registration in _path(entity, "BusinessRegistrationNumbers", "BusinessRegistrationNumber"):
                number_ = (registration.text or "").strip()
                _add_unique(record.identifiers, ("Registration", number_) if number_ else None)


class OfsiXmlReader(_XmlReader):
    """OFSI's consolidated list as XML: each ``FinancialSanctionsTarget`` is one name of the target its
    ``GroupID`` names, so the records are put together before any is given out (the file holds tens of
    thousands of names at most)."""

    ROOTS = {"ArrayOfFinancialSanctionsTarget": "FinancialSanctionsTarget"}
    WHAT = "an OFSI consolidated list XML file"

    def records(self) -> Iterator[ListRecord]:
        self._targets: dict[str, ListRecord] = {}
        for _ in super().records():  # each element's name is filed under its target; none is given out yet
            pass
        for record in self._targets.values():
            if not record.names:  # only aliases were given: the first stands as the name
                record.names = [record.aliases.pop(0)]
            yield record

    def record(self, path: Path, number: int, element: Element, root: Element) -> ListRecord | None:
        self._add_name(path, number, element, self._targets)
        return None

    def _add_name(self, path: Path, number: int, element: Element, targets: dict[str, ListRecord]) -> None:
        key, name = _text(element, "GroupID"), _joined_name(element)
        if not key or not name:
            self.state.problem(path, number, f"FinancialSanctionsTarget {key or number}: no GroupID or no name")
            return
        record = targets.get(key)
        if record is None:
            kind = _KINDS.get(_text(element, "GroupType").lower(), "organisation")
            record = targets[key] = new_record(key, kind, name, number)
            record.names = []
            record.listed_on = iso_date(_text(element, "DateListed") or _text(element, "ListedOn"))
            record.remarks = _text(element, "OtherInformation")
        alias = _text(element, "AliasType").lower() not in _PRIMARY
        if name not in record.names and name not in record.aliases:
            (record.aliases if alias else record.names).append(name)
        _add_unique(record.aliases, _text(element, "NameNonLatinScript"))
        _add_unique(record.programmes, _text(element, "Regime"))
        for column in ("Country", "Nationality"):
            _add_unique(record.countries, _text(element, column))
        for column, scheme in (("PassportNumber", "Passport"), ("NINumber", "National ID"),
                               ("IMONumber", "IMO"), ("BusinessRegistrationNumber", "Registration")):
            value = _text(element, column)
            _add_unique(record.identifiers, (scheme, value) if value else None)


def uk_xml_reader(paths: list[Path]):
    """The reader for a UK XML file, chosen by its root element."""
    roots = {root_name(path) for path in paths[:1]}
    return OfsiXmlReader(paths) if OfsiXmlReader.ROOTS.keys() & roots else UkSanctionsListXmlReader(paths)


