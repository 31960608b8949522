"""Reading seeds: the sample's parts, Markdown seeds, sidecars and their validation."""
from __future__ import annotations

import datetime as dt

from conftest import SAMPLE

from digest.inputs.seeds import read_seed, read_seeds


def test_sample_parts():
    seed, problems = read_seed(SAMPLE)
    assert problems == []
    assert seed.title == "Ahead of China visit, Putin says he is ready to negotiate on Ukraine war"
    assert seed.caption.startswith("Russian President Vladimir Putin attends a meeting")
    assert seed.caption.endswith("at the Kremlin, in Moscow.")
    assert seed.credit == "AFP"
    assert seed.paragraphs[0].startswith("Russian President Vladimir Putin said in an interview")
    assert seed.paragraphs[-1].startswith("He traveled to Beijing in October")
    assert not any("[AFP]" in p for p in seed.paragraphs)
    # Curly and straight quotes kept exactly as written, mixed in one paragraph.
    assert 'Russia has "never refused to negotiate," China’s state-run' in seed.paragraphs[1]
    assert "cooperation between Russia and China,” the Kremlin said" in seed.text
    assert seed.meta == {"date": dt.date(2024, 5, 16), "source": "VOA"}


def test_markdown_seed_with_front_matter(tmp_path):
    path = tmp_path / "2024-06-01-note.md"
    path.write_text("---\ntitle: A curator's note\nsource: Desk\npeople: [Ann Lee]\n---\n\n"
                    "Some *emphasis* here.\n\nSecond paragraph.\n", encoding="utf-8")
    seed, problems = read_seed(path)
    assert problems == []
    assert seed.markdown and seed.title == "A curator's note"
    assert seed.paragraphs == ["Some emphasis here.", "Second paragraph."]  # rendered text
    assert seed.body == "Some *emphasis* here.\n\nSecond paragraph."  # the page's Markdown
    assert seed.meta["people"] == ["Ann Lee"]


def test_sidecar_validation_names_file_and_problem(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nBody text.\n", encoding="utf-8")
    (tmp_path / "a.yml").write_text("date: yesterday\npeople: just a string\nmood: happy\n"
                                    "source: Wire\n", encoding="utf-8")
    seed, problems = read_seed(tmp_path / "a.txt")
    messages = "\n".join(str(p) for p in problems)
    assert "a.yml" in messages
    assert "a.yml:3:1: `mood:` is not a key" in messages
    assert "a.yml:1:7: `date`: 'yesterday' is not a date; expected a date YYYY-MM-DD" in messages
    assert "a.yml:2:9: `people`: got 'just a string'; expected a list of names" in messages
    assert seed.meta == {"source": "Wire"}


def test_caption_only_when_first_paragraph_ends_in_credit(tmp_path):
    (tmp_path / "b.txt").write_text("Title\n\nA photo of a thing. [Reuters]\n\nBody [1] text.\n\n"
                                    "Closing [AFP]\n", encoding="utf-8")
    seed, _ = read_seed(tmp_path / "b.txt")
    assert (seed.caption, seed.credit) == ("A photo of a thing.", "Reuters")
    assert seed.paragraphs == ["Body [1] text.", "Closing [AFP]"]
    (tmp_path / "c.txt").write_text("Title\n\nNo credit here.\n", encoding="utf-8")
    seed, _ = read_seed(tmp_path / "c.txt")
    assert seed.caption is None and seed.paragraphs == ["No credit here."]


def test_folder_reading_skips_non_seeds_and_reports_orphan_sidecars(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text("X title\n\nBody.\n", encoding="utf-8")
    (tmp_path / "labels.json").write_text("{}", encoding="utf-8")
    (tmp_path / "orphan.yml").write_text("source: Nobody\n", encoding="utf-8")
    result = read_seeds([tmp_path])
    assert [s.title for s in result.seeds] == ["X title"]
    assert any("orphan.yml" in str(p) and "without a seed" in p.message for p in result.problems)
