"""Opening paragraphs printed beside the wrapper that holds the rest of the story."""

from presswatch.extract import extract_article

URL = "https://example.org/politics/2019/03/02/hearing"
LEAD = (
    "The committee's second hearing on the messaging merger ran for six hours on Friday, and "
    "most of it was spent on a question the company had hoped to leave for later."
)
REST = [
    "Lawmakers asked how a single back end would keep apart the data of people who had signed "
    "up to only one of the three services, and who would decide when it could be combined.",
    "The company's witness said the systems would share storage but not accounts, a "
    "distinction two members of the committee said they did not find reassuring at all.",
    "A third member asked for the engineering documents behind that answer, and the chair said "
    "the committee would put the request in writing before the end of the month.",
    "The hearing is the second of four planned before the committee writes its report, which "
    "is due in the autumn and may recommend that the regulator open a formal inquiry.",
    "Outside the room, a small group of campaigners handed out leaflets asking passers-by to "
    "write to their representatives about the merger before the committee's next sitting.",
    "The company's shares closed slightly lower on the day, though analysts said the move had "
    "more to do with a wider fall in technology stocks than with anything said at the hearing.",
    "Two former engineers at the company have been asked to give evidence at the third hearing, "
    "which the chair said would look at how the back end was designed in the first place.",
    "The committee has also written to the regulators of three other countries to ask what they "
    "have been told about the plan, and expects their answers before the fourth hearing.",
]


def story_page(before: str = "", after: str = "") -> str:
    rest = "".join(f"<p>{text}</p>" for text in REST)
    return (
        "<html><body><article><h1>Six hours on one question</h1>"
        f"<section class='story-text'>{before}<p>{LEAD}</p>"
        f"<div class='members-only'>{rest}</div>{after}</section></article>"
        "<aside><p>Most read: a list of other stories that readers clicked on this week, long "
        "enough to look like prose.</p></aside></body></html>"
    )


def test_the_opening_paragraph_beside_the_wrapper_is_kept() -> None:
    article = extract_article(story_page(), URL)
    assert [p.text for p in article.paragraphs] == [LEAD, *REST]


def test_a_note_under_the_wrapper_keeps_the_parent_out() -> None:
    note = "<p class='note'>An earlier version of this story gave the wrong date for it.</p>"
    article = extract_article(story_page(after=note), URL)
    assert [p.text for p in article.paragraphs] == REST


def test_a_summary_line_above_the_wrapper_keeps_the_parent_out() -> None:
    summary = "<p class='summary'>Six hours, one question, and no answer from the company</p>"
    article = extract_article(story_page(before=summary), URL)
    assert [p.text for p in article.paragraphs] == REST
