"""pt-BR and pt-PT for a possible impostor of the brand (playbooks/impostors.py): the badge by
the author's handle in the queue and on the case page, its title saying what it resembles, and
the Playbooks page's words for the `author_impostor` condition. pt-BR gender-neutral (a conta,
o perfil), as the rest of the desk."""

from __future__ import annotations

IMPOSTOR = {
    "possible impostor": "possível perfil falso",
    "Its handle resembles {term}, yet it is not one of the brand’s accounts: it may be a fake "
    "support account.": (
        "O nome de usuário se parece com {term}, mas não é uma das contas da marca: pode ser um "
        "perfil falso de atendimento."
    ),
    "Its display name resembles {term}, yet it is not one of the brand’s accounts: it may be a "
    "fake support account.": (
        "O nome de exibição se parece com {term}, mas não é uma das contas da marca: pode ser "
        "um perfil falso de atendimento."
    ),
    "the author may be a fake account posing as the brand": (
        "a conta pode ser um perfil falso se passando pela marca"
    ),
    "the author is not posing as the brand": "a conta não se passa pela marca",
}

IMPOSTOR_PT = {
    "Its handle resembles {term}, yet it is not one of the brand’s accounts: it may be a fake "
    "support account.": (
        "O nome de utilizador parece-se com {term}, mas não é uma das contas da marca: pode ser "
        "um perfil falso de apoio ao cliente."
    ),
    "Its display name resembles {term}, yet it is not one of the brand’s accounts: it may be a "
    "fake support account.": (
        "O nome apresentado parece-se com {term}, mas não é uma das contas da marca: pode ser "
        "um perfil falso de apoio ao cliente."
    ),
    "the author may be a fake account posing as the brand": (
        "a conta pode ser um perfil falso a fazer-se passar pela marca"
    ),
    "the author is not posing as the brand": "a conta não se faz passar pela marca",
}
