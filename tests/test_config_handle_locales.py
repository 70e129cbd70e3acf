"""`[playbooks] handle_locales` reads a locale in any case, as `default_lang`, `[routing]
language` and `[desk] language` do: a team in Portugal writing "pt-pt" or "pt_PT" gets
Portugal's templates, not a refusal at start-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from tests.helpers import write_config, write_mentions


@pytest.mark.parametrize("written", ["pt-PT", "pt-pt", "PT-PT", "pt_PT", " pt-PT "])
def test_a_handle_locale_is_read_in_any_case(tmp_path: Path, written: str) -> None:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    extra = f'\n[playbooks]\nhandle_locales = {{ "@sumolverde_pt" = "{written}" }}\n'
    path = write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=extra)
    assert load_config(path).settings.playbooks.handle_locales == {"@sumolverde_pt": "pt-PT"}
