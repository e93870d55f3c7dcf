"""Extraction stage: fetched HTML (or plain text) → `Article`.

Pure functions, plus `read_page` for saved files; no spaCy import. The NLP stage reads
`Article.body` and the paragraph offsets; the store writes the contract fields.
"""

from presswatch.common.urls import canonicalize_url, identity_key, source_id_for_url

from .extractor import extract_article
from .files import read_page
from .model import Article, Embed, Paragraph
from .plain_text import article_from_plain_text

__all__ = [
    "Article",
    "Embed",
    "Paragraph",
    "article_from_plain_text",
    "canonicalize_url",
    "extract_article",
    "identity_key",
    "read_page",
    "source_id_for_url",
]
