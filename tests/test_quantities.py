"""Figures and dates read from English and Russian text with exact spans (core.quantities)."""

from __future__ import annotations

import pytest

from workbench.core.quantities import ParsedDate, parse_dates, parse_quantities
from workbench.services.ingest.footnotes import footnote_refs


def _one(text: str):
    found = parse_quantities(text)
    assert len(found) == 1, found
    quantity = found[0]
    return text[quantity.start:quantity.end], quantity


@pytest.mark.parametrize("text, span, value, unit, currency, scale", [
    ("Output fell to 11.2 trillion rubles.", "11.2 trillion rubles", 11.2e12, "RUB", "RUB", 1e12),
    ("Trade reached $109 billion last year", "$109 billion", 109e9, "USD", "USD", 1e9),
    ("a fund of €2 bn for chips", "€2 bn", 2e9, "EUR", "EUR", 1e9),
    ("объём составил 4,5 трлн руб. за год", "4,5 трлн руб.", 4.5e12, "RUB", "RUB", 1e12),
    ("выделено 60 млрд рублей", "60 млрд рублей", 60e9, "RUB", "RUB", 1e9),
    ("a 40% increase in exports", "40%", 40.0, "%", "", 1.0),
    ("about 35 per cent of the global economy", "35 per cent", 35.0, "%", "", 1.0),
    ("рост на 12,5 процента", "12,5 процента", 12.5, "%", "", 1.0),
    ("300 institutions joined", "300 institutions", 300.0, "institutions", "", 1.0),
    ("шесть стран подписали", "шесть стран", 6.0, "стран", "", 1.0),
    ("in total 1,500 firms", "1,500 firms", 1500.0, "firms", "", 1.0),
    ("около 1 500 компаний", "1 500 компаний", 1500.0, "компаний", "", 1.0),
    ("20 Chinese companies were listed", "20 Chinese companies", 20.0, "companies", "", 1.0),
    ("two hundred engineers left", "two hundred engineers", 200.0, "engineers", "", 1.0),
    ("a loan of USD 3.5bn", "USD 3.5bn", 3.5e9, "USD", "USD", 1e9),
    ("¥50 million", "¥50 million", 50e6, "JPY", "JPY", 1e6),
    ("8,2 млрд юаней", "8,2 млрд юаней", 8.2e9, "CNY", "CNY", 1e9),
    ("a number you need to know: 11.2 trillion. That's it", "11.2 trillion", 11.2e12, "", "", 1e12),
])
def test_each_form_of_figure_is_read_as_a_whole_number(text, span, value, unit, currency, scale):
    read, quantity = _one(text)
    assert read == span
    assert quantity.value == pytest.approx(value)
    assert (quantity.unit, quantity.currency, quantity.scale) == (unit, currency, scale)


def test_counts_with_number_words_in_one_sentence():
    text = "20 companies from six nations signed."
    found = parse_quantities(text)
    assert [(text[q.start:q.end], q.value, q.unit) for q in found] == [
        ("20 companies", 20.0, "companies"), ("six nations", 6.0, "nations")]


@pytest.mark.parametrize("text, values, unit", [
    ("growth of 10-15% a year", [10.0, 15.0], "%"),
    ("between 10 and 15 billion dollars", [10e9, 15e9], "USD"),
    ("$10-15 billion in loans", [10e9, 15e9], "USD"),
    ("от 10 до 15 млрд рублей", [10e9, 15e9], "RUB"),
])
def test_both_ends_of_a_range_share_unit_and_scale(text, values, unit):
    found = parse_quantities(text)
    assert [q.value for q in found] == pytest.approx(values)
    assert {q.unit for q in found} == {unit}


@pytest.mark.parametrize("text", [
    "ECCN 3A090 covers the H100", "after COVID-19 supply chains", "see 87 FR 62186", "Article 5 of the treaty",
    "in 2024 the bloc grew", "On 23 October 2024 the summit", "EO 14024 designations", "G20 leaders",
])
def test_codes_years_and_dates_are_not_figures(text):
    assert parse_quantities(text) == ()


def test_a_figure_takes_the_year_of_its_sentence():
    text = "By 2030 the market will reach $50 billion. In 2024 it was 20% smaller."
    found = parse_quantities(text)
    assert [(q.value, q.year) for q in found] == [(50e9, 2030), (20.0, 2024)]


@pytest.mark.parametrize("text, span, year, month, day, qualifier", [
    ("capacity by 2030 at least", "by 2030", 2030, None, None, "by"),
    ("signed in December 2024", "December 2024", 2024, 12, None, ""),
    ("from mid-2025 onwards", "mid-2025", 2025, None, None, "mid"),
    ("expected late 2024", "late 2024", 2024, None, None, "late"),
    ("at the end of 2024", "the end of 2024", 2024, None, None, "late"),
    ("к 2030 году страна", "к 2030 году", 2030, None, None, "by"),
    ("в середине 2025 года", "в середине 2025 года", 2025, None, None, "mid"),
    ("в декабре 2024 года", "декабре 2024 года", 2024, 12, None, ""),
    ("с 6 января 2025 года", "с 6 января 2025 года", 2025, 1, 6, "since"),
    ("On 1 January 2024 Egypt", "1 January 2024", 2024, 1, 1, ""),
    ("on January 1, 2024, Egypt", "January 1, 2024", 2024, 1, 1, ""),
    ("in the third quarter of 2024", "in the third quarter of 2024", 2024, None, None, "Q3"),
    ("results for H1 2025", "H1 2025", 2025, None, None, "H1"),
    ("published 2024-10-07", "2024-10-07", 2024, 10, 7, ""),
    ("от 07.10.2022 г.", "07.10.2022", 2022, 10, 7, ""),
])
def test_dates_and_periods(text, span, year, month, day, qualifier):
    found = parse_dates(text)
    assert len(found) == 1, found
    date = found[0]
    assert (text[date.start:date.end], date.year, date.month, date.day, date.qualifier) == (
        span, year, month, day, qualifier)


def test_a_year_with_a_note_run_into_it_is_the_year():
    assert parse_dates("capacity by 20303 and more") == (ParsedDate(9, 16, 2030, None, None, "by"),)
    assert parse_quantities("capacity by 20303 and more") == ()


ARTICLE = ("Output reached 11.2 trillion rubles in 2024, the Network.\"1 Members pledged capacity by 20303 and "
           "shared clusters were cheaper2 than national ones.\n\n"
           "Notes\n1. Kazan declaration.\n2. Ministry data.\n3. Strategy for AI to 2030.")


def test_footnote_markers_never_change_a_figure():
    refs = footnote_refs(ARTICLE)
    notes = [(ref.start, ref.end) for ref in refs]
    assert [ref.number for ref in refs] == [1, 3, 2]  # "11.2" is a decimal, not note 2
    figures = parse_quantities(ARTICLE, notes=notes)
    assert [(ARTICLE[q.start:q.end], q.value, q.year) for q in figures] == [
        ("11.2 trillion rubles", 11.2e12, 2024)]
    dates = parse_dates(ARTICLE, notes=notes)
    assert ("by 2030", 2030) in [(ARTICLE[d.start:d.end], d.year) for d in dates]


def test_a_glued_decimal_marker_is_masked_when_the_caller_says_so():
    text = "a figure of 11.22 trillion rubles"
    masked = parse_quantities(text, notes=[(16, 17)])
    assert [q.value for q in masked] == [11.2e12]


def test_offsets_are_code_points_with_emoji_before():
    text = "🚀🚀 Россия выделит 60 млрд рублей к 2030 году"
    (quantity,) = parse_quantities(text)
    assert text[quantity.start:quantity.end] == "60 млрд рублей" and quantity.year == 2030


def test_a_glued_year_after_in_is_the_year_and_a_bare_one_is_not():
    assert [(d.year, d.end) for d in parse_dates("launched in 20244 by the ministry")] == [(2024, 16)]
    assert parse_dates("reference 20244 was") == ()


@pytest.mark.parametrize("text, values", [
    ("В программе участвуют двенадцать предприятий из пяти регионов.", [12.0, 5.0]),
    ("Huawei shipped between 200,000 and 400,000 Ascend 910B units.", [200000.0, 400000.0]),
    ("India plans to deploy 10,000 GPUs by 2025.", [10000.0]),
    ("OFAC designated 250 of the intermediaries in 2024.", [250.0]),
    ("Дефицит зафиксирован в 54 субъектах из 89.", [54.0, 89.0]),
    ("the ratio of net debt to EBITDA reached 2,5.", [2.5]),
    ("the B200 offers about 2.5 times the performance", [2.5]),
    ("Brazil committed 23 billion reais; banks hold Rs 3 trillion.", [23e9, 3e12]),
    ("Shipments fell by two thirds. Growth slowed from the previous two years.", []),
    ("The Ascend 910B and the 5G network", []),
])
def test_counts_ranges_and_traps(text, values):
    assert [q.value for q in parse_quantities(text)] == pytest.approx(values)


def test_currencies_of_brazil_and_india():
    assert [q.currency for q in parse_quantities("R$ 5 bn and Rs 3 trillion and 23 billion reais")] == [
        "BRL", "INR", "BRL"]


def test_a_count_never_takes_its_noun_from_the_next_sentence_or_line():
    text = "Вот цифра: 11,1 трлн. Столько рублей получил бюджет. Число выросло на 4,5 тыс.\n\nЯндекс вложил"
    assert [(text[q.start:q.end], q.unit) for q in parse_quantities(text)] == [("11,1 трлн.", ""), ("4,5 тыс.", "")]


def test_percentage_points_are_not_per_cent_and_a_glued_code_is_a_currency():
    assert [(q.value, q.unit) for q in parse_quantities("up 2.5 percentage points, рост на 0,5 п.п., 40%")] == [
        (2.5, "pp"), (0.5, "pp"), (40.0, "%")]
    assert [(q.value, q.currency) for q in parse_quantities("a USD1.5 billion loan")] == [(1.5e9, "USD")]
