"""The terminal coach: a drift-free phase timer, keys, cues and a full-screen view."""
