"""digest: curated news digests as a fast, searchable, offline-ready MkDocs site.

Published as `mkdocs-news-digest`; the version here is the one its metadata carries."""

__version__ = "0.1.0"
