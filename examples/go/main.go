// A Pulumi program in Go using the Wickr OIDC provider plugin.
//
// Stack config: networkId (8 digits); to exchange an authorization code once, also clientId,
// redirectUri, and clientSecret, code and codeVerifier (set these with --secret).
package main

import (
	"github.com/pulumi-wickr-oidc/pulumi-wickr-oidc/sdk/go/wickroidc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(wickrSSO)
}

// wickrSSO reads the network's OIDC settings and exports what a consumer needs.
func wickrSSO(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	networkID := cfg.Require("networkId")
	args := &wickroidc.WickrOidcInfoArgs{NetworkId: pulumi.String(networkID)}
	if clientID := cfg.Get("clientId"); clientID != "" {
		args.TokenRequest = &wickroidc.TokenRequestArgs{
			ClientId:     pulumi.String(clientID),
			ClientSecret: cfg.RequireSecret("clientSecret"),
			Code:         cfg.RequireSecret("code"),
			CodeVerifier: cfg.RequireSecret("codeVerifier"),
			RedirectUri:  pulumi.String(cfg.Require("redirectUri")),
			GrantType:    pulumi.String("authorization_code"),
		}
	}

	sso, err := wickroidc.NewWickrOidcInfo(ctx, "sso", args)
	if err != nil {
		return err
	}
	ctx.Export("issuer", sso.Issuer)
	ctx.Export("scopes", sso.Scopes)
	ctx.Export("region", sso.Region)
	ctx.Export("clientSecret", sso.ClientSecret) // secret
	ctx.Export("secret", sso.Secret)             // secret
	ctx.Export("accessToken", sso.AccessToken)   // secret (set when a code was exchanged)

	// The function (a real invoke): its whole result is secret, as it holds secret fields. The
	// Output form is the one to use: the plain GetOidcInfo refuses a result that holds secrets.
	info := wickroidc.GetOidcInfoOutput(ctx, wickroidc.GetOidcInfoOutputArgs{NetworkId: pulumi.String(networkID)})
	ctx.Export("invokeIssuer", info.Issuer())
	return nil
}
