"""pt-BR for what the case page says about a post that is not public (Mastodon's
followers-only and direct posts); pt-PT reads it the same. "Publicação", as the other
catalogs call a post; "a pessoa" wrote it, "contas" are whom it mentions."""

from __future__ import annotations

PRIVATE: dict[str, str] = {
    "private post": "publicação privada",
    "Only the accounts it mentions can see this post: a reply to it goes to the author alone.": (
        "Só as contas mencionadas podem ver esta publicação: uma resposta a ela vai só para a "
        "pessoa."
    ),
    "Only the author's followers and the accounts it mentions can see this post: a reply to "
    "it is never public.": (
        "Só quem segue a pessoa e as contas mencionadas podem ver esta publicação: uma resposta "
        "a ela nunca é pública."
    ),
    # A "public" reply to such a post keeps its visibility (responders narrow it): named by
    # what happens, in the reply form and on the draft's heading alike.
    "reply in the conversation": "resposta na conversa",
    "Reply in the conversation": "Resposta na conversa",
    "(only those who can see the post)": "(só quem vê a publicação)",
    # A rule's public reply to such a post, drafted as the private message it is sent as
    "Sent as a private message: the post is followers-only.": (
        "Enviada como mensagem privada: a publicação é só para quem segue a pessoa."
    ),
    "Sent as a private message: only the accounts the post mentions can see it.": (
        "Enviada como mensagem privada: só as contas mencionadas na publicação podem vê-la."
    ),
}
