"""Whether a folder holds a saved Hugging Face model the `transformers` classifier can load:
checked at check-config and start-up, naming the file and the fix, not at the first mention."""

from __future__ import annotations

import json
import os
from pathlib import Path

# Any of these says a tokenizer was saved in a model's folder (tokenizer_config.json alone
# for byte-level ones such as ByT5); sentencepiece and tiktoken ones by their suffix.
_TOKENIZER_FILES = {"tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"}
_TOKENIZER_FILES |= {"vocab.txt", "vocab.json", "merges.txt", "tekken.json"}
_TOKENIZER_SUFFIXES = (".model", ".tiktoken")


def model_folder(model: str, base: Path) -> Path:
    """Where `model` is as a folder: relative to the config's folder, "~" the user's home."""
    return base / Path(model).expanduser()


def missing_folder(model: str, base: Path) -> str | None:
    """Why `model`, written as a folder, cannot be loaded; None for a hub name or a folder."""
    folder = model_folder(model, base)
    if folder.is_dir():
        return model_problem(folder)
    if not _looks_like_path(model):
        return None
    # `--setting model=./m` is read beside the config, not where the command was typed.
    where = ""
    if not Path(model).expanduser().is_absolute():
        where = ": it is read relative to the config file's folder, or give an absolute path"
    fix = f"save the model there (save_pretrained) or fix the path{where}"
    return f"no such folder {str(folder)!r}; {fix}"


def model_problem(folder: Path) -> str | None:
    """Why a folder holds no usable saved model; None when it looks like one."""
    # Without config.json transformers' tokenizer fails first, and says to install sentencepiece.
    if not (folder / "config.json").is_file():
        return (
            f"{str(folder)!r} holds no saved model (no config.json); save one there "
            "(model.save_pretrained and tokenizer.save_pretrained) or fix the path"
        )
    if why := _config_problem(folder / "config.json"):
        return why
    # Without them transformers makes up a tokenizer of special tokens only: every word is
    # read as unknown, and every text alike, with no error.
    if not any(
        path.name in _TOKENIZER_FILES or path.suffix in _TOKENIZER_SUFFIXES
        for path in folder.iterdir()
    ):
        return (
            f"{str(folder)!r} has no tokenizer files (tokenizer.json, vocab.txt, a "
            "sentencepiece .model…); save the model's tokenizer there too: "
            "AutoTokenizer.from_pretrained(NAME).save_pretrained(FOLDER)"
        )
    return None


def _config_problem(path: Path) -> str | None:
    """Why config.json is unreadable (cut short, or no JSON object: a bare TypeError then)."""
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
        why = "" if isinstance(config, dict) else "not a JSON object"
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        why = str(exc)
    fix = "save the model there again (save_pretrained) or fix the path"
    return f"{str(path)!r} is unreadable ({why}); {fix}" if why else None


def _looks_like_path(model: str) -> bool:
    """A folder, not a hub name: hub names are `org/name`, so one "/" alone says nothing."""
    windows = os.sep != "/" and os.sep in model
    return model.startswith((".", "/", "~")) or model.count("/") > 1 or windows
