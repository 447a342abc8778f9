"""The ``kb`` command's sub-commands by concern (``kb/cli.py`` is the group and the commands
that import, list and export): searching and asking, reviewing tasks, accounts and the audit
trail. Like the app, they import only ``kb``."""
