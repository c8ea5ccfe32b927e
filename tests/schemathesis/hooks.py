"""schemathesis hooks for earshot (loaded by run.py through SCHEMATHESIS_HOOKS=hooks).

Every request carries the CSRF double submit — the `earshot_csrf` cookie and the same value in
`X-CSRF-Token` — as the app sends it. It is not in the API document as a parameter (the session
scheme is), so schemathesis would otherwise send neither, and every POST, PUT, PATCH and DELETE
would be refused before it reached its handler.
"""

import os

import schemathesis

CSRF = os.environ["EARSHOT_CSRF"]


@schemathesis.hook
def before_call(context, case, kwargs):
    case.cookies = {**(case.cookies or {}), "earshot_csrf": CSRF}
    case.headers = {**(case.headers or {}), "X-CSRF-Token": CSRF}
