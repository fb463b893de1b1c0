"""gunicorn entry point: `gunicorn auth.wsgi:app`."""
from auth.app import create_app

app = create_app()
