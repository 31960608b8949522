"""The corpus stage: names across seeds, curation, collections, editions, the address ledger."""
