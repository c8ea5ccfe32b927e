# Titles and details of API problems (RFC 9457). One message per problem type.
problem-malformed-json = The data is not valid JSON.
problem-malformed-json-detail = Check the syntax around line { $line }, column { $column }.
problem-invalid-body = Some fields are not right.
problem-invalid-body-detail = Correct the fields listed below and try again.
problem-unsupported-media-type = Send the data as JSON.
problem-unsupported-media-type-detail = Use the header Content-Type: application/json.
problem-payload-too-large = The data is too large.
problem-payload-too-large-detail = At most { $limit } bytes may be sent.
problem-bad-request = We cannot read this request.
problem-not-found = Not found.
problem-method-not-allowed = This operation is not possible here.
problem-unavailable = The service is briefly unavailable. Try again in a moment.
problem-jobs-down = Not all of earshot's background jobs are running.
problem-jobs-down-detail = Stopped: { $jobs }. They start again by themselves; the log says why they stopped.
problem-internal = Something went wrong on our side. Try again later.

# What is wrong with one field.
field-unknown = We do not know this field.
field-missing = This field is missing.
field-invalid-type = This field has the wrong kind of value.
field-invalid-value = This value is not right.
field-invalid-length = This field does not have the right number of items.
problem-unauthorized = Sign in to continue.
problem-forbidden = Your role does not allow this.
problem-too-many-requests = Too many attempts in a row.
problem-too-many-requests-detail = Wait { $seconds } seconds, then try again.
problem-invalid-credentials = This e-mail address and password do not go together.
problem-invalid-credentials-detail = Check both, or ask for a sign-in link by e-mail.
problem-csrf = This request does not come from the earshot app.
problem-csrf-detail = Reload the page and try again.
problem-link-expired = This link no longer works.
problem-link-expired-detail = It has expired or was already used. Ask for a new one.
problem-link-other-browser = Open the link in the browser where you asked for it.
problem-link-other-browser-detail = That way nobody else can sign in with your e-mail. Or ask for a new link here.
problem-email-taken = There is already an account with this e-mail address.
problem-not-invited = This person has already accepted the invitation.
problem-credentials-are-personal = Everyone chooses their own password and e-mail address.
problem-credentials-are-personal-detail = An admin cannot set them for anyone; the person can ask for a new password themselves.
problem-not-accepted-yet = This person has not accepted the invitation yet.
problem-cannot-disable-self = You cannot disable your own account.
problem-last-admin = There must always be at least one active admin.
problem-wrong-password = Your current password is not right.

field-blank = Fill in this field.
field-too-long = This is too long: at most { $limit } characters.
field-invalid-email = We cannot send mail to this address. Write it like name@company.be.
field-control-character = Write this on one line, without tabs or invisible characters.
field-control-character-text = There is an invisible control character in here. Type the text again, or paste it without formatting.
field-weak-password = This password is too easy to guess.
field-not-offered = Your organisation does not offer this language.
field-duplicate = Each value may appear only once here.
field-time-zone = Choose a time zone such as Europe/Brussels.
field-promise = Choose between 1 and 30 days (or 720 hours).

# Why a password is too weak, and what helps.
password-too-short = Use at least { $limit } characters. A few unrelated words in a row work well.
password-common = Many people use this password. Choose something only you would think of, for example four unrelated words.
password-name = Names, your own included, are easy to guess. Add words that have nothing to do with them.
password-pattern = Rows of keys, repeats and sequences are easy to guess. Choose unrelated words.
password-date = Years and dates are easy to guess. Leave them out or add unrelated words.
password-guessable = Make it longer or less predictable: four or five unrelated words work well.
problem-not-empty = This installation already has people; the demo only goes into an empty one.

# Capture.
problem-capture-in-progress = This remark is being saved right now.
problem-capture-in-progress-detail = Try again in a moment; it is saved only once.
problem-idempotency-mismatch = A remark with this number exists already, with other content.
problem-idempotency-mismatch-detail = Send a new remark with a new number.
problem-already-captured = This remark is already stored.
problem-already-captured-detail = There is no need to send it again.
problem-idempotency-key-repeated = Send the Idempotency-Key header only once.
problem-idempotency-key-repeated-detail = One request has one key; with two we cannot tell which one you mean.
problem-request-timeout = The data arrived too slowly.
problem-request-timeout-detail = Check your connection and try again.
field-uuid-v4 = This must be a version 4 UUID.
field-id-mismatch = The number in the data and in the Idempotency-Key header differ.
field-phone = This is not a valid phone number (8 to 15 digits, optionally starting with +).
field-consent = Ask the customer whether we may contact them: yes or no.
field-feeling = Tap how the customer felt, from very frustrated to delighted.
field-place = Tap where you heard it.
field-place-other = Say briefly where you heard it.
field-date = Use a date such as 2026-11-23.
field-heard-on-future = That day has not come yet.
field-heard-on-too-old = That is too long ago: at most { $limit } days back.
field-topic = This topic does not exist (any more).
