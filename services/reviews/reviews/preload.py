"""What reviews' web loads once in gunicorn's master, before the workers fork (deploy/gunicorn.conf.py): the Korean
analyser and the cause model a negative review is read with, so the workers share them."""
from reviews.negative_reviews import warm_up

warm_up()
