import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.anchoring import CONTEXT_CHARS, anchor_at, anchor_quote
from workbench.core.errors import AmbiguousError, InvalidInputError, NotFoundError
from workbench.core.text import contains_cjk, fold_for_search, normalise_text


def test_normalise_line_ends_bom_and_nfc():
    raw = "\ufeffline one\r\nline two\rline three Cafe\u0301"
    assert normalise_text(raw) == "line one\nline two\nline three Caf\u00e9"


def test_fold_keeps_length_and_folds_case_and_diacritics():
    assert fold_for_search("ЕЩЁ Ещё") == "еще еще"
    assert fold_for_search("Élysée ÇA") == "elysee ca"
    assert fold_for_search("Йошкар-Ола мой") == "йошкар-ола мой"  # й is a letter, not и with a mark
    assert fold_for_search("华为 🚀") == "华为 🚀"


@given(st.text())
def test_fold_is_length_preserving(text):
    assert len(fold_for_search(text)) == len(text)


def test_cjk_detection():
    assert contains_cjk("华为") and contains_cjk("𠀀") and not contains_cjk("Сбер 🚀")


TEXT = "📌 Pinned: 🇷🇺 buy GPUs. Cafe\u0301 life. 华为昇腾 chips. שלום עולם. buy GPUs."


@pytest.mark.parametrize("quote", ["Pinned", "buy GPUs.", "Café life", "华为昇腾", "שלום עולם", "🇷🇺"])
def test_anchor_offsets_are_code_points(quote):
    text = normalise_text(TEXT)
    occurrence = 1 if text.count(normalise_text(quote)) > 1 else None
    anchor = anchor_quote(text, quote, occurrence)
    assert text[anchor.start:anchor.end] == anchor.quote == normalise_text(quote)
    assert anchor.prefix == text[max(0, anchor.start - CONTEXT_CHARS):anchor.start]
    assert anchor.suffix == text[anchor.end:anchor.end + CONTEXT_CHARS]


def test_anchor_after_emoji_counts_one_per_emoji():
    anchor = anchor_quote("🚀🚀 rocket", "rocket")
    assert (anchor.start, anchor.end) == (3, 9)


def test_anchor_second_occurrence_and_errors():
    text = normalise_text(TEXT)
    second = anchor_quote(text, "buy GPUs.", 2)
    assert second.start == text.rindex("buy GPUs.")
    with pytest.raises(AmbiguousError, match="2 times"):
        anchor_quote(text, "buy GPUs.")
    with pytest.raises(NotFoundError):
        anchor_quote(text, "sell GPUs")
    with pytest.raises(NotFoundError):
        anchor_quote(text, "buy GPUs.", 3)
    with pytest.raises(InvalidInputError):
        anchor_quote(text, "   ")


def test_decomposed_quote_matches_composed_text():
    text = normalise_text("the re\u0301sume\u0301")
    anchor = anchor_quote(text, "résumé")
    assert text[anchor.start:anchor.end] == "r\u00e9sum\u00e9"


@given(st.text(min_size=1), st.data())
def test_anchor_at_round_trips(text, data):
    text = normalise_text(text)
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    anchor = anchor_at(text, start, end)
    assert anchor.matches(text)
    assert unicodedata.is_normalized("NFC", text)
