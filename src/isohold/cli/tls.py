"""The TLS files of `isohold serve --tls-cert F --tls-key F`, checked before the server starts:
a missing file, a key that does not match the certificate or a file that is not PEM is one
clear error naming the option, not a traceback from inside each worker."""

from __future__ import annotations

import ssl

from isohold.domain.errors import InputError


def check_tls(cert: str, key: str) -> None:
    for option, path in (("--tls-cert", cert), ("--tls-key", key)):
        try:
            with open(path, "rb") as file:
                file.read(1)
        except OSError as exc:
            raise InputError(option, f"cannot read {path}: {exc.strerror or exc}") from None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(cert, key)
    except ssl.SSLError as exc:
        raise InputError(
            "--tls-cert",
            f"{cert} and {key} are not a PEM certificate chain and its private key "
            f"({exc.reason or exc})",
        ) from None
