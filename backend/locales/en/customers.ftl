# What customers read: the first answer (mail, or passed on by a colleague) and their status
# page. Polite, the feeling first, then the facts, then when they hear again.
customer-greeting = Dear { $name },

ack-subject = Your remark: you will hear from us by { $date }
ack-apology = We are sorry you had to wait longer for this answer than we promised.
ack-feeling-quoted = You told us how you felt: "{ $words }". { $level ->
        [1] We understand, and we are sorry.
        [2] We understand, and we take it seriously.
        [4] Thank you, that is good to hear.
        [5] Thank you, that is really good to hear.
       *[3] Thank you for letting us know.
    }
ack-feeling = { $level ->
        [1] You let us know this really frustrated you. We understand, and we are sorry.
        [2] You let us know you were not happy about this. We understand, and we take it seriously.
        [4] You let us know you were pleased. Thank you, that is good to hear.
        [5] You let us know you were delighted. Thank you, that is really good to hear.
       *[3] Thank you for telling us what you think.
    }
ack-fact = What you told us on { $heard }: { $facts }
ack-date = By { $date } at the latest we will let you know what we are doing about it.
ack-action = See where it stands
ack-more-links = You can follow your other remark here: { $url }
ack-footer = You are getting this e-mail because you agreed that we may contact you about this.

date-long = { $weekday ->
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
        [6] Saturday
       *[7] Sunday
    } { $day } { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }

status-title = Your remark to { $org }
status-told = What you told us
status-heard = Heard on { $day }
status-answer = Our first answer
status-answered = Answered on { $day }
status-promised = By { $date } at the latest you will hear what we are doing about it.
status-waiting = We have received your remark. You will hear from us by { $date }.
status-unknown-title = We do not know this link
status-unknown = Perhaps the link was not copied in full. Please look again at the e-mail we sent you.
status-too-many = You tried too often. Please try again in a minute.
case-ack-text = You are not the only one who told us about this. We are looking at everything we heard about it together, so that everyone gets the same honest answer.

# Decisions (docs/decisions.md): the frame around the owner's words.
decision-subject = Our answer to what you told us
decision-subject-changed = We have changed our decision on what you told us
decision-subject-pending = What you told us: we are deciding it together with others
decision-changed = We have changed our decision.
decision-duplicate = Others told us the same thing, so we decided about it together.
decision-act = This is what we will do:
decision-no-action = We are not changing anything for now, and we want to tell you honestly why:
decision-already-done = What you ask for already exists or has already been done:
decision-praise = Thank you. We have passed your words on to the team.
decision-hear-done = We will let you know by { $date } that it is done.
decision-hear-on = You will hear from us again by { $date }.
decision-final = This is our answer. If anything changes, we will tell you, and your page will show it too.
decision-pending = Others told us the same thing. We are deciding about it together, and you will hear what we do by { $date }.
reopen-subject = We are looking again at what you told us
reopen-intro = We are looking again at what you told us.
status-decision = Our decision
status-final = This is our answer. If anything changes, you will see it here.
status-again = You will hear from us again by { $date }.

# Action plans (docs/plans.md): done, and a new date.
plan-done-subject = It's done: what we promised you
plan-done-intro = We promised to act on what you told us. It is done now.
plan-done-what = This is what we did:
plan-done-final = Thank you for telling us. If anything changes, we will let you know, and your page will show it too.
plan-moved-apology = We are sorry: we are not keeping the date we gave you.
plan-moved-subject = A new date for what we promised you
plan-moved-intro = What we promised you will not be ready on the day we gave.
plan-moved-default = The work is taking longer than we planned. We will keep you posted.
status-done = It's done
status-moved = A new date
