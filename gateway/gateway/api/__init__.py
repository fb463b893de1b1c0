"""The gateway's own HTTP resources: the session, its second factor, the devices, the API documentation."""
