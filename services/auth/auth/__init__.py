"""The auth service: accounts, credentials, seller registration and approval."""
