"""What the desk says about erasure and retention (the Privacy log, pages_privacy; an
erasure's and a retention run's audit lines, web/audit_erasures) in Brazilian Portuguese,
with Portugal's words in PRIVACY_PT (laid over it by i18n_pt_pt.py).

One word per act and variant, as each law and its DPOs write it:
- pt-BR (LGPD): "eliminação", "eliminados" (art. 5, XIV; art. 16; art. 18, VI), never
  "excluídos" or "apagados"; "política de retenção" as Brazil's DPOs say it; "registro".
- pt-PT (RGPD): "apagamento", "apagados" (art. 17, direito ao apagamento), never
  "eliminados"; "política de conservação" (art. 5.º, n.º 1, e), prazo de conservação);
  "registo".
A row "blanked" (kept, its text, links and platform ids emptied) is neither "anonimizado"
nor "pseudonimizado": its keys still lead to other rows (a retention's post to an author
row kept while they have newer posts), so it is not anonymous data (LGPD art. 5, III and
XI; RGPD considerando 26), and nothing kept apart re-identifies it (pseudonymization's
condition). It says what was done: "mantidos sem texto nem identificadores".
"""

from __future__ import annotations

PRIVACY: dict[str, str] = {
    "Privacy log": "Registro de privacidade",
    "Every erasure of a person's data on request (mentiondesk authors forget) and every "
    "retention run that erased something (mentiondesk store purge, and the service's daily "
    "run), newest first. The lines name nobody: they say who erased, when, and how much.": (
        "Cada eliminação dos dados de uma pessoa a pedido (mentiondesk authors forget) e cada "
        "aplicação da política de retenção que eliminou algo (mentiondesk store purge, e a "
        "execução diária do serviço), das mais recentes para as mais antigas. As linhas não "
        "identificam as pessoas cujos dados foram eliminados: dizem quem eliminou, quando e "
        "quanto."
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
    # The audit lines' sentences and sections (web/audit_erasures), naming nobody; the
    # things counted ("{n} mention") are the audit trail's (i18n_pt_audit).
    "{who} erased a person's data on request: {parts}": (
        "{who} eliminou a pedido os dados de uma pessoa: {parts}"
    ),
    "{who} ran the retention (older than {days} days): {parts}": (
        "{who} aplicou a política de retenção (dados com mais de {days} dias): {parts}"
    ),
    "The retention policy ran (older than {days} days): {parts}": (
        "A política de retenção foi aplicada (dados com mais de {days} dias): {parts}"
    ),
    "deleted: {counts}": "eliminados: {counts}",
    "blanked, the rows kept: {counts}": (
        "registros mantidos sem texto nem identificadores: {counts}"
    ),
    "already blank (blanked by the retention), left unchanged: {counts}": (
        "já sem texto nem identificadores (eliminados pela política de retenção), sem "
        "alteração: {counts}"
    ),
    "blanked or deleted: {counts}": (
        "eliminados ou mantidos sem texto nem identificadores: {counts}"
    ),
    "Slack: {counts}": "Slack: {counts}",
    "{n} card to rewrite (queued in the outbox)": "{n} cartão a reescrever (na fila de envio)",
    "{n} cards to rewrite (queued in the outbox)": "{n} cartões a reescrever (na fila de envio)",
    "{n} card left to the retention's rewrite (waiting in the outbox)": (
        "{n} cartão deixado para a reescrita pela política de retenção (aguardando na fila de "
        "envio)"
    ),
    "{n} cards left to the retention's rewrite (waiting in the outbox)": (
        "{n} cartões deixados para a reescrita pela política de retenção (aguardando na fila "
        "de envio)"
    ),
    "{n} card already rewritten by the retention (left unchanged)": (
        "{n} cartão já reescrito pela política de retenção (sem alteração)"
    ),
    "{n} cards already rewritten by the retention (left unchanged)": (
        "{n} cartões já reescritos pela política de retenção (sem alteração)"
    ),
    # Cards about others' posts (audit_erasures): Portugal reads these words as they are.
    "{n} card about others' posts that showed the person (rewrite queued in the outbox)": (
        "{n} cartão sobre publicações de outras pessoas que mostrava a pessoa (reescrita na "
        "fila de envio)"
    ),
    "{n} cards about others' posts that showed the person (rewrite queued in the outbox)": (
        "{n} cartões sobre publicações de outras pessoas que mostravam a pessoa (reescrita "
        "na fila de envio)"
    ),
}

# pt-PT: "registo", "apagamento" and "apagados" (RGPD art. 17), "política de conservação".
PRIVACY_PT: dict[str, str] = {
    "Privacy log": "Registo de privacidade",
    "Every erasure of a person's data on request (mentiondesk authors forget) and every "
    "retention run that erased something (mentiondesk store purge, and the service's daily "
    "run), newest first. The lines name nobody: they say who erased, when, and how much.": (
        "Cada apagamento dos dados de uma pessoa a pedido (mentiondesk authors forget) e cada "
        "aplicação da política de conservação que apagou algo (mentiondesk store purge, e a "
        "execução diária do serviço), dos mais recentes para os mais antigos. As linhas não "
        "identificam as pessoas cujos dados foram apagados: dizem quem apagou, quando e quanto."
    ),
    "Retention policy: the personal data of finished work is erased after {n} day.": (
        "Política de conservação: os dados pessoais de atendimentos concluídos são apagados "
        "após {n} dia."
    ),
    "Retention policy: the personal data of finished work is erased after {n} days.": (
        "Política de conservação: os dados pessoais de atendimentos concluídos são apagados "
        "após {n} dias."
    ),
    "Retention policy: none set ([store] retain_days): personal data is kept until erased on "
    "request.": (
        "Política de conservação: nenhuma definida ([store] retain_days): os dados pessoais "
        "são conservados até serem apagados a pedido."
    ),
    "Recorded: {erasures} and {runs}.": "Registados: {erasures} e {runs}.",
    "{n} erasure on request": "{n} apagamento a pedido",
    "{n} erasures on request": "{n} apagamentos a pedido",
    "{n} retention run": "{n} aplicação da política de conservação",
    "{n} retention runs": "{n} aplicações da política de conservação",
    "Erasure on request": "Apagamento a pedido",
    "Retention run": "Aplicação da política de conservação",
    "Retention run (older than {days} days)": (
        "Aplicação da política de conservação (dados com mais de {days} dias)"
    ),
    "Nothing erased yet: no erasure on request, and no retention run has erased anything.": (
        "Ainda nada foi apagado: nenhum apagamento a pedido, e nenhuma aplicação da política "
        "de conservação apagou algo."
    ),
    "Recorded detail (as stored, in English)": "Detalhe registado (tal como guardado, em inglês)",
    "{who} erased a person's data on request: {parts}": (
        "{who} apagou a pedido os dados de uma pessoa: {parts}"
    ),
    "{who} ran the retention (older than {days} days): {parts}": (
        "{who} aplicou a política de conservação (dados com mais de {days} dias): {parts}"
    ),
    "The retention policy ran (older than {days} days): {parts}": (
        "A política de conservação foi aplicada (dados com mais de {days} dias): {parts}"
    ),
    "deleted: {counts}": "apagados: {counts}",
    "blanked, the rows kept: {counts}": "registos mantidos sem texto nem identificadores: {counts}",
    "already blank (blanked by the retention), left unchanged: {counts}": (
        "já sem texto nem identificadores (apagados pela política de conservação), sem alteração: "
        "{counts}"
    ),
    "blanked or deleted: {counts}": "apagados ou mantidos sem texto nem identificadores: {counts}",
    "{n} card left to the retention's rewrite (waiting in the outbox)": (
        "{n} cartão deixado para a reescrita pela política de conservação (à espera na fila "
        "de envio)"
    ),
    "{n} cards left to the retention's rewrite (waiting in the outbox)": (
        "{n} cartões deixados para a reescrita pela política de conservação (à espera na "
        "fila de envio)"
    ),
    "{n} card already rewritten by the retention (left unchanged)": (
        "{n} cartão já reescrito pela política de conservação (sem alteração)"
    ),
    "{n} cards already rewritten by the retention (left unchanged)": (
        "{n} cartões já reescritos pela política de conservação (sem alteração)"
    ),
}
