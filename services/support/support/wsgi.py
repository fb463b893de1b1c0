"""gunicorn entry point: `gunicorn support.wsgi:app`."""
from support.app import create_app

app = create_app()
