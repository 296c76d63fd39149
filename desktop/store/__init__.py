"""The local SQLite store: journal, projections, audit, lookups and importers. No Qt."""

from desktop.store.store import Device, Store, StoreError, open_store

open = open_store  # `store.open(data_dir)` reads naturally at call sites

__all__ = ["Device", "Store", "StoreError", "open", "open_store"]
