# Everyone hears: the decision mails, the daily digest and the unsubscribe pages (staff: "je").
news-feeling = { $level ->
    [1] heel gefrustreerd
    [2] gefrustreerd
    [3] neutraal
    [4] tevreden
   *[5] heel blij
}
news-kind-act = we doen er iets mee
news-kind-no-action = we doen er voorlopig niets mee
news-kind-already-done = het bestaat al of is al gedaan
news-kind-duplicate = het is hetzelfde als een ander geval
news-kind-praise = een compliment, doorgegeven aan het team
news-decided = Over "{ $title }" is beslist: { $kind }.
news-changed = De beslissing over "{ $title }" is gewijzigd: { $kind }.
news-change = Waarom gewijzigd: { $why }
news-same-as = Het krijgt dezelfde beslissing als "{ $title }".
news-said = Een klant vertelde: "{ $facts }" (voelde zich { $feeling }).
news-plan-done = Het plan is uitgevoerd op { $date }; de klanten hebben het gehoord.
news-plan-due = Het plan loopt: { $done } van { $tasks } taken klaar, af tegen { $date }.
news-by = Beslist door { $name }.
news-decided-subject = Beslist: { $title }
news-changed-subject = Gewijzigd: { $title }
news-open-feed = Lees alle beslissingen
news-footer-each = Je krijgt deze mail omdat je koos voor elke beslissing apart. In earshot kies je bij je instellingen iets anders, of je stopt deze mails meteen: { $url }
news-digest-subject = Wat er werd van wat we hoorden, { $date }
news-digest-intro = { $decisions ->
    [0] Geen nieuwe beslissingen sinds je vorige overzicht, wel nieuws over een plan.
    [one] Eén nieuwe beslissing sinds je vorige overzicht.
   *[other] { $decisions } nieuwe beslissingen sinds je vorige overzicht.
}
news-digest-done = Uitgevoerd: "{ $title }". De klanten hebben het gehoord.
news-figures = Deze maand: { $decisions ->
    [one] één beslissing
   *[other] { $decisions } beslissingen
}, en { $percent } % van de klanten kreeg antwoord binnen de belofte.
news-figures-none-due = Deze maand: { $decisions ->
    [one] één beslissing
   *[other] { $decisions } beslissingen
}, en nog geen antwoord dat al klaar moest zijn.
digest-fixed-line = Open earshot: misschien wacht er iets op je.
news-open-earshot = Open earshot
news-footer-digest = Je krijgt dit overzicht elke dag op het uur dat je koos. In earshot kies je bij je instellingen iets anders, of je stopt deze mails meteen: { $url }

leave-decisions-title = Geen mail meer bij elke beslissing?
leave-decisions = Dan krijgt { $email } geen mails van earshot meer over beslissingen. In de app lees je ze altijd, en bij je instellingen kies je opnieuw.
leave-digest-title = Geen dagelijks overzicht meer?
leave-digest = Dan krijgt { $email } het dagelijkse overzicht van earshot niet meer. In de app lees je alle beslissingen, en bij je instellingen kies je opnieuw.
leave-alerts-title = Geen meldingen meer over nieuwe opmerkingen?
leave-alerts = Dan krijgt { $email } geen mails meer over nieuwe opmerkingen en beloftes die dreigen te verlopen. Je inbox in earshot toont ze altijd.
leave-button = Ja, stop deze mails
leave-done-title = Gestopt
leave-done = Je krijgt deze mails niet meer. Wil je ze toch terug? Kies opnieuw in earshot bij je instellingen.
leave-unknown-title = Deze link kennen we niet
leave-unknown = Kijk of je de hele link uit de mail gebruikte. Welke mails je krijgt, kies je ook in earshot bij je instellingen.
leave-expired-title = Deze link werkt niet meer
leave-expired = Hij is te oud. Welke mails je krijgt, kies je in earshot bij je instellingen, of met de link in een recentere mail.

# Owners' alerts and their one-touch pages.
alert-new-subject = { $count ->
    [one] Een nieuwe opmerking kwam binnen
   *[other] { $count } nieuwe opmerkingen kwamen binnen
}
alert-new-intro = { $count ->
    [one] Dit vertelde een klant ons:
   *[other] Dit vertelden { $count } klanten ons:
}
alert-slipping-subject = { $count ->
    [one] Een belofte dreigt te verlopen
   *[other] { $count } beloftes dreigen te verlopen
}
alert-slipping-intro = { $count ->
    [one] De klant van deze opmerking wacht binnenkort te lang op ons antwoord:
   *[other] De klanten van deze { $count } opmerkingen wachten binnenkort te lang op ons antwoord:
}
alert-remark = "{ $facts }" (voelde zich { $feeling })
alert-one-touch = Meteen een eerste antwoord sturen, met de voorgestelde tekst en belofte (je bevestigt eerst): { $url }
alert-open = Openen in earshot: { $url }
alert-more = En nog { $count } in je inbox.
alert-open-inbox = Open mijn inbox
alert-one-touch-note = De links om meteen te antwoorden werken { $hours } uur en maar één keer.
alert-footer = Je krijgt deze meldingen als feedbackverantwoordelijke. In earshot kies je bij je instellingen iets anders, of je stopt ze meteen: { $url }
alert-digest-new = { $count ->
    [one] Eén opmerking wacht op een eerste antwoord.
   *[other] { $count } opmerkingen wachten op een eerste antwoord.
}
alert-digest-slipping = { $count ->
    [one] Eén belofte verloopt binnen { $hours } uur.
   *[other] { $count } beloftes verlopen binnen { $hours } uur.
}

touch-title = Dit eerste antwoord versturen?
touch-intro = De klant krijgt dit antwoord, met de belofte van een echt antwoord tegen { $date }. Niets is al verstuurd.
touch-heard = Wat de klant vertelde: "{ $facts }"
touch-button = Ja, verstuur dit antwoord
touch-done-title = Verstuurd
touch-done = Het eerste antwoord is onderweg. De opmerking staat in je inbox met de nieuwe belofte.
touch-unknown-title = Deze link kennen we niet
touch-unknown = Kijk of je de hele link uit de mail gebruikte, of open de opmerking in earshot.
touch-used-title = Deze link is al gebruikt
touch-used = Met deze link werd al geantwoord; hij werkt maar één keer. In earshot zie je wat er verstuurd werd.
touch-expired-title = Deze link werkt niet meer
touch-expired = Hij was maar een dag geldig. Open de opmerking in earshot om te antwoorden.
touch-answered-title = Deze klant kreeg al een antwoord
touch-answered = Iemand antwoordde intussen vanuit earshot. Er is niets meer verstuurd.
touch-not-owner-title = Deze link werkt niet meer
touch-not-owner = Je bent geen feedbackverantwoordelijke meer, dus met deze link kan je niet meer antwoorden.
