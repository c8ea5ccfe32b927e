# Mails to staff: brief, warm, and a link into the app.
mail-greeting = Hello { $name },

mail-invitation-subject = You are invited to earshot at { $org }
mail-invitation-body = At { $org } we use earshot to note what customers tell us, at work and beyond: at a party, at the school gate, at the hairdresser. That way every customer gets an honest answer.
mail-invitation-messenger = Whoever notes a remark is only the messenger. Your colleagues read what the customer said, never who passed it on.
mail-invitation-action = Choose your password
mail-invitation-expiry = This link works for { $days } days, and only once.
mail-invitation-footer = Not expecting this invitation? Then you can simply ignore this e-mail.

mail-sign-in-subject = Your sign-in link for earshot
mail-sign-in-body = This link signs you in to earshot at { $org }. Open it in the same browser where you asked for it.
mail-sign-in-action = Sign in
mail-sign-in-expiry = The link works for { $minutes } minutes, and only once.
mail-sign-in-footer = Did not ask for a link? Ignore this e-mail; without the link nobody can sign in.

mail-reset-subject = A new password for earshot
mail-reset-body = Someone, hopefully you, asked for a new password for your earshot account at { $org }.
mail-reset-messenger = Good to know: after a new password, "my remarks" shows only what you note from then on. That way nobody who ever takes over your mailbox can read your earlier remarks.
mail-reset-action = Choose a new password
mail-reset-expiry = The link works for { $minutes } minutes.
mail-reset-footer = Did not ask for anything? You can ignore this e-mail; your password stays as it was.

mail-task-subject = A task for you: { $title }
mail-task-body = For "{ $title }" we decided to act. This is your part:
mail-task-due = Please have it done by { $date }. The customers hear from us as soon as everything is done.
mail-task-action = Open my tasks
mail-task-footer = Can't make that day? Tell the feedback owner, and we'll find a way together.
