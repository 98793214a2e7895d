"""`isohold serve`: the web app and JSON API (contract 5)."""

from __future__ import annotations

from typing import Annotated

import typer

from isohold.cli.options import DbOption


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (loopback only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the web app on this computer; open the printed address in a browser."""
    import uvicorn

    from isohold.web.app import create_app
    from isohold.web.settings import Settings

    settings = Settings.from_env(host=host, port=port, db_url=db)
    app = create_app(settings)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"isohold is running at http://{shown}:{port}/  (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)
