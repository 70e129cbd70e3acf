"""The Saved replies page in European Portuguese, where Portugal words it differently from
i18n_pt_saved.py (guardar, eliminar, ficheiro, equipa, "já não", no "você")."""

from __future__ import annotations

SAVED = {
    "Delete": "Eliminar",
    "Delete…": "Eliminar…",
    "Save": "Guardar",
    "{names}: not a placeholder. Did you mean {meant}? Otherwise use one of {known}.": (
        "{names}: não é um campo. Queria dizer {meant}? Caso contrário, use um destes: {known}."
    ),
    "From {file}": "Do ficheiro {file}",
    "Line {line} ends in a tag, which takes the line break with it: “{word}” on the next line "
    "runs into the text before it. Leave an empty line after the tag.": (
        "A linha {line} termina com uma tag, que leva consigo a mudança de linha: “{word}”, na "
        "linha seguinte, fica colado ao texto anterior. Deixe uma linha em branco a seguir à tag."
    ),
    "Read-only here: to change these, edit the file (they are offered first, and show changes "
    "after a restart).": (
        "Só de leitura aqui: para as alterar, edite o ficheiro (são oferecidas primeiro, e as "
        "alterações aparecem depois de reiniciar)."
    ),
    "No file of saved replies is set ([desk] saved_replies): a team can also ship its set in a "
    "file, kept in git.": (
        "Nenhum ficheiro de respostas prontas configurado ([desk] saved_replies): uma equipa "
        "também pode manter o seu conjunto num ficheiro, versionado no git."
    ),
    "not offered: it no longer passes the check; edit it": (
        "não oferecida: já não passa na verificação; edite-a"
    ),
    "In {file}, put {value} inside {if_case}, or write {value_or}: it is empty on a post with "
    "no case.": (
        "No ficheiro {file}, coloque {value} dentro de {if_case} ou escreva {value_or}, pois "
        "fica vazio numa publicação sem caso."
    ),
    "Someone changed this saved reply after you opened this page: nothing was deleted. Read it "
    "again below.": (
        "Alguém alterou esta resposta pronta depois de a página ser aberta: nada foi eliminado. "
        "Leia-a de novo abaixo."
    ),
    "Someone changed this saved reply after you opened this page: nothing was saved. Their "
    "version is below, your text is still in the form: save again to replace theirs.": (
        "Alguém alterou esta resposta pronta depois de a página ser aberta: nada foi guardado. "
        "A versão dessa pessoa está abaixo e o seu texto continua no formulário: guarde de novo "
        "para a substituir."
    ),
    "Someone deleted this saved reply after you opened this page: nothing was saved. Your text "
    "is still in the form: add it again to keep it.": (
        "Alguém eliminou esta resposta pronta depois de a página ser aberta: nada foi guardado. "
        "O seu texto continua no formulário: adicione-a de novo para a manter."
    ),
    "Nothing was saved: your text is still in the form.": (
        "Nada foi guardado: o seu texto continua no formulário."
    ),
    "Placeholders, filled in for the case: {list}. Use {name} only inside {if_name}: some "
    "authors have no readable name.": (
        "Campos, preenchidos para o caso: {list}. Use {name} só dentro de {if_name}: nem todas "
        "as pessoas têm um nome legível."
    ),
    "{case_opened} is the day the case was opened, written as the reply’s language writes "
    "dates ({pt_date} in Portuguese, {en_date} in English); it and {case} are empty on a post "
    "with no case.": (
        "{case_opened} é o dia em que o caso foi aberto, escrito como se escreve a data na "
        "língua da resposta ({pt_date} em português, {en_date} em inglês); tal como {case}, "
        "fica vazio numa publicação sem caso."
    ),
    "Write them inside {if_case}, or as {case_or}: a reply must read well on a post with no "
    "case too.": (
        "Escreva ambos dentro de {if_case} ou como {case_or}: a resposta também tem de ficar "
        "bem numa publicação sem caso."
    ),
    "Delete the saved reply {title}?": "Eliminar a resposta pronta {title}?",
    "The case pages stop offering it at once; what was sent with it stays sent.": (
        "As páginas de caso deixam de a oferecer de imediato; o que já foi enviado com ela "
        "continua enviado."
    ),
    "The text is not a valid template: check the braces around its placeholders.": (
        "O texto não é um modelo válido: verifique as chavetas à volta dos campos."
    ),
    "The text cannot be filled in: check its placeholders.": (
        "O texto não pode ser preenchido: verifique os campos."
    ),
    "Saved reply deleted: the case pages no longer offer it.": (
        "Resposta pronta eliminada: as páginas de caso já não a oferecem."
    ),
    "Someone deleted that saved reply after you opened the page: nothing else changed.": (
        "Alguém eliminou essa resposta pronta depois de a página ser aberta: nada mais mudou."
    ),
    "{who} deleted the saved reply “{title}” ({id})": (
        "{who} eliminou a resposta pronta “{title}” ({id})"
    ),
    "That saved reply is not in the desk any more: it was deleted. Nothing changed.": (
        "Essa resposta pronta já não está no atendimento: foi eliminada. Nada mudou."
    ),
    # Portugal puts the pronoun before the infinitive after "sem"; Brazil says "sem dividi-lo".
    "This text cannot be filled in for an author with no readable name (some have only "
    "symbols, such as “@@@”). Put {name} inside {if_name}, or write {name_or}; use {full_name} "
    "as it is, without splitting it.": (
        "Este texto não pode ser preenchido para uma pessoa sem nome legível (há quem tenha só "
        "símbolos, como “@@@”). Coloque {name} dentro de {if_name} ou escreva {name_or}; use "
        "{full_name} tal como está, sem o dividir."
    ),
    "Title (what agents choose from on the case page)": (
        "Título (o que a equipa escolhe na página do caso)"
    ),
    "The short name {id} belongs to a saved reply in {file}, which only that file can change: "
    "choose another one.": (
        "O nome curto {id} é de uma resposta pronta em {file}, que só esse ficheiro pode "
        "alterar: escolha outro."
    ),
    "Each text is shown as a customer reads it, filled in for a sample author ({pt} in "
    "Portuguese, {other} in other languages) and case {case}.": (
        "Cada texto aparece como quem recebe a resposta o vai ler, preenchido para uma pessoa "
        "de exemplo ({pt} em português, {other} nos outros idiomas) e o caso {case}."
    ),
    "This text cannot be filled in for the sample author {name}, so the case page would not "
    "offer it to authors like them.": (
        "Este texto não pode ser preenchido para a pessoa de exemplo {name}, por isso a página "
        "do caso não o ofereceria a pessoas assim."
    ),
}
