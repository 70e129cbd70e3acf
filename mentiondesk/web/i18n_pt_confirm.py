"""pt-BR and pt-PT for the questions asked before an action that cannot be taken back from
the desk (Escalate to help desk; taking or moving a case that is someone's) and for a new
password given to a disabled person (People): apart, as i18n_pt_case.py is full."""

from __future__ import annotations

CONFIRM = {
    "Escalate this case to the help desk? A ticket is opened there, and the desk cannot "
    "withdraw it.": (
        "Encaminhar este caso ao help desk? Um chamado é aberto lá, e o atendimento não "
        "consegue retirá-lo depois."
    ),
    "Take this case from {who}? It becomes yours, no longer theirs.": (
        "Assumir este caso, que está com {who}? Passa a ser seu e deixa de ser dessa pessoa."
    ),
    "This case is {who}'s. Change who has it?": "Este caso está com {who}. Mudar o responsável?",
    "Shown only this once: give it to them privately now. {name} is disabled: press Enable "
    "before they can log in with it.": (
        "Exibida só desta vez: repasse agora, em particular. O acesso de {name} está "
        "desativado: clique em Reativar para que possa entrar com esta senha."
    ),
}

CONFIRM_PT = {
    "Escalate this case to the help desk? A ticket is opened there, and the desk cannot "
    "withdraw it.": (
        "Encaminhar este caso para o apoio ao cliente? É aberto um pedido de apoio, que depois "
        "não pode ser retirado a partir do atendimento."
    ),
    "This case is {who}'s. Change who has it?": "Este caso está com {who}. Alterar o responsável?",
    "Shown only this once: give it to them privately now. {name} is disabled: press Enable "
    "before they can log in with it.": (
        "Mostrada só desta vez: transmita-a agora, em privado. O acesso de {name} está "
        "desativado: clique em Reativar para que possa iniciar sessão com esta palavra-passe."
    ),
}
