"""General furniture mechanisms of the body extractor, on small hand-written pages."""

from presswatch.extract import extract_article
from presswatch.extract.boilerplate import class_tokens, furniture_rules

URL = "https://example.org/news/story"
PROSE = [
    "The city council voted on Tuesday to close the old river bridge to cars from next spring.",
    "Engineers told the council that the steel under the deck had rusted faster than expected.",
    "Shop owners on both banks said they feared losing the customers who drive across each day.",
    "The mayor said a temporary footbridge would open before the work starts in late March.",
    "A final decision on replacing the bridge will be taken after a public hearing in the summer.",
]


def paragraphs(body: str) -> list[str]:
    html = f"<html><head><title>Bridge</title></head><body>{body}</body></html>"
    return [p.text for p in extract_article(html, URL).paragraphs]


def story(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def test_generated_class_hashes_give_no_class_words() -> None:
    assert class_tokens(["styles_article__Ee5Ad"]) == ("styles", "article")
    assert class_tokens(["sc-4e016ad2-0"]) == ("sc", "0")
    # Words with a number stay words.
    assert class_tokens(["footer2"]) == ("footer", "2")
    assert class_tokens(["s2nPlayer"]) == ("s", "2", "n", "player")


def test_a_story_part_whose_hash_spells_ad_is_kept() -> None:
    html = (
        f"<article><div class='part'>{story(*PROSE[:3])}</div>"
        f"<div class='part-2 css-7ad2x9'>{story(*PROSE[3:])}</div></article>"
    )
    assert paragraphs(html) == PROSE


def test_shopping_widget_price_lines_are_furniture() -> None:
    sentence = "Tickets for the reopened bridge tour cost $12, the council said on Tuesday evening."
    html = (
        f"<article>{story(PROSE[0], PROSE[1])}"
        "<p>$2,800 via Valentino</p><p>$179 $134</p><p>Best Prices Today: $40 at Example Shop</p>"
        f"<p>$11.67/month (yearly plan)</p>{story(sentence, *PROSE[2:])}</article>"
    )
    assert paragraphs(html) == [PROSE[0], PROSE[1], sentence, *PROSE[2:]]


def test_a_sentence_beside_its_links_is_prose_and_a_linked_headline_is_not() -> None:
    sourced = (
        "In response, <a href='/budget'>the council cut the budget for road repairs across the "
        "city by a third</a> and <a href='/delay'>put off two other bridge projects until the "
        "following year</a>, officials said at the end of a long meeting on Tuesday."
    )
    teaser = "<a href='/other'>Mayor unveils plan for a new ferry across the river</a>"
    html = f"<article>{story(*PROSE[:3], sourced, teaser, *PROSE[3:])}</article>"
    sourced_text = (
        "In response, the council cut the budget for road repairs across the city by a third "
        "and put off two other bridge projects until the following year, officials said at the "
        "end of a long meeting on Tuesday."
    )
    assert paragraphs(html) == [*PROSE[:3], sourced_text, *PROSE[3:]]


def test_teaser_cards_inside_the_story_are_furniture() -> None:
    card = (
        "<div class='m-card'><a href='/other'><h3>Ferry service to resume after winter "
        "break</h3></a><p>Boats will run every hour from the harbour again.</p></div>"
    )
    product = (
        "<div class='ProductCardBody'><p>Waterproof Walking Jacket</p>"
        "<a href='https://shop.example/jacket'>Example Outfitters</a></div>"
    )
    # A part of the story in a "tile" wrapper, longer than a card, with a link in it.
    linked = (
        "Residents can read the engineers' full report <a href='/report'>on the council's "
        "website</a> and send comments until the end of the month, the clerk's office said."
    )
    part = f"<div class='tile-body'>{story(PROSE[3], PROSE[4], linked)}</div>"
    html = f"<article>{story(*PROSE[:2])}{card}{story(PROSE[2])}{product}{part}</article>"
    assert paragraphs(html) == [
        *PROSE,
        "Residents can read the engineers' full report on the council's website and send "
        "comments until the end of the month, the clerk's office said.",
    ]


def test_author_box_with_its_title_line_and_the_or_capitals_is_not_body() -> None:
    head = '<meta name="author" content="Robin Example">'
    cases = [
        ["Senior Editor", "Robin is a Senior Editor at the Example Ledger who covers city hall."],
        ["Robin Example is the deputy chief technology officer for Example Systems."],
        [
            "• Robin Example, a former commissioner at the Example Transport Authority, is "
            "president of the Example Bridges Institute."
        ],
    ]
    for box in cases:
        html = (
            f"<html><head>{head}<title>Bridge</title></head>"
            f"<body><article>{story(*PROSE, *box)}</article></body></html>"
        )
        assert [p.text for p in extract_article(html, URL).paragraphs] == PROSE


def test_closing_lists_of_sources_or_other_stories_are_not_body() -> None:
    long_note = (
        "[1] Council of Example, Minutes of the Transport Committee, 12 March, item 4, pp. 10-14; "
        + "see also the engineers' inspection report, appendix B, tables 2 and 3, " * 3
    )
    sources = story("Footnotes", long_note, "[2] Interview with the city engineer, 14 March.")
    stories = story("RELATED STORIES", "Ferry timetable changes for spring", "Harbour wall repairs")
    for tail in (sources, stories, story("_____")):
        assert paragraphs(f"<article>{story(*PROSE)}{tail}</article>") == PROSE


def test_a_list_heading_followed_by_more_of_the_story_stays() -> None:
    more = [
        "The footbridge will be built from steel parts already used on a crossing upstream.",
        "Work on it is due to start in January, weather permitting, the council said.",
    ]
    # ("You might like" on its own is now a teaser box's label, furniture wherever it stands.)
    html = f"<article>{story(*PROSE[:3], 'Editors’ picks', *more)}</article>"
    assert paragraphs(html) == [*PROSE[:3], "Editors’ picks", *more]


def test_a_closing_lead_in_whose_list_was_furniture_goes_and_one_mid_story_stays() -> None:
    related = "<ul class='related-links'><li><a href='/a'>Ferry timetable</a></li></ul>"
    html = (
        f"<article>{story(*PROSE[:3], 'The council listed three options:')}"
        f"<ul><li>Repair the bridge</li><li>Replace it</li></ul>"
        f"{story(*PROSE[3:], 'Next read this:')}{related}</article>"
    )
    assert paragraphs(html) == [
        *PROSE[:3],
        "The council listed three options:",
        "Repair the bridge",
        "Replace it",
        *PROSE[3:],
    ]


def test_short_cells_of_a_data_table_are_not_body_but_a_layout_table_is() -> None:
    data = (
        "<table><tr><th>Crossing</th><th>Cars a day</th></tr>"
        "<tr><td>Old river bridge</td><td>14,200</td></tr></table>"
    )
    html = f"<article>{story(*PROSE[:3])}{data}{story(*PROSE[3:])}</article>"
    assert paragraphs(html) == PROSE
    # An old page that lays the story out in a table keeps its long cells.
    layout = "<table><tr>" + "".join(f"<td>{text}</td>" for text in PROSE) + "</tr></table>"
    assert paragraphs(layout) == PROSE


def test_leftovers_of_removed_widgets_are_furniture() -> None:
    leftovers = [
        "Shop This Story",
        "Waiting for your permission to load the Instagram Media.",
        "[Image via Example Agency]",
        "Catch up on the year's biggest stories with us! Click here",
    ]
    html = f"<article>{story(*PROSE[:3], *leftovers, *PROSE[3:])}</article>"
    assert paragraphs(html) == PROSE


def test_citations_closing_a_science_story_are_not_body() -> None:
    citation = (
        "More information: Robin Example et al, Rust under river bridges, Journal of Example "
        "Engineering (2023). DOI: 10.1000/example.2023.1"
    )
    study = "A study by Roe et al. was published in 2023 and found the same rust on other bridges."
    html = f"<article>{story(*PROSE, study, citation, 'Journal information: Example')}</article>"
    assert paragraphs(html) == [*PROSE, study]


def test_provenance_notes_are_not_body() -> None:
    notes = [
        "A version of this story appeared in the Example Quarterly, Vol 12, Issue 3.",
        'This story was originally published in our winter issue as "Bridges."',
        "Reprinted by permission of Example Press.",
        "Provided by Example University",
        "Source: the council's press office",
    ]
    html = f"<article>{story(notes[0], *PROSE, *notes[1:])}</article>"
    assert paragraphs(html) == PROSE
    # A sentence that opens with the words is the story.
    sentence = "Provided by a donor, the money will pay for a temporary footbridge."
    html = f"<article>{story(*PROSE, sentence)}</article>"
    assert paragraphs(html) == [*PROSE, sentence]


def test_a_caption_ending_in_its_credit_is_furniture_but_credit_in_prose_stays() -> None:
    captions = [
        "The old river bridge seen from the north bank. Credit: Robin Example",
        "Rust under the deck, photographed in March. (Credit: Example Council)",
    ]
    prose = "The mayor gave the engineers credit: their warning came just in time, she said."
    html = f"<article>{story(*PROSE[:2], *captions, prose, *PROSE[2:])}</article>"
    assert paragraphs(html) == [*PROSE[:2], prose, *PROSE[2:]]


def test_a_line_of_only_the_author_and_a_date_atop_the_body_is_no_paragraph() -> None:
    tweet = (
        "<blockquote class='twitter-tweet'><p>The bridge is closed from today.</p>&mdash; "
        "Example Council (@examplecouncil) <a href='https://twitter.com/examplecouncil/status/"
        "1'>March 1, 2024</a></blockquote>"
    )
    body = story("Robin Example - January 24, 2020", PROSE[0], PROSE[1])
    html = (
        "<html><head><meta name='author' content='Robin Example'><title>Bridge</title></head>"
        f"<body><article>{body}{tweet}{story(*PROSE[2:])}</article></body></html>"
    )
    article = extract_article(html, URL)
    assert [p.text for p in article.paragraphs] == PROSE
    # The post still sits after the second paragraph of the story.
    assert [embed.after_paragraph for embed in article.embeds] == [1]
    # A sentence about the author is the story.
    sentence = "Robin Example walked across the bridge on its last open day."
    html = html.replace("Robin Example - January 24, 2020", sentence)
    assert [p.text for p in extract_article(html, URL).paragraphs] == [sentence, *PROSE]


def test_pointers_away_from_the_story_are_furniture() -> None:
    pointers = [
        "For more city and transport coverage, visit example.org/city",
        "Get the latest council news from the Example Ledger app.",
        "Can't keep up? Get every update on the bridge in our briefing.",
    ]
    html = f"<article>{story(*PROSE, *pointers)}</article>"
    assert paragraphs(html) == PROSE


def test_compound_class_words_ending_in_a_long_furniture_word_are_furniture() -> None:
    rules = furniture_rules()
    assert rules.is_furniture_class(("photogallery",))
    assert rules.is_furniture_class(("mainsidebar",))
    # Short furniture words end too many words to count at the end of one.
    assert not rules.is_furniture_class(("download",))
    blurb = "Meet the finalists of the bridge design contest in our gallery of their drawings."
    html = (
        f"<article>{story(*PROSE[:3])}<div class='photogallery-wrapper'>"
        f"<div class='photogallery-description'><p>{blurb}</p></div></div>"
        f"{story(*PROSE[3:])}</article>"
    )
    assert paragraphs(html) == PROSE


def test_reaching_the_reporter_is_furniture_with_initials_in_the_name() -> None:
    contacts = [
        "—Staff writer Robin E. Example can be reached at robin.example@example.org. Follow her "
        "on X @robinexample.",
        "Contact reporter J. R. Example at jr@example.org.",
    ]
    html = f"<article>{story(*PROSE, *contacts)}</article>"
    assert paragraphs(html) == PROSE
    # A sentence ending before the address is the story's, and so it stays.
    sentence = "The council met on Tuesday. Its clerk can be reached at the town hall."
    html = f"<article>{story(*PROSE, sentence)}</article>"
    assert paragraphs(html) == [*PROSE, sentence]


def test_a_line_repeating_the_alt_text_of_a_picture_beside_it_is_its_label() -> None:
    label = "The old river bridge seen from the north bank"
    picture = f"<div class='image-wrapper'><img src='bridge.jpg' alt='{label}'><p>{label}</p></div>"
    slide = (
        f"<div class='slide'><div class='file'><img src='b.jpg' alt='{label}.'></div>"
        f"<div class='media-content'><h2>{label}.</h2></div></div>"
    )
    html = f"<article>{story(*PROSE[:2])}{picture}{story(*PROSE[2:4])}{slide}{story(PROSE[4])}"
    assert paragraphs(html + "</article>") == PROSE
    # A heading that a picture far from it copies as its alt text is the story's.
    heading = "Bridges of the river"
    far = f"<div><div><div><div><img src='c.jpg' alt='{heading}'></div></div></div></div>"
    html = f"<article>{far}{story(*PROSE[:2])}<h2>{heading}</h2>{story(*PROSE[2:])}</article>"
    assert paragraphs(html) == [*PROSE[:2], heading, *PROSE[2:]]


def test_short_labels_above_the_first_paragraph_are_not_body() -> None:
    labels = ["OPINION:", "8.6/ 10", "SCORE", "Prep Time:", "20 mins"]
    html = f"<article>{story(*labels, *PROSE)}</article>"
    assert paragraphs(html) == PROSE
    # A dateline runs on into the first sentence, and a label under the opening paragraph
    # names a section of the story: both stay.
    dateline, section = "WASHINGTON —", "North bank"
    html = f"<article>{story(dateline, PROSE[0], section, *PROSE[1:])}</article>"
    assert paragraphs(html) == [dateline, PROSE[0], section, *PROSE[1:]]


def test_labels_of_removed_teaser_boxes_are_furniture() -> None:
    labels = ["You might like", "MUST WATCH", "Don't Miss:"]
    teasers = "<ul class='related'><li><a href='/a'>Another bridge closes</a></li></ul>"
    html = "<article>" + "".join(
        f"<p>{text}</p><h3>{label}</h3>{teasers}" for text, label in zip(PROSE, labels)
    )
    assert paragraphs(html + story(*PROSE[3:]) + "</article>") == PROSE
    # A sentence that opens with the words is the story's.
    sentence = "Don't miss the last crossing, the mayor told drivers on Tuesday."
    assert paragraphs(f"<article>{story(*PROSE, sentence)}</article>") == [*PROSE, sentence]


def test_a_pointer_to_another_page_without_a_sentence_is_furniture() -> None:
    pointers = [
        "Read our full footbridge review",
        "Read the council's motion (Mobile users go here)",
    ]
    html = f"<article>{story(*PROSE[:2], pointers[0], *PROSE[2:], pointers[1])}</article>"
    assert paragraphs(html) == PROSE
    # Advice that opens the same way is a sentence of the story.
    sentence = "Read the notice on the bridge before crossing, the mayor told drivers."
    assert paragraphs(f"<article>{story(*PROSE, sentence)}</article>") == [*PROSE, sentence]
