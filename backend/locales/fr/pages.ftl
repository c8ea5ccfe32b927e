# The page shown when the binary was built without the front end.
not-built-title = earshot — l'application n'est pas encore construite
not-built-heading = L'application n'est pas encore construite
not-built-body = Cet earshot a été construit sans l'application web. Le serveur fonctionne : l'API et /healthz répondent.
not-built-howto = Construisez l'application, puis à nouveau le serveur :
