"""The support service: inquiries, FAQ, templates, routing, response targets and CS analytics."""
