"""Cleaning pasted and saved articles: the labelled set, line structures, the over-removal guard, metadata."""

from collections import Counter
from pathlib import Path

import pytest

from workbench.bench.cleaning import DEFAULT_DATA, clean_one, read_labelled
from workbench.services.ingest import ImportOptions, import_file, removed_blocks, restore_removed
from workbench.services.ingest.article_meta import parse_date, strip_site_name
from workbench.services.ingest.boilerplate import remove_boilerplate
from workbench.services.project import create_project

ARTICLES = sorted(DEFAULT_DATA.glob("*.txt"))


def test_the_labelled_set_has_thirty_articles_in_english_and_russian():
    assert len(ARTICLES) >= 30
    russian = [p for p in ARTICLES if any("а" <= ch <= "я" for ch in read_labelled(p).text)]
    assert 8 <= len(russian) < len(ARTICLES)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_every_article_line_kept_every_clutter_line_gone_and_metadata_right(path):
    article = read_labelled(path)
    cleaned = remove_boilerplate(article.text)
    outcome = clean_one(article)
    kept = Counter(line.strip() for line in cleaned.text.split("\n") if line.strip())
    wanted = Counter(line for line, clutter in zip(outcome.lines, article.clutter, strict=True) if not clutter)
    assert kept == wanted  # every article line once for each time it stands, no clutter line at all
    expected = article.expected
    assert (outcome.meta.title, outcome.meta.author, outcome.meta.published) == (
        expected["title"], expected["author"], expected["published"])


def _body(name: str) -> str:
    return read_labelled(DEFAULT_DATA / name).text


def test_promo_glued_to_paragraphs_with_long_blank_runs_goes_and_restores():
    text = _body("01-promo-glued.txt")
    cleaned = remove_boilerplate(text)
    assert "newsletter" not in cleaned.text and "The Compute Brief" not in cleaned.text
    assert "\n\n\n" not in cleaned.text  # the dozen blank lines are brought down to one
    promo = [b for b in cleaned.removed if "The Compute Brief" in b.text]
    assert len(promo) == 4 and all("newsletter" in b.text for b in promo)  # headline and pitch: one block each
    assert cleaned.header.authors == ("Maria Santos",) and cleaned.header.published == "2025-11-12"


def _compilation(paragraph: str, items: int) -> str:
    parts = ["Reading pack on compute policy"]
    for number in range(1, items + 1):
        parts += [f"Item {number}. A note on subject {number}",
                  f"Subject {number} was discussed at length by the officials who met in session {number}, "
                  "and the record of their talks is reproduced here without changes for the working group.",
                  paragraph]
    return "\n".join(parts)


def test_a_compilation_that_repeats_paragraphs_keeps_them_and_says_so():
    shared = ("The BRICS grouping has ten members since its 2024 expansion; technology cooperation appears in "
              "every declaration, although no joint budget for computing has been agreed so far by its members.")
    text = _compilation(shared, 8)
    cleaned = remove_boilerplate(text)
    assert cleaned.text.count(shared) == 8 and cleaned.removed == ()
    assert any("repeat far apart" in w and "clean anyway" in w for w in cleaned.warnings)
    forced = remove_boilerplate(text, force=True)
    assert forced.text.count(shared) == 1  # the first copy stays
    assert forced.text.startswith("Reading pack") and "session 8" in forced.text


def test_repeated_short_lines_over_a_fifth_of_the_text_are_held_back_with_a_warning():
    lines = []
    for number in range(6):
        lines += [f"Short note {number} on chips.", "Source: the industry press, weekly edition"]
    cleaned = remove_boilerplate("\n".join(lines))
    assert cleaned.text.count("Source: the industry press") == 6
    assert cleaned.warnings and "cleaning would take out" in cleaned.warnings[0]
    forced = remove_boilerplate("\n".join(lines), force=True)
    assert "Source: the industry press" not in forced.text and "Short note 5 on chips." in forced.text


def test_one_paragraph_per_line_and_blank_separated_give_the_same_removals():
    article = read_labelled(DEFAULT_DATA / "21-paragraph-per-line-long.txt")
    per_line = remove_boilerplate(article.text)
    blank_separated = remove_boilerplate(article.text.replace("\n", "\n\n"))
    assert per_line.text.replace("\n", "\n\n") == blank_separated.text
    assert [b.reason for b in per_line.removed] == [b.reason for b in blank_separated.removed]


@pytest.mark.parametrize(("written", "iso"), [
    ("Last updated: November 20, 2025 10:14 IST", "2025-11-20"), ("Published 12 Nov 2025", "2025-11-12"),
    ("12 ноября 2025, 14:30", "2025-11-12"), ("Опубликовано: 28 октября 2025", "2025-10-28"),
    ("08.04.2025", "2025-04-08"), ("June 2025", "2025-06"), ("Март 2025", "2025-03"), ("no date here", ""),
])
def test_dates_in_english_and_russian(written, iso):
    assert parse_date(written) == iso


def test_page_titles_lose_the_site_name():
    assert strip_site_name("Chips for BRICS | The Diplomat", "The Diplomat") == "Chips for BRICS"
    assert strip_site_name("Why Moscow bets on domestic accelerators - Tech Review") == \
        "Why Moscow bets on domestic accelerators"
    assert strip_site_name("Russia - China: a data centre deal") == "Russia - China: a data centre deal"


def test_import_records_byline_and_date_as_metadata_and_removed_blocks(tmp_path):
    path = tmp_path / "edited.txt"
    path.write_text(_body("04-edited-by.txt"), encoding="utf-8")
    with create_project(tmp_path / "p.wbproj") as project:
        result = import_file(project, path, ImportOptions(isolate=False))
        source = result.source
        assert (source.meta.title, source.meta.author, source.meta.published) == (
            "Chip export rules tighten again for data-centre GPUs", "Priya Raman", "2025-11-20")
        text = project.sources.text(source.id)
        assert text.startswith("Chip export rules tighten again") and "Edited By" not in text
        assert "Senior Technology Editor" not in text and "Last updated" not in text
        blocks = removed_blocks(project, source)
        assert {"byline", "date line"} <= {b.reason for b in blocks}
        for block in reversed(blocks):
            source = restore_removed(project, source, block.seq)
        assert project.sources.text(source.id) == path.read_text(encoding="utf-8").strip("\n")


def test_html_page_title_and_russian_byline(tmp_path):
    body = "".join(f"<p>{line}</p>" for line in _body("07-ru-byline.txt").split("\n")[3:])
    page = Path(tmp_path / "page.html")
    page.write_text(f"<html lang=ru><head><meta charset=utf-8><title>Россия и Китай обсуждают ЦОД | Техновести"
                    f"</title><meta property='og:site_name' content='Техновести'></head><body><article>"
                    f"<h1>Россия и Китай обсуждают ЦОД</h1>{body}</article></body></html>", encoding="utf-8")
    with create_project(tmp_path / "p.wbproj") as project:
        source = import_file(project, page, ImportOptions(isolate=False)).source
        assert source.meta.title == "Россия и Китай обсуждают ЦОД"
        assert source.meta.author == "Иван Петров" and source.meta.published == "2025-11-12"
        assert "Иван Петров" not in project.sources.text(source.id)


def test_sentences_and_emoji_lists_that_resemble_teasers_stay():
    article = ["Who has the GPUs",
               "The estimates below come from customs records and company filings for 2024 and 2025.",
               "🇧🇷 Brazil: about 2,000 accelerators", "🇮🇳 India: about 18,000 accelerators",
               "🇿🇦 South Africa: a few hundred",
               "Watch: the ministry will decide in May whether to extend the programme for another three years.",
               "Related: the ministry said the two programmes share a budget line, which auditors questioned in 2023.",
               "🔋 Power is cheap near nuclear plants.",
               "The numbers will change quickly as new orders arrive."]
    teaser = "📖 Related: The long road of the Elbrus processor"
    cleaned = remove_boilerplate("\n".join(article[:7] + [teaser] + article[7:]))
    assert cleaned.text == "\n".join(article)
    assert [b.reason for b in cleaned.removed] == ["teaser"]


def test_a_file_name_or_word_export_title_gives_way_to_the_headline():
    from workbench.core.model import SourceMeta
    from workbench.services.ingest.article_meta import HeaderMeta
    from workbench.services.ingest.base import with_header_meta

    headline = HeaderMeta(title="Compute sovereignty in BRICS")
    for poor in ("Microsoft Word - draft.docx", "paper_v3.pdf", "Authors", "top of page", "report.pdf"):
        assert with_header_meta(SourceMeta(poor), headline, "report.pdf").title == "Compute sovereignty in BRICS"
    assert with_header_meta(SourceMeta("A real title"), headline, "report.pdf").title == "A real title"
    assert with_header_meta(SourceMeta(""), HeaderMeta(), "report.pdf").title == "report.pdf"  # nothing better


def test_a_short_sentence_after_the_first_paragraph_is_not_taken_for_the_title(tmp_path):
    """Text that starts with its body: the short second paragraph is the article going on, not a headline."""
    path = tmp_path / "BRICS compute pool.txt"
    path.write_text("BRICS partners agreed to pool compute under a new network and the members pledged capacity "
                    "by 2030 in Kazan.\n\nSberbank said it would host the first cluster.\n\nIt gave no date.\n",
                    encoding="utf-8")
    with create_project(tmp_path / "p.wbproj") as project:
        source = import_file(project, path).source
    assert source.meta.title != "Sberbank said it would host the first cluster."
    assert "BRICS compute pool" in source.meta.title


def test_chinese_sentences_count_as_sentences():
    filler = "报告指出，数据中心的电力供应仍是最大的瓶颈，各国都在寻找新的解决办法。"
    shared = "金砖国家在二零二四年扩员后共有十个成员国，技术合作出现在每一份峰会宣言之中。"
    lines = ["金砖国家人工智能合作观察", shared] + [f"第{n}部分。{filler}" for n in range(1, 45)] + [
        "相关阅读：华为昇腾芯片的出口之路", shared, "结论：合作仍停留在纸面上，缺少共同的预算安排。"]
    cleaned = remove_boilerplate("\n".join(lines))
    assert cleaned.text.count(shared) == 2  # a sentence repeated far apart (not a pull quote) stays
    near = remove_boilerplate("\n".join(lines[:4] + [shared] + lines[4:-2] + lines[-1:]))  # a pull quote
    assert near.text.count(shared) == 1 and [b.reason for b in near.removed] == ["repeated block", "teaser"]
    assert "相关阅读" not in cleaned.text and cleaned.header.title == "金砖国家人工智能合作观察"


def test_a_removed_block_over_300_characters_is_kept_with_a_warning():
    body = ["India and Brazil sign memorandum on open AI models",
            "The two governments agreed to share training data for Portuguese and Hindi language models."]
    listed = [f"Headline number {n} about chips, clouds and the long road to compute" for n in range(1, 9)]
    text = "\n".join(body + ["More Stories"] + listed)
    cleaned = remove_boilerplate(text)
    assert cleaned.text == text and cleaned.removed == ()
    assert cleaned.warnings and "characters that looked like list of other stories was kept" in cleaned.warnings[0]
    forced = remove_boilerplate(text, force=True)
    assert forced.text == "\n".join(body) and forced.warnings == ()


@pytest.mark.parametrize("line, kept", [
    ("Published 2024-12-16. The national AI strategy sets a target of 11.2 trillion rubles of cumulative GDP "
     "growth from AI by 2030, officials said.", True),
    ("Published 5 January 2025. The ministry expects AI to add 9.5 trillion rubles by 2030.", True),
    ("Published 12 November 2025 by Jane Doe", False),
])
def test_a_sentence_that_starts_with_its_date_is_body_text_not_a_byline(tmp_path, line, kept):
    path = tmp_path / "dated.txt"
    path.write_text(f"Russia sets an AI target\n\n{line}\n\nA second paragraph of the article follows here.\n",
                    encoding="utf-8")
    with create_project(tmp_path / "p.wbproj") as project:
        source = import_file(project, path, ImportOptions(isolate=False)).source
        assert (line in project.sources.text(source.id)) is kept
        if not kept:
            assert (source.meta.author, source.meta.published) == ("Jane Doe", "2025-11-12")
