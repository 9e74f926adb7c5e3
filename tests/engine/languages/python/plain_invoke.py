"""A test program: the plain (not Output) form of the function, reading a secret field of its result."""

import pulumi
import pulumi_wickr_oidc as wickr


def plain_invoke() -> None:
    result = wickr.get_oidc_info(network_id=pulumi.Config().require("networkId"))
    pulumi.export("plainIssuer", result.issuer)
    pulumi.export("plainClientSecret", result.client_secret)
