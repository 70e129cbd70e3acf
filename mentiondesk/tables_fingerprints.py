"""Fingerprints kept after an erasure (mentiondesk.forgotten, mentiondesk.erased_posts) and
the keys they are made with; the SQLModel metadata is shared with `tables`, which imports
this module."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from mentiondesk.table_types import TS as _TS
from mentiondesk.table_types import now


class ForgottenRow(SQLModel, table=True):
    """An erased author who had asked not to be contacted, as a fingerprint only (HMAC of
    platform and account id; plain sha256 from older releases): if they post again they are
    back on the list, nothing more."""

    __tablename__ = "forgotten"

    digest: str = Field(primary_key=True, max_length=64)
    erased_at: datetime = Field(default_factory=now, sa_type=_TS)


class ErasedPostRow(SQLModel, table=True):
    """A post erased on its author's request, as a keyed fingerprint only (HMAC of platform
    and post id, mentiondesk.erased_posts): read again, it is not stored again."""

    __tablename__ = "erased_post"

    digest: str = Field(primary_key=True, max_length=64)
    erased_at: datetime = Field(default_factory=now, sa_type=_TS)


class FingerprintKeyRow(SQLModel, table=True):
    """This store's random keys for keyed fingerprints (one per use: erased posts, the
    do-not-contact list), each made at its first use (mentiondesk.fingerprint_keys)."""

    __tablename__ = "fingerprint_key"

    name: str = Field(primary_key=True, max_length=32)
    value: str = Field(max_length=128)


FORGOTTEN = SQLModel.metadata.tables["forgotten"]
ERASED_POST = SQLModel.metadata.tables["erased_post"]
FINGERPRINT_KEY = SQLModel.metadata.tables["fingerprint_key"]
