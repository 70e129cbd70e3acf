"""The Privacy log (admins: erasures on request and retention runs, pages_privacy) in
Brazilian Portuguese, with Portugal's words in PRIVACY_PT (laid over it by i18n_pt_pt.py).
LGPD says "eliminação" of personal data (art. 18, VI); the RGPD in Portugal "apagamento"."""

from __future__ import annotations

PRIVACY: dict[str, str] = {
    "Privacy log": "Registro de privacidade",
    "Every erasure of a person's data on request (mentiondesk authors forget) and every "
    "retention run that erased something (mentiondesk store purge, and the service's daily "
    "run), newest first. The lines name nobody: they say who erased, when, and how much.": (
        "Cada eliminação dos dados de uma pessoa a pedido (mentiondesk authors forget) e cada "
        "aplicação da política de retenção que eliminou algo (mentiondesk store purge, e a "
        "execução diária do serviço), das mais recentes para as mais antigas. As linhas não "
        "identificam ninguém: dizem quem eliminou, quando e quanto."
    ),
    "Retention policy: the personal data of finished work is erased after {n} day.": (
        "Política de retenção: os dados pessoais de atendimentos concluídos são eliminados "
        "após {n} dia."
    ),
    "Retention policy: the personal data of finished work is erased after {n} days.": (
        "Política de retenção: os dados pessoais de atendimentos concluídos são eliminados "
        "após {n} dias."
    ),
    "Retention policy: none set ([store] retain_days): personal data is kept until erased on "
    "request.": (
        "Política de retenção: nenhuma definida ([store] retain_days): os dados pessoais são "
        "mantidos até serem eliminados a pedido."
    ),
    "Recorded: {erasures} and {runs}.": "Registrados: {erasures} e {runs}.",
    "{n} erasure on request": "{n} eliminação a pedido",
    "{n} erasures on request": "{n} eliminações a pedido",
    "{n} retention run": "{n} aplicação da política de retenção",
    "{n} retention runs": "{n} aplicações da política de retenção",
    "Who": "Quem",
    "What": "O quê",
    "Counts": "Contagens",
    "Erasure on request": "Eliminação a pedido",
    "Retention run": "Aplicação da política de retenção",
    "Retention run (older than {days} days)": (
        "Aplicação da política de retenção (dados com mais de {days} dias)"
    ),
    "the service's daily run": "a execução diária do serviço",
    "No older lines.": "Não há linhas mais antigas.",
    "Nothing erased yet: no erasure on request, and no retention run has erased anything.": (
        "Nada foi eliminado ainda: nenhuma eliminação a pedido, e nenhuma aplicação da "
        "política de retenção eliminou algo."
    ),
    "Newest lines": "Linhas mais recentes",
    "Older lines": "Linhas mais antigas",
    # The CSV's columns, beside "When", "Who", "What" and "Counts"
    "When (UTC, ISO 8601)": "Quando (UTC, ISO 8601)",
    "Recorded detail (as stored, in English)": "Detalhe registrado (como gravado, em inglês)",
}

# pt-PT: "registo", "apagamento" (RGPD art. 17), "conservados".
PRIVACY_PT: dict[str, str] = {
    "Privacy log": "Registo de privacidade",
    "Every erasure of a person's data on request (mentiondesk authors forget) and every "
    "retention run that erased something (mentiondesk store purge, and the service's daily "
    "run), newest first. The lines name nobody: they say who erased, when, and how much.": (
        "Cada apagamento dos dados de uma pessoa a pedido (mentiondesk authors forget) e cada "
        "aplicação da política de retenção que apagou algo (mentiondesk store purge, e a "
        "execução diária do serviço), dos mais recentes para os mais antigos. As linhas não "
        "identificam ninguém: dizem quem apagou, quando e quanto."
    ),
    "Retention policy: the personal data of finished work is erased after {n} day.": (
        "Política de retenção: os dados pessoais de atendimentos concluídos são apagados "
        "após {n} dia."
    ),
    "Retention policy: the personal data of finished work is erased after {n} days.": (
        "Política de retenção: os dados pessoais de atendimentos concluídos são apagados "
        "após {n} dias."
    ),
    "Retention policy: none set ([store] retain_days): personal data is kept until erased on "
    "request.": (
        "Política de retenção: nenhuma definida ([store] retain_days): os dados pessoais são "
        "conservados até serem apagados a pedido."
    ),
    "Recorded: {erasures} and {runs}.": "Registados: {erasures} e {runs}.",
    "{n} erasure on request": "{n} apagamento a pedido",
    "{n} erasures on request": "{n} apagamentos a pedido",
    "Erasure on request": "Apagamento a pedido",
    "Nothing erased yet: no erasure on request, and no retention run has erased anything.": (
        "Ainda nada foi apagado: nenhum apagamento a pedido, e nenhuma aplicação da política "
        "de retenção apagou algo."
    ),
    "Recorded detail (as stored, in English)": "Detalhe registado (tal como guardado, em inglês)",
}
