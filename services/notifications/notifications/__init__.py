"""The notifications service: alerts and notices from events, the in-app inbox, preferences, mail and SMS."""
