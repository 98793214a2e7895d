"""Force sensors: per device a pure packet codec, a thin transport and a simulated twin."""
