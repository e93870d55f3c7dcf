"""Bylines → author names."""

import pytest
from presswatch.extract.authors import looks_like_byline, normalize_authors


@pytest.mark.parametrize(
    ("bylines", "exclude", "names"),
    [
        (["By Jane Doe and John Roe"], [], ("Jane Doe", "John Roe")),
        (["By Jordan Vale, Harbour Ledger"], ["Harbour Ledger"], ("Jordan Vale",)),
        (["By Noor Haddad and Chris Ebbe"], [], ("Noor Haddad", "Chris Ebbe")),
        (["JANE DOE | Staff Writer"], [], ("Jane Doe",)),
        (["Jane Doe - Technology Reporter", "jane doe"], [], ("Jane Doe",)),
        (
            ["By Jane Doe, John Roe & Ann Lee Updated January 26, 2019 3:11 pm"],
            [],
            ("Jane Doe", "John Roe", "Ann Lee"),
        ),
        (["Posted by Alex Smith on January 3"], [], ("Alex Smith",)),
        (
            ["By Priya Natarajan and Sam Okoro, Bayview Daily Staff Writers"],
            [],
            ("Priya Natarajan", "Sam Okoro"),
        ),
        (["Jane Doe jane@example.com @janedoe"], [], ("Jane Doe",)),
        (["María José García-Núñez"], [], ("María José García-Núñez",)),
        (["https://www.facebook.com/janedoe"], [], ()),
        (["Global News"], ["Global News"], ()),
        (["By Mayra Janssen"], [], ("Mayra Janssen",)),
    ],
)
def test_normalize_authors(bylines: list[str], exclude: list[str], names: tuple[str, ...]) -> None:
    assert normalize_authors(bylines, exclude=exclude) == names


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe and John Roe, Global News", True),
        ("BY JANE DOE", True),
        ("By Ludwig van Beethoven", True),
        ("By Jane Doe Updated January 26, 2019 3:11 pm", True),
        ("By Friday, Facebook said it would reply.", False),
        ("By Tuesday, the company had changed course.", False),
        ("Jane Doe", False),
    ],
)
def test_looks_like_byline(line: str, expected: bool) -> None:
    assert looks_like_byline(line) is expected


def test_credentials_after_a_name_are_not_names() -> None:
    assert normalize_authors(["Lena Ortiz MS, RDN, LD"]) == ("Lena Ortiz",)
    assert normalize_authors(["Rob Hale, PhD"]) == ("Rob Hale",)


def test_escaped_apostrophe_does_not_split_a_name() -> None:
    assert normalize_authors(["James O&#039;Dea"]) == ("James O'Dea",)


def test_word_left_by_a_removed_time_stamp_is_dropped() -> None:
    assert normalize_authors(["By Ana Reyes and Tom Vale on"]) == ("Ana Reyes", "Tom Vale")
