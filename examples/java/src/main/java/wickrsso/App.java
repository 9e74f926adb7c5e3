package wickrsso;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.wickroidc.WickrOidcInfo;
import com.pulumi.wickroidc.WickrOidcInfoArgs;
import com.pulumi.wickroidc.WickroidcFunctions;
import com.pulumi.wickroidc.inputs.GetOidcInfoArgs;
import com.pulumi.wickroidc.inputs.TokenRequestArgs;

/**
 * A Pulumi program in Java using the Wickr OIDC provider plugin.
 *
 * <p>Stack config: networkId (8 digits); to exchange an authorization code once, also clientId,
 * redirectUri, and clientSecret, code and codeVerifier (set these with --secret).
 */
public class App {
    public static void main(String[] args) {
        Pulumi.run(App::wickrSso);
    }

    /** Reads the network's OIDC settings and exports what a consumer needs. */
    static void wickrSso(Context ctx) {
        var config = ctx.config();
        var networkId = config.require("networkId");
        var sso = WickrOidcInfoArgs.builder().networkId(networkId);
        config.get("clientId").ifPresent(clientId -> sso.tokenRequest(TokenRequestArgs.builder()
            .clientId(clientId)
            .clientSecret(config.requireSecret("clientSecret"))
            .code(config.requireSecret("code"))
            .codeVerifier(config.requireSecret("codeVerifier"))
            .redirectUri(config.require("redirectUri"))
            .grantType("authorization_code")
            .build()));

        var info = new WickrOidcInfo("sso", sso.build());
        ctx.export("issuer", info.issuer());
        ctx.export("scopes", info.scopes());
        ctx.export("region", info.region());
        ctx.export("clientSecret", info.clientSecret()); // secret
        ctx.export("secret", info.secret()); // secret
        ctx.export("accessToken", info.accessToken()); // secret (set when a code was exchanged)

        // The function (a real invoke): its whole result is secret, as it holds secret fields.
        var result = WickroidcFunctions.getOidcInfo(GetOidcInfoArgs.builder().networkId(networkId).build());
        ctx.export("invokeIssuer", result.applyValue(r -> r.issuer()));
    }
}
