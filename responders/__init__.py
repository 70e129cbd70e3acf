"""Responders deliver outbox actions: team-chat alerts, help-desk tickets, platform posts."""
