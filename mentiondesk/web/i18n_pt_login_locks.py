"""The login page's refusal of an address that failed too often (login_limits), in Brazilian
Portuguese (LOGIN_LOCKS) and in European Portuguese (LOGIN_LOCKS_PT: "iniciar sessão",
"aguarde")."""

from __future__ import annotations

LOGIN_LOCKS = {
    "Too many failed sign-ins from your address. Wait an hour and try again.": (
        "Tentativas demais sem sucesso a partir do seu endereço. Espere uma hora e tente de novo."
    ),
}

LOGIN_LOCKS_PT = {
    "Too many failed sign-ins from your address. Wait an hour and try again.": (
        "Demasiadas tentativas falhadas de iniciar sessão a partir do seu endereço. Aguarde uma "
        "hora e tente de novo."
    ),
}
