"""`isohold serve`: the web app and JSON API (contract 5)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from isohold.cli.options import DbOption
from isohold.cli.tls import check_tls

if TYPE_CHECKING:
    from isohold.services.settings import Settings
    from isohold.web.access import AccessGate

#: the largest WebSocket message accepted (the force page sends one small JSON message)
WS_MAX_BYTES = 1024 * 1024


def serve(
    host: Annotated[
        str | None,
        typer.Option(
            help="Address to listen on (default $ISOHOLD_HOST, else 127.0.0.1; loopback only in "
            "personal mode: 127.0.0.1, ::1, localhost).",
            show_default=False,
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=65535,
            help="Port to listen on (default $ISOHOLD_PORT, else 8000).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=64,
            help="Server processes sharing the port and the database (default $ISOHOLD_WORKERS, "
            "else one for each CPU, at most 4, or 1 with the access link; more than one needs "
            "--no-token in personal mode).",
            show_default=False,
        ),
    ] = None,
    tls_cert: Annotated[
        Path | None,
        typer.Option(help="Serve HTTPS with this certificate chain (PEM); needs --tls-key."),
    ] = None,
    tls_key: Annotated[
        Path | None, typer.Option(help="The private key (PEM) of --tls-cert.")
    ] = None,
    behind_proxy: Annotated[
        bool,
        typer.Option(
            "--behind-proxy",
            help="A reverse proxy on this computer ends TLS: believe its X-Forwarded-* "
            "headers (from loopback only).",
        ),
    ] = False,
    public_url: Annotated[
        str | None,
        typer.Option(help="The address people open (https://clinic.example.org)."),
    ] = None,
    clinic: Annotated[
        bool,
        typer.Option(
            "--clinic",
            help="Clinic mode: patients, clinicians and admins sign in with accounts (isohold "
            "admin create-user); another computer's address needs TLS or --behind-proxy.",
        ),
    ] = False,
    token: Annotated[
        bool | None,
        typer.Option(
            "--token/--no-token",
            help="Answer only the browser that opens the one-time link printed here (default: "
            "on when more than one person can log in to this computer).",
        ),
    ] = None,
) -> None:
    """Serve the web app on this computer; open the printed address in a browser."""
    import uvicorn

    from isohold.cli.context import services_of
    from isohold.cli.settings import with_options
    from isohold.services.settings import default_workers, env_name
    from isohold.web.access import token_by_default
    from isohold.web.app import create_app

    use_token = (not clinic and token_by_default()) if token is None else token
    settings = with_options(
        host=host, port=port, db_url=db, access_token=use_token, workers=workers,
        tls_cert=_path(tls_cert), tls_key=_path(tls_key), behind_proxy=behind_proxy or None,
        public_url=public_url, clinic=clinic or None,
    )  # fmt: skip
    if workers is None and env_name("workers") not in os.environ:
        chosen = default_workers(use_token, settings.db_url)
        settings = settings.model_copy(update={"workers": chosen})
    settings.check()
    options: dict[str, Any] = {
        "host": settings.bind_host, "port": settings.port, "log_level": "warning",
        "access_log": False,  # never shown at this level; its call costs every request
        # X-Forwarded-* are read by the app itself, from loopback only (web/proxy.py)
        "proxy_headers": False, "ws_max_size": WS_MAX_BYTES,
    }  # fmt: skip
    if settings.tls_cert is not None and settings.tls_key is not None:
        check_tls(settings.tls_cert, settings.tls_key)
        options.update(ssl_certfile=settings.tls_cert, ssl_keyfile=settings.tls_key)
    # the database and catalogue are opened (and migrated) here, so a problem is one clear
    # message and an exit code, not a traceback from inside the server
    with services_of(settings) as ctx:
        _check_port_free(settings.bind_host, settings.port)
        where = ctx.db.where
        if settings.workers == 1:
            app = create_app(settings, context=ctx, server=True)
            _announce(settings, app.state.access, where)
            uvicorn.run(app, **options)
            return
    # several processes: uvicorn binds the socket here and starts each worker, which builds
    # its app and its database connections from these settings (web/worker.py)
    _announce(settings, None, where)
    os.environ.update(settings.environment())
    uvicorn.run("isohold.web.worker:app", factory=True, workers=settings.workers, **options)


def _announce(settings: Settings, gate: AccessGate | None, where: str) -> None:
    if settings.clinic:
        typer.echo(f"isohold (clinic mode) is running at {settings.url}  (Ctrl-C to stop)")
    elif gate is None:
        typer.echo(f"isohold is running at {settings.url}  (Ctrl-C to stop)")
    else:
        typer.echo(
            f"isohold is running at {settings.url.rstrip('/')}{gate.login_path()}\n"
            "Open this link once: it signs this browser in (other programs and people on "
            "this computer are refused). Ctrl-C to stop."
        )
    typer.echo(f"Your data: {where}")
    if settings.workers > 1:
        typer.echo(f"{settings.workers} worker processes")


def _path(value: Path | None) -> str | None:
    return None if value is None else str(value.expanduser().resolve())


def _check_port_free(host: str, port: int) -> None:
    """Say so (exit code 2) when another program already listens on the port, before
    announcing an address that would not work."""
    import socket

    from isohold.domain.errors import InputError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            raise InputError(
                "--port",
                f"{port} is already in use on {host}: stop the other program or "
                "choose another port (--port, or PORT=... make run)",
            ) from None
