"""The reviews service: reviews, replies, rewards, rating aggregates and negative review analysis."""
