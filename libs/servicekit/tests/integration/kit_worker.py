"""Run by a test as `python -m <service>.worker` runs: the kit's worker, with the settings of its environment."""
from servicekit.config import ServiceConfig
from servicekit.worker import run_worker
from tests.conftest import PoisonSwitch, make_handlers

run_worker(ServiceConfig.from_env("kit"), make_handlers(PoisonSwitch()))
