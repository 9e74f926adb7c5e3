package main

import (
	"github.com/pulumi-wickr-oidc/pulumi-wickr-oidc/sdk/go/wickroidc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

// plainInvoke is a test program: the plain (not Output) form of the function, reading a secret field
// of its result. The driver runs it with -program plain-invoke.
func plainInvoke(ctx *pulumi.Context) error {
	result, err := wickroidc.GetOidcInfo(ctx, &wickroidc.GetOidcInfoArgs{NetworkId: config.New(ctx, "").Require("networkId")})
	if err != nil {
		return err
	}
	ctx.Export("plainIssuer", pulumi.StringPtrFromPtr(result.Issuer))
	ctx.Export("plainClientSecret", pulumi.StringPtrFromPtr(result.ClientSecret))
	return nil
}
