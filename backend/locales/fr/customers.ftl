# What customers read: the first answer (mail, or passed on by a colleague) and their status
# page. Formal ("vous"), the feeling first, then the facts, then when they hear again.
customer-greeting = Bonjour { $name },

ack-subject = Votre remarque : vous aurez de nos nouvelles au plus tard le { $date }
ack-apology = Nous sommes désolés de vous avoir fait attendre cette réponse plus longtemps que promis.
ack-feeling-quoted = Vous nous avez dit ce que vous ressentiez : « { $words } ». { $level ->
        [1] Nous le comprenons, et nous en sommes désolés.
        [2] Nous le comprenons, et nous le prenons au sérieux.
        [4] Merci, cela nous fait plaisir.
        [5] Merci, cela nous fait vraiment plaisir.
       *[3] Merci de nous l'avoir dit.
    }
ack-feeling = { $level ->
        [1] Vous nous avez fait savoir que cela vous a beaucoup contrarié. Nous le comprenons, et nous en sommes désolés.
        [2] Vous nous avez fait savoir que vous n'étiez pas satisfait. Nous le comprenons, et nous le prenons au sérieux.
        [4] Vous nous avez fait savoir que vous étiez satisfait. Merci, cela nous fait plaisir.
        [5] Vous nous avez fait savoir que vous étiez ravi. Merci, cela nous fait vraiment plaisir.
       *[3] Merci de nous avoir fait part de votre avis.
    }
ack-fact = Ce que vous nous avez raconté le { $heard } : { $facts }
ack-date = Nous vous dirons au plus tard le { $date } ce que nous en faisons.
ack-action = Voir où en est votre remarque
ack-more-links = Votre autre remarque se suit ici : { $url }
ack-footer = Vous recevez cet e-mail parce que vous nous avez autorisés à vous contacter à ce sujet.

date-long = { $weekday ->
        [1] lundi
        [2] mardi
        [3] mercredi
        [4] jeudi
        [5] vendredi
        [6] samedi
       *[7] dimanche
    } { $day ->
        [1] 1er
       *[other] { $day }
    } { $month ->
        [1] janvier
        [2] février
        [3] mars
        [4] avril
        [5] mai
        [6] juin
        [7] juillet
        [8] août
        [9] septembre
        [10] octobre
        [11] novembre
       *[12] décembre
    } { $year }

status-title = Votre remarque chez { $org }
status-told = Ce que vous avez raconté
status-heard = Entendu le { $day }
status-answer = Notre première réponse
status-answered = Répondu le { $day }
status-promised = Vous saurez au plus tard le { $date } ce que nous en faisons.
status-waiting = Nous avons bien reçu votre remarque. Vous aurez de nos nouvelles au plus tard le { $date }.
status-unknown-title = Nous ne connaissons pas ce lien
status-unknown = Le lien n'a peut-être pas été copié en entier. Regardez à nouveau dans l'e-mail que vous avez reçu.
status-too-many = Vous avez essayé trop souvent. Réessayez dans une minute.
case-ack-text = Vous n'êtes pas la seule personne à nous en avoir parlé. Nous examinons toutes ces remarques ensemble, pour que chacun reçoive la même réponse, honnête.
