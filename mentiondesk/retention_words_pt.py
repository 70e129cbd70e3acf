"""The retention's words on a team's chat (a Slack card rewritten once the retention blanked
what it quoted: responders/_slack_erased.py), in Brazilian and European Portuguese, keyed by
the English text; laid over alert_words_pt's by alert_wording. The desk's words for the same
act (web/i18n_pt_privacy): "eliminado" and "política de retenção" in Brazil (LGPD), "apagado"
and "política de conservação" (RGPD art. 17 and art. 5.º, n.º 1, e)) in Portugal.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "(removed by the retention policy)": "(eliminado pela política de retenção de dados)",
}

PT_PT_MESSAGES: dict[str, str] = {
    "(removed by the retention policy)": "(apagado pela política de conservação de dados)",
}
