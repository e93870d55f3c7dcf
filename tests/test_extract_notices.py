"""Notices, boxes and rows around the story that are not its text: the outlet's closing lines
(contact, pointers, disclosures, disclaimers), callout and pros-and-cons boxes, captions, promos
and rows of links. Small hand-written pages."""

from tests.test_extract_furniture import PROSE, paragraphs, story


def test_a_notice_joined_with_no_break_spaces_is_still_furniture() -> None:
    notice = "Reprinted by\u00a0permission\u00a0of Example\u00a0Press. All\u00a0rights reserved."
    html = f"<article>{story(*PROSE, notice)}</article>"
    assert paragraphs(html) == PROSE


def test_a_labelled_disclaimer_is_furniture_at_any_length() -> None:
    disclaimer = (
        "Disclaimer: All rights reserved for written content. No rights are claimed for the"
        " pictures shown on this site unless stated; if you own the rights to one of them and"
        " do not want it shown here, write to the editors and it will be taken down at once."
        " The views in readers' letters are their own and not those of the site or its staff."
        " Nothing on this page is advice of any kind, and the site takes no responsibility."
    )
    assert len(disclaimer) > 300  # past the length where lead-in patterns stop looking
    html = f"<article>{story(*PROSE, 'Tagged in:', disclaimer)}</article>"
    assert paragraphs(html) == PROSE
    # The word in the story's prose is the story's.
    sentence = "The council's disclaimer: nobody should cross the bridge at night, it said."
    assert paragraphs(f"<article>{story(*PROSE, sentence)}</article>") == [*PROSE, sentence]


def test_a_contact_line_closing_the_story_is_furniture_but_one_inside_it_stays() -> None:
    contact = "Send your tips about the bridge to Robin via email, robin.roe@example.org."
    html = f"<article>{story(*PROSE, contact)}</article>"
    assert paragraphs(html) == PROSE
    # Where to write, in the middle of the story, is the story's.
    inside = "Residents can send comments on the plans to bridge-works@example.org by May."
    html = f"<article>{story(*PROSE[:2], inside, *PROSE[2:])}</article>"
    assert paragraphs(html) == [*PROSE[:2], inside, *PROSE[2:]]


def test_disclosure_and_disclaimer_boxes_are_furniture() -> None:
    disclosure = "We may earn a commission when you buy through links on this page."
    disclaimer = "Figures are estimates from the council's consultants and may change."
    html = (
        f"<article>{story(*PROSE[:3])}<div class='story-disclosure'><p>{disclosure}</p></div>"
        f"{story(*PROSE[3:])}<p class='legal-disclaimer'>{disclaimer}</p></article>"
    )
    assert paragraphs(html) == PROSE


def test_a_caption_outside_a_figure_is_furniture() -> None:
    # Some CMSs wrap a picture and its <figcaption> in a <div>, not a <figure>.
    caption = "<figcaption>The old river bridge at dusk. <span>Robin Example</span></figcaption>"
    html = f"<article>{story(*PROSE[:2])}<div class='media'>{caption}</div>{story(*PROSE[2:])}"
    assert paragraphs(html + "</article>") == PROSE


def test_closing_pointers_and_affiliate_disclosures_are_not_body() -> None:
    citation = "More information: R. Roe et al, Bridges and rust, Example Journal (2024)."
    pointer = "The U.S. Federal Highway Office has more about bridge safety."
    disclosure = "If you buy through links on this page, we may earn an affiliate commission."
    for closing in ([citation, pointer], [disclosure]):
        assert paragraphs(f"<article>{story(*PROSE, *closing)}</article>") == PROSE
    # Inside the story, the same words are reporting.
    sentence = "The council has more about the closure on its website, the mayor said."
    html = f"<article>{story(*PROSE[:2], sentence, *PROSE[2:])}</article>"
    assert paragraphs(html) == [*PROSE[:2], sentence, *PROSE[2:]]


def test_a_reviews_pros_and_cons_box_is_furniture() -> None:
    box = (
        "<div class='verdict-prosCons'><h4>Pros</h4><ul><li>Wide new footpath</li>"
        "<li>Cheaper than a new bridge</li></ul><h4>Cons</h4><ul><li>Closed to cars</li></ul>"
        "</div>"
    )
    html = f"<article>{story(*PROSE[:3])}{box}{story(*PROSE[3:])}</article>"
    assert paragraphs(html) == PROSE


def test_callout_boxes_beside_the_story_are_furniture() -> None:
    takeaways = (
        "<div class='page-callout theme-keypoints'><ul><li>The bridge closes to cars next spring."
        "</li><li>A footbridge opens in March.</li></ul></div>"
    )
    product = "<div class='productCallout'><p>Example Steel Folding Bicycle, Grey</p></div>"
    html = f"<article>{takeaways}{story(*PROSE[:3])}{product}{story(*PROSE[3:])}</article>"
    assert paragraphs(html) == PROSE


def test_a_promo_ending_in_a_click_here_call_is_furniture() -> None:
    promo = "NEW: the Example Ride app shows every closure - Click here to start your free trial!"
    html = f"<article>{story(*PROSE, promo)}</article>"
    assert paragraphs(html) == PROSE


def test_a_row_of_links_between_bars_is_navigation_even_with_a_label() -> None:
    row = (
        "<p><b>CITY HALL COVERAGE:</b> <a href='/a'>Roads</a> | <a href='/b'>Parks</a> | "
        "<a href='/c'>Budget</a> | <a href='/d'>Police</a></p>"
    )
    html = f"<article>{story(*PROSE[:2])}{row}{story(*PROSE[2:])}</article>"
    assert paragraphs(html) == PROSE
    # The same shape without links is text the story prints (a line of figures).
    line = "Cars per day: 9,000 | Bikes per day: 1,200 | Walkers per day: 800"
    html = f"<article>{story(*PROSE, line)}</article>"
    assert paragraphs(html) == [*PROSE, line]
