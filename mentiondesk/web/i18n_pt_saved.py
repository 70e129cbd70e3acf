"""The Saved replies page (managers), its notices and audit lines, in Brazilian Portuguese;
also the base of pt-PT (i18n_pt_pt_saved.py lays Portugal's words over it). The picker's
"Resposta pronta" is the name here too."""

from __future__ import annotations

SAVED = {
    "Saved replies": "Respostas prontas",
    "the texts the case page’s picker offers": "os textos que o seletor da página do caso oferece",
    "Made in the desk": "Criadas no atendimento",
    "Title": "Título",
    "Text": "Texto",
    "Changed": "Última alteração",
    "Edit": "Editar",
    "Delete": "Excluir",
    "Delete…": "Excluir…",
    "Cancel": "Cancelar",
    "Save": "Salvar",
    "None yet: add one with the form.": "Nenhuma ainda: adicione uma com o formulário.",
    "From {file}": "Do arquivo {file}",
    "Read-only here: to change these, edit the file (they are offered first, and show changes "
    "after a restart).": (
        "Somente leitura aqui: para alterá-las, edite o arquivo (elas são oferecidas primeiro, e "
        "as alterações aparecem depois de reiniciar)."
    ),
    "No file of saved replies is set ([desk] saved_replies): a team can also ship its set in a "
    "file, kept in git.": (
        "Nenhum arquivo de respostas prontas configurado ([desk] saved_replies): uma equipe "
        "também pode manter o seu conjunto num arquivo, versionado no git."
    ),
    "not offered: {file} has a reply with this id": (
        "não oferecida: {file} tem uma resposta com este id"
    ),
    "not offered: it no longer passes the check; edit it": (
        "não oferecida: não passa mais na verificação; edite-a"
    ),
    "not offered on posts with no case": "não oferecida em publicações sem caso",
    "Edit it: put {value} inside {if_case}, or write {value_or}: it is empty on a post with no "
    "case.": (
        "Edite-a: coloque {value} dentro de {if_case} ou escreva {value_or}, pois fica vazio "
        "numa publicação sem caso."
    ),
    "In {file}, put {value} inside {if_case}, or write {value_or}: it is empty on a post with "
    "no case.": (
        "No arquivo {file}, coloque {value} dentro de {if_case} ou escreva {value_or}, pois "
        "fica vazio numa publicação sem caso."
    ),
    "Someone changed this saved reply after you opened this page: nothing was deleted. Read it "
    "again below.": (
        "Alguém alterou esta resposta pronta depois que você abriu esta página: nada foi "
        "excluído. Leia-a de novo abaixo."
    ),
    "Someone changed this saved reply after you opened this page: nothing was saved. Their "
    "version is below, your text is still in the form: save again to replace theirs.": (
        "Alguém alterou esta resposta pronta depois que você abriu esta página: nada foi salvo. "
        "A versão dessa pessoa está abaixo e o seu texto continua no formulário: salve de novo "
        "para substituí-la."
    ),
    "Their version ({who}, {when}):": "Versão de {who} ({when}):",
    "Someone deleted this saved reply after you opened this page: nothing was saved. Your text "
    "is still in the form: add it again to keep it.": (
        "Alguém excluiu esta resposta pronta depois que você abriu esta página: nada foi salvo. "
        "O seu texto continua no formulário: adicione-a de novo para mantê-la."
    ),
    "Nothing was saved: your text is still in the form.": (
        "Nada foi salvo: o seu texto continua no formulário."
    ),
    "Delete the saved reply {title}?": "Excluir a resposta pronta {title}?",
    "The case pages stop offering it at once; what was sent with it stays sent.": (
        "As páginas de caso deixam de oferecê-la na hora; o que já foi enviado com ela continua "
        "enviado."
    ),
    "Edit the saved reply {id}": "Editar a resposta pronta {id}",
    "Add a saved reply": "Adicionar uma resposta pronta",
    "Placeholders, filled in for the case: {list}. Use {name} only inside {if_name}: some "
    "authors have no readable name.": (
        "Campos, preenchidos para o caso: {list}. Use {name} só dentro de {if_name}: nem toda "
        "pessoa tem um nome legível."
    ),
    "{case_opened} is the day the case was opened, written as the reply’s language writes "
    "dates ({pt_date} in Portuguese, {en_date} in English); it and {case} are empty on a post "
    "with no case.": (
        "{case_opened} é o dia em que o caso foi aberto, escrito como se escreve a data no "
        "idioma da resposta ({pt_date} em português, {en_date} em inglês). Em uma "
        "publicação sem caso, {case_opened} e {case} ficam vazios."
    ),
    "Write them inside {if_case}, or as {case_or}: a reply must read well on a post with no "
    "case too.": (
        "Escreva os dois dentro de {if_case} ou como {case_or}: a resposta também precisa "
        "ficar boa numa publicação sem caso."
    ),
    "{value} is empty on a post that joins no case, so this text would leave a gap there "
    "(“your case  is…”). Put it inside {if_case}, or write {value_or}.": (
        "{value} fica vazio numa publicação sem caso, e este texto deixaria um espaço vazio ali "
        "(“o seu caso  está…”). Coloque {value} dentro de {if_case} ou escreva {value_or}."
    ),
    "The check cannot tell whether {value} is written only on a post that joins a case: it "
    "goes through {construct}, which the check does not follow. {value} is empty on a post "
    "with no case: write it itself inside {if_case}, or write {value_or}.": (
        "A verificação não consegue saber se {value} só é escrito numa publicação com caso: "
        "passa por {construct}, que a verificação não acompanha. {value} fica vazio numa "
        "publicação sem caso: escreva-o diretamente dentro de {if_case} ou escreva {value_or}."
    ),
    "Recent changes to saved replies": "Alterações recentes nas respostas prontas",
    # Why a save was refused: the checks of the file's entries, worded for the page.
    "There is no saved reply with that id made in the desk.": (
        "Não há resposta pronta criada no atendimento com esse id."
    ),
    "Write a title of 1 to {n} characters.": "Escreva um título de 1 a {n} caracteres.",
    "Write the language as en or pt, or with its region: pt-BR, pt-PT.": (
        "Escreva o idioma como en ou pt, ou com a região: pt-BR, pt-PT."
    ),
    "Write a text of 1 to {n} characters.": "Escreva um texto de 1 a {n} caracteres.",
    "The text is not a valid template: check the braces around its placeholders.": (
        "O texto não é um modelo válido: confira as chaves em volta dos campos."
    ),
    "Technical detail: {detail}": "Detalhe técnico: {detail}",
    # A saved reply's kind: offered by public reply boxes, private-message ones, or both.
    "Offered for": "Oferecida para",
    "Choose which replies offer it: public ones, private messages, or both.": (
        "Escolha quais respostas a oferecem: as públicas, as mensagens privadas ou ambas."
    ),
    "public replies and private messages": "respostas públicas e mensagens privadas",
    "public replies only": "só respostas públicas",
    "private messages only": "só mensagens privadas",
    "{names}: not a placeholder. Use one of {known}.": (
        "{names}: não é um campo. Use um destes: {known}."
    ),
    "{names}: not a placeholder. Did you mean {meant}? Otherwise use one of {known}.": (
        "{names}: não é um campo. Você quis dizer {meant}? Se não, use um destes: {known}."
    ),
    "This text cannot be filled in for an author with no readable name (some have only "
    "symbols, such as “@@@”). Put {name} inside {if_name}, or write {name_or}; use {full_name} "
    "as it is, without splitting it.": (
        "Este texto não pode ser preenchido para uma pessoa sem nome legível (há quem tenha só "
        "símbolos, como “@@@”). Coloque {name} dentro de {if_name} ou escreva {name_or}; use "
        "{full_name} como está, sem dividi-lo."
    ),
    '{{ name or "there" }}': '{{ name or "cliente" }}',
    "The text cannot be filled in: check its placeholders.": (
        "O texto não pode ser preenchido: confira os campos."
    ),
    # Notices after a change.
    "Saved reply added: the case pages offer it now.": (
        "Resposta pronta adicionada: as páginas de caso já a oferecem."
    ),
    "Saved reply changed: the case pages offer the new text now.": (
        "Resposta pronta alterada: as páginas de caso já oferecem o novo texto."
    ),
    "Saved reply deleted: the case pages no longer offer it.": (
        "Resposta pronta excluída: as páginas de caso não a oferecem mais."
    ),
    "Someone deleted that saved reply after you opened the page: nothing else changed.": (
        "Alguém excluiu essa resposta pronta depois que você abriu a página: nada mais mudou."
    ),
    # The audit trail (the page's recent changes).
    "{who} added the saved reply “{title}” ({id})": (
        "{who} adicionou a resposta pronta “{title}” ({id})"
    ),
    "{who} changed the saved reply “{title}” ({id})": (
        "{who} alterou a resposta pronta “{title}” ({id})"
    ),
    "{who} deleted the saved reply “{title}” ({id})": (
        "{who} excluiu a resposta pronta “{title}” ({id})"
    ),
    # The text uses a construct outside the saved replies' small language (saved_syntax).
    "The text uses {what}, which saved replies do not allow: write placeholders, {if_else} "
    "and the filters {filters}.": (
        "O texto usa {what}, que as respostas prontas não permitem: use campos, {if_else} e os "
        "filtros {filters}."
    ),
    # A tag ending a line takes its break (template_checks.joined_line).
    "Line {line} ends in a tag, which takes the line break with it: “{word}” on the next line "
    "runs into the text before it. Leave an empty line after the tag.": (
        "A linha {line} termina com uma tag, que leva a quebra de linha junto: “{word}”, na "
        "linha seguinte, fica colado no texto anterior. Deixe uma linha em branco depois da tag."
    ),
    # The text nests deeper than saved_syntax.MAX_DEPTH.
    "The text is nested too deeply: {if_else}, not, filters and brackets may go at most {n} "
    "levels deep. Write it flatter.": (
        "O texto tem aninhamento em excesso: {if_else}, not, filtros e parênteses podem ter "
        "no máximo {n} níveis. Simplifique o texto."
    ),
    # A template's common errors in plain words (saved_plain), and a placeholder in one brace.
    "{tag} has no {if_tag} before it: open it with {if_name}, or delete it.": (
        "{tag} não tem um {if_tag} antes: comece com {if_name} ou apague-o."
    ),
    "{tag} is not a tag saved replies know: they have {if_else} only.": (
        "{tag} não existe nas respostas prontas: só existem {if_else}."
    ),
    "An {if_tag} is not closed: end it with {endif}.": (
        "Um {if_tag} não foi fechado: termine-o com {endif}."
    ),
    "A {open} is not closed: write placeholders as {example}.": (
        "Um {open} não foi fechado: escreva os campos como {example}."
    ),
    "A {open} or {tag} is not closed: write {example} and {if_name}, with two characters at "
    "each end.": (
        "Um {open} ou {tag} não foi fechado: escreva {example} e {if_name}, com dois caracteres "
        "em cada ponta."
    ),
    "{written} would be sent as written: write placeholders as {right}.": (
        "{written} seria enviado tal como está escrito: escreva os campos como {right}."
    ),
    "{written} would be sent as written: write placeholders as {example}, one of {known}.": (
        "{written} seria enviado tal como está escrito: escreva os campos como {example}, com "
        "um destes: {known}."
    ),
    "That saved reply is not in the desk any more: it was deleted. Nothing changed.": (
        "Essa resposta pronta não está mais no atendimento: foi excluída. Nada mudou."
    ),
    # The form's labels in a community manager's words: the id is the reply's short name.
    "Short name, for links (lower-case letters, digits, - and _; it cannot be changed later)": (
        "Nome curto, para os links (letras minúsculas, algarismos, - e _; não pode ser alterado "
        "depois)"
    ),
    "Title (what agents choose from on the case page)": (
        "Título (o que a equipe escolhe na página do caso)"
    ),
    "Language (en: English, pt-BR: Brazil, pt-PT: Portugal)": (
        "Idioma (en: inglês, pt-BR: Brasil, pt-PT: Portugal)"
    ),
    # The field a refused save names (saved.html), as short as the form's label starts.
    "Short name": "Nome curto",
    "Write a short name of 1 to 64 lower-case letters, digits, - and _, a letter or digit "
    "first (it goes in links).": (
        "Escreva um nome curto de 1 a 64 letras minúsculas, algarismos, - e _, com uma letra ou "
        "um algarismo primeiro (vai nos links)."
    ),
    "The short name {id} belongs to a saved reply in {file}, which only that file can change: "
    "choose another one.": (
        "O nome curto {id} é de uma resposta pronta em {file}, que só esse arquivo pode alterar: "
        "escolha outro."
    ),
    "There is already a saved reply with the short name {id}: choose another one, or edit "
    "that reply.": (
        "Já existe uma resposta pronta com o nome curto {id}: escolha outro ou edite essa resposta."
    ),
    # The page's previews (saved_preview): each text filled in for a sample author.
    "Each text is shown as a customer reads it, filled in for a sample author ({pt} in "
    "Portuguese, {other} in other languages) and case {case}.": (
        "Cada texto aparece como quem recebe a resposta vai ler, preenchido para uma pessoa de "
        "exemplo ({pt} em português, {other} nos outros idiomas) e o caso {case}."
    ),
    "Show the template": "Mostrar o modelo",
    "This text cannot be filled in for the sample author {name}, so the case page would not "
    "offer it to authors like them.": (
        "Este texto não pode ser preenchido para a pessoa de exemplo {name}, então a página do "
        "caso não o ofereceria a pessoas assim."
    ),
    "Edit it: check its placeholders and conditions.": (
        "Edite-o: verifique os campos e as condições."
    ),
    "Fix it in {file}: check its placeholders and conditions.": (
        "Corrija-o em {file}: verifique os campos e as condições."
    ),
    # The case page's picker by a draft's box: the draft's language first.
    "In the draft’s language ({lang})": "No idioma do rascunho ({lang})",
}
