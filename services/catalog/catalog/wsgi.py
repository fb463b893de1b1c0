"""gunicorn entry point: `gunicorn catalog.wsgi:app`."""
from catalog.app import create_app

app = create_app()
