"""OpenID Connect sign-in with the council's own identity provider (authlib, joserfc).

The authorization code flow with PKCE, state and nonce: `begin` gives the provider's
address to send the browser to, with the secrets the callback needs; `finish` exchanges
the code for tokens at the provider's token endpoint and checks the ID token — signature
against the provider's published keys, issuer, audience, expiry and nonce — before its
claims are trusted. The provider's addresses come from its discovery document.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import httpx
from authlib.integrations.httpx_client import OAuth2Client
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from casework.domain.errors import CaseworkError
from casework.service.ports import OidcStart

ALGORITHMS = ["RS256", "PS256", "ES256", "EdDSA"]


@dataclass
class OidcProvider:
    issuer: str
    client_id: str
    client_secret: str
    redirect_uri: str
    scope: str = "openid profile email"
    timeout: float = 10.0

    def _discovery(self) -> dict[str, Any]:
        url = self.issuer.rstrip("/") + "/.well-known/openid-configuration"
        document: dict[str, Any] = _get_json(url, self.timeout)
        if document.get("issuer") != self.issuer:
            raise _refused(f"the provider at {url} names itself '{document.get('issuer')}'",
                           "set CASEWORK_OIDC_ISSUER to exactly the issuer the provider publishes")
        return document

    def _client(self) -> OAuth2Client:
        return OAuth2Client(self.client_id, self.client_secret, scope=self.scope,
                            redirect_uri=self.redirect_uri, code_challenge_method="S256",
                            timeout=self.timeout)

    def begin(self) -> OidcStart:
        state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
        with self._client() as client:
            url, _ = client.create_authorization_url(
                self._discovery()["authorization_endpoint"], state=state, nonce=nonce,
                code_verifier=verifier)
        return OidcStart(str(url), state, nonce, verifier)

    def finish(self, code: str, verifier: str, nonce: str) -> dict[str, Any]:
        """The ID token's claims, once the code is exchanged and the token checked."""
        discovery = self._discovery()
        try:
            with self._client() as client:
                tokens = client.fetch_token(discovery["token_endpoint"], code=code,
                                            code_verifier=verifier)
        except Exception as exc:  # authlib raises its own OAuthError, httpx its transport errors
            raise _refused(f"the provider refused the sign-in code ({exc})", "sign in again") from exc
        id_token = tokens.get("id_token")
        if not id_token:
            raise _refused("the provider sent no ID token", "ask for the 'openid' scope")
        keys = KeySet.import_key_set(_get_json(discovery["jwks_uri"], self.timeout))
        try:
            token = jwt.decode(id_token, keys, algorithms=ALGORITHMS)
            jwt.JWTClaimsRegistry(
                iss={"essential": True, "value": self.issuer},
                aud={"essential": True, "value": self.client_id},
                nonce={"essential": True, "value": nonce},
                sub={"essential": True},
            ).validate(token.claims)
        except JoseError as exc:
            raise _refused(f"the ID token did not check out ({exc})", "sign in again") from exc
        return dict(token.claims)


def _get_json(url: str, timeout: float) -> Any:
    try:
        response = httpx.get(url, timeout=timeout)
        response.raise_for_status()
        return response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise _refused(f"could not read {url} ({exc})", "check CASEWORK_OIDC_ISSUER and that the "
                       "provider is reachable") from exc


def _refused(problem: str, fix: str) -> CaseworkError:
    return CaseworkError.single("sign-in", "oidc", problem, fix)
