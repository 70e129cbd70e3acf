"""What the People and Saved replies pages' buttons say they did (common.NOTICES holds them
with the rest): apart, so common.py keeps to the notices of drafts and cases."""

from __future__ import annotations

PEOPLE_NOTICES = {
    "user-added": ("ok", "User added."),
    "user-disabled": (
        "ok",
        "User disabled: they cannot log in, and their open desk tabs are logged out now.",
    ),
    # Their current password: a reset while they were disabled replaced the one they had.
    "user-enabled": (
        "ok",
        "User enabled: they log in again with their current password, the last one set for them.",
    ),
    "no-user": ("error", "There is no desk user by that name: nothing changed."),
    "not-yourself": ("error", "You cannot disable your own login: nothing changed."),
    "last-admin": (
        "error",
        "That is the last active admin: no one would be left to manage people. Nothing changed.",
    ),
    "saved-reply-added": ("ok", "Saved reply added: the case pages offer it now."),
    "saved-reply-edited": ("ok", "Saved reply changed: the case pages offer the new text now."),
    "saved-reply-deleted": ("ok", "Saved reply deleted: the case pages no longer offer it."),
    "saved-reply-gone": (
        "warn",
        "Someone deleted that saved reply after you opened the page: nothing else changed.",
    ),
    "saved-reply-missing": (
        "warn",
        "That saved reply is not in the desk any more: it was deleted. Nothing changed.",
    ),
    "own-password": (
        "error",
        "Change your own password at the terminal (mentiondesk users passwd): here it would "
        "log you out. Nothing changed.",
    ),
}
