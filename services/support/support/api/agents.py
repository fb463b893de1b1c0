"""/api/support-agents: admins set up agents (team, cap, availability); an agent toggles their own availability."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import requires
from support import agents
from support.api.viewers import current_viewer
from support.domain.routing_rules import DEFAULT_MAX_OPEN_CASES, PLATFORM_TEAM, TEAMS

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


def _shown(agent_with_cases: agents.AgentWithCases) -> dict:
    agent, open_cases = agent_with_cases
    return {**{name: getattr(agent, name) for name in AgentSchema().fields if name != "open_cases"},
            "open_cases": open_cases}


@blp.route("")
class Agents(MethodView):
    @requires("admin")
    @blp.arguments(AgentQuerySchema, location="query")
    @blp.response(200, AgentSchema(many=True))
    def get(self, query):
        """Every support agent with the number of cases they hold open."""
        current_viewer()
        return [_shown(agent) for agent in agents.agents_listed(runtime(), query.get("team"))]


@blp.route("/<uuid:agent_id>")
class AgentById(MethodView):
    @requires("admin")
    @blp.arguments(AgentSettingsSchema)
    @blp.response(200, AgentSchema)
    def put(self, body, agent_id):
        """Make an agent account (by its auth account id) a support agent of a team, or change their settings."""
        current_viewer()
        return _shown(
            agents.set_up_agent(runtime(), str(agent_id), body["team"], body["max_open_cases"], body["available"])
        )


@blp.route("/me/availability")
class OwnAvailability(MethodView):
    @requires("agent", "admin")
    @blp.arguments(AvailabilitySchema)
    @blp.response(200, AgentSchema)
    @blp.problem(404, "agent-not-found: the caller is not a support agent.")
    def put(self, body):
        """An agent starts or stops taking new cases."""
        return _shown(agents.set_availability(runtime(), current_viewer(), body["available"]))
