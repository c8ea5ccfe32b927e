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
