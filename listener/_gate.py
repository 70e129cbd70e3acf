"""One endpoint's rate-limit window, as its last response described it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo


@dataclass(slots=True)
class Gate:
    """Rate-limit state of one endpoint: nothing is sent to it before `until`."""

    until: datetime | None = None
    limit: int | None = None
    remaining: int | None = None
    reset: datetime | None = None

    def blocked(self, now: datetime) -> bool:
        return self.until is not None and now < self.until

    def describe(self, zone: tzinfo = UTC) -> str:
        """The window as `sources check` shows it, its times in `zone` (named after them)."""
        parts = []
        if self.remaining is not None and self.limit is not None:
            parts.append(f"{self.remaining}/{self.limit} left")
        elif self.remaining is not None:  # some platforms send no limit header
            parts.append(f"{self.remaining} requests left (the platform did not say of how many)")
        if self.reset is not None:
            parts.append(f"resets {self.reset.astimezone(zone):%H:%M:%S} {zone}")
        if self.until is not None:
            parts.append(f"blocked until {self.until.astimezone(zone):%H:%M:%S} {zone}")
        return ", ".join(parts) or "no rate-limit headers seen"
