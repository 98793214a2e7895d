"""Use cases that join the domain rules, the catalogue and storage. No framework types here:
the CLI and the web app both call these functions."""
