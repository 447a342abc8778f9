"""LibreOffice headless, shared by the tests that turn generated documents into PDFs."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice")


def soffice_convert(files: list[Path], outdir: Path, profile: Path) -> None:
    """All files in one call: LibreOffice takes seconds to start. A private profile keeps
    parallel runs from handing their work to each other's LibreOffice."""
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
        check=True, capture_output=True, timeout=300,
    )
