# Titles and details of API problems (RFC 9457). One message per problem type.
problem-malformed-json = Les données ne sont pas du JSON valide.
problem-malformed-json-detail = Vérifiez l'écriture vers la ligne { $line }, colonne { $column }.
problem-invalid-body = Certains champs ne sont pas corrects.
problem-invalid-body-detail = Corrigez les champs indiqués ci-dessous et réessayez.
problem-unsupported-media-type = Envoyez les données en JSON.
problem-unsupported-media-type-detail = Utilisez l'en-tête Content-Type: application/json.
problem-payload-too-large = Les données sont trop volumineuses.
problem-payload-too-large-detail = Vous pouvez envoyer au maximum { $limit } octets.
problem-bad-request = Nous ne pouvons pas lire cette demande.
problem-not-found = Introuvable.
problem-method-not-allowed = Cette opération n'est pas possible ici.
problem-unavailable = Le service est momentanément indisponible. Réessayez dans un instant.
problem-internal = Un problème est survenu de notre côté. Réessayez plus tard.

# What is wrong with one field.
field-unknown = Ce champ nous est inconnu.
field-missing = Ce champ manque.
field-invalid-type = Ce champ contient une valeur du mauvais type.
field-invalid-value = Cette valeur n'est pas correcte.
field-invalid-length = Ce champ n'a pas le bon nombre d'éléments.
