"""The retention's words on a team's chat (a Slack card rewritten once the retention blanked
what it quoted: responders/_slack_erased.py), in Brazilian and European Portuguese, keyed by
the English text; laid over alert_words_pt's by alert_wording. LGPD's "retenção" in Brazil,
the GDPR's "conservação" (prazo de conservação) in Portugal.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "(removed by the retention policy)": "(removido pela política de retenção de dados)",
}

PT_PT_MESSAGES: dict[str, str] = {
    "(removed by the retention policy)": "(removido pela política de conservação de dados)",
}
