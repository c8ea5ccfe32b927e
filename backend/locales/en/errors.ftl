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
problem-internal = Something went wrong on our side. Try again later.

# What is wrong with one field.
field-unknown = We do not know this field.
field-missing = This field is missing.
field-invalid-type = This field has the wrong kind of value.
field-invalid-value = This value is not right.
field-invalid-length = This field does not have the right number of items.
