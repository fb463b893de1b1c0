"""The gateway's own HTTP resources: the session and the merged API documentation."""
