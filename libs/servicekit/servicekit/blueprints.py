"""The Blueprint every service declares its resources with: flask-smorest's, with paging bounded and no NUL in text."""
from __future__ import annotations

from functools import wraps

import flask_smorest
from flask import request

from servicekit.inputs import InputParser
from servicekit.pagination import bounded_paging


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = InputParser()

    def paginate(self, pager=None, *, page=None, page_size=None, max_page_size=None):
        """flask-smorest's paging, where a `page` too deep for the database is a 422 naming `page`.

        flask-smorest hands the database the row offset (page - 1) x page_size for any page, and
        a large enough one overflows it; servicekit.pagination.PageNumber bounds it, in the
        OpenAPI document too.
        """
        defaults = self.DEFAULT_PAGINATION_PARAMETERS
        max_page_size = max_page_size or defaults["max_page_size"]
        paginated = super().paginate(pager, page=page, page_size=page_size, max_page_size=max_page_size)

        def decorator(view):
            view = paginated(view)
            # flask-smorest documents the paging parameters from here: the bounded schema shows its maximum.
            documented = view._apidoc["pagination"]["parameters"]
            bounded = bounded_paging(documented["schema"], page or defaults["page"], max_page_size)
            documented["schema"] = bounded

            @wraps(view)
            def within_bounds(*args, **kwargs):
                self.PAGINATION_ARGUMENTS_PARSER.parse(bounded, request, location="query")
                return view(*args, **kwargs)

            return within_bounds

        return decorator
