"""bench/load_mix.py as locust reads it: which users it runs and how often each does what.

In a process of its own: locust patches the standard library with gevent as it is imported.
"""
import json
import subprocess
import sys

from deploy.layout import ROOT

USERS_AND_TASKS = """
import json
from collections import Counter
from bench.load_mix import Customer, Shopper
print(json.dumps({user.__name__: {"weight": user.weight, "tasks": Counter(task.__name__ for task in user.tasks)}
                  for user in (Shopper, Customer)}))
"""


def test_three_shoppers_browse_search_and_open_products_for_each_customer_who_also_orders():
    listed = subprocess.run([sys.executable, "-c", USERS_AND_TASKS], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)

    assert listed.returncode == 0, listed.stderr
    users = json.loads(listed.stdout)
    assert users["Shopper"] == {"weight": 3, "tasks": {"browse": 3, "search": 2, "product_page": 4}}
    assert users["Customer"] == {"weight": 1, "tasks": {"browse": 3, "search": 2, "product_page": 4, "place_order": 3}}
