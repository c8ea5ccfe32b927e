# What customers read: the first answer (mail, or passed on by a colleague) and their status
# page. Formal ("u"), the feeling first, then the facts, then when they hear again.
customer-greeting = Beste { $name },

ack-subject = Uw opmerking: u hoort van ons uiterlijk op { $date }
ack-apology = Het spijt ons dat u langer op dit antwoord hebt moeten wachten dan we beloofd hadden.
ack-feeling-quoted = U vertelde ons hoe u zich voelde: "{ $words }". { $level ->
        [1] Dat begrijpen we, en het spijt ons.
        [2] Dat begrijpen we, en we nemen het ernstig.
        [4] Dank u, dat doet ons plezier.
        [5] Dank u, dat doet ons echt plezier.
       *[3] Dank u dat u het ons liet weten.
    }
ack-feeling = { $level ->
        [1] U liet ons weten dat u hierover erg gefrustreerd was. Dat begrijpen we, en het spijt ons.
        [2] U liet ons weten dat u hierover niet tevreden was. Dat begrijpen we, en we nemen het ernstig.
        [4] U liet ons weten dat u hierover tevreden was. Dank u, dat doet ons plezier.
        [5] U liet ons weten dat u hierover heel blij was. Dank u, dat doet ons echt plezier.
       *[3] Dank u dat u ons liet weten hoe u hierover denkt.
    }
ack-fact = Wat u ons vertelde op { $heard }: { $facts }
ack-date = Uiterlijk op { $date } laten we u weten wat we ermee doen.
ack-action = Bekijk hoe het ermee staat
ack-more-links = Uw andere opmerking volgt u hier: { $url }
ack-footer = U krijgt deze e-mail omdat u ons toestemming gaf om u hierover te contacteren.

date-long = { $weekday ->
        [1] maandag
        [2] dinsdag
        [3] woensdag
        [4] donderdag
        [5] vrijdag
        [6] zaterdag
       *[7] zondag
    } { $day } { $month ->
        [1] januari
        [2] februari
        [3] maart
        [4] april
        [5] mei
        [6] juni
        [7] juli
        [8] augustus
        [9] september
        [10] oktober
        [11] november
       *[12] december
    } { $year }

status-title = Uw opmerking bij { $org }
status-told = Wat u vertelde
status-heard = Gehoord op { $day }
status-answer = Ons eerste antwoord
status-answered = Beantwoord op { $day }
status-promised = Uiterlijk op { $date } hoort u wat we ermee doen.
status-waiting = We hebben uw opmerking goed ontvangen. U hoort van ons uiterlijk op { $date }.
status-unknown-title = Deze link kennen we niet
status-unknown = Misschien is de link niet volledig gekopieerd. Kijk nog eens in de e-mail die u van ons kreeg.
status-too-many = U probeerde het net te vaak. Probeer het over een minuut opnieuw.
case-ack-text = U bent niet de enige die ons hierover aansprak. We bekijken alle opmerkingen erover samen, zodat iedereen hetzelfde, eerlijke antwoord krijgt.

# Decisions (docs/decisions.md): the frame around the owner's words.
decision-subject = Ons antwoord op wat u ons vertelde
decision-subject-changed = We hebben ons besluit over wat u ons vertelde veranderd
decision-subject-pending = Wat u ons vertelde: we beslissen er samen met anderen over
decision-changed = We hebben ons besluit veranderd.
decision-duplicate = Anderen vertelden ons hetzelfde, dus we hebben er samen over beslist.
decision-act = Dit gaan we doen:
decision-no-action = We veranderen hier voorlopig niets aan, en we willen u eerlijk zeggen waarom:
decision-already-done = Wat u vraagt, bestaat al of is al gebeurd:
decision-praise = Dank u wel. We hebben uw woorden doorgegeven aan het team.
decision-hear-done = Uiterlijk op { $date } laten we u weten dat het gedaan is.
decision-hear-on = Uiterlijk op { $date } hoort u weer van ons.
decision-final = Dit is ons antwoord. Verandert er iets, dan laten we het u weten, en uw pagina toont het ook.
decision-pending = Anderen vertelden ons hetzelfde. We beslissen er samen over, en uiterlijk op { $date } hoort u wat we doen.
reopen-subject = We bekijken wat u ons vertelde opnieuw
reopen-intro = We bekijken wat u ons vertelde opnieuw.
status-decision = Ons besluit
status-final = Dit is ons antwoord. Verandert er iets, dan ziet u het hier.
status-again = Uiterlijk op { $date } hoort u weer van ons.

# Action plans (docs/plans.md): done, and a new date.
plan-done-subject = Het is gedaan: wat we u beloofden
plan-done-intro = We beloofden u iets te doen met wat u ons vertelde. Dat is nu gebeurd.
plan-done-what = Dit hebben we gedaan:
plan-done-final = Dank u dat u het ons liet weten. Verandert er nog iets, dan laten we het u weten, en uw pagina toont het ook.
plan-moved-apology = Het spijt ons: we houden ons niet aan de datum die we u gaven.
plan-moved-subject = Een nieuwe datum voor wat we u beloofden
plan-moved-intro = Wat we u beloofden, is nog niet klaar op de dag die we noemden.
plan-moved-default = Het werk duurt langer dan we hadden gepland. We houden u op de hoogte.
status-done = Het is gedaan
status-moved = Een nieuwe datum
