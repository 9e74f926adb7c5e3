"""A Pulumi program in Python using the Wickr OIDC provider plugin (a project's __main__.py).

Stack config: `networkId` (8 digits); to exchange an authorization code once, also `clientId`,
`redirectUri`, and `clientSecret`, `code` and `codeVerifier` (set these with --secret).
"""

from typing import Optional

import pulumi
import pulumi_wickr_oidc as wickr


def wickr_sso() -> None:
    """Reads the network's OIDC settings and exports what a consumer needs."""
    config = pulumi.Config()
    network_id = config.require("networkId")
    token_request: Optional[wickr.TokenRequestArgs] = None
    client_id = config.get("clientId")
    if client_id is not None:
        token_request = wickr.TokenRequestArgs(
            client_id=client_id,
            client_secret=config.require_secret("clientSecret"),
            code=config.require_secret("code"),
            code_verifier=config.require_secret("codeVerifier"),
            redirect_uri=config.require("redirectUri"),
            grant_type="authorization_code",
        )

    sso = wickr.WickrOidcInfo("sso", network_id=network_id, token_request=token_request)
    pulumi.export("issuer", sso.issuer)
    pulumi.export("scopes", sso.scopes)
    pulumi.export("region", sso.region)
    pulumi.export("clientSecret", sso.client_secret)  # secret
    pulumi.export("secret", sso.secret)  # secret
    pulumi.export("accessToken", sso.access_token)  # secret (set when a code was exchanged)

    # The function (a real invoke): its whole result is secret, as it holds secret fields.
    info = wickr.get_oidc_info_output(network_id=network_id)
    pulumi.export("invokeIssuer", info.issuer)


if __name__ == "__main__":
    wickr_sso()
