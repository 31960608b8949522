"""The prebuilt, sharded search index and the worker that reads it."""
