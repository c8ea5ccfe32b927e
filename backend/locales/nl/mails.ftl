# Mails to staff: brief, warm, and a link into the app.
mail-greeting = Dag { $name },

mail-invitation-subject = Je bent uitgenodigd voor earshot bij { $org }
mail-invitation-body = Bij { $org } noteren we met earshot wat klanten ons vertellen, ook buiten het werk: op een feestje, aan de schoolpoort, bij de kapper. Zo krijgt elke klant een eerlijk antwoord.
mail-invitation-messenger = Wie iets noteert, is alleen de boodschapper. Je collega's lezen wat de klant zei, maar nooit wie het doorgaf.
mail-invitation-action = Kies je wachtwoord
mail-invitation-expiry = Deze link werkt { $days } dagen en maar één keer.
mail-invitation-footer = Verwachtte je deze uitnodiging niet? Dan mag je deze mail gewoon negeren.

mail-sign-in-subject = Je aanmeldlink voor earshot
mail-sign-in-body = Met deze link meld je je aan bij earshot van { $org }. Open hem in dezelfde browser waarin je hem vroeg.
mail-sign-in-action = Aanmelden
mail-sign-in-expiry = De link werkt { $minutes } minuten en maar één keer.
mail-sign-in-footer = Vroeg je geen link? Negeer deze mail dan; zonder de link kan niemand zich aanmelden.

mail-reset-subject = Een nieuw wachtwoord voor earshot
mail-reset-body = Iemand, hopelijk jij, vroeg een nieuw wachtwoord voor je account bij earshot van { $org }.
mail-reset-messenger = Goed om te weten: na een nieuw wachtwoord toont "mijn opmerkingen" alleen wat je daarna noteert. Zo kan niemand die ooit je mailbox overneemt je eerdere opmerkingen lezen.
mail-reset-action = Kies een nieuw wachtwoord
mail-reset-expiry = De link werkt { $minutes } minuten.
mail-reset-footer = Vroeg je niets? Dan mag je deze mail negeren: je wachtwoord blijft wat het was.

mail-task-subject = Een taak voor jou: { $title }
mail-task-body = Voor "{ $title }" hebben we beslist iets te doen. Dit is jouw deel:
mail-task-due = Graag klaar uiterlijk op { $date }. De klanten horen het van ons zodra alles gedaan is.
mail-task-action = Open mijn taken
mail-task-footer = Lukt het niet tegen die dag? Laat het de feedbackverantwoordelijke weten, dan zoeken we samen een oplossing.
