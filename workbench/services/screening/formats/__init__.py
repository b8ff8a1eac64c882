"""Readers of published sanctions-list files, one per format. Each yields ListRecords one at a
time, so a list of any size is read in bounded memory, and records its problems by line."""

from __future__ import annotations

from pathlib import Path

from ....core.lists import ListFormat
from .csvlists import CslReader, EuReader, OpenSanctionsCsvReader, UkReader
from .ftm import FtmReader
from .ofac import OfacReader
from .ukxml import uk_xml_reader
from .xmllists import EuXmlReader, OfacXmlReader, root_name

READERS = {
    ListFormat.OFAC: OfacReader,
    ListFormat.CSL: CslReader,
    ListFormat.FTM: FtmReader,
    ListFormat.OPENSANCTIONS_CSV: OpenSanctionsCsvReader,
    ListFormat.EU: EuReader,
    ListFormat.UK: UkReader,
}

DEFAULT_NAMES = {
    ListFormat.OFAC: "OFAC SDN",
    ListFormat.CSL: "Consolidated Screening List",
    ListFormat.FTM: "OpenSanctions",
    ListFormat.OPENSANCTIONS_CSV: "OpenSanctions",
    ListFormat.EU: "EU financial sanctions",
    ListFormat.UK: "UK Sanctions List",
}


# The same list published as XML in another vintage: chosen by the file's root element.
XML_READERS = {ListFormat.OFAC: OfacXmlReader, ListFormat.EU: EuXmlReader, ListFormat.UK: uk_xml_reader}


def open_reader(fmt: ListFormat, paths: list[Path]):
    xml = XML_READERS.get(fmt)
    if xml is not None and paths and root_name(paths[0]):  # any XML: its reader names a root it does not know
        return xml(paths)
    return READERS[fmt](paths)
