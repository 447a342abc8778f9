"""Uploads in the app: checking a file's name and size, saving it in the KB home and
ingesting it; and the HTTP header that keeps the page from fetching anything elsewhere.
No Streamlit import."""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from ingest.models import Document
from ingest.readers import SUPPORTED_SUFFIXES
from kb.accounts.roles import Actor, require
from kb.base import KnowledgeBase
from kb.intake import IngestResult

# What the uploader accepts: the formats ``kb ingest`` reads.
UPLOAD_SUFFIXES = SUPPORTED_SUFFIXES
UPLOADS_DIR = "uploads"
UPLOAD_NAME_MAX_CHARS = 100
# Word characters of any script (CJK included), digits and a few harmless marks; everything
# else (slashes, quotes, control and shell characters) becomes "_".
UNSAFE_NAME_CHARS = re.compile(r"[^\w.\-()（）《》〔〕【】]+")

STATUS_WORDS = {
    "added": "已导入",
    "replaced": "已更新（替换了同名文件的旧版本）",
    "duplicate": "已在知识库中（内容相同，未重复导入）",
    "error": "导入失败",
}

# --- uploads -----------------------------------------------------------------------------

def safe_file_name(name: str) -> str:
    """A file name that is safe to create (uploads) or offer (downloads): no folders, no
    hidden files, readable characters kept (Chinese included), the suffix lower-cased."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = UNSAFE_NAME_CHARS.sub("_", stem).strip("._- ")[:UPLOAD_NAME_MAX_CHARS] or "upload"
    suffix = re.sub(r"[^a-z0-9]", "", suffix.lower())
    return f"{stem}.{suffix}" if suffix else stem


def upload_problem(name: str, size: int, max_mb: int) -> str:
    """Why an upload is refused before it is written to disk, in plain words; "" if it is fine."""
    suffix = Path(safe_file_name(name)).suffix
    if suffix not in UPLOAD_SUFFIXES:
        shown = f"“{suffix}”" if suffix else "（没有后缀）"
        allowed = "、".join(s.lstrip(".") for s in UPLOAD_SUFFIXES)
        return f"不支持的文件类型{shown}。请上传 {allowed} 文件。"
    if size == 0:
        return "文件是空的（0 字节），没有可导入的内容。"
    if size > max_mb * 1024 * 1024:
        return f"文件太大（{size / 1024 / 1024:.1f} MB），上限是 {max_mb} MB。"
    return ""


def ingest_upload(kb: KnowledgeBase, name: str, data: bytes, actor: Actor | None = None,
                  on_wait: Callable[[str], None] | None = None,
                  on_page: Callable[[int, int], None] | None = None) -> IngestResult:
    """Check an uploaded file, save it as uploads/<safe name> in the KB home and ingest it as
    ``actor`` (None: the KB's default, the local user; the KB refuses a role that may not
    import, and so does this before it writes anything; ``on_wait`` hears why, if another
    import makes it wait; ``on_page(done, total)`` pages read by OCR).

    The same name uploaded again is a new version of that file (the KB replaces it). uploads/
    keeps only files the KB holds: after a failure or a duplicate the folder is put back as
    it was. Errors come back without the server-side path, which means nothing to the user."""
    if actor is not None:
        require(actor, "import")
    problem = upload_problem(name, len(data), kb.config.max_file_mb)
    if problem:
        return IngestResult(name, "error", error=problem)
    folder = Path(kb.config.home) / UPLOADS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = (folder / safe_file_name(name)).resolve()
    previous = path.read_bytes() if path.exists() else None
    write_atomically(path, data)
    result = kb.ingest_file(path, on_wait=on_wait, on_page=on_page, actor=actor)
    if result.status in ("error", "duplicate"):
        if previous is None:
            path.unlink()
        else:
            write_atomically(path, previous)
    result.error = result.error.removeprefix(f"{path}: ")
    return result


def remove_documents(kb: KnowledgeBase, doc_ids: list[str], actor: Actor) -> list[Document]:
    """Remove documents as ``actor`` (the KB checks the role), and the uploaded files among
    them from uploads/, which keeps only files the KB holds."""
    removed = kb.remove_many(doc_ids, actor=actor)
    folder = (Path(kb.config.home) / UPLOADS_DIR).resolve()
    for doc in removed:
        path = Path(doc.path).resolve() if doc.path else None
        if path is not None and path.parent == folder:
            path.unlink(missing_ok=True)
    return removed


def write_atomically(path: Path, data: bytes) -> None:
    """Readers never see a half-written file: write aside, then rename into place."""
    part = path.with_name(path.name + ".part")
    part.write_bytes(data)
    os.replace(part, path)


# --- the HTTP header ---------------------------------------------------------------------

# Images, media and fonts only from the app itself (and the data:/blob: URLs Streamlit makes):
# whatever text a document holds, the browser never fetches an address outside the app.
CONTENT_SECURITY_POLICY = "img-src 'self' data: blob:; media-src 'self' data: blob:; font-src 'self' data:"


class ContentSecurityPolicy:
    """ASGI middleware adding CONTENT_SECURITY_POLICY to every HTTP response (app.py serves
    the app through st.App with it; Streamlit has no setting for the header)."""

    def __init__(self, app, policy: str = CONTENT_SECURITY_POLICY):
        self.app = app
        self.header = (b"content-security-policy", policy.encode("ascii"))

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_policy(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), self.header]}
            await send(message)

        await self.app(scope, receive, send_with_policy)
