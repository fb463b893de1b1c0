"""What support's web loads once in gunicorn's master, before the workers fork (deploy/gunicorn.conf.py): the Korean
analyser and the automatic-answer model a question is matched with, so the workers share them."""
from support.faq_learning import warm_up

warm_up()
