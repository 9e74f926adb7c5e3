package wickrsso;

import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import com.pulumi.wickroidc.WickroidcFunctions;
import com.pulumi.wickroidc.inputs.GetOidcInfoPlainArgs;

/** A test program: the plain (not Output) form of the function, reading a secret field of its result. */
public class PlainInvoke {
    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            var request = GetOidcInfoPlainArgs.builder().networkId(ctx.config().require("networkId")).build();
            var result = WickroidcFunctions.getOidcInfoPlain(request).join();
            ctx.export("plainIssuer", Output.of(result.issuer()));
            ctx.export("plainClientSecret", Output.of(result.clientSecret()));
        });
    }
}
