"""gunicorn entry point: `gunicorn reviews.wsgi:app`."""
from reviews.app import create_app

app = create_app()
