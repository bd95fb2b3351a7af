"""The site registry: which sites to audit (load.py), and the tools that build and check one:
discovery from a provincial portal (discover.py), the check against the official list of
administrative units (units.py, check.py) and CSV in and out (tabular.py)."""

from auditor.registry.load import (AUDIT_KEYS, LEVELS, SITE_KEYS, STATUSES, Registry,
                                   RegistryError, Site, load_registry, registry_for_url)

__all__ = ["AUDIT_KEYS", "LEVELS", "SITE_KEYS", "STATUSES", "Registry", "RegistryError", "Site",
           "load_registry", "registry_for_url"]
