"""The policy-text corpus (../shared/corpus, read at run time; skipped when it
is absent): the recorded split, the gold lists that go with it, and drafts
whose quotes are verbatim substrings of each text. Precision and recall are
reported by benchmarks/extract_quality.py, not asserted here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "policy-texts"
GOLD = REPO / "tests" / "gold" / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus (../shared) is not here")


def _split():
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import corpus_split
    finally:
        sys.path.pop(0)
    return corpus_split


def test_the_recorded_split_is_the_one_the_script_makes():
    cs = _split()
    assert cs.main(["--check"]) == 0
    rec = cs.recorded()
    assert not set(rec["dev"]) & set(rec["test"])
    assert sorted(rec["dev"] + rec["test"]) == sorted(p.name for p in CORPUS.glob("[0-9][0-9]_*.txt"))


def test_every_text_has_a_gold_list_of_its_half_without_corpus_text():
    rec = _split().recorded()
    half_of = {n: h for h, names in rec.items() for n in names}
    for path in sorted(GOLD.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert half_of[gold["document"]] == gold["half"], path.name
        text = (CORPUS / gold["document"]).read_text(encoding="utf-8")
        for t in gold["targets"]:
            assert "quote" not in t
            assert t["label"].isascii() and t["label"] not in text  # labels in our own words
    assert len(list(GOLD.glob("*.yaml"))) == len(half_of)


def test_drafts_of_every_text_quote_it_verbatim():
    from policygap.extract import Registry, extract_text

    for path in sorted(CORPUS.glob("[0-9][0-9]_*.txt")):
        text = path.read_text(encoding="utf-8")
        draft = extract_text(text, Registry(), source_name=path.name)
        for t in list(draft.targets) + list(draft.unresolved):
            assert t.quote and t.quote in text, (path.name, t.quote)
