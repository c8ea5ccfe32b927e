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

# Decisions (docs/decisions.md): the frame around the owner's words.
decision-subject = Notre réponse à ce que vous nous avez dit
decision-subject-changed = Nous avons changé notre décision sur ce que vous nous avez dit
decision-subject-pending = Ce que vous nous avez dit : nous en décidons avec d'autres
decision-changed = Nous avons changé notre décision.
decision-duplicate = D'autres personnes nous ont dit la même chose : nous en avons décidé ensemble.
decision-act = Voici ce que nous allons faire :
decision-no-action = Pour le moment, nous ne changeons rien, et nous voulons vous dire honnêtement pourquoi :
decision-already-done = Ce que vous demandez existe déjà ou a déjà été fait :
decision-praise = Merci beaucoup. Nous avons transmis vos mots à l'équipe.
decision-hear-done = Nous vous dirons au plus tard le { $date } que c'est fait.
decision-hear-on = Vous aurez de nos nouvelles au plus tard le { $date }.
decision-final = C'est notre réponse. Si quelque chose change, nous vous le dirons, et votre page le montrera aussi.
decision-pending = D'autres personnes nous ont dit la même chose. Nous en décidons ensemble, et vous saurez au plus tard le { $date } ce que nous faisons.
reopen-subject = Nous réexaminons ce que vous nous avez dit
reopen-intro = Nous réexaminons ce que vous nous avez dit.
status-decision = Notre décision
status-final = C'est notre réponse. Si quelque chose change, vous le verrez ici.
status-again = Vous aurez de nos nouvelles au plus tard le { $date }.

# Action plans (docs/plans.md): done, and a new date.
plan-done-subject = C'est fait : ce que nous vous avions promis
plan-done-intro = Nous vous avions promis d'agir après ce que vous nous avez dit. C'est chose faite.
plan-done-what = Voici ce que nous avons fait :
plan-done-final = Merci de nous l'avoir signalé. Si quelque chose change encore, nous vous le dirons, et votre page l'indiquera aussi.
plan-moved-apology = Nous sommes désolés : nous ne tenons pas la date que nous vous avions donnée.
plan-moved-subject = Une nouvelle date pour ce que nous vous avions promis
plan-moved-intro = Ce que nous vous avions promis ne sera pas prêt le jour annoncé.
plan-moved-default = Le travail prend plus de temps que prévu. Nous vous tenons au courant.
status-done = C'est fait
status-moved = Une nouvelle date
