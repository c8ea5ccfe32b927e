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
