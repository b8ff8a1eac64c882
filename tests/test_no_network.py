"""No network, enforced: the suite-wide guard itself, and imports of pages that reference the web."""

import socket

import pytest

from workbench.services.ingest import ImportOptions, import_files
from workbench.services.project import create_project

REMOTE_PAGE = """<!doctype html><html><head><title>Chips report</title>
<link rel="stylesheet" href="https://cdn.example.com/site.css">
<link rel="preload" href="https://fonts.example.com/font.woff2" as="font">
<style>@import url("https://evil.example.com/x.css"); @font-face { src: url(https://fonts.example.com/f.ttf); }</style>
<script src="https://tracker.example.com/t.js"></script>
<meta http-equiv="refresh" content="0; url=https://example.com/">
</head><body><article><h1>Chips report</h1>
<p>Export controls on accelerators tightened in October 2023. <img src="https://img.example.com/chip.png">
<img srcset="https://img.example.com/a.png 1x, https://img.example.com/b.png 2x"></p>
<iframe src="https://example.com/embed"></iframe>
<p style="background:url(https://img.example.com/bg.png)">Shipments moved through third countries.</p>
</article></body></html>"""


def test_name_lookups_are_refused_and_recorded(offline):
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("example.com", 443)
    assert offline == [("getaddrinfo", "example.com")]
    offline.clear()  # expected here; any other test that looks a name up fails


@pytest.mark.parametrize("isolate", [False, True], ids=["in process", "in the import worker"])
def test_importing_a_page_full_of_remote_references_opens_no_connection(tmp_path, offline, isolate):
    page = tmp_path / "page.html"
    page.write_text(REMOTE_PAGE, encoding="utf-8")
    with create_project(tmp_path / "p.wbproj") as project:
        [result] = import_files(project, [page], options=ImportOptions(isolate=isolate))
    assert result.status == "imported", result.message
    assert "Shipments moved through third countries" in project_text(tmp_path / "p.wbproj")
    assert offline == []


def project_text(path):
    from workbench.services.project import open_project

    with open_project(path, writable=False) as project:
        return "\n".join(project.sources.text(s.id) for s in project.sources.list())
