"""gunicorn entry point: `gunicorn orders.wsgi:app`."""
from orders.app import create_app

app = create_app()
