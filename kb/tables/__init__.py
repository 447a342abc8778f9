"""The 任务分工表 as people take it away: rows and files (xlsx, csv, jsonl in ``export``;
.ics in ``ics``) and deadline tracking (``tracking``). Plain functions over task rows; imports
from kb only ``errors``."""
