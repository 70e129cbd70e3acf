"""The case page's answers when someone acted on its case after the page was loaded (a draft
edited, decided or withdrawn; a reply sent; the case closed) in Brazilian Portuguese: the
action is refused and the typed text kept. Part of the case page's catalog (i18n_pt_case.py),
so also the base of pt-PT."""

from __future__ import annotations

STALE = {
    # A colleague saved the draft after this page was loaded: the action was refused.
    "{who} edited this draft after you opened the page ({when}): nothing was changed.": (
        "{who} editou este rascunho depois que você abriu a página ({when}): nada foi alterado."
    ),
    "Someone edited this draft after you opened the page: nothing was changed.": (
        "Alguém editou este rascunho depois que você abriu a página: nada foi alterado."
    ),
    # The notices of the case page shown again (common.NOTICES).
    "Someone decided this draft after you opened this page: nothing was sent or saved. "
    "Your text is below, to copy.": (
        "Alguém decidiu sobre este rascunho depois que você abriu esta página: nada foi "
        "enviado nem salvo. Seu texto está abaixo, para copiar."
    ),
    "Your reply was not sent: the case changed after you opened this page. Your text is below.": (
        "Sua resposta não foi enviada: o caso mudou depois que você abriu esta página. Seu "
        "texto está abaixo."
    ),
    # A colleague approved or rejected the draft after this page was loaded: refused.
    "{who} approved this draft after you opened the page ({when}): your text was not sent or "
    "saved.": (
        "{who} aprovou este rascunho depois que você abriu a página ({when}): seu texto não foi "
        "enviado nem salvo."
    ),
    "{who} rejected this draft after you opened the page ({when}): your text was not sent or "
    "saved.": (
        "{who} rejeitou este rascunho depois que você abriu a página ({when}): seu texto não "
        "foi enviado nem salvo."
    ),
    "This draft was withdrawn after you opened the page: your text was not sent or saved.": (
        "Este rascunho foi retirado depois que você abriu a página: seu texto não foi enviado "
        "nem salvo."
    ),
    "Your text, to copy (or to send with Reply now, if the case still needs it):": (
        "Seu texto, para copiar (ou enviar em Responder agora, se o caso ainda precisar):"
    ),
    "Your text, not sent": "Seu texto, não enviado",
    # Reply now refused: someone answered, closed or resolved the case after the page loaded.
    "{who} sent a reply after you opened the page ({when}): your reply was not sent.": (
        "{who} enviou uma resposta depois que você abriu a página ({when}): a sua não foi enviada."
    ),
    "Someone answered this case after you opened the page: your reply was not sent.": (
        "Alguém respondeu a este caso depois que você abriu a página: a sua resposta não foi "
        "enviada."
    ),
    "Read their reply above. Your text is still in the box below: send it if it still fits.": (
        "Leia a resposta dessa pessoa acima. Seu texto continua na caixa abaixo: envie se "
        "ainda fizer sentido."
    ),
    "Your reply was not sent: your text is still in the box below.": (
        "Sua resposta não foi enviada: seu texto continua na caixa abaixo."
    ),
    "Nothing was sent or saved: your text is still in the box below.": (
        "Nada foi enviado nem salvo: seu texto continua na caixa abaixo."
    ),
    "{who} closed this case after you opened the page ({when}): your reply was not sent.": (
        "{who} encerrou este caso depois que você abriu a página ({when}): sua resposta não "
        "foi enviada."
    ),
    "{who} resolved this case after you opened the page ({when}): your reply was not sent.": (
        "{who} resolveu este caso depois que você abriu a página ({when}): sua resposta não "
        "foi enviada."
    ),
    "This case is no longer open: your reply was not sent.": (
        "Este caso não está mais aberto: sua resposta não foi enviada."
    ),
    "Your text, to copy:": "Seu texto, para copiar:",
    "Their text, as it is now:": "O texto dessa pessoa, como está agora:",
    "Your text is still in the box below: approve or save it to use yours instead, or copy "
    "theirs in.": (
        "Seu texto continua na caixa abaixo: aprove ou salve para usar o seu, ou copie o "
        "texto da outra pessoa para a caixa."
    ),
}
