"""Ingestion of real-world shaped inputs: every article sentence arrives, the chrome does not."""

import pytest

from workbench.services.ingest import ImportOptions, import_file, import_files, removed_blocks, restore_removed
from workbench.services.project import create_project

from . import ingest_inputs as inputs


@pytest.fixture
def project(tmp_path):
    with create_project(tmp_path / "ingest.wbproj") as project:
        yield project


def _import(project, path, **options):
    result = import_file(project, path, ImportOptions(**options))
    assert result.status == "imported", result.message
    return result.source, project.sources.text(result.source.id)


def test_saved_news_page_keeps_article_and_metadata_drops_chrome(project, tmp_path, offline):
    page = tmp_path / "grey-imports.html"
    page.write_text(inputs.news_page(), encoding="utf-8")
    source, text = _import(project, page)
    for sentence in inputs.NEWS_SENTENCES + inputs.NEWS_HEADINGS:
        assert sentence in text
    for chrome in inputs.NEWS_CHROME:
        assert chrome not in text, chrome
    lines = text.split("\n\n")
    assert lines[0] == "Grey imports keep Russian AI labs supplied" and "How the chips arrive" in lines
    meta = source.meta
    assert (meta.title, meta.author, meta.publisher, meta.published, meta.language) == (
        "Grey imports keep Russian AI labs supplied", "Anna Petrova", "Northline", "2024-05-14", "en")
    assert meta.url == "https://northline.example/tech/2024/05/grey-imports"
    assert source.media_type == "text/html" and offline == []


def test_russian_page_in_windows_1251_is_decoded_by_its_meta_charset(project, tmp_path):
    page = tmp_path / "gigachat.html"
    page.write_bytes(inputs.russian_page())
    source, text = _import(project, page)
    for sentence in inputs.RUSSIAN_SENTENCES:
        assert sentence in text
    assert "Читайте также" not in text and "Все права защищены" not in text and "Главная" not in text
    assert source.encoding == "cp1251" and source.meta.language == "ru"
    assert source.meta.published == ""  # no date in the markup: none invented from "© 2024"


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
@pytest.mark.parametrize("length", ["short", "long"])
def test_russian_plain_text_in_single_byte_encodings(project, tmp_path, encoding, length):
    text = "Сбер обучил GigaChat." if length == "short" else " ".join(inputs.RUSSIAN_SENTENCES)
    path = tmp_path / f"{encoding}-{length}.txt"
    path.write_bytes(text.encode(encoding))
    assert (length == "short") == (len(path.read_bytes()) < 64)
    source, stored = _import(project, path)
    assert stored == text and source.encoding == encoding


@pytest.mark.parametrize("text", ["华为昇腾芯片。", "华为昇腾910B芯片被视为英伟达的替代品。美国出口管制限制了先进芯片的销售，国内企业加快自研步伐。"])
def test_chinese_in_gb18030(project, tmp_path, text):
    path = tmp_path / "zh.txt"
    path.write_bytes(text.encode("gb18030"))
    source, stored = _import(project, path)
    assert stored == text and source.encoding == "gb18030"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "latin-1"])
def test_other_encodings(project, tmp_path, encoding):
    text = "Société Générale: numéro d'ordre 42, à Paris. Ещё 1 строка." if "utf" in encoding else \
        "Société Générale: numéro d'ordre 42, à Paris."
    path = tmp_path / "other.txt"
    path.write_bytes(text.encode(encoding))
    _, stored = _import(project, path)
    assert stored == text


def test_forced_encoding_overrides_the_guess(project, tmp_path):
    path = tmp_path / "koi.txt"
    path.write_bytes("Мир".encode("koi8_r"))
    source, stored = _import(project, path, encoding="cp1251")
    assert stored == "Мир".encode("koi8_r").decode("cp1251") and source.encoding == "cp1251"


def test_two_column_pdf_in_reading_order_with_pages(project, tmp_path):
    path = tmp_path / "review.pdf"
    path.write_bytes(inputs.two_column_pdf())
    source, text = _import(project, path)
    left, right = " ".join(inputs.PDF_LEFT), " ".join(inputs.PDF_RIGHT)
    left = left.replace("sup- ply", "supply")  # the hyphen at the line end is mended
    assert left in text and right in text and text.index(left) < text.index(right)
    assert " ".join(inputs.PDF_PAGE2) in text
    assert inputs.PDF_HEADER not in text  # running header, on every page
    pages = project.sources.page_starts(source.id)
    assert len(pages) == 3 and pages[0] == 0
    assert text[pages[1]:].startswith("Second page:") and text[pages[2]:].startswith("Page 3 holds")
    reasons = [b.reason for b in removed_blocks(project, source)]
    assert reasons.count("repeated block") == 3 and reasons.count("page number") == 3
    meta = source.meta
    assert (meta.title, meta.author, meta.published) == ("Domestic accelerators in Chinese clouds", "R. Example",
                                                         "2024-06-03")


def test_justified_pdf_text_has_single_spaces_between_words(project, tmp_path):
    """Justified lines widen the gaps between words; the reading text must not carry them as runs of spaces."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for paragraph in inputs.ARTICLE_PARAGRAPHS:
        pdf.multi_cell(0, 5, paragraph, align="J")
        pdf.ln(2)
    path = tmp_path / "justified.pdf"
    path.write_bytes(bytes(pdf.output()))
    _, text = _import(project, path)
    assert "  " not in text
    for paragraph in inputs.ARTICLE_PARAGRAPHS:
        assert paragraph in text


def test_scanned_pdf_is_reported_as_such(project, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(inputs.image_only_pdf())
    result = import_file(project, path)
    assert result.status == "failed" and "no text layer" in result.message and "OCR" in result.message
    assert project.sources.count() == 0


def test_docx_with_headings_lists_table_and_footnotes(project, tmp_path):
    path = tmp_path / "strategy.docx"
    path.write_bytes(inputs.docx_bytes())
    source, text = _import(project, path)
    blocks = text.split("\n\n")
    assert blocks[0] == "National AI Strategy, 2024 revision"
    assert inputs.DOCX_BODY[0] + "[1]" in blocks and inputs.DOCX_BODY[1] + "[2]" in blocks
    assert "• Domestic accelerators" in blocks and "2. Open public datasets" in blocks
    assert "Chip | Maker | Node\nElbrus-16C | MCST | 16 nm\nBaikal-S | Baikal Electronics | 16 nm" in blocks
    assert blocks[-3:] == ["Notes", f"[1] {inputs.DOCX_FOOTNOTES[0]}", f"[2] {inputs.DOCX_FOOTNOTES[1]}"]
    assert (source.meta.title, source.meta.author, source.meta.published) == ("AI Strategy notes", "Policy Desk",
                                                                             "2024-02-20")


def test_repeated_promotional_block_and_teasers_removed_recorded_and_restorable(project, tmp_path):
    path = tmp_path / "india.txt"
    path.write_text(inputs.promo_text(), encoding="utf-8")
    source, text = _import(project, path)
    for paragraph in inputs.ARTICLE_PARAGRAPHS:
        assert paragraph in text
    assert "CHIPS30" not in text and "Read more" not in text and "Tweet" not in text
    assert "comments" not in text and "Copyright" not in text and not text.endswith("\n")
    blocks = removed_blocks(project, source)
    assert sum(inputs.PROMO in b.text for b in blocks) == 3
    assert {b.reason for b in blocks} == {"newsletter or subscription pitch", "teaser", "share buttons",
                                          "comment prompt", "site chrome"}
    # Restoring every block, last first, gives back the original text exactly.
    for block in reversed(blocks):
        source = restore_removed(project, source, block.seq)
    assert project.sources.text(source.id) == inputs.promo_text().strip("\n")
    assert removed_blocks(project, source) == []


def test_restoring_in_any_order_gives_the_original(project, tmp_path):
    path = tmp_path / "india.txt"
    path.write_text(inputs.promo_text(), encoding="utf-8")
    source, _ = _import(project, path)
    for seq in (3, 1, 7, 5, 2, 6, 4):
        source = restore_removed(project, source, seq)
    assert project.sources.text(source.id) == inputs.promo_text().strip("\n")


def test_keep_boilerplate_keeps_everything(project, tmp_path):
    path = tmp_path / "india.txt"
    path.write_text(inputs.promo_text(), encoding="utf-8")
    source, text = _import(project, path, keep_boilerplate=True)
    assert text == inputs.promo_text().strip("\n") and removed_blocks(project, source) == []


ARTICLE_THAT_LOOKS_LIKE_CHROME = [
    "Related: the ministry said the two programmes share a budget line of 40 billion rubles, which auditors "
    "questioned in 2023 because the line had already paid for the first supercomputer cluster in Novosibirsk, "
    "and the same money cannot be spent twice on machines that are still being commissioned by the contractor.",
    "Subscribers to the state procurement portal saw the tender for 1,200 accelerators published in March.",
    "The company says its newsletter to investors described the chips as domestic, which they were not.",
    "Share prices of the chip designer fell 12% after the listing.",
    "Comments from the ministry were not available by the time of publication.",
    "Copyright law, the lawyer added, does not protect the chip layouts that were copied.",
    "\"We will not buy foreign accelerators again,\" the director said.",
    "The analysts also spoke to traders in Dubai.",
    "\"We will not buy foreign accelerators again,\" the director said.",
]


def test_article_sentences_that_resemble_boilerplate_are_kept(project, tmp_path):
    path = tmp_path / "tricky.txt"
    path.write_text("\n\n".join(ARTICLE_THAT_LOOKS_LIKE_CHROME), encoding="utf-8")
    source, text = _import(project, path)
    for paragraph in set(ARTICLE_THAT_LOOKS_LIKE_CHROME):
        assert paragraph in text, paragraph
    # A quote repeated once (a pull quote) keeps its first appearance; the repeat is recorded.
    assert text.count("the director said") == 1
    assert [b.reason for b in removed_blocks(project, source)] == ["repeated block"]


def test_restore_while_claims_point_into_the_text_shifts_them_and_never_splits_a_quote(project, tmp_path):
    from workbench.core.errors import InvalidInputError
    from workbench.core.model import ClaimDraft
    from workbench.services.annotate import add_claim_by_quote

    path = tmp_path / "india.txt"
    path.write_text(inputs.promo_text(), encoding="utf-8")
    source, text = _import(project, path)
    later = add_claim_by_quote(project, source.uuid, "760 billion rupees", ClaimDraft())
    first_block = removed_blocks(project, source)[0]
    across = text[first_block.position - 12:first_block.position + 10]  # spans the block's insertion point
    split = add_claim_by_quote(project, source.uuid, across, ClaimDraft())
    with pytest.raises(InvalidInputError, match="inside the quote of 1 claim"):
        restore_removed(project, source, first_block.seq)
    assert project.sources.text(source.id) == text and len(removed_blocks(project, source)) == 7
    project.claims.delete(split.id)
    source = restore_removed(project, source, first_block.seq)
    moved = project.claims.get(later.id)
    assert moved.anchor.start == later.anchor.start + len(first_block.text)
    assert project.sources.text(source.id)[moved.anchor.start:moved.anchor.end] == "760 billion rupees"
    assert project.db.integrity_problems() == []


def test_each_format_imported_twice_is_a_duplicate(project, tmp_path):
    inputs.write_all(tmp_path / "in")
    first = import_files(project, [tmp_path / "in"])
    second = import_files(project, [tmp_path / "in"])
    assert [r.status for r in first].count("imported") == 5  # all but the scanned PDF
    assert [r.status for r in second] == ["duplicate" if r.status == "imported" else "failed" for r in first]
    assert project.sources.count() == 5
