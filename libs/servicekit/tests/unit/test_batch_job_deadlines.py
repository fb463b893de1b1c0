"""Deadlines of batch jobs: set in minutes from the environment, looked for often enough."""
from datetime import timedelta

import pytest

from servicekit.batch_jobs import checks_within, deadline_from_env
from servicekit.worker import ScheduledJob


def test_a_deadline_not_set_is_the_default():
    assert deadline_from_env({}, "WAIT_MINUTES", 15) == timedelta(minutes=15)


def test_a_deadline_may_be_a_fraction_of_a_minute():
    assert deadline_from_env({"WAIT_MINUTES": "0.1"}, "WAIT_MINUTES", 15) == timedelta(seconds=6)


@pytest.mark.parametrize("raw", ["0", "-5", "soon", "nan", "inf", ""])
def test_a_deadline_that_is_not_a_positive_number_is_refused_naming_the_setting(raw):
    with pytest.raises(ValueError, match="WAIT_MINUTES"):
        deadline_from_env({"WAIT_MINUTES": raw}, "WAIT_MINUTES", 15)


def test_a_short_deadline_is_looked_for_four_times_within_it_and_a_long_one_every_minute():
    assert checks_within(timedelta(seconds=6)) == 1.5
    assert checks_within(timedelta(hours=1)) == 60.0


def test_a_deadline_job_runs_as_often_as_its_deadline_wants_and_is_told_the_deadline():
    told = []

    def time_out_requests(runtime, deadline):
        told.append((runtime, deadline))

    job = ScheduledJob.for_deadline("time-out-requests", timedelta(seconds=6), time_out_requests)

    job.run("the runtime")

    assert (job.name, job.every_seconds) == ("time-out-requests", 1.5)
    assert told == [("the runtime", timedelta(seconds=6))]
