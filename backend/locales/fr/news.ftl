# Everyone hears: the decision mails, the daily digest and the unsubscribe pages (staff: "vous").
news-feeling = { $level ->
    [1] très frustré·e
    [2] frustré·e
    [3] neutre
    [4] content·e
   *[5] ravi·e
}
news-kind-act = nous allons agir
news-kind-no-action = nous ne faisons rien pour l'instant
news-kind-already-done = cela existe déjà ou c'est déjà fait
news-kind-duplicate = c'est le même sujet qu'un autre cas
news-kind-praise = un compliment, transmis à l'équipe
news-decided = Décision prise pour « { $title } » : { $kind }.
news-changed = La décision pour « { $title } » a changé : { $kind }.
news-change = Pourquoi ce changement : { $why }
news-same-as = Il reçoit la même décision que « { $title } ».
news-said = Un client a raconté : « { $facts } » (il se sentait { $feeling }).
news-plan-done = Le plan a été réalisé le { $date } ; les clients l'ont appris.
news-plan-due = Le plan avance : { $done } tâche(s) sur { $tasks } terminée(s), pour le { $date }.
news-by = Décidé par { $name }.
news-decided-subject = Décidé : { $title }
news-changed-subject = Changé : { $title }
news-open-feed = Lire toutes les décisions
news-footer-each = Vous recevez cet e-mail parce que vous avez choisi chaque décision à part. Dans earshot, vous pouvez choisir autrement dans vos réglages, ou arrêter ces e-mails tout de suite : { $url }
news-digest-subject = Ce que sont devenues les remarques entendues, { $date }
news-digest-intro = { $decisions ->
    [0] Pas de nouvelle décision depuis votre dernier résumé, mais des nouvelles d'un plan.
    [one] Une nouvelle décision depuis votre dernier résumé.
   *[other] { $decisions } nouvelles décisions depuis votre dernier résumé.
}
news-digest-done = Réalisé : « { $title } ». Les clients l'ont appris.
news-figures = Ce mois-ci : { $decisions ->
    [one] une décision
   *[other] { $decisions } décisions
}, et { $percent } % des clients ont eu une réponse dans le délai promis.
news-figures-none-due = Ce mois-ci : { $decisions ->
    [one] une décision
   *[other] { $decisions } décisions
}, et aucune réponse n'était encore attendue.
digest-fixed-line = Ouvrez earshot : quelque chose vous attend peut-être.
news-open-earshot = Ouvrir earshot
news-footer-digest = Vous recevez ce résumé chaque jour à l'heure choisie. Dans earshot, vous pouvez choisir autrement dans vos réglages, ou arrêter ces e-mails tout de suite : { $url }

leave-decisions-title = Ne plus recevoir un e-mail à chaque décision ?
leave-decisions = { $email } ne recevra alors plus d'e-mails d'earshot sur les décisions. Vous les lisez toujours dans l'application, et vous pouvez choisir à nouveau dans vos réglages.
leave-digest-title = Ne plus recevoir le résumé quotidien ?
leave-digest = { $email } ne recevra alors plus le résumé quotidien d'earshot. Toutes les décisions restent dans l'application, et vous pouvez choisir à nouveau dans vos réglages.
leave-alerts-title = Ne plus être prévenu·e des nouvelles remarques ?
leave-alerts = { $email } ne recevra alors plus d'e-mails sur les nouvelles remarques et les promesses sur le point d'expirer. Votre boîte de réception dans earshot les montre toujours.
leave-button = Oui, arrêter ces e-mails
leave-done-title = C'est arrêté
leave-done = Vous ne recevrez plus ces e-mails. Vous les voulez à nouveau ? Choisissez-le dans earshot, dans vos réglages.
leave-unknown-title = Nous ne connaissons pas ce lien
leave-unknown = Vérifiez que vous avez utilisé le lien complet de l'e-mail. Vous pouvez aussi choisir vos e-mails dans earshot, dans vos réglages.
leave-expired-title = Ce lien ne fonctionne plus
leave-expired = Il est trop ancien. Choisissez vos e-mails dans earshot, dans vos réglages, ou avec le lien d'un e-mail plus récent.

# Owners' alerts and their one-touch pages.
alert-new-subject = { $count ->
    [one] Une nouvelle remarque est arrivée
   *[other] { $count } nouvelles remarques sont arrivées
}
alert-new-intro = { $count ->
    [one] Voici ce qu'un client nous a dit :
   *[other] Voici ce que { $count } clients nous ont dit :
}
alert-slipping-subject = { $count ->
    [one] Une promesse risque d'expirer
   *[other] { $count } promesses risquent d'expirer
}
alert-slipping-intro = { $count ->
    [one] Le client de cette remarque attendra bientôt trop longtemps notre réponse :
   *[other] Les clients de ces { $count } remarques attendront bientôt trop longtemps notre réponse :
}
alert-remark = « { $facts } » (il se sentait { $feeling })
alert-one-touch = Envoyer tout de suite une première réponse, avec le texte et la promesse proposés (vous confirmez d'abord) : { $url }
alert-open = Ouvrir dans earshot : { $url }
alert-more = Et encore { $count } dans votre boîte de réception.
alert-open-inbox = Ouvrir ma boîte de réception
alert-one-touch-note = Les liens pour répondre tout de suite fonctionnent { $hours } heures et une seule fois.
alert-footer = Vous recevez ces alertes en tant que responsable du feedback. Dans earshot, vous pouvez choisir autrement dans vos réglages, ou les arrêter tout de suite : { $url }
alert-digest-new = { $count ->
    [one] Une remarque attend une première réponse.
   *[other] { $count } remarques attendent une première réponse.
}
alert-digest-slipping = { $count ->
    [one] Une promesse expire dans les { $hours } heures.
   *[other] { $count } promesses expirent dans les { $hours } heures.
}

touch-title = Envoyer cette première réponse ?
touch-intro = Le client recevra cette réponse, avec la promesse d'une vraie réponse d'ici le { $date }. Rien n'est encore envoyé.
touch-heard = Ce que le client a raconté : « { $facts } »
touch-button = Oui, envoyer cette réponse
touch-done-title = Envoyé
touch-done = La première réponse est en route. La remarque est dans votre boîte de réception avec la nouvelle promesse.
touch-unknown-title = Nous ne connaissons pas ce lien
touch-unknown = Vérifiez que vous avez utilisé le lien complet de l'e-mail, ou ouvrez la remarque dans earshot.
touch-used-title = Ce lien a déjà servi
touch-used = Quelqu'un a déjà répondu avec ce lien ; il ne fonctionne qu'une fois. Dans earshot, vous voyez ce qui a été envoyé.
touch-expired-title = Ce lien ne fonctionne plus
touch-expired = Il n'était valable qu'un jour. Ouvrez la remarque dans earshot pour répondre.
touch-answered-title = Ce client a déjà reçu une réponse
touch-answered = Quelqu'un a répondu entre-temps depuis earshot. Rien de plus n'a été envoyé.
touch-not-owner-title = Ce lien ne fonctionne plus
touch-not-owner = Vous n'êtes plus responsable du feedback : ce lien ne permet plus de répondre.
