"""gunicorn entry point: `gunicorn notifications.wsgi:app`."""
from notifications.app import create_app

app = create_app()
