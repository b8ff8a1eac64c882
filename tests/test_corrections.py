"""The correction services on their own: removal, restoration in any order, edits that move claims."""

import itertools

import pytest

from workbench.bench.cleaning import DEFAULT_DATA, read_labelled
from workbench.core.errors import InvalidInputError
from workbench.services.ingest.boilerplate import remove_boilerplate, restore_block
from workbench.services.ingest.corrections import edit_of, removal_of, restoration_of
from workbench.storage.source_text import ClaimAnchor, TextState


def _state(name: str, quotes: tuple[str, ...] = ()) -> TextState:
    cleaned = remove_boilerplate(read_labelled(DEFAULT_DATA / name).text)
    text = cleaned.text
    anchors = tuple(ClaimAnchor(n, text.index(q), text.index(q) + len(q), q, "", "", "exact")
                    for n, q in enumerate(quotes, 1))
    return TextState(text, (), cleaned.removed, anchors)


def test_analyst_removal_then_restoring_every_block_in_any_order_gives_the_original():
    original = read_labelled(DEFAULT_DATA / "04-edited-by.txt").text
    state = _state("04-edited-by.txt")
    start, end = state.text.index("Indian cloud"), state.text.index("A trade lawyer")
    removed = removal_of(state, start, end)
    assert removed.text == state.text[:start] + state.text[end:]
    assert [b.reason for b in removed.removed] == ["byline", "date line", "removed by the analyst", "teaser"]
    for order in itertools.permutations(b.seq for b in removed.removed):
        text, blocks, pages = removed.text, list(removed.removed), []
        for seq in order:
            text, blocks, pages = restore_block(text, blocks, pages, seq)
        assert text == original


def test_claims_move_with_removal_and_restoration_and_are_never_cut():
    state = _state("04-edited-by.txt", ("ninety days", "Washington has widened"))
    start, end = state.text.index("Indian cloud"), state.text.index("A trade lawyer")
    removed = removal_of(state, start, end)
    for anchor in removed.anchors:
        assert removed.text[anchor.start:anchor.end] == anchor.quote
        assert removed.text[anchor.end:].startswith(anchor.suffix) and removed.text[:anchor.start].endswith(anchor.prefix)
    with pytest.raises(InvalidInputError, match="overlaps 1 claim"):
        removal_of(state, state.text.index("ninety") - 3, state.text.index("ninety") + 3)
    analyst = next(b.seq for b in removed.removed if b.reason == "removed by the analyst")
    back = restoration_of(removed, analyst)
    assert back.text == state.text
    assert [(a.start, a.end) for a in back.anchors] == [(a.start, a.end) for a in state.anchors]


def test_an_edit_keeps_untouched_claims_reanchors_moved_ones_and_flags_lost_ones():
    state = _state("24-no-clutter.txt", ("several hundred accelerators", "one flagship machine",
                                         "thousands of researchers"))
    new = ("Added first.\n\n" + state.text).replace("from one flagship", "from just one flagship")
    new = new.replace("thousands of researchers", "many researchers")
    after, kept, reanchored, orphaned = edit_of(state, new)
    assert (kept, reanchored, orphaned) == (1, 1, 1)
    by_quote = {a.quote: a for a in after.anchors}
    for quote in ("several hundred accelerators", "one flagship machine"):
        assert after.text[by_quote[quote].start:by_quote[quote].end] == quote
    assert by_quote["thousands of researchers"].status == "orphaned"
    assert by_quote["one flagship machine"].status == "reanchored"
    with pytest.raises(InvalidInputError, match="unchanged"):
        edit_of(state, state.text)
    with pytest.raises(InvalidInputError, match="empty"):
        edit_of(state, " \n ")


def test_clean_anyway_in_one_pass_matches_one_block_at_a_time_and_restores_in_any_order(tmp_path):
    from workbench.core.model import SourceMeta
    from workbench.services.ingest.corrections import clean_anyway
    from workbench.services.project import create_project

    shared = ("The BRICS grouping has ten members since its 2024 expansion; technology cooperation appears in "
              "every declaration, although no joint budget for computing has been agreed so far by its members.")
    parts = ["Reading pack", "Stay ahead: get the briefing in your inbox every week."]
    for n in range(3):
        parts += [f"Item {n}. A note", f"Subject {n} was discussed at length by the officials who met in session "
                  f"{n}, and the record is reproduced here for the group.", shared]
    original = "\n".join(parts)
    first = remove_boilerplate(original)
    with create_project(tmp_path / "p.wbproj") as project:
        source = project.sources.add(SourceMeta("pack"), first.text, original.encode(), "text/plain",
                                     removed=first.removed)
        correction = clean_anyway(project, source.id)
        after = correction.after
        assert after.text.count(shared) == 1 and [b.reason for b in after.removed] == [
            "newsletter or subscription pitch", "repeated block", "repeated block"]
        for order in itertools.permutations(b.seq for b in after.removed):
            text, blocks, pages = after.text, list(after.removed), []
            for seq in order:
                text, blocks, pages = restore_block(text, blocks, pages, seq)
            assert text == original
