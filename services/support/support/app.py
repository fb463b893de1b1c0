"""The support service's Flask app."""
from pathlib import Path

from flask import Flask

from servicekit.app import create_service_app
from servicekit.config import ServiceConfig
from support.api.compensation import blp as compensation
from support.api.cs_analytics import blp as cs_analytics
from support.api.dashboard_figures import blp as dashboard_figures
from support.api.faq import automatic_answers, blp as faq
from support.api.faq_synonyms import blp as faq_synonyms
from support.api.agents import blp as agents
from support.api.campaign_windows import blp as campaign_windows
from support.api.inquiries import blp as inquiries
from support.api.inquiry_routing import blp as inquiry_routing
from support.api.inquiry_statistics import blp as inquiry_statistics
from support.api.product_questions import blp as product_questions
from support.api.response_targets import blp as response_targets
from support.api.support_claims import blp as support_claims
from support.api.templates import blp as answer_templates
from support.settings import SupportSettings


def create_app(config: ServiceConfig | None = None) -> Flask:
    config = config or ServiceConfig.from_env("support")
    return create_service_app(
        config,
        title="Support",
        blueprints=[inquiries, inquiry_routing, agents, campaign_windows, response_targets, faq, faq_synonyms,
                    automatic_answers,
                    cs_analytics, inquiry_statistics, answer_templates, product_questions, support_claims, compensation,
                    dashboard_figures],
        settings=SupportSettings.from_env(config),
        translations=Path(__file__).parent / "translations",
    )
