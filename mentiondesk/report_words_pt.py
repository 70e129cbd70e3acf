"""`mentiondesk report` in Brazilian and European Portuguese (`--lang pt-BR`, `pt-PT`), keyed by
the English text the report writes.

The words are a CS team's and the desk's (mentiondesk/web/i18n_pt_dashboard.py, which the core
may not import): taxa de resolução, CSAT (4–5 de 5), casos respondidos, amostra pequena; TMR
is the mean (tempo médio), so the median is named as such. pt-PT lists only what Portugal
says otherwise: à espera (not "aguardando"), pedidos de apoio (not "chamados"), horário de
expediente (not "comercial").
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # The heading: "Relatório do mentiondesk · últimos 7 dias", then the days and the zone.
    "mentiondesk report": "Relatório do mentiondesk",
    "last {n} day": "último dia",  # --days 1: today
    "last {n} days": "últimos {n} dias",
    "{first} to {last}": "{first} a {last}",
    "{n} day": "{n} dia",
    "{n} days": "{n} dias",
    "{days} in {zone}": "{days}, fuso horário {zone}",
    # Mentions
    "Mentions": "Menções",
    "mentions": "menções",
    "not read yet (not in the figures)": "ainda não lidas (fora dos números)",
    "complaints": "reclamações",
    "neutral": "menções neutras",
    "praise": "elogios",
    "topic: {topic}": "assunto: {topic}",
    "platform: {platform}": "plataforma: {platform}",
    "language: {language}": "idioma: {language}",
    # Work
    "Work": "Atividade",
    "cases opened": "casos abertos",
    "cases still open": "casos ainda abertos",
    "drafts pending": "rascunhos pendentes",
    "replies sent": "respostas enviadas",
    "alerts sent": "alertas enviados",
    "tickets opened": "chamados abertos",
    "outbox waiting": "fila de envio: aguardando",
    "outbox held": "fila de envio: retidos",
    "outbox dropped": "fila de envio: descartados",
    # Service
    "Service": "Nível de serviço",
    "first response p50": "1ª resposta: mediana (p50)",
    "first response p90": "1ª resposta: p90",
    "first response mean": "TMR (tempo médio de 1ª resposta)",
    "{n} case answered": "{n} caso respondido",
    "{n} cases answered": "{n} casos respondidos",
    "none answered": "nenhum caso respondido",
    "; too few for a p90 (shown from {n} on)": "; poucos para um p90 (aparece a partir de {n})",
    "p50 in business hours": "p50 em horário comercial",
    "p90 in business hours": "p90 em horário comercial",
    "first response, {hours}": "1ª resposta, {hours}",
    "and": "e",  # between a day's shifts: "seg–sex 08:00–12:00 e 13:00–18:00"
    "awaiting a reply": "aguardando resposta",
    "open, unanswered": "abertos, sem resposta",
    "resolution rate": "taxa de resolução",
    "{resolved} of {n} case that needed one": "{resolved} de {n} caso que precisava de solução",
    "{resolved} of {n} cases that needed one": (
        "{resolved} de {n} casos que precisavam de solução"
    ),
    "no case needed one": "nenhum caso precisava de solução",
    "closed without resolution": "encerrados sem solução",
    "spam, duplicate, no answer; not in rate": "spam, duplicado, sem resposta; fora da taxa",
    "CSAT (4–5 of 5)": "CSAT (4–5 de 5)",
    "{n} answer": "{n} resposta",
    "{n} answers": "{n} respostas",
    " · small sample": " · amostra pequena",
    "won back": "clientes reconquistados",
    "complained; praise since, no complaint": "reclamaram, depois elogiaram, sem nova reclamação",
    # Recurring problems
    "Recurring complaint reasons (cases per reason)": "Problemas recorrentes (casos por motivo)",
    "reason": "motivo",
    "cases": "casos",
    "previous period": "período anterior",
    "change": "variação",
    "new": "novo",
    "no complaints in this period": "nenhuma reclamação neste período",
    "total (each case once, under its first complaint's reason)": (
        "total (cada caso uma vez, pelo motivo da primeira reclamação)"
    ),
    # A wait's units, as the desk writes them: "3 h 05 min", "6 d 11 h".
    "{s}s": "{s} s",
    "{m}m": "{m} min",
    "{h}h {m}m": "{h} h {m} min",
    "{d}d {h}h": "{d} d {h} h",
    # --format csv: its header and the period's rows
    "section": "seção",
    "figure": "indicador",
    "value": "valor",
    "note": "observação",
    "Period": "Período",
    "first day": "primeiro dia",
    "last day": "último dia",
    "days": "dias",
    "time zone": "fuso horário",
}

PT_PT_MESSAGES: dict[str, str] = {
    "tickets opened": "pedidos de apoio abertos",
    "outbox waiting": "fila de envio: à espera",
    "awaiting a reply": "à espera de resposta",
    "p50 in business hours": "p50 em horário de expediente",
    "p90 in business hours": "p90 em horário de expediente",
    "section": "secção",  # Portugal keeps the c it says
    # Portugal's ordinal has the dot, as its desk writes it ("Tempo da 1.ª resposta").
    "first response p50": "1.ª resposta: mediana (p50)",
    "first response p90": "1.ª resposta: p90",
    "first response mean": "TMR (tempo médio da 1.ª resposta)",
    "first response, {hours}": "1.ª resposta, {hours}",
}
