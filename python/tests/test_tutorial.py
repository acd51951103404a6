"""docs/python.md's ```python blocks, run in order in one namespace (in a temporary directory)."""

import os
import re

DOC = os.path.join(os.environ.get("LTV_SOURCE_DIR", "."), "docs", "python.md")


def test_the_tutorial_runs(tmp_path, monkeypatch):
    text = open(DOC, encoding="utf-8").read()
    blocks = re.findall(r"^```python\n(.*?)^```$", text, flags=re.S | re.M)
    assert len(blocks) >= 4, "docs/python.md lost its code blocks"
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "tutorial"}
    for i, block in enumerate(blocks):
        exec(compile(block, f"docs/python.md block {i + 1}", "exec"), namespace)
    assert (tmp_path / "one_layer_loss.png").stat().st_size > 1000
