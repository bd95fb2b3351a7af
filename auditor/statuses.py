"""The statuses a site can have, and what they mean to the judging and the reports.

A registry names each unit's status (``UNIT_STATUSES``); a unit abolished or merged in the 2025
reorganisation (``ABOLISHED``) keeps its site only to close or redirect it. A crawl ends a
site as ``ok``, ``partial``, ``unreachable`` or ``blocked``; the first two (``REACHED``) mean its
content was inspected, so site rules judge it and the reports assess it.
"""

UNIT_STATUSES = ("active", "merged", "abolished")
ABOLISHED = ("abolished", "merged")
REACHED = ("ok", "partial")
