# Mails to staff: brief, warm, and a link into the app.
mail-greeting = Bonjour { $name },

mail-invitation-subject = Vous êtes invité·e sur earshot chez { $org }
mail-invitation-body = Chez { $org }, nous notons avec earshot ce que les clients nous disent, même en dehors du travail : à une fête, à la sortie de l'école, chez le coiffeur. Ainsi, chaque client reçoit une réponse honnête.
mail-invitation-messenger = Qui note une remarque n'en est que le messager. Vos collègues lisent ce que le client a dit, jamais qui l'a transmis.
mail-invitation-action = Choisir mon mot de passe
mail-invitation-expiry = Ce lien fonctionne { $days } jours et une seule fois.
mail-invitation-footer = Vous n'attendiez pas cette invitation ? Vous pouvez simplement ignorer cet e-mail.

mail-sign-in-subject = Votre lien de connexion à earshot
mail-sign-in-body = Ce lien vous connecte à earshot chez { $org }. Ouvrez-le dans le navigateur où vous l'avez demandé.
mail-sign-in-action = Me connecter
mail-sign-in-expiry = Le lien fonctionne { $minutes } minutes et une seule fois.
mail-sign-in-footer = Vous n'avez rien demandé ? Ignorez cet e-mail : sans le lien, personne ne peut se connecter.

mail-reset-subject = Un nouveau mot de passe pour earshot
mail-reset-body = Quelqu'un, vous sans doute, a demandé un nouveau mot de passe pour votre compte earshot chez { $org }.
mail-reset-messenger = Bon à savoir : après un nouveau mot de passe, « mes remarques » ne montre que ce que vous notez ensuite. Ainsi, personne qui prendrait un jour le contrôle de votre boîte mail ne peut lire vos remarques précédentes.
mail-reset-action = Choisir un nouveau mot de passe
mail-reset-expiry = Le lien fonctionne { $minutes } minutes.
mail-reset-footer = Vous n'avez rien demandé ? Vous pouvez ignorer cet e-mail : votre mot de passe reste le même.

mail-task-subject = Une tâche pour vous : { $title }
mail-task-body = Pour « { $title } », nous avons décidé d'agir. Voici votre part :
mail-task-due = Si possible terminée au plus tard le { $date }. Les clients l'apprendront de nous dès que tout sera fait.
mail-task-action = Ouvrir mes tâches
mail-task-footer = Ce ne sera pas possible pour cette date ? Dites-le au responsable du feedback, et nous trouverons une solution ensemble.
