"""Finding the article body and cleaning its paragraphs, on small pages built in the test."""

import pytest
from presswatch.extract import Article, extract_article

URL = "https://example.org/news/story"
# Paragraph-length prose for building pages; each is distinct so repeats are deliberate.
PROSE = [
    "Facebook plans to run Messenger, Instagram and WhatsApp on a single messaging system, "
    "according to people familiar with the project.",
    "The apps would keep their own names, but a user of one could write to a user of another for "
    "the first time.",
    "Security researchers said the result depends on whether end-to-end encryption is extended "
    "to all three services or dropped.",
    "Competition lawyers said a merged back end would make it harder for regulators to separate "
    "the companies again.",
    "The company said the work was at an early stage and that many details had not yet been "
    "decided.",
]


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def paragraphs(html: str | bytes, url: str = URL) -> list[str]:
    return [p.text for p in extract_article(html, url).paragraphs]


def story(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def test_page_furniture_is_not_body() -> None:
    html = page(
        "<header><nav><a href='/'>Home</a> <a href='/tech'>Tech</a></nav></header>"
        f"<article>{story(*PROSE)}</article>"
        "<aside><h2>Most read</h2>"
        "<p>A sidebar blurb long enough to look like a paragraph of actual reporting.</p></aside>"
        "<footer><p>Copyright 2019 Example Media. All rights reserved. Reproduction without "
        "permission is prohibited.</p></footer>"
    )
    assert paragraphs(html) == PROSE


@pytest.mark.parametrize(
    "filler",
    [
        "<div class='ad-slot'><span>Advertisement</span></div>",
        "<p>Story continues below advertisement</p>",
        "<p><strong>READ MORE:</strong> <a href='/x'>An unrelated headline about something "
        "else</a></p>",
        "<p>Related: <a href='/y'>Another story from the same outlet</a></p>",
        "<div class='newsletter-signup'><p>Get the morning briefing in your inbox every weekday "
        "at six.</p></div>",
        "<ul class='share-tools'><li><a href='#'>Share</a></li><li><a href='#'>Tweet</a></li></ul>",
        "<p style='display:none'>Hidden text that readers never see on the page at all.</p>",
        "<p aria-hidden='true'>Decorative duplicate text hidden from assistive technology.</p>",
        "<figure class='c-video'><figcaption>WATCH: a video teaser caption that repeats the "
        "story</figcaption></figure>",
        # Notices and boxes printed under many stories (written for this test).
        "<p>Copyright © 2024 The Example Ledger, LLC. Click here for reprint permission.</p>",
        "<p>© Example Gazette. Not to be reproduced without permission</p>",
        "<p>This document is subject to copyright. Apart from fair dealing, no part may be "
        "reproduced without written permission.</p>",
        "<p>Citation: A study of river otters (2024, March 3) retrieved 5 March 2024 from "
        "https://example.org/news/otters.html</p>",
        "<p>— Staff writer Dana Example can be reached at dana@example.org.</p>",
        "<p>Contact reporter Sam Example at sexample@example.org. Follow him on X.</p>",
        "<p>Have a tip? Send it to us at tips@example.org.</p>",
        "<p>Follow the Example Ledger opinion desk on Facebook, Instagram and Threads.</p>",
        "<p>Want more otter news? Sign up for our free weekly newsletter.</p>",
        "<p>Comments on this piece are premoderated to keep the discussion on topic.</p>",
        "<p>Get all the latest news, reviews and exclusives, direct to your inbox.</p>",
        "<p>Your subscription has been successful.</p>",
        "<p>Jo Example/AB12/Getty Images for The Example Gala</p>",
        "<p>(Credit: Jo Example)</p>",
    ],
)
def test_filler_inside_the_body_is_dropped(filler: str) -> None:
    html = page(f"<article><p>{PROSE[0]}</p>{filler}<p>{PROSE[1]}</p><p>{PROSE[2]}</p></article>")
    assert paragraphs(html) == PROSE[:3]


@pytest.mark.parametrize(
    "reporting",
    [
        "Copyright lawyers said the ruling would make it harder to reuse news photographs.",
        "Follow-up tests on the river found no trace of the chemical, the agency said.",
        "Contact tracing in the county ended in March, officials said at the briefing.",
    ],
)
def test_reporting_that_opens_like_a_notice_is_kept(reporting: str) -> None:
    html = page(f"<article>{story(PROSE[0], reporting, PROSE[1], PROSE[2])}</article>")
    assert reporting in paragraphs(html)


def test_prose_that_starts_like_a_byline_is_kept() -> None:
    opening = "By Friday, Facebook said it would publish more details about the plan."
    html = page(f"<article><p>{opening}</p>{story(*PROSE[:3])}</article>")
    assert paragraphs(html)[0] == opening


def test_leading_byline_and_date_lines_are_dropped_and_feed_the_authors() -> None:
    html = page(
        "<article><p>By Noor Haddad and Chris Ebbe</p><p>Posted January 31, 2019 10:00 am</p>"
        f"{story(*PROSE[:3])}</article>"
    )
    article = extract_article(html, URL)
    assert [p.text for p in article.paragraphs] == PROSE[:3]
    assert article.authors == ["Noor Haddad", "Chris Ebbe"]


def test_br_separated_paragraphs_in_a_div() -> None:
    html = page(f"<div id='story'>{PROSE[0]}<br><br>{PROSE[1]}<br>\n<br>{PROSE[2]}</div>")
    assert paragraphs(html) == PROSE[:3]


def test_single_br_inside_a_paragraph_does_not_split_it() -> None:
    html = page(
        "<article><p>First half of a sentence<br>and its second half, in one paragraph.</p>"
        f"{story(*PROSE[:3])}</article>"
    )
    assert paragraphs(html)[0] == "First half of a sentence and its second half, in one paragraph."


def test_inline_markup_does_not_add_spaces() -> None:
    html = page(
        "<article><p>The <em>encrypt</em>ed app’s “back end”, said <a href='/p'>Ms. Marsh</a>"
        f".</p>{story(*PROSE[:3])}</article>"
    )
    assert paragraphs(html)[0] == "The encrypted app’s “back end”, said Ms. Marsh."


def test_wrapper_with_a_furniture_word_is_kept_when_it_holds_the_story() -> None:
    html = page(
        f"<div class='page has-sidebar-layout share-enabled'><article>{story(*PROSE)}</article>"
        "</div>"
    )
    assert paragraphs(html) == PROSE


def test_repeated_pull_quote_and_headline_are_dropped() -> None:
    html = page(
        f"<article><h1>Messaging merger</h1><p>{PROSE[0]}</p><p>{PROSE[1]}</p><div class='pull'>"
        f"<p>{PROSE[1]}</p></div><p>{PROSE[2]}</p></article>",
        head="<title>Messaging merger</title>",
    )
    assert paragraphs(html) == PROSE[:3]


def test_subheadings_kept_with_their_kind_but_not_a_trailing_one() -> None:
    html = page(
        f"<article><p>{PROSE[0]}</p><h2>What changes</h2><p>{PROSE[1]}</p><h3>More coverage</h3>"
        "</article>"
    )
    article = extract_article(html, URL)
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        ("paragraph", PROSE[0]),
        ("heading", "What changes"),
        ("paragraph", PROSE[1]),
    ]


def test_story_split_across_sibling_sections() -> None:
    html = page(
        "<article><section class='body'>"
        f"<div class='col'><div>{story(*PROSE[:2])}</div></div>"
        "<div class='ad'>Advertisement</div>"
        f"<div class='col'><div>{story(*PROSE[2:])}</div></div>"
        "</section></article>"
    )
    assert paragraphs(html) == PROSE


def test_link_list_page_has_no_body_and_says_so() -> None:
    links = "".join(
        f"<li><a href='/n/{i}'>Headline number {i} on a section front page</a></li>"
        for i in range(12)
    )
    article = extract_article(page(f"<main><ul>{links}</ul></main>"), URL)
    assert article.paragraphs == []
    assert article.body_source == "none"
    assert article.error == "no article text found on the page"


def test_json_ld_body_not_used_when_html_body_is_complete() -> None:
    teaser = " ".join(["Teaser words from the publisher's structured data."] * 12)
    html = page(
        f"<article>{story(*PROSE * 4)}</article>",
        head=(
            f'<script type="application/ld+json">{{"@type": "NewsArticle", "articleBody": '
            f'"{teaser}"}}</script>'
        ),
    )
    article: Article = extract_article(html, URL)
    assert article.body_source == "html"


def test_bytes_use_the_declared_charset() -> None:
    html = page(
        f"<article><p>Café owners said they had not been told.</p>{story(*PROSE[:3])}</article>",
        head='<meta charset="windows-1252">',
    ).encode("cp1252")
    assert paragraphs(html)[0] == "Café owners said they had not been told."


def test_climb_stops_before_a_comment_thread_larger_than_the_story() -> None:
    # Comment entries with plain markup: only the thread's own label marks them as furniture,
    # and the thread holds most of the page's prose, so pruning has to leave it in place. No
    # <article> element either, so nothing but the kept-furniture rule stops the climb.
    comments = "".join(
        f"<div><p>Reader {i} wrote a long reply about encryption, regulators and the merged back "
        "end that goes on for a while.</p></div>"
        for i in range(8)
    )
    html = page(
        f"<div id='content'><div>{story(*PROSE[:3])}</div>"
        f"<section class='reader-comments'>{comments}</section></div>"
    )
    assert paragraphs(html) == PROSE[:3]


def test_single_article_element_scopes_the_body_on_pages_without_class_names() -> None:
    # No class or id anywhere (hashed or stripped names are common): the <article> element is
    # the only sign of where the story ends and the longer reader thread begins.
    replies = "".join(
        f"<div><p>user{i}</p><p>Reply number {i} is a long reader comment about the plan, the "
        "apps and what regulators might do next.</p></div>"
        for i in range(8)
    )
    html = page(
        f"<main><article><div><div>{story(*PROSE[:2])}</div></div><div><div>{story(*PROSE[2:])}</div></div></article>"
        f"<section><h2>Comments</h2>{replies}</section></main>"
    )
    assert paragraphs(html) == PROSE


def test_several_article_elements_do_not_scope_the_body() -> None:
    # Two teaser cards, each with a summary long enough to hold a quarter of the page's prose:
    # neither is "the" article, so the story outside them must still win.
    summary = (
        "A summary of another story on the same front page, long enough to count as prose: "
        "regulators in several countries said they were watching the plan and would ask the "
        "company for details about how user data would move between the three services."
    )
    cards = "".join(
        f"<article><h3><a href='/n/{i}'>Teaser {i}</a></h3><p>{summary} ({i})</p></article>"
        for i in range(2)
    )
    html = page(f"<div>{story(*PROSE[:3])}</div><div>{cards}</div>")
    assert paragraphs(html) == PROSE[:3]


def test_figure_caption_is_not_body_but_a_figure_quote_is() -> None:
    html = page(
        f"<article><p>{PROSE[0]}</p>"
        "<figure><img src='x.jpg'>"
        "<figcaption>Mark Zuckerberg at a conference in 2018. Photo: Example Wire</figcaption>"
        "</figure>"
        f"<p>{PROSE[1]}</p>"
        "<figure><blockquote>"
        "<p>“Integration is the argument you make before anyone asks you to divest.”</p>"
        "</blockquote></figure>"
        f"<p>{PROSE[2]}</p></article>"
    )
    assert paragraphs(html) == [
        PROSE[0],
        PROSE[1],
        "“Integration is the argument you make before anyone asks you to divest.”",
        PROSE[2],
    ]


def test_video_teaser_and_repeated_video_title_are_dropped() -> None:
    html = page(
        f"<article><p>{PROSE[0]}</p>"
        "<div><span>Click to play video: 'Facebook under fire for sharing user data'</span>"
        "<div>Facebook under fire for sharing user data</div></div>"
        f"<p>{PROSE[1]}</p><p>{PROSE[2]}</p></article>"
    )
    assert paragraphs(html) == PROSE[:3]


def test_printed_headline_replaces_a_title_with_an_outlet_suffix() -> None:
    # No URL and no site name: the suffix cannot be recognised from the <title> alone, but the
    # page prints the headline without it.
    html = page(
        "<div><b>Messaging merger draws scrutiny</b>"
        f"<br>{PROSE[0]}<br><br>{PROSE[1]}<br><br>{PROSE[2]}</div>",
        head="<title>Messaging merger draws scrutiny - Bayview Daily</title>",
    )
    article = extract_article(html, url=None)
    assert article.title == "Messaging merger draws scrutiny"
    assert [p.text for p in article.paragraphs] == PROSE[:3]


def test_a_paragraph_that_only_starts_like_the_title_is_kept() -> None:
    opening = "Messaging merger"
    html = page(
        f"<article><p>{PROSE[0]}</p><p>{PROSE[1]}</p><p>{PROSE[2]}</p><p>{opening}</p></article>",
        head="<title>Messaging merger - Bayview Daily</title>",
    )
    assert paragraphs(html, url="https://example.org/news/1")[-1] == opening


def test_paragraph_wrappers_one_of_which_carries_a_furniture_word() -> None:
    # Some CMSs wrap every paragraph in its own <div>; the wrapper of the long opening one
    # also carries a furniture word, and is kept only because it holds half the prose. The
    # story is all the wrappers, not the one that scores best.
    texts = [
        "The state senator declared war on Friday over a bill about highway rest stop leases,"
        " saying that the measure was written to punish one company for the views of its"
        " founder, and that he would ask colleagues in Washington to look at federal highway"
        " funds for the state if the legislature went ahead with it before the end of the"
        " session in June, when the rest stop contracts come up for renewal again. He said the"
        " state had signed the current leases eleven years ago, that the company had kept every"
        " term of them, and that travellers on the interstate would be the ones to pay for it.",
        "The bill would require new restaurants at rest stops to open seven days a week, he said.",
        "It would not apply to the restaurants already operating there, officials said in reply.",
        "A spokesperson for the governor said the bill was still being reviewed by her office.",
        "The senator later posted a picture of himself in front of a restaurant in the city, a"
        " location that would not be affected if the bill became law, to send a clear message.",
    ]
    wrapped = "".join(
        f'<div class="cli cli-text{" promo" if index == 0 else ""}"><p>{text}</p></div>'
        for index, text in enumerate(texts)
    )
    html = page(
        f"<article><section class='entry-content'>{wrapped}</section></article>"
        "<aside><p>Trending: a teaser with a long enough line to count as prose.</p></aside>"
    )
    assert paragraphs(html) == texts


def test_gallery_story_keeps_its_items_when_its_article_says_gallery() -> None:
    # The story is a gallery: the publisher's <article> is classed as one, and so is each
    # captioned item. "gallery" inside that article is the story's own word, not furniture.
    items = "".join(
        f"<div class='gallery__item'><h3>{number}. Item</h3><div class='gallery__deck'>"
        f"<p>{text}</p></div></div>"
        for number, text in enumerate(PROSE, start=1)
    )
    html = page(
        f"<article class='story story--gallery-list'>{items}</article>"
        "<div class='gallery-teaser'><p>Another gallery elsewhere on the site, promoted with a "
        "sentence of teaser text.</p></div>"
    )
    body = paragraphs(html)
    assert [text for text in body if text in PROSE] == PROSE
    assert not any("Another gallery" in text for text in body)


def test_a_furniture_word_on_a_wrapper_that_is_no_article_protects_nothing() -> None:
    # A wrapper around the story and the rail beside it holds most of the prose, so it stays;
    # its word "rail" must not keep the rail's own box.
    html = page(
        "<div class='content-and-right-rail'>"
        f"<div class='story-column'>{story(*PROSE)}</div>"
        "<div class='right-rail'><p>Support our newsroom today: a contribution of any size "
        "keeps our reporting free for every reader.</p></div></div>"
    )
    assert paragraphs(html) == PROSE


def test_a_story_split_over_sibling_wrappers_of_one_kind_is_read_whole() -> None:
    # Each part of the story sits in its own column wrapper; the last part is a list of short
    # lines, which holds no scored prose to pull the chosen element up to the parent.
    winners = "<ul><li>2022: Ada Reyes</li><li>2021: Ben Okafor</li><li>2020: Ada Reyes</li></ul>"
    html = page(
        "<article><div class='article-body'>"
        f"<div class='col-12'>{story(*PROSE)}</div>"
        f"<div class='col-12'>{winners}</div></div></article>"
        "<div class='col-12'><p>A different box beside the story, long enough to be a paragraph "
        "of its own.</p></div>"
    )
    assert paragraphs(html) == [*PROSE, "2022: Ada Reyes", "2021: Ben Okafor", "2020: Ada Reyes"]


def test_a_story_cut_into_segments_is_read_whole() -> None:
    # The opening text shares its segment with a photo caption; every other segment holds one
    # product write-up. The opening is the best single element but a small part of the story.
    more = [
        "The second pick is a wool scarf that the shop has cut to half its usual price this week.",
        "The third pick is a pair of boots that sold out twice last winter and is back in stock.",
    ]
    segments = "".join(
        f"<section class='segment'><div class='product'><h3>Pick</h3><p>{text}</p></div></section>"
        for text in [*PROSE[2:], *more]
    )
    html = page(
        "<main><div class='story-main'><section class='segment'><div class='photo-text'>"
        f"<div class='text-only'>{story(PROSE[0], PROSE[1])}</div>"
        "<p>A shopper carries bags along the high street on a cold morning in December.</p>"
        f"</div></section>{segments}</div></main>"
    )
    body = paragraphs(html)
    assert [text for text in body if text in PROSE + more] == [*PROSE, *more]


def test_the_authors_own_box_at_the_end_is_not_body() -> None:
    head = '<meta name="author" content="Dana Example">'
    box = (
        "Dana Example is a senior reporter for the Example Ledger and the Harbour Times. "
        "Email: dana@example.org."
    )
    html = page(f"<article>{story(*PROSE[:3], box)}</article>", head)
    assert paragraphs(html) == PROSE[:3]


def test_a_closing_paragraph_about_someone_else_or_mid_story_stays() -> None:
    head = '<meta name="author" content="Dana Example">'
    # A subject who shares the author's first name, but no job of the trade; and the author's
    # box-like line far from the end is reporting about the author.
    subject = "Dana is a nurse at the county hospital and has worked nights there for a decade."
    early = "Dana Example is a former reporter for the paper, which she sued over unpaid wages."
    html = page(f"<article>{story(early, *PROSE, subject)}</article>", head)
    assert paragraphs(html) == [early, *PROSE, subject]


def test_a_heading_that_links_to_its_own_place_on_the_page_is_kept() -> None:
    # A table of contents' target: the heading's text is a link to "#…" on this very page,
    # no teaser for another story. A heading linking to another page still goes.
    html = page(
        "<article>"
        f"<p>{PROSE[0]}</p>"
        "<h2><a href='#what-changes'><span>What changes for users</span></a></h2>"
        f"<p>{PROSE[1]}</p><p>{PROSE[2]}</p>"
        "<h2><a href='https://example.org/news/other-story'>Another story</a></h2>"
        f"<p>{PROSE[3]}</p>"
        "</article>"
    )
    assert paragraphs(html) == [PROSE[0], "What changes for users", *PROSE[1:4]]
