"""Who is told what, in which words and on which channels: plain Python, no Flask, no session."""
