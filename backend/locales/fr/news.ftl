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
