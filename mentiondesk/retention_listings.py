"""The audit's do-not-contact lines listing an author the retention blanks.

Such a line's detail is "PLATFORM HANDLE", the handle as it was when they were listed, and the
line is filed under a post or case of theirs (audit.record_listing). After a rename their
current handle no longer finds it, so that post or case does too, as for `authors forget`:
their posts blanked, the old handle would otherwise stay there.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.models import CASELESS_HANDLES
from mentiondesk.tables import AUDIT, CASE, MENTION

LISTING = ("do-not-contact", "allow-contact")  # audit actions whose detail is "PLATFORM HANDLE"


def blank_listings(conn: Connection, authors: Sequence[Any]) -> int:
    """Blank the handle (the detail keeps the platform) in the lines listing these authors
    (rows with id, platform and handle); how many lines."""
    blanked = 0
    for platform in {a.platform for a in authors}:  # the audit keeps the platform
        theirs = [a for a in authors if a.platform == platform]
        listing = sa.and_(
            AUDIT.c.action.in_(LISTING),
            AUDIT.c.detail != platform,  # blanked already (a line found twice)
            _about([a.id for a in theirs], [a.handle for a in theirs], platform),
        )
        result = conn.execute(sa.update(AUDIT).where(listing).values(detail=platform))
        blanked += int(result.rowcount or 0)
    return blanked


def _about(author_ids: list[int], handles: list[str], platform: str) -> Any:
    """SQL on AUDIT: the line names one of these handles, or is filed under a post or case of
    these authors. ORed, one scan of the audit, which the handle needs (no index on the
    detail): the posts and cases are read once, by the author index, and hashed."""
    posts = sa.select(MENTION.c.id).where(MENTION.c.author_id.in_(author_ids))
    cases = sa.select(CASE.c.id).where(CASE.c.author_id.in_(author_ids))
    return sa.or_(
        names_listed(platform, handles, posts),
        AUDIT.c.mention_id.in_(posts),
        AUDIT.c.case_id.in_(cases),
    )


def names_listed(platform: str, handles: Collection[str], posts: Any) -> Any:
    """SQL on AUDIT: the detail names one of these handles on `platform`, compared as the
    platform compares handles (Hacker News's "Bob" is not "bob"), and the line is not filed
    under a post of someone else's (`posts`: theirs, SQL): that one lists the account that
    has the handle now, not them."""
    details = [f"{platform} {h}" for h in handles if h]
    if platform in CASELESS_HANDLES:
        named = sa.func.lower(AUDIT.c.detail).in_([d.lower() for d in details])
    else:
        named = AUDIT.c.detail.in_(details)
    m = MENTION.alias()  # not the table `posts` reads: that one stays uncorrelated
    others = sa.and_(m.c.id == AUDIT.c.mention_id, m.c.id.not_in(posts))
    return sa.and_(named, ~sa.exists().where(others))
