"""/api/support-agents: admins set up agents (team, cap, availability); an agent toggles their own availability."""
from datetime import datetime, timezone

from flask.views import MethodView
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from servicekit.app import unit_of_work
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import requires
from servicekit.problems import Problem
from support.api.viewers import current_viewer
from support.domain.routing_rules import DEFAULT_MAX_OPEN_CASES, PLATFORM_TEAM, TEAMS
from support.models.agents import SupportAgent
from support.routing import open_cases_of

blp = Blueprint("support-agents", __name__, url_prefix="/api/support-agents", description="Support agents")


class AgentSettingsSchema(Schema):
    team = fields.String(load_default=PLATFORM_TEAM, validate=validate.OneOf(TEAMS))
    max_open_cases = Integer(load_default=DEFAULT_MAX_OPEN_CASES, strict=True, minimum=0, maximum=500)
    available = fields.Boolean(load_default=True)


class AvailabilitySchema(Schema):
    available = fields.Boolean(required=True)


class AgentQuerySchema(Schema):
    team = fields.String(validate=validate.OneOf(TEAMS))


class AgentSchema(Schema):
    agent_id = fields.String()
    team = fields.String(metadata={"enum": list(TEAMS)})
    available = fields.Boolean()
    max_open_cases = fields.Integer()
    open_cases = fields.Integer(metadata={"description": "Inquiries the agent holds that are not resolved or closed."})
    last_assigned_at = fields.AwareDateTime(allow_none=True)
    updated_at = fields.AwareDateTime()


def _shown(uow, agents: list[SupportAgent]) -> list[dict]:
    open_cases = open_cases_of(uow.session, [agent.agent_id for agent in agents])
    return [
        {**{name: getattr(agent, name) for name in AgentSchema().fields if name != "open_cases"},
         "open_cases": open_cases.get(agent.agent_id, 0)}
        for agent in agents
    ]


@blp.route("")
class Agents(MethodView):
    @requires("admin")
    @blp.arguments(AgentQuerySchema, location="query")
    @blp.response(200, AgentSchema(many=True))
    def get(self, query):
        """Every support agent with the number of cases they hold open."""
        current_viewer()
        statement = select(SupportAgent).order_by(SupportAgent.team, SupportAgent.agent_id)
        if "team" in query:
            statement = statement.where(SupportAgent.team == query["team"])
        with unit_of_work() as uow:
            return _shown(uow, list(uow.session.scalars(statement)))


@blp.route("/<uuid:agent_id>")
class AgentById(MethodView):
    @requires("admin")
    @blp.arguments(AgentSettingsSchema)
    @blp.response(200, AgentSchema)
    def put(self, body, agent_id):
        """Make an agent account (by its auth account id) a support agent of a team, or change their settings."""
        current_viewer()
        now = datetime.now(timezone.utc)
        with unit_of_work() as uow:
            agent = uow.session.get(SupportAgent, str(agent_id), with_for_update=True)
            if agent is None:
                agent = SupportAgent(agent_id=str(agent_id), created_at=now)
                uow.session.add(agent)
            agent.team, agent.max_open_cases, agent.available = body["team"], body["max_open_cases"], body["available"]
            agent.updated_at = now
            uow.commit()
            return _shown(uow, [agent])[0]


@blp.route("/me/availability")
class OwnAvailability(MethodView):
    @requires("agent", "admin")
    @blp.arguments(AvailabilitySchema)
    @blp.response(200, AgentSchema)
    def put(self, body):
        """An agent starts or stops taking new cases."""
        viewer = current_viewer()
        with unit_of_work() as uow:
            agent = uow.session.get(SupportAgent, viewer.subject, with_for_update=True)
            if agent is None:
                raise Problem(404, "agent-not-found", "Not Found", "You are not set up as a support agent.")
            agent.available = body["available"]
            agent.updated_at = datetime.now(timezone.utc)
            uow.commit()
            return _shown(uow, [agent])[0]
