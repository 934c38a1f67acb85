# SPDX-License-Identifier: AGPL-3.0-or-later
"""A real, minimal OpenID Connect provider on 127.0.0.1 for tests and local demos.

It stands in for the national e-ID (VNeID) or a provincial IdP: discovery, ``/authorize`` (no
login page: it consents at once for the configured user), ``/token`` (authorization code with
PKCE S256, RS256-signed ID token), ``/userinfo`` and ``/jwks``. The RSA key is generated at
start. Only the loopback interface is used and every socket has a timeout.

Usage::

    with FakeOIDCProvider(client_id="motcua", client_secret="s3cret") as idp:
        idp.claims = {"sub": "vneid-1", "name": "Nguyễn Văn A", "personal_id": "072..."}
        settings = idp.allauth_app_settings(provider_id="vneid")
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

LOOPBACK = "127.0.0.1"
SOCKET_TIMEOUT_SECONDS = 5.0
CODE_LIFETIME_SECONDS = 60
TOKEN_LIFETIME_SECONDS = 300


@dataclass
class _Grant:
    client_id: str
    redirect_uri: str
    claims: dict[str, Any]
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    issued_at: float = field(default_factory=time.monotonic)


class FakeOIDCProvider:
    """A threaded OIDC provider bound to 127.0.0.1 on a free port; use as a context manager."""

    def __init__(
        self,
        *,
        client_id: str = "motcua-test",
        client_secret: str = "test-secret",  # noqa: S107 - a test double
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.claims: dict[str, Any] = {"sub": "fake-subject-1", "name": "Test Citizen"}
        self.require_pkce = True
        self.kid = secrets.token_hex(8)
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._codes: dict[str, _Grant] = {}
        self._tokens: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self.requests: list[tuple[str, str]] = []
        self.token_requests: list[dict[str, str]] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> FakeOIDCProvider:
        handler = type("_BoundHandler", (_Handler,), {"provider": self})
        self._server = ThreadingHTTPServer((LOOPBACK, 0), handler)
        self._server.daemon_threads = True
        self._server.timeout = SOCKET_TIMEOUT_SECONDS
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=SOCKET_TIMEOUT_SECONDS)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeOIDCProvider:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def issuer(self) -> str:
        if self._server is None:
            raise RuntimeError("the fake OIDC provider is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def discovery(self) -> dict[str, Any]:
        base = self.issuer
        return {
            "issuer": base,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "userinfo_endpoint": f"{base}/userinfo",
            "jwks_uri": f"{base}/jwks",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "scopes_supported": ["openid", "profile", "email"],
        }

    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(RSAAlgorithm.to_jwk(self._key.public_key()))
        jwk.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        return {"keys": [jwk]}

    def allauth_app_settings(self, *, provider_id: str = "vneid", **extra: Any) -> dict[str, Any]:
        """A ``SOCIALACCOUNT_PROVIDERS`` value that points django-allauth at this provider."""
        return {
            "openid_connect": {
                "OAUTH_PKCE_ENABLED": True,
                "APPS": [
                    {
                        "provider_id": provider_id,
                        "name": "Fake e-ID",
                        "client_id": self.client_id,
                        "secret": self.client_secret,
                        "settings": {"server_url": self.issuer, **extra},
                    }
                ],
            }
        }

    # -- protocol steps -----------------------------------------------------------------------

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], dict[str, Any]]:
        """Return (status, headers, body) for ``GET /authorize``."""
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != self.client_id or not redirect_uri:
            return HTTPStatus.BAD_REQUEST, {}, {"error": "invalid_request"}
        if query.get("response_type") != "code" or "openid" not in query.get("scope", "").split():
            return HTTPStatus.BAD_REQUEST, {}, {"error": "unsupported_response_type"}
        challenge = query.get("code_challenge")
        method = query.get("code_challenge_method")
        if self.require_pkce and (not challenge or method != "S256"):
            return HTTPStatus.BAD_REQUEST, {}, {"error": "invalid_request", "detail": "PKCE"}
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._codes[code] = _Grant(
                client_id=self.client_id,
                redirect_uri=redirect_uri,
                claims=dict(self.claims),
                nonce=query.get("nonce"),
                code_challenge=challenge,
                code_challenge_method=method,
            )
        params = {"code": code}
        if "state" in query:
            params["state"] = query["state"]
        sep = "&" if urlsplit(redirect_uri).query else "?"
        return HTTPStatus.FOUND, {"Location": f"{redirect_uri}{sep}{urlencode(params)}"}, {}

    def token(self, form: dict[str, str], authorization: str) -> tuple[int, dict[str, Any]]:
        """Return (status, body) for ``POST /token``."""
        self.token_requests.append(dict(form))
        client_id, client_secret = form.get("client_id", ""), form.get("client_secret", "")
        if authorization.startswith("Basic "):
            decoded = base64.b64decode(authorization[6:]).decode()
            client_id, _, client_secret = decoded.partition(":")
        if client_id != self.client_id or client_secret != self.client_secret:
            return HTTPStatus.UNAUTHORIZED, {"error": "invalid_client"}
        if form.get("grant_type") != "authorization_code":
            return HTTPStatus.BAD_REQUEST, {"error": "unsupported_grant_type"}
        with self._lock:
            grant = self._codes.pop(form.get("code", ""), None)  # codes are single-use
        if grant is None or time.monotonic() - grant.issued_at > CODE_LIFETIME_SECONDS:
            return HTTPStatus.BAD_REQUEST, {"error": "invalid_grant"}
        if form.get("redirect_uri") != grant.redirect_uri:
            return HTTPStatus.BAD_REQUEST, {"error": "invalid_grant", "detail": "redirect_uri"}
        if grant.code_challenge is not None:
            verifier = form.get("code_verifier", "")
            digest = hashlib.sha256(verifier.encode("ascii")).digest()
            expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
            if not verifier or not secrets.compare_digest(expected, grant.code_challenge):
                return HTTPStatus.BAD_REQUEST, {"error": "invalid_grant", "detail": "PKCE"}
        access_token = secrets.token_urlsafe(32)
        with self._lock:
            self._tokens[access_token] = grant.claims
        now = int(time.time())
        id_claims = {
            **grant.claims,
            "iss": self.issuer,
            "aud": grant.client_id,
            "iat": now,
            "exp": now + TOKEN_LIFETIME_SECONDS,
        }
        if grant.nonce:
            id_claims["nonce"] = grant.nonce
        id_token = jwt.encode(id_claims, self._key, algorithm="RS256", headers={"kid": self.kid})
        return HTTPStatus.OK, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": TOKEN_LIFETIME_SECONDS,
            "id_token": id_token,
        }

    def userinfo(self, authorization: str) -> tuple[int, dict[str, Any]]:
        token = authorization[7:] if authorization.startswith("Bearer ") else ""
        with self._lock:
            claims = self._tokens.get(token)
        if claims is None:
            return HTTPStatus.UNAUTHORIZED, {"error": "invalid_token"}
        return HTTPStatus.OK, dict(claims)


class _Handler(BaseHTTPRequestHandler):
    provider: FakeOIDCProvider
    timeout = SOCKET_TIMEOUT_SECONDS
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default stderr access log; requests are recorded on the provider."""

    def _send(
        self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        payload = json.dumps(body).encode() if body or not headers else b""
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(payload)

    def _query(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        self.provider.requests.append(("GET", path))
        auth = self.headers.get("Authorization", "")
        if path == "/.well-known/openid-configuration":
            self._send(HTTPStatus.OK, self.provider.discovery())
        elif path == "/jwks":
            self._send(HTTPStatus.OK, self.provider.jwks())
        elif path == "/authorize":
            status, headers, body = self.provider.authorize(self._query())
            self._send(status, body, headers)
        elif path == "/userinfo":
            self._send(*self.provider.userinfo(auth))
        else:
            self._send(HTTPStatus.NOT_FOUND, {"error": "not_found"})

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        self.provider.requests.append(("POST", path))
        length = min(int(self.headers.get("Content-Length") or 0), 64 * 1024)
        raw = self.rfile.read(length).decode("utf-8", "replace")
        form = {k: v[0] for k, v in parse_qs(raw).items()}
        auth = self.headers.get("Authorization", "")
        if path == "/token":
            self._send(*self.provider.token(form, auth))
        elif path == "/userinfo":
            self._send(*self.provider.userinfo(auth))
        else:
            self._send(HTTPStatus.NOT_FOUND, {"error": "not_found"})
