"""Answers without a model: the question read (``question``, English through ``translate``),
the rule tables (``rules``), what it is about (``topic``), candidates and calibrated confidence
(``candidates``), clause answers (``clauses``), all assembled by ``ask``. Imports the indexes,
search and kb's models; nothing of the app or the tables."""
