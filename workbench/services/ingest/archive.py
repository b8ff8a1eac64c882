"""Opening ZIP containers (DOCX) without trusting them.

Refused before anything is parsed: member names that climb out of the archive
(``../``, absolute paths, drive letters), too many members, and members whose
declared size or compression ratio marks a zip bomb. Reads are capped to the
declared size, so a member that lies about its size cannot grow past it. Every XML
member is parsed with defusedxml, which refuses DTDs and with them entity bombs
("billion laughs") and external entities.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from ...core.errors import InvalidInputError

MAX_MEMBERS = 5000
MAX_TOTAL_BYTES = 512 * 2**20
MAX_RATIO = 200  # uncompressed / compressed; real XML stays well under 50
_RATIO_FLOOR = 2**20  # members smaller than this are never bombs


def _unsafe_name(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or (len(name) > 1 and name[1] == ":")


def open_zip(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InvalidInputError(f"{name}: not a valid {kind} file (damaged or not a ZIP container)") from None
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise InvalidInputError(f"{name}: refused: the archive holds {len(members)} members")
    total = 0
    for member in members:
        if _unsafe_name(member.filename):
            raise InvalidInputError(f"{name}: refused: the archive has a member with an unsafe path "
                                    f"({member.filename!r})")
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_TOTAL_BYTES or (member.file_size > _RATIO_FLOOR and ratio > MAX_RATIO):
            raise InvalidInputError(f"{name}: refused: the archive unpacks to far more than its size (a zip bomb?)")
    return archive


def read_member(archive: zipfile.ZipFile, member: str) -> bytes | None:
    try:
        info = archive.getinfo(member)
    except KeyError:
        return None
    with archive.open(info) as stream:
        data = stream.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise InvalidInputError(f"refused: archive member {member!r} is larger than it declares")
    return data


def parse_xml(data: bytes, name: str, member: str):
    """An ElementTree element, or a clear refusal for DTDs, entities and malformed XML."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise InvalidInputError(f"{name}: refused: {member} declares a DTD or entities "
                                "(possible entity bomb or external reference)") from None
    except ParseError as exc:
        raise InvalidInputError(f"{name}: damaged file: {member} is not well-formed XML ({exc})") from None


_XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")  # markup, or a byte-order mark before it


def check_all_xml(archive: zipfile.ZipFile, name: str) -> None:
    """Parse every member that is XML, whatever its name: a part's content type, not its name, makes
    python-docx read it as XML, so a DTD in ``word/document.bin`` must be caught too."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            with archive.open(info) as stream:
                if not stream.read(64).lstrip(b" \t\r\n").startswith(_XML_STARTS):
                    continue  # an image or other binary part
        data = read_member(archive, info.filename)
        if data:
            parse_xml(data, name, info.filename)
