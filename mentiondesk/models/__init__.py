"""The value objects and plugin contracts every package meets through.

Component packages (`listener`, `sentiment`, `playbooks`, `responders`) import only
this module from `mentiondesk`. Everything here is frozen and does no I/O.
`mentiondesk.models.reddit` (imported by name, not from here) builds the asyncpraw client
the Reddit listener and poster share.
"""

from mentiondesk.models._delivery import (
    CaseContext,
    OutboxAction,
    Receipt,
    Responder,
    text_digest,
)
from mentiondesk.models._errors import (
    ConfigError,
    FatalError,
    RateLimited,
    TransientError,
    Unreachable,
    utc,
)
from mentiondesk.models._mentions import (
    CASELESS_HANDLES,
    PLATFORM_NAMES,
    PRIVATE_MESSAGES,
    PRIVATE_POSTS,
    READ_ONLY,
    VISIBILITIES,
    Author,
    Batch,
    Mention,
    Source,
    SourceStatus,
    can_post,
    has_followers,
    has_private_messages,
    is_private_post,
    narrower,
    short_lang,
    valid_text,
)
from mentiondesk.models._numbers import NUMBER_FORMATS, NumberFormat
from mentiondesk.models._plugins import (
    SECRETS,
    Brand,
    PluginConfig,
    PluginContext,
    SourceConfig,
    env_key,
    http_url,
    require_env,
    secret_from_env,
    secrets_wanted,
)
from mentiondesk.models._readings import Action, ActionKind, Classifier, History, Label, Reading
from mentiondesk.models._replies import mastodon_reply_text
from mentiondesk.models._wording import ENGLISH, Wording, zone_name

__all__ = [
    "CASELESS_HANDLES",
    "ENGLISH",
    "NUMBER_FORMATS",
    "PLATFORM_NAMES",
    "PRIVATE_MESSAGES",
    "PRIVATE_POSTS",
    "READ_ONLY",
    "SECRETS",
    "VISIBILITIES",
    "Action",
    "ActionKind",
    "Author",
    "Batch",
    "Brand",
    "CaseContext",
    "Classifier",
    "ConfigError",
    "FatalError",
    "History",
    "Label",
    "Mention",
    "NumberFormat",
    "OutboxAction",
    "PluginConfig",
    "PluginContext",
    "RateLimited",
    "Reading",
    "Receipt",
    "Responder",
    "Source",
    "SourceConfig",
    "SourceStatus",
    "TransientError",
    "Unreachable",
    "Wording",
    "can_post",
    "env_key",
    "has_followers",
    "has_private_messages",
    "http_url",
    "is_private_post",
    "mastodon_reply_text",
    "narrower",
    "require_env",
    "secret_from_env",
    "secrets_wanted",
    "short_lang",
    "text_digest",
    "utc",
    "valid_text",
    "zone_name",
]
