"""The commands that made the shipped e5 adapters, as a missing file's error names them."""

from pathlib import Path

import pytest

from mentiondesk.models import ConfigError
from sentiment import _e5_adapter

TUNING = Path(_e5_adapter.__file__).parent / "tuning"


def test_a_missing_shipped_adapter_names_the_command_that_made_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_e5_adapter, "MODELS", tmp_path)
    made_by = (
        r"(?s)is missing; rebuild it with.*--limit 20000 .*then:.*"
        r"--start-from e5-adapter-pt-public\.npz .*--out sentiment/models/e5-adapter-pt"
    )
    with pytest.raises(ConfigError, match=made_by):
        _e5_adapter.load(tmp_path / "e5-adapter-pt.npz")


@pytest.mark.parametrize("name", sorted(_e5_adapter.REBUILD))
def test_each_rebuild_step_goes_on_from_the_last_and_ends_at_the_shipped_file(name: str) -> None:
    steps = [step.split() for step in _e5_adapter.REBUILD[name].split("\nthen:\n")]
    outs = [step[step.index("--out") + 1] for step in steps]
    starts = [step[step.index("--start-from") + 1] for step in steps[1:]]
    assert starts == outs[:-1]
    assert outs[-1] == f"sentiment/models/{name}"
    # Every folder of training posts we wrote for the adapter's language is in its recipe.
    language = "pt" if name == _e5_adapter.PORTUGUESE_PATH.name else "en"
    written = {
        f"sentiment/tuning/{folder.name}"
        for folder in TUNING.glob(f"brand-mentions-{language}*")
        if (folder / "train_text.txt").exists()  # not the val-only tuning set
    }
    assert written and written <= {word for step in steps for word in step}
