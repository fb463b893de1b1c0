"""The gateway's rules about sessions, in plain Python: no Flask, no database."""
