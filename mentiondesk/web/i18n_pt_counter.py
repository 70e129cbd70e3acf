"""What the reply box's live counter (static/desk-counts.js) says beside its figure when a
Bluesky reply fits the characters but not the bytes the platform takes (an emoji is 1
character but up to 25 bytes): pt-BR (COUNTER, laid into i18n_pt_notices beside the
refusals' words) and where Portugal words it otherwise (COUNTER_PT, laid into
i18n_pt_pt_case)."""

from __future__ import annotations

COUNTER = {
    "over the {limit} bytes {platform} allows: use fewer emoji": (
        "passa dos {limit} bytes que o {platform} aceita: use menos emojis"
    ),
}

COUNTER_PT = {
    "over the {limit} bytes {platform} allows: use fewer emoji": (
        "ultrapassa os {limit} bytes que o {platform} aceita: use menos emojis"
    ),
}
