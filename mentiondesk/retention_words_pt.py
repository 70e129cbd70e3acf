"""The erasure's and the retention's words on a team's chat (an alert or Slack card about an
author erased on request, or rewritten once the retention blanked what it quoted:
responders/_slack_erased.py), in Brazilian and European Portuguese, keyed by the English
text; laid over alert_words_pt's by alert_wording. The same words as the desk's Privacy log
for the same acts (web/i18n_pt_privacy), so that the channel and the DPO's proof agree:
"eliminado" and "política de retenção" in Brazil (LGPD art. 5, XIV; art. 18, VI), "apagado"
and "política de conservação" (RGPD art. 17 and art. 5.º, n.º 1, e)) in Portugal. The data
is the "titular"'s in both laws; "perfil", as the alerts' Author row says it.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "(removed by the retention policy)": "(eliminado pela política de retenção de dados)",
    "erased author": "perfil eliminado",
    "(erased on request)": "(eliminado a pedido do titular)",
    "{case}: {label} mention by an erased author": "{case}: menção de perfil eliminado ({label})",
}

PT_PT_MESSAGES: dict[str, str] = {
    "(removed by the retention policy)": "(apagado pela política de conservação de dados)",
    "erased author": "perfil apagado",
    "(erased on request)": "(apagado a pedido do titular)",
    "{case}: {label} mention by an erased author": "{case}: menção de perfil apagado ({label})",
}
