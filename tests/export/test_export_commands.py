"""The ``export`` and ``load-export`` commands: options reach the export, files are written;
the old name ``restore`` still loads, and says it is old."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from claims_app.claims.models import Claim
from claims_app.export.commands import export_command, load_export_command


def test_export_command_writes_jsonl_to_stdout(runner, session, sample) -> None:
    result = runner.invoke(export_command, ["--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == sorted(
        sample.claims.values())


def test_export_command_passes_filters(runner, session, sample) -> None:
    result = runner.invoke(export_command, ["--format", "jsonl", "--tag", "talks",
                                            "--said-to", "2020-12-31", "--reviewed-only"])
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        sample.claims["c4"]]


def test_export_command_uses_the_base_url_for_claim_links(runner, session, sample) -> None:
    result = runner.invoke(export_command, ["--format", "claimreview",
                                            "--base-url", "https://facts.test/"])
    assert json.loads(result.stdout)[0]["url"] == f"https://facts.test/claims/{sample.claims['c1']}"


def test_export_command_links_to_the_configured_base_url_by_default(runner, session,
                                                                   sample) -> None:
    result = runner.invoke(export_command, ["--format", "csv"])
    assert result.exit_code == 0, result.output
    assert f"http://claims.test/claims/{sample.claims['c1']}" in result.output


def test_export_command_refuses_a_malformed_base_url(runner, session, sample) -> None:
    result = runner.invoke(export_command, ["--format", "csv", "--base-url", "claims.test"])
    assert result.exit_code == 2 and "--base-url" in result.output


def test_export_command_names_the_configured_organization(runner, app, session, sample) -> None:
    result = runner.invoke(export_command, ["--format", "claimreview"])
    assert json.loads(result.stdout)[0]["author"]["name"] == app.config["ORGANIZATION_NAME"]


def test_export_command_writes_a_file_and_leaves_no_partial_file(
    runner, session, sample, tmp_path
) -> None:
    target = tmp_path / "claims.csv"
    result = runner.invoke(export_command, ["--format", "csv", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"\xef\xbb\xbfclaim_id,")
    assert [p.name for p in tmp_path.iterdir()] == ["claims.csv"]


def test_export_command_refuses_an_unknown_status(runner, session) -> None:
    result = runner.invoke(export_command, ["--status", "maybe"])
    assert result.exit_code == 2 and "maybe" in result.output


def test_load_export_loads_an_export_and_reports(runner, session, sample, tmp_path) -> None:
    path = tmp_path / "all.json"
    assert runner.invoke(export_command, ["--output", str(path)]).exit_code == 0
    session.execute(Claim.__table__.delete().where(Claim.id == sample.claims["c3"]))
    result = runner.invoke(args=["load-export", str(path), "--as-user", "admin"])
    assert result.exit_code == 0, result.output
    assert "claims: 1 loaded, 3 already present" in result.stdout
    assert "note:" not in result.output
    assert session.scalar(select(func.count(Claim.id))) == 4


def test_the_old_name_restore_still_loads_and_says_it_is_now_load_export(
    runner, session, sample, tmp_path
) -> None:
    path = tmp_path / "all.json"
    assert runner.invoke(export_command, ["--output", str(path)]).exit_code == 0
    session.execute(Claim.__table__.delete().where(Claim.id == sample.claims["c3"]))
    result = runner.invoke(args=["restore", str(path), "--as-user", "admin"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "note: `claims-app restore` is now `claims-app load-export`; the old name will go."]
    assert "claims: 1 loaded, 3 already present" in result.stdout
    assert session.scalar(select(func.count(Claim.id))) == 4


def test_help_lists_the_new_names_and_hides_the_old_ones(runner) -> None:
    listed = runner.invoke(args=["--help"]).output.split("Commands:")[1]
    names = {line.split()[0] for line in listed.splitlines() if line.startswith("  ")}
    assert {"load-export", "backup"} <= names
    assert not names & {"restore", "restore-backup"}


def test_load_export_refuses_a_broken_file_with_its_name(runner, session, tmp_path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    result = runner.invoke(load_export_command, [str(path)])
    assert result.exit_code == 1 and "broken.json:1" in result.output
