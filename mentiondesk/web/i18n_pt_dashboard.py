"""The dashboard (figures, charts, recurring problems) in Brazilian Portuguese; also the base
of pt-PT (i18n_pt_pt.py is laid over it), so a change here reaches Portugal too."""

from __future__ import annotations

DASHBOARD = {
    # A card with nothing to count yet says so in words (a new install, a quiet period).
    "No mentions yet in this period.": "Ainda não há menções neste período.",
    "No complaints yet in this period.": "Ainda não há reclamações neste período.",
    "no cases yet in this period": "ainda não há casos neste período",
    "none needed resolving": "nenhum precisava de solução",
    "resolution rate": "taxa de resolução",
    "no answers yet in this period": "ainda não há respostas neste período",
    "CSAT (4–5 of 5)": "CSAT (4–5 de 5)",
    "NPS": "NPS",
    # Today's bar in "Mentions by sentiment": the day is not over (charts.stacked_bars).
    "today, so far": "hoje, até agora",
    "{day} (today, so far)": "{day} (hoje, até agora)",
    "last {n} days": "últimos {n} dias",
    "Period": "Período",
    "{n} days": "{n} dias",
    "Export CSV": "Exportar CSV",
    # The export's column headers in pt-BR and pt-PT (csv_export), beside "Plataforma".
    "Day": "Dia",
    "Complaints": "Reclamações",
    "Neutral mentions": "Menções neutras",
    "Praise": "Elogios",
    "Total": "Total",
    "mention": "menção",
    # A day's bar in "Mentions by sentiment", as its tooltip counts it (charts.label_count).
    "{n} complaint": "{n} reclamação",
    "{n} complaints": "{n} reclamações",
    "{n} neutral mention": "{n} menção neutra",
    "{n} neutral mentions": "{n} menções neutras",
    "{n} mention of praise": "{n} elogio",
    "{n} mentions of praise": "{n} elogios",
    "mentions": "menções",
    "Median first response": "Tempo de 1ª resposta (mediana)",
    "half of the answered cases got a reply within this time": (
        "metade dos casos respondidos teve resposta dentro deste tempo"
    ),
    "no case answered yet": "nenhum caso respondido ainda",
    "The median (p50): of the cases opened in this period that have been answered, half got a "
    "first response within this time, half took longer.": (
        "A mediana (p50): dos casos abertos neste período que já foram respondidos, metade teve "
        "a primeira resposta dentro deste tempo; a outra metade demorou mais."
    ),
    "p90: of the cases opened in this period that have been answered, 9 in 10 got a first "
    "response within this time; the slowest 1 in 10 took longer.": (
        "p90: dos casos abertos neste período que já foram respondidos, 9 em cada 10 tiveram a "
        "primeira resposta dentro deste tempo; o 1 em 10 mais lento demorou mais."
    ),
    "{n} case answered": "{n} caso respondido",
    "{n} cases answered": "{n} casos respondidos",
    "{n} waiting": "{n} aguardando",
    "small sample": "amostra pequena",
    # Counted in the cases that needed a resolution: "1 de 1 caso", "1 de 3 casos".
    "resolution rate · {resolved} of {n} case": "taxa de resolução · {resolved} de {n} caso",
    "resolution rate · {resolved} of {n} cases": "taxa de resolução · {resolved} de {n} casos",
    "closed without resolution: {n}": "encerrados sem solução: {n}",
    "Resolution rate: of the cases opened in this period that needed a resolution, the share "
    "resolved (the problem solved). A case closed without resolution (spam, a duplicate, no "
    "answer) needed none: it is left out of the rate and counted beside it. A case still open "
    "counts as not resolved yet.": (
        "Taxa de resolução: dos casos abertos neste período que precisavam de solução, a "
        "proporção resolvida (o problema foi solucionado). Um caso encerrado sem solução (spam, "
        "duplicado, sem resposta) não precisava de uma: fica fora da taxa e é contado ao lado. Um "
        "caso ainda aberto conta como ainda não resolvido."
    ),
    "CSAT (4–5 of 5) · {n} answer": "CSAT (4–5 de 5) · {n} resposta",
    "CSAT (4–5 of 5) · {n} answers": "CSAT (4–5 de 5) · {n} respostas",
    "NPS · {n} answer": "NPS · {n} resposta",
    "NPS · {n} answers": "NPS · {n} respostas",
    "Mentions by sentiment": "Menções por sentimento",
    "Mentions per day by sentiment": "Menções por dia e sentimento",
    "Top complaint reasons": "Principais motivos de reclamação",
    "cases per reason": "casos por motivo",
    "Complaint reasons": "Motivos de reclamação",
    # Under the reasons' bars: what they add up to (reason_counts.py), as Portugal says it too.
    "{n} case with a complaint in this period, counted once, under the reason of its first "
    "complaint": "{n} caso com reclamação neste período, contado uma vez, pelo motivo da "
    "primeira reclamação",
    "{n} cases with a complaint in this period, each counted once, under the reason of its "
    "first complaint": "{n} casos com reclamação neste período, cada um contado uma vez, pelo "
    "motivo da primeira reclamação",
    "Cases with a complaint, each under one reason": (
        "Casos com reclamação, cada um contado uma só vez"
    ),
    "Volume per platform": "Volume por plataforma",
    "Mentions per platform": "Menções por plataforma",
    "Won back": "Reconquista de clientes",
    "{n} author who complained, then posted praise in this period, and no complaint since": (
        "{n} pessoa que reclamou e depois elogiou neste período, sem reclamar de novo"
    ),
    "{n} authors who complained, then posted praise in this period, and no complaint since": (
        "{n} pessoas que reclamaram e depois elogiaram neste período, sem reclamar de novo"
    ),
    "Author": "Perfil",  # the column shows a handle; "autor" would assume a gender
    "Platform": "Plataforma",
    "Praise on": "Elogio em",
    "Nobody yet in this period.": "Ninguém ainda neste período.",
    "new this period": "novo neste período",
    "No case for this reason in the previous period of as many days.": (
        "Nenhum caso por este motivo no período anterior de igual duração."
    ),
    "No case for this reason in the month before.": "Nenhum caso por este motivo no mês anterior.",
    "{change} vs the month before": "{change} em relação ao mês anterior",
    "too few answers": "poucas respostas",
    "A p90 is shown from {n} answered cases on.": (
        "O p90 aparece a partir de {n} casos respondidos."
    ),
    "{change} vs previous period": "{change} em relação ao período anterior",
    # Beside the mentions card: stored, not read yet, in no figure (a backlog, a classifier
    # down).
    "{n} mention not read yet": "{n} menção ainda não lida",
    "{n} mentions not read yet": "{n} menções ainda não lidas",
    "Stored and not read yet: in none of the figures on this page until they are read.": (
        "Recebidas e ainda não lidas: ficam fora de todos os números desta página até serem lidas."
    ),
    "Figures as of {when}": "Números calculados em {when}",
    # The summary export (csv_summary): the cards above, a row per figure, for a spreadsheet.
    "Summary (CSV)": "Resumo (CSV)",
    "The figures of this page for this period, a row each, for a spreadsheet": (
        "Os números desta página neste período, um por linha, para uma planilha"
    ),
    "Section": "Seção",
    "Figure": "Indicador",
    "Value": "Valor",
    "Notes": "Observações",
    "First day": "Primeiro dia",
    "Last day": "Último dia",
    "Days": "Dias",
    "Time zone": "Fuso horário",
    "Figures as of": "Números calculados em",
    "Mentions": "Menções",
    "Median first response, in business hours": (
        "Tempo de 1ª resposta (mediana), em horário comercial"
    ),
    "First response (p90), in business hours": "Tempo de 1ª resposta (p90), em horário comercial",
    "Mean first response": "Tempo de 1ª resposta (média)",
    "Cases answered": "Casos respondidos",
    "Waiting for a first response": "Aguardando a primeira resposta",
    "Cases": "Casos",
    "Resolution rate": "Taxa de resolução",
    "Cases resolved": "Casos resolvidos",
    "Cases that needed resolving": "Casos que precisavam de solução",
    "Closed without resolution": "Encerrados sem solução",
    "Satisfaction": "Satisfação",
    "CSAT answers": "Respostas de CSAT",
    "NPS answers": "Respostas de NPS",
    "Authors won back": "Pessoas reconquistadas",
    "previous period: {n} ({change})": "período anterior: {n} ({change})",
    # The last 24 hours by hour (charts_hourly, dashboard.html); pt-PT: i18n_pt_pt_hourly.py.
    "Last 24 hours, by hour": "Últimas 24 horas, por hora",
    "mentions per hour (times in {zone})": "menções por hora (horários em {zone})",
    "mentions per hour": "menções por hora",
    "this hour, so far": "hora atual, até agora",
    "{hour} (this hour, so far)": "{hour} (hora atual, até agora)",
    "Mentions per hour by sentiment, last 24 hours": (
        "Menções por hora por sentimento, últimas 24 horas"
    ),
    "No mentions in the last 24 hours.": "Nenhuma menção nas últimas 24 horas.",
    "Last 24 hours: {totals}": "Últimas 24 horas: {totals}",
    "The figures, hour by hour": "Os números, hora a hora",
    "Hour": "Hora",
    # A calendar month (?month=2026-10): a board's period, its days in the heading.
    "{first} to {last}": "{first} a {last}",
    "Last month": "Mês passado",
    "The calendar month before this one, its trends against the month before it": (
        "O mês anterior ao atual, com a variação em relação ao mês que o precede"
    ),
}
