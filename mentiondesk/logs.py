"""Log set-up for the command line: readable text by default, one JSON object per line for
log collectors (`--log-format json`). Either way, records name ids, never bodies or secrets."""

from __future__ import annotations

import copy
import json
import logging
import re
import sys
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class LogFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class JsonFormatter(logging.Formatter):
    """One line per record: time (UTC, ISO 8601), level, logger, message, and the traceback
    when there is one, so a collector never has to stitch lines back together."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


# What a terminal or a log viewer would act on rather than show: C0 controls but the tab and
# the line feed (a traceback's lines), DEL, C1 (U+009B is CSI alone) and the bidi controls.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(text: str) -> str:
    """`text` with each control character written out (ESC as `\\x1b`), not acted on."""
    return _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class TextFormatter(logging.Formatter):
    """TEXT_FORMAT, a platform's words in a message or an error written out, not acted on:
    a server's reason with an escape sequence must not retitle or clear the terminal that
    tails the log, nor a carriage return overwrite the line it is on."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's)
        shown = copy.copy(record)
        shown.message = _visible(record.message)
        return super().formatMessage(shown)

    def formatException(self, ei: Any) -> str:  # noqa: N802 (logging's)
        return _visible(super().formatException(ei))


# mentiondesk's own packages: only these go to DEBUG with -vv.
OWN = ("mentiondesk", "listener", "responders", "sentiment", "playbooks")
# HTTP clients that log every request's URL at INFO: the URLs hold handles and post ids.
URL_LOGGERS = ("httpx", "httpcore")
# What `run` says to the person who started it (where the desk is, that it listens, that it
# stops): printed as text, but a record of this logger with --log-format json, at INFO even
# without -v, so a collector gets those too and nothing else on stderr.
CONSOLE = "mentiondesk.console"


def json_logs() -> bool:
    """Whether logs go out as JSON lines (then stderr takes nothing else)."""
    return any(isinstance(h.formatter, JsonFormatter) for h in logging.getLogger().handlers)


def setup(verbose: int, log_format: LogFormat) -> None:
    """Logging to stderr at WARNING, INFO (-v) or DEBUG (-vv, mentiondesk's own loggers only).

    Libraries stay at INFO even with -vv: their debug output holds secrets and post text
    (tweepy logs request headers with the bearer token, asyncprawcore the reply bodies).
    The HTTP clients stay at WARNING: at INFO they log each request's URL, which names
    authors (Bluesky's `resolveHandle?handle=…`, `getPosts?uris=at://did:plc:…`)."""
    handler = logging.StreamHandler(sys.stderr)
    if log_format is LogFormat.JSON:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(TextFormatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    for name in OWN:  # NOTSET: follow the root, as at -v or less
        logging.getLogger(name).setLevel(logging.DEBUG if verbose >= 2 else logging.NOTSET)
    for name in URL_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger(CONSOLE).setLevel(logging.INFO)
