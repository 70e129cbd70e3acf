"""pt-BR and pt-PT for the dashboard's definitions of CSAT and NPS (the cards' tooltips):
the trade's definitions, as the page computes them; and the case page's classifier score."""

from __future__ import annotations

_ONCE = "Cada caso conta uma vez, com a resposta mais recente."

SCORES: dict[str, str] = {
    # A folded list of the cards' definitions under them (a title shows on hover only).
    "What these figures mean": "O que estes números significam",
    "CSAT: of the satisfaction answers (1 to 5) given in this period, the share of 4s and 5s. "
    "Each case counts once, with its latest answer.": (
        "CSAT: das respostas de satisfação (de 1 a 5) dadas neste período, a proporção de notas "
        "4 e 5. " + _ONCE
    ),
    "NPS: of the answers to “would you recommend us?” (0 to 10) given in this period, the % "
    "of promoters (9–10) minus the % of detractors (0–6), from -100 to +100. Each case counts "
    "once, with its latest answer.": (
        "NPS: das respostas a “você nos recomendaria?” (de 0 a 10) dadas neste período, a % de "
        "promotores (9–10) menos a % de detratores (0–6), de -100 a +100. " + _ONCE
    ),
    # The charts' units: the sentiment chart's y axis, and what the platform bars count.
    "mentions per day": "menções por dia",
    "mentions per platform": "menções por plataforma",
    # Volume by language (the reading's; "und" is "não identificado"), and its CSV columns.
    "Volume by language": "Volume por idioma",
    "mentions per language": "menções por idioma",
    "Mentions per language": "Menções por idioma",
    "Language: {language}": "Idioma: {language}",
    # The p90 card: a label as the median's ("em até" left dangling), its sentence under it.
    "First response (p90)": "Tempo de 1ª resposta (p90)",
    "9 in 10 answered cases got a reply within this time; only 1 in 10 took longer": (
        "9 em cada 10 casos respondidos tiveram resposta dentro deste tempo; só 1 em cada 10 "
        "demorou mais"
    ),
    # The case page's reading: the machine's label and its probability ("80%", pt-PT too)
    "Machine's reading": "Classificação automática",
    "{label}, {certainty} sure": "{label}, {certainty} de certeza",
}

# Portugal asks without "você" and quotes with « ».
SCORES_PT: dict[str, str] = {
    "NPS: of the answers to “would you recommend us?” (0 to 10) given in this period, the % "
    "of promoters (9–10) minus the % of detractors (0–6), from -100 to +100. Each case counts "
    "once, with its latest answer.": (
        "NPS: das respostas a «recomendaria-nos?» (de 0 a 10) dadas neste período, a % de "
        "promotores (9–10) menos a % de detratores (0–6), de -100 a +100. " + _ONCE
    ),
    "First response (p90)": "Tempo da 1.ª resposta (p90)",  # Portugal's ordinal has the dot
    "The calendar month before this one, its trends against the month before it": (
        "O mês civil anterior ao atual, com a variação face ao mês que o precede"
    ),
}
