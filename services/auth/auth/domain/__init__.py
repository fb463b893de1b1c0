"""Auth rules in plain Python: passwords, contact details, and who may become a seller."""
