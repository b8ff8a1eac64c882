"""Country and territory names beyond the bundled reference data, in English and Russian.

The reference data lists the countries the project's questions turn on (BRICS members and
partners, the chip makers' homes); sources also name the transit routes and the allies
(Turkey, Hong Kong, France, Ukraine...). These are matched like every other actor and
offered under their English name. Names that are also common words or people's names
(Chad, Niger, Jordan, Georgia) are left out: a capital letter alone cannot tell them apart.
"""

from __future__ import annotations

import re

# ISO 3166-1 alpha-2: English name first (what the claim records), then other names.
COUNTRIES: dict[str, tuple[str, ...]] = {
    "AF": ("Afghanistan", "Афганистан"), "AL": ("Albania", "Албания"), "DZ": ("Algeria", "Алжир"),
    "AO": ("Angola", "Ангола"), "AR": ("Argentina", "Аргентина"), "AM": ("Armenia", "Армения"),
    "AU": ("Australia", "Австралия"), "AT": ("Austria", "Австрия"), "AZ": ("Azerbaijan", "Азербайджан"),
    "BH": ("Bahrain", "Бахрейн"), "BD": ("Bangladesh", "Бангладеш"), "BE": ("Belgium", "Бельгия"),
    "BG": ("Bulgaria", "Болгария"), "KH": ("Cambodia", "Камбоджа"), "CM": ("Cameroon", "Камерун"),
    "CA": ("Canada", "Канада"), "CL": ("Chile", "Чили"), "CO": ("Colombia", "Колумбия"),
    "HR": ("Croatia", "Хорватия"), "CY": ("Cyprus", "Кипр"), "CZ": ("Czechia", "Czech Republic", "Чехия"),
    "DK": ("Denmark", "Дания"), "EE": ("Estonia", "Эстония"), "FI": ("Finland", "Финляндия"),
    "FR": ("France", "Франция"), "DE": ("Germany", "Германия", "ФРГ"), "GH": ("Ghana", "Гана"),
    "GR": ("Greece", "Греция"), "HK": ("Hong Kong", "Гонконг", "Сянган"), "HU": ("Hungary", "Венгрия"),
    "IS": ("Iceland", "Исландия"), "IQ": ("Iraq", "Ирак"), "IE": ("Ireland", "Ирландия"),
    "IL": ("Israel", "Израиль"), "IT": ("Italy", "Италия"), "KE": ("Kenya", "Кения"), "KW": ("Kuwait", "Кувейт"),
    "KG": ("Kyrgyzstan", "Киргизия", "Кыргызстан"), "LA": ("Laos", "Лаос"), "LV": ("Latvia", "Латвия"),
    "LB": ("Lebanon", "Ливан"), "LY": ("Libya", "Ливия"), "LT": ("Lithuania", "Литва"),
    "MO": ("Macau", "Macao", "Аомынь", "Макао"), "MX": ("Mexico", "Мексика"),
    "MD": ("Moldova", "Молдавия", "Молдова"), "MN": ("Mongolia", "Монголия"), "MA": ("Morocco", "Марокко"),
    "MM": ("Myanmar", "Мьянма"), "NP": ("Nepal", "Непал"), "NZ": ("New Zealand", "Новая Зеландия"),
    "NI": ("Nicaragua", "Никарагуа"), "KP": ("North Korea", "КНДР", "Северная Корея"),
    "NO": ("Norway", "Норвегия"), "OM": ("Oman", "Оман"), "PK": ("Pakistan", "Пакистан"),
    "PE": ("Peru", "Перу"), "PH": ("Philippines", "Филиппины"), "PL": ("Poland", "Польша"),
    "PT": ("Portugal", "Португалия"), "QA": ("Qatar", "Катар"), "RO": ("Romania", "Румыния"),
    "RS": ("Serbia", "Сербия"), "SG": ("Singapore", "Сингапур"), "SK": ("Slovakia", "Словакия"),
    "SI": ("Slovenia", "Словения"), "ES": ("Spain", "Испания"), "LK": ("Sri Lanka", "Шри-Ланка"),
    "SD": ("Sudan", "Судан"), "SE": ("Sweden", "Швеция"), "CH": ("Switzerland", "Швейцария"),
    "SY": ("Syria", "Сирия"), "TJ": ("Tajikistan", "Таджикистан"), "TZ": ("Tanzania", "Танзания"),
    "TN": ("Tunisia", "Тунис"), "TR": ("Turkey", "Türkiye", "Турция"), "TM": ("Turkmenistan", "Туркмения",
                                                                            "Туркменистан"),
    "UA": ("Ukraine", "Украина"), "UY": ("Uruguay", "Уругвай"), "VE": ("Venezuela", "Венесуэла"),
    "VN": ("Vietnam", "Viet Nam", "Вьетнам"), "YE": ("Yemen", "Йемен"), "ZM": ("Zambia", "Замбия"),
    "ZW": ("Zimbabwe", "Зимбабве"), "SN": ("Senegal", "Сенегал"), "ML": ("Mali", "Мали"),
    "JO": ("Иордания",), "GE": ("Грузия",),
}
# Names in the Russian list with no English form above: the English one they are recorded under.
ENGLISH_FOR = {"JO": "Jordan", "GE": "Georgia"}


# Russian (and common English short) names of the reference data's countries and alliances, by reference id
# (its aliases hold few): suggested claims find actors by them, membership statements by the Russian ones.
REFERENCE_NAMES: dict[str, tuple[str, ...]] = {
    "alliance:brics": ("БРИКС+", "BRICS+"),
    "country:BR": ("Бразилия",), "country:RU": ("Российская Федерация", "РФ"), "country:IN": ("Индия",),
    "country:CN": ("Китай", "КНР"), "country:ZA": ("ЮАР", "Южно-Африканская Республика", "Южная Африка"),
    "country:EG": ("Египет",), "country:ET": ("Эфиопия",), "country:IR": ("Иран",),
    "country:AE": ("ОАЭ", "Объединённые Арабские Эмираты", "Объединенные Арабские Эмираты", "Emirates"),
    "country:SA": ("Саудовская Аравия",), "country:ID": ("Индонезия",), "country:BY": ("Белоруссия", "Беларусь"),
    "country:BO": ("Боливия",), "country:KZ": ("Казахстан",), "country:CU": ("Куба",), "country:MY": ("Малайзия",),
    "country:TH": ("Таиланд",), "country:UG": ("Уганда",), "country:UZ": ("Узбекистан",), "country:NG": ("Нигерия",),
    "country:US": ("США", "Соединённые Штаты", "Соединенные Штаты", "U.S.", "US", "America"),
    "country:GB": ("Великобритания", "Britain", "U.K."), "country:NL": ("Нидерланды",), "country:JP": ("Япония",),
    "country:KR": ("Южная Корея", "Республика Корея"), "country:TW": ("Тайвань",),
}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def russian_names(ref: str) -> tuple[str, ...]:
    """The Russian names among a reference country's or alliance's REFERENCE_NAMES."""
    return tuple(name for name in REFERENCE_NAMES.get(ref, ()) if _CYRILLIC.search(name))
