"""Who may do what: the roles and what each allows (``roles``), the app's local accounts with
their hashed passwords and lock-out (``users``), and the append-only audit trail (``audit``).
Imports from kb only ``errors`` and ``store``."""
