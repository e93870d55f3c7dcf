"""The dek (standfirst): the element printed under the headline, in `subtitle` and in the body."""

from bs4 import BeautifulSoup
from presswatch.extract import extract_article
from presswatch.extract.metadata import read_page_metadata

URL = "https://example.org/news/2019/02/03/one-pipe"
DEK = "Three apps, one message store: what changes for the people who use them."
STORY = [
    "The company confirmed on Tuesday that its three messaging apps will share one back end by "
    "the end of next year, a change engineers have worked on for months.",
    "Each app keeps its name and its look, but a message sent from one can be read in another, "
    "and the keys that protect it are held in one place.",
    "Regulators in two countries said they would ask how the merged system handles the data of "
    "people who signed up to only one of the services.",
]
# A newsletter box above the story whose class also says "subtitle".
NEWSLETTER = (
    "<div class='promo'><p class='promo-subtitle'>Get our morning briefing in your inbox, free, "
    "every weekday.</p></div>"
)


def page(header: str, story: list[str] = STORY) -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in story)
    return (
        f"<html><head><title>One pipe</title></head><body>{NEWSLETTER}"
        f"<header>{header}</header><div class='story-body'>{paragraphs}</div></body></html>"
    )


HEADER = f"<h1>One pipe for three apps</h1><p class='dek'>{DEK}</p><p>By Jane Roe</p>"


def test_the_dek_is_the_one_under_the_headline_not_an_earlier_subtitle() -> None:
    soup = BeautifulSoup(page(HEADER), "lxml")
    result = read_page_metadata(soup, url=URL)
    assert result.subtitle == DEK
    assert result.provenance["subtitle"] == "dek-element"


def test_no_dek_under_the_headline_falls_back_to_the_description() -> None:
    html = page("<h1>One pipe for three apps</h1><p>By Jane Roe</p>").replace(
        "<title>", "<meta name='description' content='What the merger means.'><title>"
    )
    result = read_page_metadata(BeautifulSoup(html, "lxml"), url=URL)
    assert result.subtitle == "What the merger means."
    assert result.provenance["subtitle"] == "meta"


def test_the_dek_opens_the_body_as_a_standfirst() -> None:
    article = extract_article(page(HEADER), URL, dek_in_body=True)
    assert [p.text for p in article.paragraphs] == [DEK, *STORY]
    assert [p.kind for p in article.paragraphs][:2] == ["standfirst", "paragraph"]
    assert article.body.startswith(DEK + "\n\n")


def test_a_dek_the_body_already_holds_is_not_repeated() -> None:
    html = page(HEADER, [DEK, *STORY])
    article = extract_article(html, URL, dek_in_body=True)
    assert [p.text for p in article.paragraphs] == [DEK, *STORY]


def test_the_newsletter_box_never_opens_the_body() -> None:
    html = page("<h1>One pipe for three apps</h1><p>By Jane Roe</p>")
    article = extract_article(html, URL, dek_in_body=True)
    assert [p.text for p in article.paragraphs] == STORY


def test_the_dek_stays_out_of_the_body_by_default() -> None:
    assert [p.text for p in extract_article(page(HEADER), URL).paragraphs] == STORY
