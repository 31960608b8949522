"""`digest import`: news feeds, saved pages, OPML lists and URLs to seeds with sidecars.

The pieces, in the order an import runs them: `sources` tells what each SOURCE is, `fetch`
gets `http(s)` sources politely and refuses local addresses, `feeds`/`opml`/`pages` turn what
was read into `Article`s (`metadata` reads a page's own JSON-LD/OpenGraph/meta and dates),
`dedupe` recognises what is already among the seeds, `seeds` writes new seeds (or refreshes a
sidecar under `--update`), and `run` ties them together and reports one line per item.
Nothing here runs during `digest build` or `mkdocs build`: import is the only command that
may reach the network."""
