"""ltv.check: the obligations as `ltv check` runs them, returned as results.json's document."""

import json

import pytest

import ltv

ONLY = "V24.STATS"


def test_check_equals_the_cli(run_cli, tmp_path):
    ours = ltv.check(only=ONLY, seed=3, cases=5)  # runs the binary of this build (python/ltv/checks.py)
    run_cli("check", "--only", ONLY, "--seed", 3, "--cases", 5, "--json", tmp_path / "r.json")
    cli = json.loads((tmp_path / "r.json").read_text())
    assert [o["id"] for o in ours["obligations"]] == [ONLY]

    def without_times(doc):
        doc = json.loads(json.dumps(doc))
        doc.pop("generated", None)
        for o in doc["obligations"]:
            o.pop("seconds", None)
        return doc

    assert without_times(ours)["obligations"] == without_times(cli)["obligations"]
    assert ours["obligations"][0]["verdict"] == "HOLDS"


def test_catalogue_lists_every_obligation(run_cli):
    ids = [i for i, _, _ in ltv.catalogue()]
    listed = [line.split()[0] for line in run_cli("check", "--list").stdout.splitlines() if line.strip()]
    assert ids == listed


def test_no_match_is_a_value_error():
    with pytest.raises(ValueError, match="no obligation matches 'NOPE'"):
        ltv.check(only="NOPE")
