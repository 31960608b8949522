"""digest: curated news digests as a fast, searchable, offline-ready MkDocs site."""

__version__ = "0.1.0"
