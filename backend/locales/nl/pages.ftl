# The page shown when the binary was built without the front end.
not-built-title = earshot — de app is nog niet gebouwd
not-built-heading = De app is nog niet gebouwd
not-built-body = Deze earshot werd gebouwd zonder de webapp. De server draait wel: de API en /healthz antwoorden.
not-built-howto = Bouw de app en daarna opnieuw de server:
