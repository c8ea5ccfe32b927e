# The customer's page (docs/customers.md): the plan, "did this help?", no more e-mails, forget me.
status-plan = Where we are: { $done } of the { $tasks } steps are done. It will be finished by { $date }.
status-plan-started = We have started. It will be finished by { $date }.
status-help-question = Did this help you?
status-help-comment = Anything you would like to add? (optional)
status-help-yes = Yes, this helped
status-help-no = No, this did not help
status-help-said-yes = You told us this helped. Thank you.
status-help-said-no = You told us this did not help. The person who decided has read your answer.
status-thanks-yes-title = Thank you for your answer
status-thanks-yes = We are glad it helped. Thank you for letting us know.
status-thanks-no-title = Thank you for your answer
status-thanks-no = We are sorry it did not help. The person who decided about your remark reads your answer straight away.
status-already-title = You have answered already
status-already = You already answered about this decision. If we change our decision, you can answer again.
status-changed-title = Our decision has changed in the meantime
status-changed = Please look at our new decision on your page, and tell us there whether it helps.
status-form-title = That did not work
status-form-bad = Your answer did not reach us properly. Please go back to your page and try again.
status-comment-long = What you added is too long: please keep it to { $max } characters.
status-back = Back to your page
status-stop-offer = Would you rather not get e-mails from us about this? You can read what happens next here.
status-stop-button = Send me no more e-mails
status-stop-title = No more e-mails from us?
status-stop = Then we will send you no more e-mails about what you told us. You can always read what happens next on your page.
status-stopped-title = You will get no more e-mails from us
status-stopped = You asked us to send you no more e-mails. You can read what happens next on this page.
status-forget-offer = Would you like us to erase your name and details?
status-forget-link = Erase my name and details
status-forget-title = Erase your name and details?
status-forget = We erase your name, your e-mail address and your phone number from everything you told us, and from any e-mails still waiting to go out. What you told us we keep without your name, so we can still act on it.
status-forget-after = After that this link no longer works, and you get no more e-mails from us. This cannot be undone.
status-forget-button = Erase my name and details
status-forgotten-title = Your name and details have been erased
status-forgotten = Erased: { $what }, for { $count ->
    [one] the remark you gave us
   *[other] the { $count } remarks you gave us
}.
status-forgotten-kept = What you told us we keep without your name. The links in our e-mails to you no longer work, and we will send you no more e-mails.
status-forgotten-named = Your name itself still appears in what you told us. Whoever handles your remark sees that you asked to be forgotten, and will take it out.
forgot-name = your name
forgot-email = your e-mail address
forgot-phone = your phone number
forgot-and = and
forgotten-name = customer
customer-stop-line = Would you rather not get e-mails from us? One click is enough: { $url }
alert-unhelpful-subject = A customer says your decision did not help: { $title }
alert-unhelpful-intro = A customer said on their page that the decision about "{ $title }" did not help.
alert-unhelpful-said = What the customer added: "{ $comment }"
alert-unhelpful-nothing = The customer added nothing.
alert-still-named-subject = A customer asked to be forgotten: take the name out of the text
alert-still-named-intro = A customer asked to be forgotten. Their name, e-mail address and phone number are erased, but the name still appears in what they told us, in { $count ->
    [one] this remark
   *[other] these { $count } remarks
}. Open them and take the name out:
