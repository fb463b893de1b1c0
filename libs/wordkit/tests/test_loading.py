"""The analyser loaded before a fork (gunicorn's master loads it for its workers): the forked process analyses and
exits at once, with no thread of the master's to wait for."""
import subprocess
import sys

FORKED = """
import os, sys, time
from wordkit import load, terms
load()
child = os.fork()
if child == 0:
    sys.exit(0 if terms("녹차를 마셔요") == ["녹차", "마시"] else 3)  # an exit that finalises, as a worker's does
deadline = time.monotonic() + 10
while time.monotonic() < deadline:
    done, status = os.waitpid(child, os.WNOHANG)
    if done:
        print("exit", os.waitstatus_to_exitcode(status))
        break
    time.sleep(0.05)
else:
    os.kill(child, 9)
    print("hung")
"""


def test_a_process_forked_after_loading_analyses_and_exits_promptly():
    shown = subprocess.run([sys.executable, "-c", FORKED], capture_output=True, text=True, timeout=60)

    assert shown.stdout.split() == ["exit", "0"], shown.stdout + shown.stderr
