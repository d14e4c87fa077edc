"""Provenance of the embedded data: every quote is the documents' own text,
byte for byte, and every target points at a defined region, indicator and
document.

The seed documents live beside the repository (``../shared/seeds``). Where
they are absent the quote checks are skipped, unless the environment variable
``CI`` is set: then their absence is a failure.
"""

from __future__ import annotations

import os

import pytest

from conftest import REPO, SEEDS
from policygap import dataset

TARGETS = REPO / "data" / "targets.yaml"
BASELINES = REPO / "data" / "baselines.csv"

# Relative targets whose reference series has no published figure (see
# docs/data.md). Exact: a new gap, or a figure arriving for one of these,
# fails the test until this list is brought up to date.
UNPUBLISHED_REFERENCES = {("wuxiang-hitech-firms-2025", "changzhi_county_avg", "hitech_firms")}


@pytest.fixture(scope="module")
def ds():
    return dataset.load(TARGETS, BASELINES)


def read_seeds(files: dict, seeds, ci: bool) -> dict:
    """Document id -> the text of its seed file. Absent files skip the
    calling test, or fail it when running in CI."""
    missing = sorted(f for f in files.values() if not (seeds / f).is_file())
    if missing:
        message = f"seed documents not found in {seeds}: {', '.join(missing)}"
        if ci:
            pytest.fail(message)
        pytest.skip(message)
    return {doc: (seeds / f).read_text(encoding="utf-8") for doc, f in files.items()}


@pytest.fixture(scope="module")
def seed_texts(ds):
    return read_seeds(ds.defs.documents["file"].to_dict(), SEEDS, bool(os.environ.get("CI")))


def quote_problems(targets, texts: dict) -> list[str]:
    """Targets whose quote is missing or not a verbatim substring of the text
    of their document."""
    out = []
    for t in targets.itertuples():
        if not t.quote:
            out.append(f"{t.target_id}: no quote")
        elif t.quote not in texts.get(t.document, ""):
            out.append(f"{t.target_id}: {t.quote!r} is not in {t.document}")
    return out


def document_citations(observations, documents) -> list[tuple[int, str, str, str]]:
    """Observation rows whose source cites a document, written
    ``DOCUMENT CLAUSE QUOTE``: (line, document, clause, quote)."""
    out = []
    for row in observations.itertuples():
        parts = str(row.source).split(" ", 2)
        if parts[0] in documents.index:
            assert len(parts) == 3, f"line {row.line}: a document citation is 'DOCUMENT CLAUSE QUOTE'"
            out.append((int(row.line), *parts))
    return out


# --------------------------------------------------------------------------
# Quotes


def test_every_target_quote_is_verbatim(ds, seed_texts):
    assert quote_problems(ds.defs.targets, seed_texts) == []


def test_a_changed_quote_is_caught(ds, seed_texts):
    # 001 writes full-width punctuation; the same words with an ASCII comma
    # are not its text.
    t = ds.defs.targets
    changed = t[t["target_id"] == "anshan-tech-contract-value-2025-innovation"].copy()
    assert changed["quote"].iat[0] == "到2025年，技术合同成交额达到20.3亿元"
    assert quote_problems(changed, seed_texts) == []
    changed["quote"] = "到2025年,技术合同成交额达到20.3亿元"
    assert quote_problems(changed, seed_texts) == [
        "anshan-tech-contract-value-2025-innovation: '到2025年,技术合同成交额达到20.3亿元' "
        "is not in anshan-innovation-2023"
    ]
    changed["quote"] = None
    assert quote_problems(changed, seed_texts) == ["anshan-tech-contract-value-2025-innovation: no quote"]


def test_every_baseline_quote_is_verbatim(ds, seed_texts):
    cited = document_citations(ds.observations, ds.defs.documents)
    # 14 figures from 000 一(一) and 2 from 001.
    assert len(cited) == 16
    bad = [(line, doc, quote) for line, doc, _clause, quote in cited if quote not in seed_texts[doc]]
    assert bad == []


def test_every_seed_file_belongs_to_one_document(ds, seed_texts):
    files = ds.defs.documents["file"]
    assert files.is_unique
    assert sorted(files) == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_absent_seeds_skip_locally_and_fail_in_ci(tmp_path):
    files = {"doc-a": "a.txt", "doc-b": "b.txt"}
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    with pytest.raises(pytest.skip.Exception, match="b.txt"):
        read_seeds(files, tmp_path, ci=False)
    with pytest.raises(pytest.fail.Exception, match="b.txt"):
        read_seeds(files, tmp_path, ci=True)
    (tmp_path / "b.txt").write_text("乙", encoding="utf-8")
    assert read_seeds(files, tmp_path, ci=True) == {"doc-a": "甲", "doc-b": "乙"}


# --------------------------------------------------------------------------
# References (no seed files needed)


def test_every_target_has_a_source(ds):
    t = ds.defs.targets
    for col in ("document", "clause", "quote"):
        empty = t.loc[t[col].isna(), "target_id"].tolist()
        assert empty == [], f"targets without source {col}"


def test_every_target_references_defined_things(ds):
    d = ds.defs
    t = d.targets
    assert set(t["region"]) <= set(d.regions.index)
    assert set(t["indicator"]) <= set(d.indicators.index)
    assert set(t["document"]) <= set(d.documents.index)
    # a target is in its own document's region
    assert (t["document"].map(d.documents["region"]) == t["region"]).all()


def test_every_document_region_exists(ds):
    d = ds.defs
    assert set(d.documents["region"]) <= set(d.regions.index)
    assert set(d.documents["region"]) == {"anshan", "linyi", "liaoyang", "wuxiang"}


def test_every_region_parent_exists(ds):
    reg = ds.defs.regions
    parents = set(reg["parent"].dropna())
    assert parents <= set(reg.index)


def test_relative_targets_have_reference_figures(ds):
    t = ds.defs.targets
    obs = ds.observations
    have = set(zip(obs["region"], obs["indicator"]))
    rel = t[t["kind"] == "relative"]
    assert len(rel) == 2
    assert set(rel["reference"]) <= set(ds.defs.regions.index)
    missing = {(r.target_id, r.reference, r.indicator) for r in rel.itertuples()
               if (r.reference, r.indicator) not in have}
    assert missing == UNPUBLISHED_REFERENCES


def test_baseline_citations_name_a_clause(ds):
    cited = document_citations(ds.observations, ds.defs.documents)
    assert {(doc, clause) for _, doc, clause, _ in cited} == {
        ("anshan-talent-2023", "一(一)"), ("anshan-innovation-2023", "二(一)1")}
