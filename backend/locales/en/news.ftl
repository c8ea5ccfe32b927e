# Everyone hears: the decision mails, the daily digest and the unsubscribe pages.
news-feeling = { $level ->
    [1] very frustrated
    [2] frustrated
    [3] neutral
    [4] pleased
   *[5] delighted
}
news-kind-act = we will act on it
news-kind-no-action = we are not acting on it for now
news-kind-already-done = it exists already or has been done
news-kind-duplicate = it is the same as another case
news-kind-praise = praise, passed on to the team
news-decided = Decided about "{ $title }": { $kind }.
news-changed = The decision about "{ $title }" changed: { $kind }.
news-change = Why it changed: { $why }
news-same-as = It shares the decision of "{ $title }".
news-said = A customer told us: "{ $facts }" (they felt { $feeling }).
news-plan-done = The plan was carried out on { $date }; the customers have heard.
news-plan-due = The plan is under way: { $done } of { $tasks } tasks done, due { $date }.
news-by = Decided by { $name }.
news-decided-subject = Decided: { $title }
news-changed-subject = Changed: { $title }
news-open-feed = Read every decision
news-footer-each = You get this mail because you chose each decision as it is made. You can choose otherwise in earshot's settings, or stop these mails right away: { $url }
news-digest-subject = What became of what we heard, { $date }
news-digest-intro = { $decisions ->
    [0] No new decisions since your last digest, but news of a plan.
    [one] One new decision since your last digest.
   *[other] { $decisions } new decisions since your last digest.
}
news-digest-done = Done: "{ $title }". The customers have heard.
news-figures = This month: { $decisions ->
    [one] one decision
   *[other] { $decisions } decisions
}, and { $percent }% of customers were answered within the promise.
news-figures-none-due = This month: { $decisions ->
    [one] one decision
   *[other] { $decisions } decisions
}, and no answer was due yet.
digest-fixed-line = Open earshot: something may wait for you.
news-open-earshot = Open earshot
news-footer-digest = You get this digest every day at the hour you chose. You can choose otherwise in earshot's settings, or stop these mails right away: { $url }

leave-decisions-title = No more mail for each decision?
leave-decisions = Then { $email } gets no more mails from earshot about decisions. You can always read them in the app, and choose again in your settings.
leave-digest-title = No more daily digest?
leave-digest = Then { $email } no longer gets earshot's daily digest. Every decision stays in the app, and you can choose again in your settings.
leave-alerts-title = No more alerts about new remarks?
leave-alerts = Then { $email } gets no more mails about new remarks and promises about to slip. Your inbox in earshot always shows them.
leave-button = Yes, stop these mails
leave-done-title = Stopped
leave-done = You won't get these mails any more. Want them back? Choose again in earshot's settings.
leave-unknown-title = We don't know this link
leave-unknown = Check that you used the whole link from the mail. You can also choose your mails in earshot's settings.
leave-expired-title = This link no longer works
leave-expired = It is too old. Choose your mails in earshot's settings, or use the link in a more recent mail.

# Owners' alerts and their one-touch pages.
alert-new-subject = { $count ->
    [one] A new remark came in
   *[other] { $count } new remarks came in
}
alert-new-intro = { $count ->
    [one] This is what a customer told us:
   *[other] This is what { $count } customers told us:
}
alert-slipping-subject = { $count ->
    [one] A promise is about to slip
   *[other] { $count } promises are about to slip
}
alert-slipping-intro = { $count ->
    [one] The customer of this remark will soon have waited too long for our answer:
   *[other] The customers of these { $count } remarks will soon have waited too long for our answer:
}
alert-remark = "{ $facts }" (they felt { $feeling })
alert-one-touch = Send a first answer now, with the suggested text and promise (you confirm first): { $url }
alert-open = Open in earshot: { $url }
alert-more = And { $count } more in your inbox.
alert-open-inbox = Open my inbox
alert-one-touch-note = The links that answer right away work for { $hours } hours, and only once.
alert-footer = You get these alerts as a feedback owner. You can choose otherwise in earshot's settings, or stop them right away: { $url }
alert-digest-new = { $count ->
    [one] One remark waits for a first answer.
   *[other] { $count } remarks wait for a first answer.
}
alert-digest-slipping = { $count ->
    [one] One promise ends within { $hours } hours.
   *[other] { $count } promises end within { $hours } hours.
}

touch-title = Send this first answer?
touch-intro = The customer gets this answer, with the promise of a real one by { $date }. Nothing has been sent yet.
touch-heard = What the customer told us: "{ $facts }"
touch-button = Yes, send this answer
touch-done-title = Sent
touch-done = The first answer is on its way. The remark is in your inbox with its new promise.
touch-unknown-title = We don't know this link
touch-unknown = Check that you used the whole link from the mail, or open the remark in earshot.
touch-used-title = This link was used already
touch-used = Someone already answered with this link; it works only once. earshot shows what was sent.
touch-expired-title = This link no longer works
touch-expired = It was good for a day only. Open the remark in earshot to answer.
touch-answered-title = This customer has been answered already
touch-answered = Someone answered from earshot meanwhile. Nothing more was sent.
touch-not-owner-title = This link no longer works
touch-not-owner = You are no longer a feedback owner, so this link can no longer answer.
