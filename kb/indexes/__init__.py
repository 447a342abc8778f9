"""The KB's view of its keyword and vector indexes: store rows as index entries and the
committed indexes as readers see them (``reader``), kept in step with the store by the one
writer (``writer``). Imports ``index``, the store and kb's config and errors."""
