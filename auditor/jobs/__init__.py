"""The audit as jobs: one site, or the sites of one host, crawled and judged into a shard.

``plan.py`` groups the registry into jobs, ``queue.py`` keeps them in the audit's store (so an
interrupted dispatcher resumes), ``shard.py`` seals, checks and merges shards, ``local.py`` runs
jobs in worker processes of this machine, and ``dispatch.py`` drives them. The spider of a job
is ``auditor.spiders.shard`` (a Scrapy spider, so that Scrapyd can run it too).
"""
