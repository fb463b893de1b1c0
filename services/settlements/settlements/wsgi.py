"""gunicorn entry point: `gunicorn settlements.wsgi:app`."""
from settlements.app import create_app

app = create_app()
