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
problem-jobs-down = Toutes les tâches de fond d'earshot ne tournent pas.
problem-jobs-down-detail = À l'arrêt : { $jobs }. Elles redémarrent d'elles-mêmes ; le journal dit pourquoi elles se sont arrêtées.
problem-internal = Un problème est survenu de notre côté. Réessayez plus tard.

# What is wrong with one field.
field-unknown = Ce champ nous est inconnu.
field-missing = Ce champ manque.
field-invalid-type = Ce champ contient une valeur du mauvais type.
field-invalid-value = Cette valeur n'est pas correcte.
field-invalid-length = Ce champ n'a pas le bon nombre d'éléments.
problem-unauthorized = Connectez-vous pour continuer.
problem-forbidden = Votre rôle ne vous permet pas de faire ceci.
problem-too-many-requests = Trop de tentatives d'affilée.
problem-too-many-requests-detail = Attendez { $seconds } secondes, puis réessayez.
problem-invalid-credentials = Cette adresse e-mail et ce mot de passe ne vont pas ensemble.
problem-invalid-credentials-detail = Vérifiez les deux, ou demandez un lien de connexion par e-mail.
problem-csrf = Cette demande ne vient pas de l'application earshot.
problem-csrf-detail = Rechargez la page et réessayez.
problem-link-expired = Ce lien ne fonctionne plus.
problem-link-expired-detail = Il a expiré ou a déjà servi. Demandez-en un nouveau.
problem-link-other-browser = Ouvrez le lien dans le navigateur où vous l'avez demandé.
problem-link-other-browser-detail = Ainsi, personne d'autre ne peut se connecter avec votre e-mail. Sinon, demandez ici un nouveau lien.
problem-email-taken = Un compte existe déjà avec cette adresse e-mail.
problem-not-invited = Cette personne a déjà accepté l'invitation.
problem-credentials-are-personal = Chacun choisit lui-même son mot de passe et son adresse e-mail.
problem-credentials-are-personal-detail = Un administrateur ne peut les définir pour personne ; la personne peut demander elle-même un nouveau mot de passe.
problem-not-accepted-yet = Cette personne n'a pas encore accepté l'invitation.
problem-cannot-disable-self = Vous ne pouvez pas désactiver votre propre compte.
problem-last-admin = Il doit toujours y avoir au moins un administrateur actif.
problem-wrong-password = Votre mot de passe actuel n'est pas correct.

field-blank = Remplissez ce champ.
field-too-long = C'est trop long : { $limit } caractères au maximum.
field-invalid-email = Nous ne pouvons pas envoyer d'e-mail à cette adresse. Écrivez-la comme nom@entreprise.be.
field-control-character = Écrivez ceci sur une seule ligne, sans tabulations ni caractères invisibles.
field-control-character-text = Ce texte contient un caractère de contrôle invisible. Retapez-le, ou collez-le sans mise en forme.
field-weak-password = Ce mot de passe est trop facile à deviner.
field-not-offered = Cette langue n'est pas proposée dans votre organisation.
field-duplicate = Chaque valeur ne peut figurer qu'une seule fois ici.
field-time-zone = Choisissez un fuseau horaire comme Europe/Brussels.
field-promise = Choisissez entre 1 et 30 jours (ou 720 heures).

# Why a password is too weak, and what helps.
password-too-short = Utilisez au moins { $limit } caractères. Quelques mots sans lien, à la suite, font très bien l'affaire.
password-common = Beaucoup de gens utilisent ce mot de passe. Choisissez quelque chose que vous seul imaginez, par exemple quatre mots sans lien.
password-name = Les noms, même le vôtre, sont faciles à deviner. Ajoutez des mots qui n'ont rien à voir.
password-pattern = Les rangées du clavier, les répétitions et les suites sont faciles à deviner. Choisissez des mots sans lien.
password-date = Les années et les dates sont faciles à deviner. Retirez-les ou ajoutez des mots sans lien.
password-guessable = Rendez-le plus long ou moins prévisible : quatre ou cinq mots sans lien font très bien l'affaire.
problem-not-empty = Cette installation a déjà des personnes ; la démo ne s'installe que dans une installation vide.

# Capture.
problem-capture-in-progress = Cette remarque est en train d'être enregistrée.
problem-capture-in-progress-detail = Réessayez dans un instant ; elle ne sera enregistrée qu'une fois.
problem-idempotency-mismatch = Une remarque avec ce numéro existe déjà, avec un autre contenu.
problem-idempotency-mismatch-detail = Envoyez une nouvelle remarque avec un nouveau numéro.
problem-already-captured = Cette remarque est déjà enregistrée.
problem-already-captured-detail = Inutile de l'envoyer à nouveau.
problem-idempotency-key-repeated = N'envoyez l'en-tête Idempotency-Key qu'une seule fois.
problem-idempotency-key-repeated-detail = Une requête a une seule clé ; avec deux, nous ne savons pas laquelle vous voulez dire.
problem-request-timeout = Les données arrivaient trop lentement.
problem-request-timeout-detail = Vérifiez votre connexion et réessayez.
field-uuid-v4 = Ceci doit être un UUID version 4.
field-id-mismatch = Le numéro dans les données et dans l'en-tête Idempotency-Key diffèrent.
field-phone = Ce n'est pas un numéro de téléphone valide (8 à 15 chiffres, éventuellement précédés de +).
field-consent = Demandez au client si nous pouvons le contacter : oui ou non.
field-feeling = Touchez le ressenti du client, de très frustré à ravi.
field-place = Touchez l'endroit où vous l'avez entendu.
field-place-other = Dites en quelques mots où vous l'avez entendu.
field-date = Utilisez une date comme 2026-11-23.
field-heard-on-future = Ce jour n'est pas encore arrivé.
field-heard-on-too-old = C'est trop ancien : { $limit } jours au maximum.
field-topic = Ce sujet n'existe pas (ou plus).
