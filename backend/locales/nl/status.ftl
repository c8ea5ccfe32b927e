# The customer's page (docs/customers.md): the plan, "did this help?", no more e-mails, forget me.
status-plan = Zo ver staan we: { $done } van de { $tasks } stappen zijn gezet. Het moet klaar zijn op { $date }.
status-plan-started = We zijn eraan begonnen. Het moet klaar zijn op { $date }.
status-help-question = Hielp dit u?
status-help-comment = Wilt u er iets bij zeggen? (hoeft niet)
status-help-yes = Ja, dit hielp
status-help-no = Nee, dit hielp niet
status-help-said-yes = U liet ons weten dat dit hielp. Dank u wel.
status-help-said-no = U liet ons weten dat dit niet hielp. Wie erover besliste, heeft uw antwoord gelezen.
status-thanks-yes-title = Dank u voor uw antwoord
status-thanks-yes = Fijn dat het hielp. Dank u dat u het ons liet weten.
status-thanks-no-title = Dank u voor uw antwoord
status-thanks-no = Het spijt ons dat het niet hielp. Wie over uw opmerking besliste, krijgt uw antwoord meteen te lezen.
status-already-title = U gaf al uw antwoord
status-already = Op dit besluit gaf u al uw antwoord. Veranderen we ons besluit, dan kunt u opnieuw antwoorden.
status-changed-title = Ons besluit is intussen veranderd
status-changed = Kijk op uw pagina naar ons nieuwe besluit, en laat ons daar weten of het helpt.
status-form-title = Dat lukte niet
status-form-bad = Uw antwoord kwam niet goed bij ons aan. Ga terug naar uw pagina en probeer het opnieuw.
status-comment-long = Wat u erbij schreef, is te lang: houd het bij { $max } tekens.
status-back = Terug naar uw pagina
status-stop-offer = Liever geen e-mails meer van ons hierover? Wat er verder gebeurt, leest u dan hier.
status-stop-button = Stuur mij geen e-mails meer
status-stop-title = Geen e-mails meer van ons?
status-stop = Dan sturen we u geen e-mails meer over wat u ons vertelde. Wat er verder gebeurt, leest u altijd op uw pagina.
status-stopped-title = U krijgt geen e-mails meer van ons
status-stopped = U vroeg ons om u geen e-mails meer te sturen. Wat er verder gebeurt, leest u op deze pagina.
status-forget-offer = Wilt u dat we uw naam en uw gegevens wissen?
status-forget-link = Wis mijn naam en gegevens
status-forget-title = Uw naam en gegevens wissen?
status-forget = We wissen uw naam, uw e-mailadres en uw telefoonnummer bij alles wat u ons vertelde, en uit de e-mails die nog zouden vertrekken. Wat u vertelde, bewaren we zonder uw naam, zodat we er nog iets mee kunnen doen.
status-forget-after = Daarna werkt deze link niet meer, en krijgt u geen e-mails meer van ons. Dit kunnen we niet ongedaan maken.
status-forget-button = Wis mijn naam en gegevens
status-forgotten-title = Uw naam en gegevens zijn gewist
status-forgotten = Gewist: { $what }, bij { $count ->
    [one] de opmerking die u ons gaf
   *[other] de { $count } opmerkingen die u ons gaf
}.
status-forgotten-kept = Wat u vertelde, bewaren we zonder uw naam. De links in onze e-mails aan u werken niet meer, en we sturen u geen e-mails meer.
status-forgotten-named = In wat u vertelde, staat uw naam zelf nog. Wie uw opmerking behandelt, ziet dat u vroeg om vergeten te worden, en haalt hem eruit.
forgot-name = uw naam
forgot-email = uw e-mailadres
forgot-phone = uw telefoonnummer
forgot-and = en
# What stands where a forgotten customer's name stood in the texts we keep.
forgotten-name = klant
customer-stop-line = Liever geen e-mails meer van ons? Eén klik volstaat: { $url }
# A customer said a decision did not help: to the owner who decided.
alert-unhelpful-subject = Een klant zegt dat jullie besluit niet hielp: { $title }
alert-unhelpful-intro = Een klant liet op zijn pagina weten dat het besluit over "{ $title }" niet hielp.
alert-unhelpful-said = Wat de klant erbij schreef: "{ $comment }"
alert-unhelpful-nothing = De klant schreef er niets bij.
alert-still-named-subject = Een klant vroeg om vergeten te worden: haal de naam uit de tekst
alert-still-named-intro = Een klant vroeg om vergeten te worden. Naam, e-mailadres en telefoonnummer zijn gewist, maar de naam staat nog in wat de klant vertelde, bij { $count ->
    [one] deze opmerking
   *[other] deze { $count } opmerkingen
}. Open ze en haal de naam eruit:
