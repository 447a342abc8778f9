"""A person's corrections to the task table: what a reviewer can do to a task (``changes``) and
how an edited 任务分工表 comes back in. The rows and how they make the table people read are in
``kb/store/reviews.py``. Imports from kb only ``errors``, ``store`` and ``accounts``."""
