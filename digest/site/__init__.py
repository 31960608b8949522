"""The site stage: a pure function from the Corpus to Markdown pages and feeds."""
