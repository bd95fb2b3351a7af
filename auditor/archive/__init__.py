"""The audit's web archive: every response the audit judges, kept as WARC 1.1 records
(docs/evidence.md). ``warcfile`` writes and recovers one site's file, ``recorder`` is the
downloader middleware that feeds it, ``verify`` re-checks the store's digests against it."""
