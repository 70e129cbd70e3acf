"""What a post of emoji alone says: "🤬🤬🤬" at a brand is a complaint, "😍😍" praise, though
neither has a word for the models to read (lang.says_little: they read it as saying nothing).

Only faces and signs whose meaning holds across EN, pt-BR and pt-PT count, written from
general usage, not from any set we measure on. Left out on purpose: 👍 and 🙏 (an
acknowledgement or a "please", no praise to thank in public), 😭 (Brazilians cry with joy
as often as grief), 🔥 (praise, or a fire), 😂 😀 😁 (laughing or grinning with, or at),
🎉 🥳 (a party, not necessarily ours).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

NEGATIVE = frozenset("😡🤬😠👎💩😤😞😒🙄💔🖕😾😩😫🤮🤢😢☹🙁😑")
POSITIVE = frozenset("😍🥰😘❤💕💖💗💓💞💘💯👏🙌🤩😊☺⭐🌟💙💚💛💜🧡")
# Sure enough to stand (the cascade's encoder is not asked), not so sure that the bias of a
# reader towards praise or against it could not move a single emoji's reading.
_SURE = 0.8
_READINGS = {
    -1: np.array([_SURE, 1.0 - _SURE, 0.0], dtype=np.float32),
    1: np.array([0.0, 1.0 - _SURE, _SURE], dtype=np.float32),
}


def emoji_reading(text: str) -> npt.NDArray[np.float32] | None:
    """Class probabilities (negative, neutral, positive) for a post that says little but its
    emoji: the side with more of its faces and signs, or None when they are even or none."""
    lean = sum(ch in POSITIVE for ch in text) - sum(ch in NEGATIVE for ch in text)
    return None if lean == 0 else _READINGS[1 if lean > 0 else -1]
