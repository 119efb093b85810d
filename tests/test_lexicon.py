"""The lexicon: every word list lives once, as data in newsgraph/lexicon/, and every entry is used.

Rule code may hold a few grammatical words inline (a pronoun pair, 'the'/'a'); anything longer is
vocabulary and belongs in a lexicon file. Checked over the source with Python's ``ast``.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from newsgraph import errors, lexicon

PACKAGE = Path(lexicon.__file__).resolve().parents[1]
RULE_FOLDERS = ("nlp", "clean", "stories", "reconcile")
MAX_INLINE_WORDS = 4  # more words than this in one literal is a word list
WORD = re.compile(r"^[A-Za-z][A-Za-z'.\- ]*$")
ALTERNATION_WORD = re.compile(r"[A-Za-z]{3,}")


def rule_modules() -> list[Path]:
    return sorted(p for folder in RULE_FOLDERS for p in (PACKAGE / folder).rglob("*.py"))


def word_literals(tree: ast.AST) -> list[tuple[int, int]]:
    """(line, size) of each set, list, tuple or dict literal holding more than MAX_INLINE_WORDS words."""
    found = []
    for node in ast.walk(tree):
        elements = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
        if not isinstance(node, (ast.Set, ast.List, ast.Tuple, ast.Dict)) or elements is None:
            continue
        words = [e for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str) and WORD.match(e.value)]
        if len(words) > MAX_INLINE_WORDS:
            found.append((node.lineno, len(words)))
    return found


def word_alternations(tree: ast.AST) -> list[tuple[int, int]]:
    """(line, size) of each string constant that is a regular expression alternating many words."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
            parts = re.split(r"[|()]", node.value)
            words = [p for p in parts if ALTERNATION_WORD.fullmatch(p.strip("?:\\b "))]
            if len(words) > MAX_INLINE_WORDS:
                found.append((node.lineno, len(words)))
    return found


@pytest.mark.parametrize("path", rule_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_word_lists_in_rule_code(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = word_literals(tree) + word_alternations(tree)
    assert not problems, (f"{path.relative_to(PACKAGE)} holds word lists at lines "
                          f"{[line for line, _ in problems]}: move them to newsgraph/lexicon/*.toml")


def lexicon_entries() -> list[str]:
    names = []
    for file in sorted((PACKAGE / "lexicon").glob("*.toml")):
        def walk(prefix: str, value: object) -> None:
            names.append(prefix)
            if isinstance(value, dict) and not prefix.count(".") >= 2:
                for key, inner in value.items():
                    walk(f"{prefix}.{key}", inner)
        for key, value in lexicon.domain(file.stem).items():
            walk(f"{file.stem}.{key}", value)
    return [n for n in names if n.count(".") == 1]


def test_every_lexicon_entry_is_used() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    unused = [name for name in lexicon_entries() if f'"{name}' not in code]
    assert not unused, f"lexicon entries that no code names: {unused}"


def test_entries_read_as_their_shape() -> None:
    for name in lexicon_entries():
        value = lexicon.entry(name)
        assert isinstance(value, (list, dict, str)), name
        if isinstance(value, list):
            assert lexicon.words(name) and len(lexicon.phrases(name)) == len(value), name


def test_unknown_entry_says_where_to_look() -> None:
    with pytest.raises(errors.LexiconError, match="newsgraph/lexicon/time.toml"):
        lexicon.entry("time.no_such_entry")
    with pytest.raises(errors.LexiconError, match="no lexicon file"):
        lexicon.domain("no_such_domain")
