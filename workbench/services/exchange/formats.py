"""The ways in and out: which suffix is which format, and one call per direction.

Exports: ``qdpx`` (REFI-QDA project archive), ``qdc`` (REFI-QDA codebook), ``w3c``
(Web Annotation JSON-LD). Imports by suffix: ``.qdpx``/``.qde``/``.qdc`` (REFI-QDA),
``.jsonld``/``.json`` (W3C Web Annotation, or a Hypothesis export), ``.wbproj``
(another project: a merge). Each import is one transaction: it lands whole or not at all.
"""

from __future__ import annotations

import os
from pathlib import Path

from ...core.errors import InvalidInputError, ProjectFileError
from ..project import Project, open_project
from .apply import apply_bundle, record_export_base
from .bundle import Bundle, bundle_from_project
from .qdpx_read import read_qda_file
from .qdpx_write import codebook_xml, qdpx_bytes
from .report import ExchangeReport
from .w3c import read_annotations, w3c_bytes

EXCHANGE_EXPORT_FORMATS = ("qdpx", "qdc", "w3c")
EXCHANGE_SUFFIXES = (".qdpx", ".qde", ".qdc", ".jsonld", ".json")


def is_exchange_file(path: str | os.PathLike) -> bool:
    return Path(path).suffix.lower() in EXCHANGE_SUFFIXES


def export_bytes(project: Project, fmt: str) -> bytes:
    """The exported file's content; a whole-project export also records what was shared (see apply)."""
    if fmt == "w3c":
        return w3c_bytes(project)
    bundle = bundle_from_project(project, with_originals=fmt == "qdpx")
    if fmt == "qdc":
        return codebook_xml(bundle)
    if fmt == "qdpx":
        data = qdpx_bytes(bundle)
        if project.writable:
            record_export_base(project, bundle)
        return data
    raise InvalidInputError(f"unknown exchange format {fmt!r}; choose one of {', '.join(EXCHANGE_EXPORT_FORMATS)}")


def read_exchange_file(project: Project, path: str | os.PathLike) -> Bundle:
    path = Path(path)
    if not path.is_file():
        raise InvalidInputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".qdpx", ".qde", ".qdc"):
        return read_qda_file(path)
    if suffix in (".jsonld", ".json"):
        return read_annotations(project, path)
    raise InvalidInputError(f"{path.name}: not an exchange file (expected {', '.join(EXCHANGE_SUFFIXES)})")


def import_exchange_file(project: Project, path: str | os.PathLike) -> ExchangeReport:
    """Read ``path`` and merge it into ``project``; a file that cannot be read changes nothing."""
    return apply_bundle(project, read_exchange_file(project, path))


def merge_project_file(project: Project, other: str | os.PathLike) -> ExchangeReport:
    """Bring another project file's work into this one (opened read-only: the other file is never changed)."""
    other = Path(other)
    if other.resolve() == Path(project.path).resolve():
        raise ProjectFileError(f"{other}: is this project itself")
    with open_project(other, writable=False) as theirs:
        bundle = bundle_from_project(theirs)
    bundle.origin = other.name
    return apply_bundle(project, bundle)
