"""A secret written in the config where its `…_env` key names a variable: `bearer_token =
"AAAA…"` (the token pasted inline) and `bot_token_env = "xoxb-…"` (pasted into the key that
names the variable). Both are refused; these say the two lines to write, with the variable
the table expects, rather than "did you mean 'bearer_token_env'?", which, followed, only
moves the token into the key that refuses it next."""

from __future__ import annotations

from typing import Any

_PASTED = "this looks like the secret itself"


def inline_secret(field: str, table: Any) -> str | None:
    """For `bearer_token = "…"` in a table that takes `bearer_token_env`: where the secret
    goes instead; None for any other unknown key. The value is never echoed."""
    variable = _variable(table, f"{field}_env")
    if variable is None:
        return None
    return (
        f"unknown key; a secret is never written in the config file: delete this line, put "
        f"the secret in an environment variable (export {variable}=…, or under systemd a line "
        f'{variable}=… in the unit\'s EnvironmentFile) and write {field}_env = "{variable}"'
    )


def pasted_secret(message: str, field: str, table: Any) -> str:
    """`message` ("this looks like the secret itself…") with the variable to use, for a
    secret pasted into `field` (a `…_env` key); any other message as it is."""
    variable = _variable(table, field)
    if not message.startswith(_PASTED) or variable is None:
        return message
    return f'{message}, e.g. export {variable}=… and write {field} = "{variable}"'


def _variable(table: Any, key: str) -> str | None:
    """The variable `key` names by default in `table` (X_BEARER_TOKEN), or a name made from
    the key where it has none; None where the table has no such `…_env` key."""
    field = getattr(table, "model_fields", {}).get(key)
    if field is None or not key.endswith("_env"):
        return None
    default = field.default
    return default if isinstance(default, str) and default else key.removesuffix("_env").upper()
