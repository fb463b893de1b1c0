"""The event bus: topology, transactional outbox and its relay, inbox, consumer, dead letters."""
