"""The gateway: the only door for clients; sessions, CSRF, routing and identity tokens."""
