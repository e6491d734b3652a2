"""Schemathesis over the whole OpenAPI schema: every operation as an anonymous client and as an organizer
with a token, with every check on; then stateful scenarios that create, read, change and delete through
the schema's links. See conftest.py for the world and the profiles (`make fuzz` runs the deep one)."""

import hypothesis
from django.db import transaction
from hypothesis import HealthCheck

from .conftest import PROFILE, load_schema

schema = load_schema()

# The world is built once per operation and shared by its examples, on purpose: what one example creates
# is there for the next, as it would be on a live registry.
SHARED_WORLD = hypothesis.settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)


@schema.parametrize()
@SHARED_WORLD
def test_api_anonymous(case, world):
    case.call_and_validate()


@schema.parametrize()
@SHARED_WORLD
def test_api_organizer(case, world):
    case.call_and_validate(headers={"Authorization": f"Token {world.organizer_token}"})


def _run_scenarios(token: str) -> None:
    headers = {"Authorization": f"Token {token}"}

    class Workflow(schema.as_state_machine()):
        def setup(self):
            # Every scenario starts from the same world, so that hypothesis can replay and shrink one.
            self.savepoint = transaction.savepoint()

        def teardown(self):
            super().teardown()
            transaction.savepoint_rollback(self.savepoint)

        def get_call_kwargs(self, case):
            return {"headers": headers}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            # As `case.call_and_validate(headers=...)` does: the checks learn that the token was given,
            # not generated (the ignored_auth check expects made-up credentials to be refused).
            case.validate_response(
                response,
                additional_checks=additional_checks,
                headers=headers,
                transport_kwargs=kwargs or None,
                recorder=self.recorder,
            )

    Workflow.run(
        settings=hypothesis.settings(
            max_examples=PROFILE.scenarios,
            stateful_step_count=PROFILE.steps,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )


def test_api_stateful_organizer(world):
    """Roles, terms, nominations, reviews and enrollments created, read, changed, cancelled and deleted."""
    _run_scenarios(world.organizer_token)


def test_api_stateful_staff(world):
    """The catalogue (competencies, categories, templates) and organisations, which only staff change."""
    _run_scenarios(world.staff_token)
