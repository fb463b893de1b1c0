"""Auth rules in plain Python: passwords, contact details, who may become a seller, who sees what."""
