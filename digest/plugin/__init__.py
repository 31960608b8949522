"""The MkDocs adapter: a thin plugin that delegates to the pipeline (`adapter.DigestPlugin`)."""
