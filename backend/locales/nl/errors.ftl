# Titles and details of API problems (RFC 9457). One message per problem type.
problem-malformed-json = De gegevens zijn geen geldige JSON.
problem-malformed-json-detail = Controleer de schrijfwijze rond regel { $line }, kolom { $column }.
problem-invalid-body = Niet alle velden zijn in orde.
problem-invalid-body-detail = Verbeter de velden die hieronder staan en probeer opnieuw.
problem-unsupported-media-type = Stuur de gegevens als JSON.
problem-unsupported-media-type-detail = Gebruik de header Content-Type: application/json.
problem-payload-too-large = De gegevens zijn te groot.
problem-payload-too-large-detail = Er mag hoogstens { $limit } bytes worden verstuurd.
problem-bad-request = Dit verzoek kunnen we niet lezen.
problem-not-found = Niet gevonden.
problem-method-not-allowed = Deze handeling kan hier niet.
problem-unavailable = De dienst is even niet beschikbaar. Probeer het zo opnieuw.
problem-jobs-down = Niet alle achtergrondtaken van earshot draaien.
problem-jobs-down-detail = Stilgevallen: { $jobs }. Ze starten vanzelf opnieuw; het logboek zegt waarom ze stopten.
problem-internal = Er ging bij ons iets mis. Probeer het later opnieuw.

# What is wrong with one field.
field-unknown = Dit veld kennen we niet.
field-missing = Dit veld ontbreekt.
field-invalid-type = Dit veld heeft de verkeerde soort waarde.
field-invalid-value = Deze waarde klopt niet.
field-invalid-length = Dit veld heeft niet het juiste aantal elementen.
problem-unauthorized = Meld je aan om verder te gaan.
problem-forbidden = Dit mag je niet doen met jouw rol.
problem-too-many-requests = Te veel pogingen na elkaar.
problem-too-many-requests-detail = Wacht { $seconds } seconden en probeer dan opnieuw.
problem-invalid-credentials = Dit e-mailadres en wachtwoord horen niet bij elkaar.
problem-invalid-credentials-detail = Kijk beide na, of vraag een aanmeldlink per mail.
problem-csrf = Dit verzoek komt niet van de earshot-app.
problem-csrf-detail = Herlaad de pagina en probeer opnieuw.
problem-link-expired = Deze link werkt niet meer.
problem-link-expired-detail = Hij is verlopen of al gebruikt. Vraag een nieuwe.
problem-link-other-browser = Open de link in de browser waarin je hem vroeg.
problem-link-other-browser-detail = Zo kan niemand anders zich met jouw mail aanmelden. Vraag anders hier een nieuwe link.
problem-email-taken = Er bestaat al een account met dit e-mailadres.
problem-not-invited = Deze persoon heeft de uitnodiging al aanvaard.
problem-credentials-are-personal = Een wachtwoord of e-mailadres kiest iedereen zelf.
problem-credentials-are-personal-detail = Een beheerder kan die voor niemand instellen; de persoon kan wel zelf een nieuw wachtwoord vragen.
problem-not-accepted-yet = Deze persoon heeft de uitnodiging nog niet aanvaard.
problem-cannot-disable-self = Je kunt je eigen account niet uitschakelen.
problem-last-admin = Er moet altijd minstens één actieve beheerder zijn.
problem-wrong-password = Je huidige wachtwoord klopt niet.

field-blank = Vul dit veld in.
field-too-long = Dit is te lang: hoogstens { $limit } tekens.
field-invalid-email = Naar dit adres kunnen we niet mailen. Schrijf het zoals naam@bedrijf.be.
field-control-character = Schrijf dit op één regel, zonder tabs of onzichtbare tekens.
field-control-character-text = Hier staat een onzichtbaar stuurteken in. Typ de tekst opnieuw, of plak hem zonder opmaak.
field-weak-password = Dit wachtwoord is te makkelijk te raden.
field-not-offered = Deze taal wordt in jouw organisatie niet aangeboden.
field-duplicate = Elke waarde mag hier maar één keer staan.
field-time-zone = Kies een tijdzone zoals Europe/Brussels.
field-promise = Kies tussen 1 en 30 dagen (of 720 uur).

# Why a password is too weak, and what helps.
password-too-short = Gebruik minstens { $limit } tekens. Een paar losse woorden achter elkaar werken goed.
password-common = Dit wachtwoord gebruiken veel mensen. Kies iets dat alleen jij bedenkt, bijvoorbeeld vier losse woorden.
password-name = Namen, ook die van jezelf, zijn makkelijk te raden. Voeg losse woorden toe die er niets mee te maken hebben.
password-pattern = Rijen op het toetsenbord, herhalingen en reeksen zijn makkelijk te raden. Kies losse woorden.
password-date = Jaartallen en datums zijn makkelijk te raden. Laat ze weg of voeg losse woorden toe.
password-guessable = Maak het langer of minder voorspelbaar: vier of vijf losse woorden werken goed.
problem-not-empty = Deze installatie heeft al mensen; de demo komt alleen in een lege.

# Capture.
problem-capture-in-progress = Deze opmerking wordt net bewaard.
problem-capture-in-progress-detail = Probeer het zo opnieuw; ze wordt maar één keer bewaard.
problem-idempotency-mismatch = Er bestaat al een opmerking met dit nummer, met een andere inhoud.
problem-idempotency-mismatch-detail = Stuur een nieuwe opmerking met een nieuw nummer.
problem-already-captured = Deze opmerking is al bewaard.
problem-already-captured-detail = Ze hoeft niet opnieuw verstuurd te worden.
problem-idempotency-key-repeated = Stuur de header Idempotency-Key maar één keer.
problem-idempotency-key-repeated-detail = Eén verzoek heeft één sleutel; bij twee weten we niet welke je bedoelt.
problem-request-timeout = De gegevens kwamen te traag binnen.
problem-request-timeout-detail = Controleer je verbinding en probeer opnieuw.
field-uuid-v4 = Dit moet een UUID versie 4 zijn.
field-id-mismatch = Het nummer in de gegevens en in de header Idempotency-Key verschillen.
field-phone = Dit is geen geldig telefoonnummer (8 tot 15 cijfers, eventueel met + vooraan).
field-consent = Vraag de klant of we contact mogen opnemen: ja of nee.
field-feeling = Tik aan hoe de klant zich voelde, van heel gefrustreerd tot heel blij.
field-place = Tik aan waar je het hoorde.
field-place-other = Zeg kort waar je het hoorde.
field-date = Gebruik een datum zoals 2026-11-23.
field-heard-on-future = Die dag moet nog komen.
field-heard-on-too-old = Dat is te lang geleden: hoogstens { $limit } dagen terug.
field-topic = Dit onderwerp bestaat niet (meer).
