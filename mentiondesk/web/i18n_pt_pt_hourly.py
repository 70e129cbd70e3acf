"""The dashboard's last 24 hours by hour in European Portuguese, where Portugal words it
differently from i18n_pt_dashboard.py ("até ao momento", not Brazil's "até agora")."""

from __future__ import annotations

HOURLY = {
    "this hour, so far": "hora atual, até ao momento",
    "{hour} (this hour, so far)": "{hour} (hora atual, até ao momento)",
}
