"""What catalog's web loads once in gunicorn's master, before the workers fork (deploy/gunicorn.conf.py): the Korean
analyser storefront search reads keywords and product names with, so the workers share it."""
from wordkit import load

load()
