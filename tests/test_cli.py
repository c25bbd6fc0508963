"""The claims-app command line, run through Flask's CLI runner on the test database."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import func, select

from claims_app.accounts.models import Role, User
from claims_app.articles.models import Article
from claims_app.claims.models import Claim

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_import_command_reports_summary(runner, session) -> None:
    result = runner.invoke(args=["import", "--quiet", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert "imported: 5, already present: 0, failed: 0" in result.output


def test_import_command_says_where_the_time_went(runner, session) -> None:
    result = runner.invoke(args=["import", "--quiet", str(SEEDS)])
    line = next(x for x in result.output.splitlines() if x.startswith("time: "))
    assert [part.split()[0] for part in line.removeprefix("time: ").split(", ")] == [
        "read", "extract", "index", "write"]


def test_import_command_says_how_long_it_held_the_write_lock(runner, session) -> None:
    """The figure that decides how long a reviewer's save waits beside an import."""
    result = runner.invoke(args=["import", "--quiet", str(SEEDS)])
    line = next(x for x in result.output.splitlines() if x.startswith("write lock: "))
    assert re.fullmatch(r"write lock: \d+ transactions, the longest held it \d+\.\d\d s", line)


def test_import_command_shows_progress_in_articles(runner, session) -> None:
    result = runner.invoke(args=["import", str(SEEDS)])
    assert "5 article" in result.stderr and "file 5 of 5" in result.stderr


def test_import_command_exits_non_zero_when_a_file_fails(runner, session, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(args=["import", "--quiet", str(tmp_path)])
    assert result.exit_code == 1
    assert "failed: 1" in result.output
    assert f"{tmp_path / 'empty.txt'}: the file is empty" in result.output


def test_import_twice_says_already_present(runner, session) -> None:
    runner.invoke(args=["import", "--quiet", str(SEEDS)])
    result = runner.invoke(args=["import", "--quiet", str(SEEDS)])
    assert "imported: 0, already present: 5" in result.output
    assert session.scalar(select(func.count()).select_from(Article)) == 5


def test_users_create_stores_a_hashed_password(runner, session) -> None:
    result = runner.invoke(args=["users", "create", "ana", "--role", "reviewer",
                                 "--password", "a-long-passphrase"])
    assert result.exit_code == 0, result.output
    user = session.scalar(select(User).where(User.username == "ana"))
    assert user.role is Role.REVIEWER
    assert user.password_hash.startswith("$argon2id$")


def test_users_create_refuses_a_weak_password_with_the_reason(runner, session) -> None:
    result = runner.invoke(args=["users", "create", "bo", "--password", "short"])
    assert result.exit_code == 1
    assert "at least 10 characters" in result.output


def test_users_create_if_missing_is_idempotent(runner, session) -> None:
    args = ["users", "create", "demo", "--password", "check-the-quotes-24", "--if-missing"]
    runner.invoke(args=args)
    result = runner.invoke(args=args)
    assert result.exit_code == 0 and "already exists" in result.output


def test_users_set_role_and_list(runner, session) -> None:
    runner.invoke(args=["users", "create", "cy", "--password", "another-passphrase"])
    runner.invoke(args=["users", "set-role", "cy", "editor"])
    result = runner.invoke(args=["users", "list"])
    assert "cy\teditor\tactive" in result.output


def test_users_deactivate(runner, session) -> None:
    runner.invoke(args=["users", "create", "di", "--password", "another-passphrase"])
    result = runner.invoke(args=["users", "deactivate", "di"])
    assert result.exit_code == 0
    assert "di\tviewer\tdeactivated" in runner.invoke(args=["users", "list"]).output


def test_db_current_says_up_to_date(runner) -> None:
    result = runner.invoke(args=["db", "current"])
    assert "up to date" in result.output


def test_extract_command_rerun_changes_nothing_on_a_freshly_imported_article(runner,
                                                                            session) -> None:
    runner.invoke(args=["import", "--quiet", str(SEEDS)])
    article_id = session.scalar(select(func.min(Article.id)))
    count = session.scalar(select(func.count(Claim.id)).where(Claim.article_id == article_id))
    result = runner.invoke(args=["extract", str(article_id)])
    assert result.exit_code == 0, result.output
    assert (f"article {article_id}: 0 added, 0 changed, 0 removed, {count} unchanged; "
            "0 left as reviewers made them") in result.output


def test_extract_command_names_an_unknown_article(runner, session) -> None:
    result = runner.invoke(args=["extract", "999999"])
    assert result.exit_code == 1 and "There is no article 999999." in result.output
