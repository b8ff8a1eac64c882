"""Lists published as XML: OFAC's SDN_ENHANCED.XML (and CONS_ENHANCED.XML, the same layout), OFAC's
older sdn.xml, and the EU Financial Sanctions File (xmlFullSanctionsList 1.1).

Each file is streamed entity by entity (OFAC's enhanced file is about 100 MB) with defusedxml,
which refuses DTDs and with them entity bombs. Elements are found by their local names, so a
namespace that changes between vintages does not matter. Entry keys are the ones the CSV
vintages of the same list use (OFAC's entity id is the SDN ``ent_num``, the EU's ``logicalId``
is ``Entity_LogicalId``), so decisions made against one vintage carry over to the other.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from ....core.errors import InvalidInputError
from ....core.lists import ListRecord
from .common import ReadState, Supplement, is_identifying_scheme, new_record

_OFAC_KINDS = {"individual": "person", "entity": "organisation", "vessel": "vessel", "aircraft": "aircraft"}
_OFAC_COUNTRY_FEATURES = ("nationality country", "citizenship country", "vessel flag", "nationality")


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local(child.tag) == name]


def _child(element: Element, name: str) -> Element | None:
    return next((child for child in element if local(child.tag) == name), None)


def _text(element: Element | None, name: str) -> str:
    found = _child(element, name) if element is not None else None
    return (found.text or "").strip() if found is not None else ""


def _path(element: Element, *names: str) -> list[Element]:
    """Elements at a path of local names below ``element`` (OFAC nests lists: names/name/translations/...)."""
    level = [element]
    for name in names:
        level = [child for parent in level for child in _children(parent, name)]
    return level


def _elements(path: Path, wanted: set[str], state: ReadState) -> Iterator[tuple[str, Element, Element]]:
    """(local name, element, root) of each top-level record element named in ``wanted``, parsed one at a
    time and cleared afterwards; the root's own attributes (a generation date) are there from the start."""
    root: Element | None = None
    try:
        with path.open("rb") as fh:
            for event, element in iterparse(fh, events=("start", "end"), forbid_dtd=True):
                if event == "start":
                    root = element if root is None else root
                    continue
                name = local(element.tag)
                if name in wanted and root is not None:
                    state.bytes_read = fh.tell()
                    yield name, element, root
                    element.clear()  # what is left of a read entry is an empty element
    except (ParseError, DefusedXmlException) as exc:
        raise InvalidInputError(f"{path.name}: not readable as XML ({exc})") from None
    if root is None:
        raise InvalidInputError(f"{path.name}: empty file")


def root_name(path: Path) -> str:
    """The local name of a file's root element ("" when it is not XML)."""
    try:
        with path.open("rb") as fh:
            for _event, element in iterparse(fh, events=("start",), forbid_dtd=True):
                return local(element.tag)
    except (ParseError, DefusedXmlException, OSError):
        return ""
    return ""


class _XmlReader:
    ROOTS: dict[str, str] = {}  # root element -> the element that is one entry
    WHAT = ""

    def __init__(self, paths: list[Path]):
        self.paths = paths
        self.state = ReadState()

    def records(self) -> Iterator[ListRecord]:
        for path in self.paths:
            root = root_name(path)
            if root not in self.ROOTS:
                expected = " or ".join(f"<{r}>" for r in self.ROOTS)
                raise InvalidInputError(f"{path.name}: not {self.WHAT} (its root element is "
                                        f"{f'<{root}>' if root else 'missing'}, expected {expected})")
            for number, (_, element, top) in enumerate(_elements(path, {self.ROOTS[root]}, self.state), start=1):
                self.state.lines_read = number
                record = self.record(path, number, element, top)
                if record is not None:
                    yield record

    def record(self, path: Path, number: int, element: Element, root: Element) -> ListRecord | None:
        raise NotImplementedError

    def supplements(self) -> Iterator[Supplement]:
        return iter(())


class OfacXmlReader(_XmlReader):
    """SDN_ENHANCED.XML (``sanctionsData/entities/entity``) and the older sdn.xml (``sdnList/sdnEntry``).
    Problems are placed by entity number in the file, as XML has no useful line for a record."""

    ROOTS = {"sanctionsData": "entity", "sdnList": "sdnEntry"}
    WHAT = "an OFAC SDN XML file"

    def record(self, path: Path, number: int, element: Element, root: Element) -> ListRecord | None:
        if not self.state.version_date:
            self.state.version_date = _ofac_date(root)
        if local(element.tag) == "sdnEntry":
            return self._legacy(path, number, element)
        key = element.get("id", "").strip()
        names = _enhanced_names(element)
        if not key or not names:
            self.state.problem(path, number, f"entity {key or number}: no id or no name")
            return None
        kind = _OFAC_KINDS.get(_text(_child(element, "generalInfo"), "entityType").lower(), "other")
        primary, others = names[0], names[1:]
        record = new_record(key, kind, primary, number)
        record.aliases = others
        record.programmes = [e.text.strip() for e in _path(element, "sanctionsPrograms", "sanctionsProgram") if e.text]
        record.programmes += [e.text.strip() for e in _path(element, "sanctionsLists", "sanctionsList") if e.text]
        record.countries = [e.text.strip() for e in _path(element, "addresses", "address", "country") if e.text]
        for feature in _path(element, "features", "feature"):
            kind_of, value = _text(feature, "type"), _text(feature, "value")
            if kind_of.lower() in _OFAC_COUNTRY_FEATURES and value:
                record.countries.append(value)
            elif value and is_identifying_scheme(kind_of):
                record.identifiers.append((kind_of, value))
        for document in _path(element, "identityDocuments", "identityDocument"):
            if _text(document, "documentNumber"):
                record.identifiers.append((_text(document, "type") or "id", _text(document, "documentNumber")))
        dates = sorted(d[:10] for e in _path(element, "sanctionsLists", "sanctionsList") if (d := e.get("datePublished")))
        record.listed_on = dates[0] if dates else ""
        record.remarks = _text(_child(element, "generalInfo"), "remarks")
        return record

    def _legacy(self, path: Path, number: int, entry: Element) -> ListRecord | None:
        key, name = _text(entry, "uid"), _person_name(_text(entry, "lastName"), _text(entry, "firstName"))
        if not key or not name:
            self.state.problem(path, number, f"sdnEntry {key or number}: no uid or no name")
            return None
        record = new_record(key, _OFAC_KINDS.get(_text(entry, "sdnType").lower(), "other"), name, number)
        record.aliases = [n for aka in _path(entry, "akaList", "aka")
                          if (n := _person_name(_text(aka, "lastName"), _text(aka, "firstName")))]
        record.programmes = [e.text.strip() for e in _path(entry, "programList", "program") if e.text]
        record.identifiers = [(_text(i, "idType") or "id", _text(i, "idNumber"))
                              for i in _path(entry, "idList", "id") if _text(i, "idNumber")]
        for where in (("addressList", "address"), ("nationalityList", "nationality"),
                      ("citizenshipList", "citizenship")):
            record.countries += [c for e in _path(entry, *where) if (c := _text(e, "country"))]
        flag = _text(_child(entry, "vesselInfo"), "vesselFlag")
        record.countries += [flag] if flag else []
        record.remarks = _text(entry, "remarks")
        return record


def _person_name(last: str, first: str) -> str:
    """OFAC writes an individual "LAST, Given" (the matcher reads the family name from it)."""
    return f"{last}, {first}" if last and first else last or first


def _enhanced_names(entity: Element) -> list[str]:
    """The primary name (its primary, Latin translation) first, then every other name and spelling."""
    ranked: list[tuple[int, str]] = []
    for name in _path(entity, "names", "name"):
        name_primary = _text(name, "isPrimary").lower() == "true"
        for translation in _path(name, "translations", "translation"):
            full = _text(translation, "formattedFullName") or _person_name(
                _text(translation, "formattedLastName"), _text(translation, "formattedFirstName"))
            if full:
                primary = name_primary and _text(translation, "isPrimary").lower() in ("true", "")
                ranked.append((0 if primary else 1, full))
    ordered = [text for _, text in sorted(ranked, key=lambda item: item[0])]
    return list(dict.fromkeys(ordered))


def _ofac_date(root: Element) -> str:
    """The list's own date: publicationInfo/dataAsOf or datePublished (enhanced), Publish_Date (older)."""
    info = _child(root, "publicationInfo")
    for name in ("dataAsOf", "datePublished"):
        if _text(info, name):
            return _text(info, name)[:10]
    legacy = _text(_child(root, "publshInformation"), "Publish_Date")  # sic: OFAC's spelling, mm/dd/yyyy
    if legacy.count("/") == 2:
        month, day, year = legacy.split("/")
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return ""


class EuXmlReader(_XmlReader):
    """EU Financial Sanctions File, XML 1.1: ``export/sanctionEntity`` with attributes on each part."""

    ROOTS = {"export": "sanctionEntity"}
    WHAT = "an EU Financial Sanctions XML file"

    def record(self, path: Path, number: int, element: Element, root: Element) -> ListRecord | None:
        if not self.state.version_date and root.get("generationDate"):
            self.state.version_date = root.get("generationDate", "")[:10]
        key = element.get("logicalId", "").strip()
        aliases = _children(element, "nameAlias")
        strong = [a.get("wholeName", "").strip() for a in aliases
                  if a.get("wholeName", "").strip() and a.get("strong", "true") != "false"]
        weak = [a.get("wholeName", "").strip() for a in aliases
                if a.get("wholeName", "").strip() and a.get("strong", "true") == "false"]
        if not key or not (strong or weak):
            self.state.problem(path, number, f"sanctionEntity {key or number}: no logicalId or no name")
            return None
        subject = _child(element, "subjectType")
        kind = "person" if subject is not None and subject.get("code") == "person" else "organisation"
        names = strong or weak
        record = new_record(key, kind, names[0], number)
        record.names = list(dict.fromkeys(names))
        record.aliases = [w for w in dict.fromkeys(weak) if w not in record.names]
        for regulation in _children(element, "regulation"):
            record.programmes += [v for v in (regulation.get("programme"), regulation.get("numberTitle")) if v]
        record.programmes = list(dict.fromkeys(record.programmes))
        record.countries = list(dict.fromkeys(c for part in ("citizenship", "address")
                                              for e in _children(element, part) if (c := e.get("countryIso2Code"))))
        record.identifiers = [(i.get("identificationTypeDescription") or i.get("identificationTypeCode") or "id",
                               number_)
                              for i in _children(element, "identification")
                              if (number_ := (i.get("number") or i.get("latinNumber") or "").strip())]
        dates = sorted(_attributes(_children(element, "regulation"), "entryIntoForceDate"))
        record.listed_on = (dates[0] if dates else element.get("designationDate", ""))[:10]
        record.remarks = _text(element, "remark")
        return record


def _attributes(elements: list[Element], name: str) -> list[Any]:
    return [value for e in elements if (value := e.get(name))]
