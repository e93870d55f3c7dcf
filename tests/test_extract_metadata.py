"""Article metadata from JSON-LD, <meta> tags, microdata, <time>, the URL and the byline."""

from datetime import UTC, date, datetime

from bs4 import BeautifulSoup
from presswatch.extract.metadata import PageMetadata, read_page_metadata

URL = "https://www.example.org/news/2019/01/20/story-slug/"


def metadata(head: str, body: str = "", *, url: str = URL, lang: str = "") -> PageMetadata:
    html = f"<html{lang}><head>{head}</head><body>{body}</body></html>"
    return read_page_metadata(BeautifulSoup(html, "lxml"), url=url)


def test_json_ld_wins_over_meta_tags() -> None:
    result = metadata(
        """
        <meta property="article:published_time" content="2019-01-25T08:00:00Z">
        <meta name="author" content="Meta Author">
        <script type="application/ld+json">
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ledger headline",
         "datePublished": "2019-01-26T09:30:00Z", "author": {"@type": "Person", "name": "Ld Author"}}
        </script>
        """  # noqa: E501 - the JSON-LD line must stay byte-identical
    )
    assert result.title == "Ledger headline"
    assert result.authors == ("Ld Author",)
    assert result.published == datetime(2019, 1, 26, 9, 30, tzinfo=UTC)
    assert result.date_source == "json-ld"
    assert result.page_type == "newsarticle"


def test_json_ld_graph_with_id_references() -> None:
    result = metadata(
        """
        <script type="application/ld+json">{"@graph": [
          {"@type": "WebSite", "name": "Ignored"},
          {"@type": "Person", "@id": "#jane", "name": "Jane Doe"},
          {"@type": "Organization", "@id": "#org", "name": "Harbour Ledger"},
          {"@type": "http://schema.org/ReportageNewsArticle", "headline": "H",
           "author": [{"@id": "#jane"}, {"@type": "Organization", "name": "Harbour Ledger"}],
           "publisher": {"@id": "#org"}}]}</script>
        """
    )
    # The outlet named as a co-author is the publisher, not a person who wrote the story.
    assert result.authors == ("Jane Doe",)
    assert result.site_name == "Harbour Ledger"
    assert result.page_type == "reportagenewsarticle"


def test_broken_json_ld_is_skipped_not_fatal() -> None:
    result = metadata(
        """<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
           <meta property="og:title" content="From OpenGraph">"""
    )
    assert result.title == "From OpenGraph"


def test_title_tag_loses_the_site_suffix() -> None:
    result = metadata(
        """<title>Regulators weigh in on messaging merger | The Harbour Ledger</title>
           <meta property="og:site_name" content="The Harbour Ledger">"""
    )
    assert result.title == "Regulators weigh in on messaging merger"


def test_visible_headline_preferred_when_it_agrees() -> None:
    # The JSON-LD headline is cut at 110 characters for search engines; the <h1> is complete.
    full = (
        "A very long headline about the plan to merge three messaging services that goes on well "
        "past the point where search engines cut it off"
    )
    result = metadata(
        f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": '
        f'"{full[:110]}"}}</script>',
        f"<article><h1>{full}</h1></article>",
    )
    assert result.title == full


def test_site_logo_heading_is_not_the_title() -> None:
    result = metadata(
        '<meta property="og:title" content="The real headline">', "<h1>Example Daily</h1>"
    )
    assert result.title == "The real headline"


def test_language_primary_subtag() -> None:
    assert metadata("", lang=' lang="en-CA"').language == "en"
    assert metadata('<meta property="og:locale" content="fr_CA">').language == "fr"
    assert metadata("").language is None


def test_keywords_split_and_deduplicated() -> None:
    result = metadata(
        """<meta name="news_keywords" content="Facebook, WhatsApp,Antitrust">
           <meta property="article:tag" content="whatsapp">
           <meta property="article:tag" content="Encryption">"""
    )
    assert result.keywords == ("Facebook", "WhatsApp", "Antitrust", "Encryption")


def test_day_from_meta_completed_by_time_element() -> None:
    result = metadata(
        '<meta name="pdate" content="20190131">',
        '<article><time datetime="2019-01-31T10:00:00-05:00">Jan. 31</time></article>',
    )
    assert isinstance(result.published, datetime)
    assert result.published.isoformat() == "2019-01-31T10:00:00-05:00"


def test_url_date_is_the_last_resort_and_only_a_day() -> None:
    result = metadata("<title>T</title>")
    assert result.published == date(2019, 1, 20)
    assert result.date_source == "url"


def test_modified_time_from_updated_time_element() -> None:
    result = metadata(
        "",
        '<article><time class="published" datetime="2019-01-28T09:12:00+00:00">28</time>'
        '<time class="updated" datetime="2019-01-29T17:40:00+00:00">29</time></article>',
        url="https://example.org/x",
    )
    assert result.published == datetime(2019, 1, 28, 9, 12, tzinfo=UTC)
    assert result.modified == datetime(2019, 1, 29, 17, 40, tzinfo=UTC)
    assert result.date_source == "time-element"


def test_byline_element_when_no_structured_author() -> None:
    result = metadata(
        '<meta property="og:site_name" content="Harbour Ledger">',
        '<div class="c-byline">By <a href="/author/x/">Jordan Vale</a> and Sam Lee, Harbour '
        "Ledger</div>",
    )
    assert result.authors == ("Jordan Vale", "Sam Lee")


def test_profile_url_in_article_author_is_not_a_name() -> None:
    result = metadata(
        '<meta property="article:author" content="https://www.facebook.com/someprofile">'
        '<meta name="author" content="Rita Castellanos">'
    )
    assert result.authors == ("Rita Castellanos",)


def test_canonical_and_description() -> None:
    result = metadata(
        '<link rel="canonical" href="/news/1/">'
        '<meta property="og:description" content="  Summary   text. ">'
    )
    assert result.declared_canonical == "/news/1/"
    assert result.description == "Summary text."


def test_printed_headline_beats_a_rewritten_social_title() -> None:
    # Social and search titles are often rewritten; the reader sees (and cites) the <h1>.
    result = metadata(
        '<meta property="og:title" content="Is the ferry deal actually good for islanders?">'
        "<title>Ferry deal, as judged by islanders - Harbour Ledger</title>",
        "<div class='hero'><h1>How the island ferry finally got its second boat</h1></div>",
    )
    assert result.title == "How the island ferry finally got its second boat"


def test_headline_outside_the_article_element_is_still_the_headline() -> None:
    result = metadata(
        '<meta name="twitter:title" '
        'content="Harbour council approves budget - Harbour Ledger Today">',
        "<h1>Harbour council approves budget</h1><article><p>Text.</p></article>",
    )
    assert result.title == "Harbour council approves budget"


def test_logo_heading_of_three_words_is_not_the_title() -> None:
    result = metadata(
        '<meta property="og:title" content="The real headline">',
        '<h1><a href="https://www.example.org/">The Harbour Ledger</a></h1>',
    )
    assert result.title == "The real headline"


def test_kicker_printed_inside_the_heading_is_left_out() -> None:
    result = metadata(
        '<meta property="og:title" content="What the harbour owes its pilots">',
        "<h1><span>Opinion</span> What the harbour owes its pilots</h1>",
    )
    assert result.title == "What the harbour owes its pilots"


def test_escaped_entities_in_json_ld_headline_are_decoded() -> None:
    result = metadata(
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Port to seize &#8216;idle&#8217; cranes"}</script>'
    )
    assert result.title == "Port to seize ‘idle’ cranes"


def test_site_name_is_not_a_title_and_media_labels_are_dropped() -> None:
    result = metadata(
        '<meta property="og:site_name" content="Harbour+Ledger">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
        '"Harbour+Ledger"}</script>'
        '<meta property="og:title" content="Crane operators strike at dawn (video)">'
    )
    assert result.title == "Crane operators strike at dawn"


def test_byline_outlet_part_and_hidden_duplicate_are_not_names() -> None:
    result = metadata(
        "",
        '<div class="byline-section"><span class="author"><a href="/staff/1/">Mara Quint</a></span>'
        ' <span class="publication">Harbour Ledger Network</span>'
        '<figcaption class="visually-hidden">Mara Quint</figcaption></div>',
    )
    assert result.authors == ("Mara Quint",)


def test_other_stories_bylines_are_not_this_storys() -> None:
    result = metadata(
        "",
        '<div class="byline">By Mara Quint</div>'
        '<ul class="more"><li><div class="byline">By Olu Bright</div></li>'
        '<li><div class="byline">By Tessa Marr</div></li></ul>',
    )
    assert result.authors == ("Mara Quint",)


def test_contributors_listed_as_authors_in_json_ld_are_left_out() -> None:
    result = metadata(
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": ['
        '{"@type": "Person", "name": "Mara Quint"}, {"@type": "Person", "name": "Olu Bright"}]}'
        "</script>",
        '<div class="byline">By <a href="/author/mq/">Mara Quint</a> Contributions from'
        ' <a href="/author/ob/">Olu Bright</a> last updated 3 May 2023</div>',
    )
    assert result.authors == ("Mara Quint",)
    assert result.provenance["authors"] == "json-ld+byline"


def test_printed_second_author_missing_from_json_ld_is_added() -> None:
    result = metadata(
        '<meta property="og:site_name" content="Harbour Ledger">'
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "author": {"@type": "Person", "name": "Mara Quint"}}</script>',
        '<div class="byline">By Mara Quint and Olu Bright, Harbour Ledger</div>',
    )
    assert result.authors == ("Mara Quint", "Olu Bright")


def test_printed_institution_is_not_a_second_author() -> None:
    result = metadata(
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "author": {"@type": "Person", "name": "Mara Quint"}}</script>',
        '<p class="byline">by Mara Quint, National Institute of Harbour Studies</p>',
    )
    assert result.authors == ("Mara Quint",)


def test_regional_wire_service_is_an_agency_not_an_author() -> None:
    result = metadata('<meta name="author" content="ANI">')
    assert result.authors == ()
    assert result.agencies == ("Asian News International",)


def test_as_told_to_byline_names_the_writer() -> None:
    result = metadata(
        "",
        '<div class="author-info"><a class="author-name" href="/author/jd/">'
        "Amie Roe as told to Jana Dale</a></div>",
    )
    assert result.authors == ("Jana Dale",)


def test_profile_link_inside_prose_is_a_mention_not_a_byline() -> None:
    result = metadata(
        "",
        "<article><p>The promoter said <a href='/people/rico-vance/'>Rico Vance</a> would not"
        " fight again this year, whatever the offer, and the rematch is off.</p></article>",
    )
    assert result.authors == ()


def test_profile_link_in_a_short_question_is_a_mention_not_a_byline() -> None:
    result = metadata(
        "",
        "<article><p>Guess what <a href='/people/rico-vance/'>Rico Vance</a> won't do on "
        "Saturday?</p><p>He will not be watching the fight.</p></article>",
    )
    assert result.authors == ()


def test_profile_links_in_the_topic_list_are_subjects_not_authors() -> None:
    result = metadata(
        "",
        "<article><p>The rapper died in his sleep on Sunday.</p>"
        "<section class='tag-cloud'><ul><a href='/people/rico-vance/'>Rico Vance</a>"
        "<a href='/people/dee-lane/'>Dee Lane</a></ul></section></article>",
    )
    assert result.authors == ()


def test_profile_link_in_a_byline_with_job_and_outlet_is_the_author() -> None:
    result = metadata(
        "",
        "<div class='story-meta'><span>By <a href='/author/jana-dale/'>Jana Dale</a>, Staff "
        "Writer, Harbour Ledger</span></div><article><p>The rapper died on Sunday.</p></article>",
    )
    assert result.authors == ("Jana Dale",)


def test_utc_publication_time_takes_the_zone_the_page_prints() -> None:
    result = metadata(
        '<meta property="article:published_time" content="2023-12-23T03:22:07Z">',
        '<div class="timestamp"><time datetime="2023-12-22T22:22:07-0500">'
        "Dec 22, 2023, 10:22 PM EST</time></div>",
        url="https://example.org/x",
    )
    assert result.published.isoformat() == "2023-12-22T22:22:07-05:00"


def test_printed_clock_without_zone_gives_the_offset() -> None:
    result = metadata(
        '<meta property="article:published_time" content="2023-12-23T03:00:46Z">',
        '<div class="article-datePublished">December 22, 2023 10:00 PM</div>',
        url="https://example.org/x",
    )
    assert result.published.isoformat() == "2023-12-22T22:00:46-05:00"


def test_utc_time_takes_the_zone_of_a_classless_printed_stamp() -> None:
    # The byline's stamp sits in a span with a generated class, not a date-classed element.
    result = metadata(
        '<meta property="article:published_time" content="2023-12-22T20:09:51Z">',
        '<div class="hd"><span class="sc-9f2 bb">December 22, 2023 at 3:09 p.m. EST</span></div>'
        "<article><p>The council voted on Friday.</p></article>",
        url="https://example.org/x",
    )
    assert result.published.isoformat() == "2023-12-22T15:09:51-05:00"


def test_utc_time_takes_the_offset_of_a_classless_zoneless_stamp() -> None:
    result = metadata(
        '<meta property="article:published_time" content="2023-12-22T23:47:53Z">',
        '<div class="hd"><span class="x9">Published: Dec 22, 2023 at 06:47 PM</span></div>',
        url="https://example.org/x",
    )
    assert result.published.isoformat() == "2023-12-22T18:47:53-05:00"


def test_offset_time_keeps_its_declared_zone_against_zoneless_clocks() -> None:
    # The page gave its zone; a printed clock without one (often the rendering server's UTC),
    # a naive datetime attribute and an update's stamp name none.
    result = metadata(
        '<meta property="article:published_time" content="2023-12-18T22:57:00-05:00">',
        '<time datetime="2023-12-19T03:57:00"></time><span class="x2">Dec 19, 2023 3:57 AM</span>'
        '<span class="x1">Updated Dec 19, 2023 4:57 AM</span>',
        url="https://example.org/x",
    )
    assert result.published.isoformat() == "2023-12-18T22:57:00-05:00"


def test_teaser_list_times_are_not_the_storys_date() -> None:
    result = metadata(
        "",
        "<div class='main'><small>posted on 2023-12-19 23:30 EST by Kim Ode</small></div>"
        "<ul class='latest'><li><time datetime='2023-12-24T13:05:00-05:00'>13:05</time></li></ul>",
        url="https://example.org/x",
    )
    assert result.published.isoformat() == "2023-12-19T23:30:00-05:00"
    assert result.date_source == "labelled"


def test_label_and_date_in_separate_elements() -> None:
    result = metadata(
        "",
        "<dl><dt>Date:</dt><dd>December 13, 2023</dd><dt>Source:</dt><dd>Harbour U</dd></dl>"
        "<div class='related'><span class='story-date'>July 18, 2023</span></div>",
        url="https://example.org/x",
    )
    assert result.published == date(2023, 12, 13)


def test_updated_label_is_not_the_publication_date() -> None:
    result = metadata("", "<p>Updated: Dec 22, 2023</p>", url="https://example.org/x")
    assert result.published is None


def test_headline_is_the_articles_h1_not_an_earlier_page_h1() -> None:
    result = metadata(
        "<title>Site name</title>",
        "<div class='promo'><h1>Sign up for the Harbour Ledger briefing</h1></div>"
        "<article><header><h1>Ferry fares to rise in spring</h1></header>"
        "<p>The operator said fares would rise by a tenth.</p></article>",
    )
    assert result.title == "Ferry fares to rise in spring"


def test_loose_by_line_in_the_headline_block_names_the_author() -> None:
    # No byline element, no profile link: the name is loose text after the date under the
    # headline. A picture credit there ("Photos by …") is no author, nor a "by" in the story.
    result = metadata(
        "",
        "<div id='page-title'><h1>Harbour ferry resumes service</h1>"
        "<small>posted on <time datetime='2023-12-19T23:30:00-05:00'>2023-12-19</time></small>"
        " by Lena Morales Ortiz </div><div class='content'>"
        "<p>The ferry resumed on Tuesday after repairs to its hull were completed by the yard "
        "crews, the port authority said in a statement.</p></div>",
        url="https://example.org/x",
    )
    assert result.authors == ("Lena Morales Ortiz",)
    assert result.provenance["authors"] == "headline-byline"


def test_picture_credit_or_prose_after_the_headline_is_no_author() -> None:
    result = metadata(
        "",
        "<div><h1>Harbour ferry resumes service</h1><span>Photos by Ana Ruiz</span></div>"
        "<p>The ferry resumed on Tuesday after repairs to its hull were completed by the yard "
        "crews, the port authority said in a statement.</p><p>By Friday Evening Ferries</p>",
        url="https://example.org/x",
    )
    assert result.authors == ()
