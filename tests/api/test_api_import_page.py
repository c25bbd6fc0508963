"""The web Import page: editors upload files and see the CLI's summary, file by file."""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import func, select

from claims_app.articles.models import Article

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _upload(client, *files: tuple[bytes, str]):
    data = {"files": [(io.BytesIO(content), name) for content, name in files]}
    return client.post("/import", data=data, content_type="multipart/form-data")


def _seed_files() -> list[tuple[bytes, str]]:
    return [(p.read_bytes(), p.name) for p in sorted(SEEDS.glob("*.txt"))]


def test_editor_sees_the_import_form(client, auth) -> None:
    auth.login("editor")
    response = client.get("/import")
    assert response.status_code == 200 and b'type="file"' in response.data


def test_uploading_the_seeds_imports_them_and_shows_the_summary(
    client, session, auth
) -> None:
    auth.login("editor")
    seeds = _seed_files()
    response = _upload(client, *seeds)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"imported: {len(seeds)}, already present: 0, failed: 0" in page
    assert seeds[0][1] in page and "claims-import-" not in page
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Article)) == len(seeds)


def test_uploading_the_same_seed_again_says_already_present(client, auth) -> None:
    auth.login("editor")
    seed = _seed_files()[:1]
    _upload(client, *seed)
    page = _upload(client, *seed).get_data(as_text=True)
    assert "imported: 0, already present: 1, failed: 0" in page


def test_bad_file_is_named_with_its_problem_and_the_rest_import(client, auth) -> None:
    auth.login("editor")
    response = _upload(client, _seed_files()[0], (b"\x00\x01", "notes.pdf"))
    page = response.get_data(as_text=True)
    assert "imported: 1, already present: 0, failed: 1" in page
    assert "notes.pdf" in page and "unsupported file type" in page


def test_uploaded_names_are_sanitised(client, auth) -> None:
    auth.login("editor")
    page = _upload(client, (b"x", "../../etc/evil.pdf")).get_data(as_text=True)
    assert "unsupported file type" in page and "failed: 1" in page


def test_viewer_cannot_open_the_import_page(client, auth) -> None:
    auth.login("viewer")
    assert client.get("/import").status_code == 403


def test_viewer_cannot_upload(client, session, auth) -> None:
    auth.login("viewer")
    assert _upload(client, *_seed_files()[:1]).status_code == 403
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Article)) == 0


def test_too_large_upload_is_413_with_a_message(app, client, auth) -> None:
    auth.login("editor")
    app.config["MAX_CONTENT_LENGTH"] = 2048
    try:
        response = _upload(client, (b"x" * 10_000, "big.txt"))
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 60 * 1024 * 1024
    assert response.status_code == 413
    assert "larger than the 2048 bytes this server accepts" in response.get_data(as_text=True)


def test_upload_without_files_is_refused_with_a_message(client, auth) -> None:
    auth.login("editor")
    response = client.post("/import", data={}, content_type="multipart/form-data")
    assert response.status_code == 400 and "Choose at least one file" in response.get_data(
        as_text=True)
