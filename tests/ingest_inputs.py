"""Real-world shaped inputs for the ingestion tests, written here rather than copied from the web.

Binary ones (PDF, DOCX) are generated, so each test builds exactly the file it needs;
``python -m tests.ingest_inputs DIR`` writes them all to a folder to look at.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

# -- a saved news page --------------------------------------------------------

NEWS_SENTENCES = [
    "Russian data-centre operators are buying Nvidia accelerators through intermediaries in third countries.",
    "Customs records reviewed for this article show shipments routed through Kazakhstan, Armenia and the UAE.",
    "Prices paid for an H100 board reached roughly twice the list price during the first half of 2024.",
    "Officials in Moscow say the domestic Elbrus and Baikal processors will not match such chips before 2030.",
    "One trader said a subscription to a cloud service abroad is now cheaper than owning the hardware.",
    "Export-control lawyers note that the October 2023 rules closed the loophole that the A800 had used.",
]
NEWS_HEADINGS = ["How the chips arrive", "What it costs"]
NEWS_CHROME = [
    "Home", "World", "Business", "Technology", "Subscribe for $1", "We use cookies to improve your experience",
    "Related: Moscow opens a new AI centre", "Don't miss: The week in chips",
    "Sign up for our weekly Tech Brief newsletter", "Share on Facebook", "Leave a comment",
    "© 2024 Northline Media Ltd. All rights reserved.", "Privacy Policy", "trackingPixel", "window.dataLayer",
]


def news_page(charset: str = "utf-8") -> str:
    s, h = NEWS_SENTENCES, NEWS_HEADINGS
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>Grey imports keep Russian AI labs supplied | Northline</title>
<meta name="author" content="Anna Petrova">
<meta property="og:site_name" content="Northline">
<meta property="og:title" content="Grey imports keep Russian AI labs supplied">
<meta property="article:published_time" content="2024-05-14T08:30:00Z">
<link rel="canonical" href="https://northline.example/tech/2024/05/grey-imports">
<link rel="stylesheet" href="https://cdn.northline.example/site.css">
<script>window.dataLayer = []; function trackingPixel() {{ new Image().src = "https://t.example/p"; }}</script>
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/tech">Technology</a></li></ul></nav>
<a class="subscribe" href="/subscribe">Subscribe for $1</a></header>
<main><article>
<h1>Grey imports keep Russian AI labs supplied</h1>
<p class="byline">By Anna Petrova, 14 May 2024</p>
<p>{s[0]} {s[1]}</p>
<aside class="related"><p>Related: Moscow opens a new AI centre</p></aside>
<h2>{h[0]}</h2>
<p>{s[2]}</p>
<img src="https://img.northline.example/gpu.jpg" alt="A GPU board">
<p>{s[3]}</p>
<div class="teaser">Don't miss: The week in chips</div>
<h2>{h[1]}</h2>
<p>{s[4]}</p>
<p>{s[5]}</p>
<iframe src="https://video.example/embed/1"></iframe>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
</article>
<section class="newsletter"><p>Sign up for our weekly Tech Brief newsletter</p></section>
<section class="comments"><h3>Leave a comment</h3></section>
</main>
<footer><p>© 2024 Northline Media Ltd. All rights reserved.</p><a href="/privacy">Privacy Policy</a></footer>
<script src="https://cdn.northline.example/app.js"></script>
</body></html>"""


RUSSIAN_SENTENCES = [
    "Сбербанк представил новую версию языковой модели GigaChat, обученную на отечественных данных.",
    "По словам разработчиков, для обучения использовались графические ускорители, закупленные до 2022 года.",
    "Эксперты отмечают, что дефицит современных чипов остаётся главным ограничением для российских лабораторий.",
]


def russian_page() -> bytes:
    body = "\n".join(f"<p>{s}</p>" for s in RUSSIAN_SENTENCES)
    html = f"""<html lang="ru"><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>GigaChat: новая версия | Техновости</title></head><body>
<nav><a href="/">Главная</a> | <a href="/news">Новости</a> | <a href="/ai">ИИ</a></nav>
<article><h1>GigaChat: новая версия</h1>{body}
<p>Читайте также: Яндекс открыл новый дата-центр</p></article>
<footer>© 2024 Техновости. Все права защищены.</footer></body></html>"""
    return html.encode("cp1251")


# -- plain text with a promotional block pasted several times -----------------

PROMO = ("Get the Chip War Daily in your inbox. Subscribe now and save 30% on your first year!\n"
         "Use code CHIPS30 at checkout.")
ARTICLE_PARAGRAPHS = [
    "India's semiconductor mission approved three new fabrication and packaging plants in February 2024.",
    "The largest, a joint venture between Tata Electronics and Powerchip, is planned for Dholera in Gujarat.",
    "Officials expect the first chips from the plant in 2026, on mature nodes between 28 and 110 nanometres.",
    "Analysts caution that the subsidies cover half the project cost and depend on state co-financing.",
    "The mission's budget of 760 billion rupees was set in December 2021 and is now largely committed.",
]


def promo_text() -> str:
    a, promo = ARTICLE_PARAGRAPHS, PROMO
    parts = ["India approves three chip plants", a[0], promo, a[1], "Read more: Why Gujarat wins the fabs",
             a[2], promo, a[3], "Share | Tweet | Email | Print", a[4], promo, "12 comments",
             "Copyright 2024 Chip War Daily | Privacy Policy | Terms of Use"]
    return "\n\n".join(parts) + "\n"


# -- a two-column PDF -----------------------------------------------------------

PDF_LEFT = [
    "China's three largest cloud providers",
    "announced plans to train models on",
    "domestic accelerators, but purchases of",
    "Nvidia's H20 continued in 2024. The Ascend",
    "910B is the main alternative, yet its sup-",
    "ply is constrained by packaging capacity.",
]
PDF_RIGHT = [
    "Engineers interviewed for this report",
    "describe porting software from CUDA to",
    "Huawei's CANN stack as slow and costly.",
    "Most teams keep mixed clusters and move",
    "work to domestic chips only when export",
    "licences are refused by Washington.",
]
PDF_PAGE2 = [
    "Second page: the authors estimate that",
    "domestic accelerators supplied a fifth of",
    "new training capacity in 2024.",
]
PDF_HEADER = "Compute Policy Review, Vol. 3"


def two_column_pdf(pages: int = 3) -> bytes:
    """Two columns written line by line across the page (left, right, left...), as some
    generators do, so only layout analysis gives the reading order; a running header and
    page numbers on each page."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title("Domestic accelerators in Chinese clouds")
    pdf.set_author("R. Example")
    pdf.set_creation_date(__import__("datetime").datetime(2024, 6, 3, tzinfo=__import__("datetime").UTC))
    pdf.set_font("Helvetica", size=9)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.text(20, 15, PDF_HEADER)
        if number == 1:
            for row, (left, right) in enumerate(zip(PDF_LEFT, PDF_RIGHT, strict=True)):
                pdf.text(20, 40 + row * 4.2, left)
                pdf.text(112, 40 + row * 4.2, right)
        else:
            for row, line in enumerate(PDF_PAGE2 if number == 2 else [f"Page {number} holds a closing remark."]):
                pdf.text(20, 40 + row * 4.2, line)
        pdf.text(105, 285, str(number))
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    """A "scanned" page: one picture, no text layer."""
    from fpdf import FPDF

    png = _tiny_png()
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(png), x=10, y=10, w=180)
    return bytes(pdf.output())


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes([200, 200, 200] * 8) for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# -- a DOCX with headings, lists, a table and footnotes ---------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_BODY = [
    "The Strategy sets a target of 11.2 trillion rubles of added GDP from AI by 2030.",
    "Compute is named as the binding constraint for the coming decade.",
]
DOCX_FOOTNOTES = ["Presidential decree No. 124 of 15 February 2024.", "Ministry estimate, not independently verified."]


def _para(text: str, style: str = "", extra: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r>{extra}</w:p>'


def _note_ref(note_id: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'


def docx_bytes(doctype: str = "", extra_members: dict[str, bytes] | None = None) -> bytes:
    """A Word document as Word writes it (styles, core properties, footnotes part)."""
    cells = [["Chip", "Maker", "Node"], ["Elbrus-16C", "MCST", "16 nm"], ["Baikal-S", "Baikal Electronics", "16 nm"]]
    rows = "".join("<w:tr>" + "".join(f"<w:tc>{_para(c)}</w:tc>" for c in row) + "</w:tr>" for row in cells)
    body = "".join([
        _para("National AI Strategy, 2024 revision", "Heading1"),
        _para(DOCX_BODY[0], extra=_note_ref(2)),
        _para("Priorities", "Heading2"),
        _para("Domestic accelerators", "ListBullet"),
        _para("Data-centre power", "ListBullet"),
        _para("Train 15,000 specialists a year", "ListNumber"),
        _para("Open public datasets", "ListNumber"),
        f"<w:tbl>{rows}</w:tbl>",
        _para(DOCX_BODY[1], extra=_note_ref(3)),
    ])
    document = f'{doctype}<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    notes = "".join(f'<w:footnote w:id="{i}">{_para(t)}</w:footnote>' for i, t in enumerate(DOCX_FOOTNOTES, 2))
    footnotes = (f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:type="separator" w:id="0">'
                 f'<w:p><w:r><w:separator/></w:r></w:p></w:footnote>{notes}</w:footnotes>')
    styles = "".join(f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/></w:style>'
                     for sid, name in [("Heading1", "heading 1"), ("Heading2", "heading 2"),
                                       ("ListBullet", "List Bullet"), ("ListNumber", "List Number")])
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    members = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.styles+xml"/>'
            '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.footnotes+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.'
            'core-properties+xml"/></Types>'),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
            'core-properties" Target="docProps/core.xml"/></Relationships>'),
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/footnotes" Target="footnotes.xml"/></Relationships>'),
        "word/document.xml": document,
        "word/styles.xml": f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>',
        "word/footnotes.xml": footnotes,
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>AI Strategy notes</dc:title>'
            '<dc:creator>Policy Desk</dc:creator><dc:language>en-GB</dc:language>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2024-02-20T10:00:00Z</dcterms:created>'
            '</cp:coreProperties>'),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for name, data in (extra_members or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


ENTITY_BOMB_DOCTYPE = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
                       + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
                       + "]>")


def write_all(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "news.html").write_text(news_page(), encoding="utf-8")
    (folder / "russian-cp1251.html").write_bytes(russian_page())
    (folder / "promo.txt").write_text(promo_text(), encoding="utf-8")
    (folder / "two-column.pdf").write_bytes(two_column_pdf())
    (folder / "scanned.pdf").write_bytes(image_only_pdf())
    (folder / "strategy.docx").write_bytes(docx_bytes())


if __name__ == "__main__":
    write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "ingest-inputs"))
