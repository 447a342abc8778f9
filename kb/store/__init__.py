"""The store, the source of truth: the interface both engines share (``interface``), the
SQLite and PostgreSQL engines, the schema, task filters as SQL and the KB write lock. The
engine is picked by ``factory``, the only module that imports both; an engine imports the
interface, never the other engine. Imports from kb only ``errors`` and ``config``."""
