"""The managers' banner on a source a rate limit holds in part (source_banner), that fails or
that no worker reads (source_banner_failing), in Portuguese: SOURCES for pt-BR, SOURCES_PT what
Portugal says differently ("até às", "pedidos", "pesquisa", "a ser lido", "foi abaixo"). {what}
is what an endpoint leaves unread (source_banner.unread), plural, with its article, or several
joined; {until} "10:14" (with its date where not today)."""

from __future__ import annotations

SOURCES = {
    # One endpoint held (X's search) while the store shows the source's others are read.
    "Source “{name}”: {what} are not read until {until} (the platform’s rate limit); everything "
    "else from it is still read.": (
        "Na fonte “{name}”, {what} ficam de fora até {until} (limite de requisições da "
        "plataforma); todo o resto dela continua sendo lido."
    ),
    # Several held, or none said to be read besides (X's search and its mentions).
    "Source “{name}”: {what} are not read until {until} (the platform’s rate limit).": (
        "Na fonte “{name}”, {what} ficam de fora até {until} (limite de requisições da plataforma)."
    ),
    # Held until different times, the soonest first; {later} of "{what} until {until}" joined.
    "Source “{name}”: {what} are not read until {until}, {later} (the platform’s rate limit).": (
        "Na fonte “{name}”, {what} ficam de fora até {until}, e {later} (limite de requisições "
        "da plataforma)."
    ),
    # Every endpoint refused: the poller waits for the source; {later} those held longer.
    "Source “{name}”: nothing from it is read until {until} (the platform’s rate limit).": (
        "Na fonte “{name}”, nada é lido até {until} (limite de requisições da plataforma)."
    ),
    "Source “{name}”: nothing from it is read until {until}, nor {later} (the platform’s rate "
    "limit).": (
        "Na fonte “{name}”, nada é lido até {until}, nem {later} (limite de requisições da "
        "plataforma)."
    ),
    "{what} until {until}": "{what} até {until}",
    "{items} and {last}": "{items} e {last}",
    "posts found by search": "as publicações encontradas pela busca",
    "mentions of the brand’s account": "as menções à conta da marca",
    "comments that name the brand": "os comentários que citam a marca",
    "posts from “{endpoint}”": "as publicações de “{endpoint}”",
    # A source failing past its grace (source_banner_failing); {tries} "3 failed tries".
    "Source “{name}”: nothing has been read from it since {since}: its polls keep failing "
    "({tries}): {reason}. mentiondesk keeps trying.": (
        "Fonte “{name}”: nada foi lido dela desde {since}: as consultas continuam falhando "
        "({tries}): {reason}. O mentiondesk continua tentando."
    ),
    "Source “{name}”: nothing has been read from it since {since}: the database keeps "
    "refusing its pages ({tries}): {reason}. mentiondesk keeps trying.": (
        "Fonte “{name}”: nada foi lido dela desde {since}: o banco de dados continua recusando "
        "as páginas dela ({tries}): {reason}. O mentiondesk continua tentando."
    ),
    # No worker reads it since its last was killed (source_banner_failing.vanished_line): a
    # process "caiu" in Brazil's trade; "morto" as kill -9 is said.
    "Source “{name}”: nothing has been read from it since {since}: no mentiondesk worker reads "
    "it (the one that did went down without a clean stop: killed, or out of memory). Restart "
    "the mentiondesk service.": (
        "Fonte “{name}”: nada foi lido dela desde {since}: nenhum processo do mentiondesk está "
        "lendo essa fonte (o que lia caiu sem ser encerrado direito: foi morto ou ficou sem "
        "memória). Reinicie o serviço do mentiondesk."
    ),
    "{n} failed try": "{n} tentativa sem sucesso",
    "{n} failed tries": "{n} tentativas sem sucesso",
}

SOURCES_PT = {
    "Source “{name}”: {what} are not read until {until} (the platform’s rate limit); everything "
    "else from it is still read.": (
        "Na fonte “{name}”, {what} ficam de fora até às {until} (limite de pedidos da "
        "plataforma); todo o resto dela continua a ser lido."
    ),
    "Source “{name}”: {what} are not read until {until} (the platform’s rate limit).": (
        "Na fonte “{name}”, {what} ficam de fora até às {until} (limite de pedidos da plataforma)."
    ),
    "Source “{name}”: {what} are not read until {until}, {later} (the platform’s rate limit).": (
        "Na fonte “{name}”, {what} ficam de fora até às {until}, e {later} (limite de pedidos "
        "da plataforma)."
    ),
    "Source “{name}”: nothing from it is read until {until} (the platform’s rate limit).": (
        "Na fonte “{name}”, nada é lido até às {until} (limite de pedidos da plataforma)."
    ),
    "Source “{name}”: nothing from it is read until {until}, nor {later} (the platform’s rate "
    "limit).": (
        "Na fonte “{name}”, nada é lido até às {until}, nem {later} (limite de pedidos da "
        "plataforma)."
    ),
    "{what} until {until}": "{what} até às {until}",
    "posts found by search": "as publicações encontradas pela pesquisa",
    "Source “{name}”: nothing has been read from it since {since}: its polls keep failing "
    "({tries}): {reason}. mentiondesk keeps trying.": (
        "Fonte “{name}”: nada foi lido dela desde as {since}: os pedidos continuam a falhar "
        "({tries}): {reason}. O mentiondesk continua a tentar."
    ),
    "Source “{name}”: nothing has been read from it since {since}: the database keeps "
    "refusing its pages ({tries}): {reason}. mentiondesk keeps trying.": (
        "Fonte “{name}”: nada foi lido dela desde as {since}: a base de dados continua a recusar "
        "as suas páginas ({tries}): {reason}. O mentiondesk continua a tentar."
    ),
    # A process "vai abaixo" in Portugal's trade; "a ler" for the gerund.
    "Source “{name}”: nothing has been read from it since {since}: no mentiondesk worker reads "
    "it (the one that did went down without a clean stop: killed, or out of memory). Restart "
    "the mentiondesk service.": (
        "Fonte “{name}”: nada foi lido dela desde as {since}: nenhum processo do mentiondesk "
        "está a ler esta fonte (o que a lia foi abaixo sem ser terminado como deve ser: foi "
        "morto ou ficou sem memória). Reinicie o serviço do mentiondesk."
    ),
}
