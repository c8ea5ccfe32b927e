# The customer's page (docs/customers.md): the plan, "did this help?", no more e-mails, forget me.
status-plan = Où nous en sommes : { $done } des { $tasks } étapes sont faites. Ce sera terminé le { $date } au plus tard.
status-plan-started = Nous avons commencé. Ce sera terminé le { $date } au plus tard.
status-help-question = Cela vous a-t-il aidé ?
status-help-comment = Voulez-vous ajouter quelque chose ? (facultatif)
status-help-yes = Oui, cela m'a aidé
status-help-no = Non, cela ne m'a pas aidé
status-help-said-yes = Vous nous avez dit que cela vous a aidé. Merci.
status-help-said-no = Vous nous avez dit que cela ne vous a pas aidé. La personne qui a décidé a lu votre réponse.
status-thanks-yes-title = Merci pour votre réponse
status-thanks-yes = Nous sommes heureux que cela vous ait aidé. Merci de nous l'avoir dit.
status-thanks-no-title = Merci pour votre réponse
status-thanks-no = Nous regrettons que cela ne vous ait pas aidé. La personne qui a décidé de votre remarque lit votre réponse tout de suite.
status-already-title = Vous avez déjà répondu
status-already = Vous avez déjà répondu à propos de cette décision. Si nous changeons notre décision, vous pourrez répondre à nouveau.
status-changed-title = Notre décision a changé entre-temps
status-changed = Regardez notre nouvelle décision sur votre page, et dites-nous là si elle vous aide.
status-form-title = Cela n'a pas marché
status-form-bad = Votre réponse ne nous est pas bien parvenue. Retournez à votre page et réessayez.
status-comment-long = Ce que vous avez ajouté est trop long : { $max } caractères au plus.
status-back = Retour à votre page
status-stop-offer = Vous préférez ne plus recevoir d'e-mails de notre part à ce sujet ? La suite, vous la lirez ici.
status-stop-button = Ne plus m'envoyer d'e-mails
status-stop-title = Ne plus recevoir d'e-mails de notre part ?
status-stop = Nous ne vous enverrons plus d'e-mails sur ce que vous nous avez dit. La suite, vous la lirez toujours sur votre page.
status-stopped-title = Vous ne recevrez plus d'e-mails de notre part
status-stopped = Vous nous avez demandé de ne plus vous envoyer d'e-mails. La suite, vous la lirez sur cette page.
status-forget-offer = Voulez-vous que nous effacions votre nom et vos coordonnées ?
status-forget-link = Effacer mon nom et mes coordonnées
status-forget-title = Effacer votre nom et vos coordonnées ?
status-forget = Nous effaçons votre nom, votre adresse e-mail et votre numéro de téléphone de tout ce que vous nous avez dit, et des e-mails qui devaient encore partir. Ce que vous nous avez dit, nous le gardons sans votre nom, pour pouvoir encore en tenir compte.
status-forget-after = Ensuite, ce lien ne fonctionnera plus et vous ne recevrez plus d'e-mails de notre part. Nous ne pourrons pas revenir en arrière.
status-forget-button = Effacer mon nom et mes coordonnées
status-forgotten-title = Votre nom et vos coordonnées sont effacés
status-forgotten = Effacés : { $what }, pour { $count ->
    [one] la remarque que vous nous avez faite
   *[other] les { $count } remarques que vous nous avez faites
}.
status-forgotten-kept = Ce que vous nous avez dit, nous le gardons sans votre nom. Les liens de nos e-mails ne fonctionnent plus, et nous ne vous enverrons plus d'e-mails.
status-forgotten-named = Votre nom figure encore dans ce que vous nous avez dit. La personne qui traite votre remarque voit que vous avez demandé à être oublié, et l'enlèvera.
forgot-name = votre nom
forgot-email = votre adresse e-mail
forgot-phone = votre numéro de téléphone
forgot-and = et
forgotten-name = client
customer-stop-line = Vous préférez ne plus recevoir d'e-mails de notre part ? Un clic suffit : { $url }
alert-unhelpful-subject = Un client dit que votre décision ne l'a pas aidé : { $title }
alert-unhelpful-intro = Un client a indiqué sur sa page que la décision sur « { $title } » ne l'a pas aidé.
alert-unhelpful-said = Ce que le client a ajouté : « { $comment } »
alert-unhelpful-nothing = Le client n'a rien ajouté.
alert-still-named-subject = Un client a demandé à être oublié : retirez son nom du texte
alert-still-named-intro = Un client a demandé à être oublié. Son nom, son adresse e-mail et son téléphone sont effacés, mais son nom figure encore dans ce qu'il a dit, pour { $count ->
    [one] cette remarque
   *[other] ces { $count } remarques
}. Ouvrez-les et retirez le nom :
