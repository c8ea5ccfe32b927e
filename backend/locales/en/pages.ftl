# The page shown when the binary was built without the front end.
not-built-title = earshot — the app has not been built
not-built-heading = The app has not been built
not-built-body = This earshot was built without the web app. The server is running: the API and /healthz answer.
not-built-howto = Build the app, then the server again:
