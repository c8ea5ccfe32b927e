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
problem-internal = Er ging bij ons iets mis. Probeer het later opnieuw.

# What is wrong with one field.
field-unknown = Dit veld kennen we niet.
field-missing = Dit veld ontbreekt.
field-invalid-type = Dit veld heeft de verkeerde soort waarde.
field-invalid-value = Deze waarde klopt niet.
field-invalid-length = Dit veld heeft niet het juiste aantal elementen.
