"""A project with planted agreements, disagreements and a copied article, for the claim-intelligence tests.

Planted (by claim label):
- agreements: ``budget_en`` (10.8 trillion rubles, 2024) = ``budget_ru`` (10,8 трлн рублей) across languages,
  and ``budget_copy`` repeats ``budget_en`` in a reprint of the same article (one origin, not two);
  ``package_en`` and ``package_wire`` word the 14th EU package alike;
- disagreements: ``budget_high`` says 11.2 trillion for the same budget (value);
  ``joined_jan`` and ``joined_dec`` put Indonesia's accession at different dates (date);
  ``expanded`` (published February 2025) against ``non_member`` (October 2024): each right at its date,
  and against ``not_member_2025`` (March 2025): the reference data backs ``expanded`` (membership);
- decoys that must stay apart: ``profit_sber`` and ``profit_gazprom`` share a figure but not an entity;
  ``chips`` stands alone.
"""

from __future__ import annotations

from pathlib import Path

from workbench.core.model import ClaimDraft, ClaimKind, Grading, Quantity, SourceMeta
from workbench.services.annotate import add_claim_by_quote
from workbench.services.project import Project, create_project

INTERFAX = (
    "Russia approves record defence spending\n\n"
    "MOSCOW, 5 October 2024. Russia's defence budget for 2024 is 10.8 trillion rubles, the finance ministry said "
    "on Thursday, the largest share of federal spending since the Soviet era. Officials told lawmakers that the "
    "allocation covers procurement, salaries and the reconstruction of damaged plants in several regions. "
    "The European Union adopted its 14th sanctions package against Russia in June, targeting liquefied natural "
    "gas transhipment and a list of companies accused of supplying dual-use goods. Analysts in Moscow expect "
    "the share of military outlays to stay high through the next three-year budget cycle. "
    "Sberbank reported a net profit of 1.5 trillion rubles for 2024, according to the bank's own statement.\n"
)
REPRINT = (
    "Kremlin lifts military budget to new high (reprinted)\n\n"
    + INTERFAX.split("\n\n", 1)[1].replace("MOSCOW, 5 October 2024. ", "MOSCOW, 5 October 2024 (Interfax). ")
    + "\nThis article first appeared on the Interfax wire and is republished with permission.\n"
)
RBC = (
    "Бюджет на оборону\n\n"
    "Расходы на оборону России в 2024 году составят 10,8 трлн рублей, сообщил Минфин. "
    "Это рекордная доля федерального бюджета за всю постсоветскую историю. "
    "Газпром получил 1,5 трлн рублей выручки от экспорта в 2024 году, подсчитали аналитики.\n"
)
WIRE = (
    "Budget figures disputed\n\n"
    "A leaked draft shows Russia's defence budget for 2024 is 11.2 trillion rubles, well above the official "
    "figure. The European Union adopted a 14th package of sanctions against Russia, officials in Brussels confirmed. "
    "Indonesia joined BRICS in December 2024, a diplomat said.\n"
)
SUMMIT = (
    "Kazan summit opens\n\n"
    "Leaders gathered in Kazan for the BRICS summit, with non-members like Indonesia invited as observers. "
    "Chinese chip imports rose 40% in the first half of the year, customs data showed.\n"
)
EXPANSION = (
    "BRICS enlarges again\n\n"
    "BRICS has expanded to include Egypt, Ethiopia, Iran, the UAE and Indonesia. "
    "Indonesia joined BRICS on 6 January 2025, Brazil's government announced.\n"
)
OPINION = (
    "Jakarta keeps its distance\n\n"
    "Indonesia is not a member of BRICS, a commentator wrote, arguing the country prefers non-alignment.\n"
)

# label: (source key, quote, kind, quantities, entities)
CLAIMS: dict[str, tuple[str, str, ClaimKind, tuple[Quantity, ...], tuple[str, ...]]] = {
    "budget_en": ("interfax", "Russia's defence budget for 2024 is 10.8 trillion rubles", ClaimKind.STATISTIC,
                  (Quantity(10.8, "trillion rubles", 2024),), ("Russia",)),
    "budget_copy": ("reprint", "Russia's defence budget for 2024 is 10.8 trillion rubles", ClaimKind.STATISTIC,
                    (Quantity(10.8, "trillion rubles", 2024),), ("Russia",)),
    "budget_ru": ("rbc", "Расходы на оборону России в 2024 году составят 10,8 трлн рублей", ClaimKind.STATISTIC,
                  (Quantity(10.8, "трлн рублей", 2024),), ("Russia",)),
    "budget_high": ("wire", "Russia's defence budget for 2024 is 11.2 trillion rubles", ClaimKind.STATISTIC,
                    (Quantity(11.2, "trillion RUB", 2024),), ("Russia",)),
    "package_en": ("interfax", "The European Union adopted its 14th sanctions package against Russia in June",
                   ClaimKind.EVENT, (), ("European Union", "Russia")),
    "package_wire": ("wire", "The European Union adopted a 14th package of sanctions against Russia",
                     ClaimKind.EVENT, (), ("European Union", "Russia")),
    "profit_sber": ("interfax", "Sberbank reported a net profit of 1.5 trillion rubles for 2024", ClaimKind.STATISTIC,
                    (Quantity(1.5, "trillion rubles", 2024),), ("Sberbank",)),
    "profit_gazprom": ("rbc", "Газпром получил 1,5 трлн рублей выручки от экспорта в 2024 году", ClaimKind.STATISTIC,
                       (Quantity(1.5, "трлн рублей", 2024),), ("Gazprom",)),
    "joined_dec": ("wire", "Indonesia joined BRICS in December 2024", ClaimKind.EVENT, (), ("Indonesia", "BRICS")),
    "joined_jan": ("expansion", "Indonesia joined BRICS on 6 January 2025", ClaimKind.EVENT, (),
                   ("Indonesia", "BRICS")),
    "expanded": ("expansion", "BRICS has expanded to include Egypt, Ethiopia, Iran, the UAE and Indonesia",
                 ClaimKind.FACT, (), ("BRICS",)),
    "non_member": ("summit", "Leaders gathered in Kazan for the BRICS summit, with non-members like Indonesia invited "
                   "as observers", ClaimKind.EVENT, (), ("BRICS",)),
    "not_member_2025": ("opinion", "Indonesia is not a member of BRICS", ClaimKind.OPINION, (), ("Indonesia", "BRICS")),
    "chips": ("summit", "Chinese chip imports rose 40% in the first half of the year", ClaimKind.STATISTIC,
              (Quantity(40, "%", None),), ("China",)),
}
SOURCES = {  # key: (title, text, published, language, reliability)
    "interfax": ("Russia approves record defence spending", INTERFAX, "2024-10-05", "en", "B"),
    "reprint": ("Kremlin lifts military budget to new high", REPRINT, "2024-10-06", "en", "C"),
    "rbc": ("Бюджет на оборону", RBC, "2024-10-04", "ru", "B"),
    "wire": ("Budget figures disputed", WIRE, "2025-01-20", "en", "C"),
    "summit": ("Kazan summit opens", SUMMIT, "2024-10-22", "en", "B"),
    "expansion": ("BRICS enlarges again", EXPANSION, "2025-02-10", "en", "A"),
    "opinion": ("Jakarta keeps its distance", OPINION, "2025-03-01", "en", "D"),
}


def build_intel_project(path: Path) -> tuple[Project, dict[str, int], dict[str, int]]:
    """The project (open), claim ids by label and source ids by key."""
    project = create_project(path, "Planted agreements and disagreements")
    source_ids, claim_ids = {}, {}
    for key, (title, text, published, language, reliability) in SOURCES.items():
        source = project.sources.add(SourceMeta(title, publisher=key, published=published, language=language),
                                     text, text.encode(), "text/plain", reliability=reliability)
        source_ids[key] = source.id
    for label, (key, quote, kind, quantities, entities) in CLAIMS.items():
        grading = Grading(None, 2 if key in ("interfax", "rbc", "expansion") else 3)
        draft = ClaimDraft(statement="", kind=kind, quantities=quantities, grading=grading, entities=entities)
        claim = add_claim_by_quote(project, project.sources.get(source_ids[key]).uuid, quote, draft)
        claim_ids[label] = claim.id
    return project, claim_ids, source_ids
