/**
 * The default seed: one network with every OIDC field set, one user, one role, one authorization code.
 *
 * Every secret here is fake and says so (`NOT-REAL`), so that a value seen in a log or an output is
 * recognisably from the emulator. Scripts import the constants instead of copying the strings.
 */
import { createHash } from "node:crypto";
import type { Seed } from "./seed";

/** Access key id of the demo user. Fake. */
export const DEMO_ACCESS_KEY_ID = "AKIAEMULATORDEMO0001";
/** Secret access key of the demo user. Fake. */
export const DEMO_SECRET_ACCESS_KEY = "emulator-demo-secret-NOT-REAL";
/** The emulator's default region (`EmulatorOptions.region`): the one the demo scripts sign for. */
export const DEMO_REGION = "us-east-1";
/** Account of the demo user and role. */
export const DEMO_ACCOUNT = "123456789012";
/** ARN of the demo user. */
export const DEMO_USER_ARN = `arn:aws:iam::${DEMO_ACCOUNT}:user/wickr-demo`;
/** ARN of the role the demo user may assume (allowed `wickr:GetOidcInfo` only). */
export const DEMO_ROLE_ARN = `arn:aws:iam::${DEMO_ACCOUNT}:role/wickr-oidc-reader`;
/** The demo network. */
export const DEMO_NETWORK_ID = "12345678";
/** OAuth client id of the demo network. */
export const DEMO_CLIENT_ID = "wickr-demo-client";
/** OAuth client secret of the demo network. Fake. */
export const DEMO_CLIENT_SECRET = "demo-client-secret-NOT-REAL";
/** Redirect URL registered for the demo network (the demo code is bound to it). */
export const DEMO_REDIRECT_URL = "https://messaging-pro-prod.wickr.com/deeplink/oidc.php";
/** The demo authorization code (single use per emulator). Fake. */
export const DEMO_AUTHORIZATION_CODE = "demo-authorization-code-NOT-REAL";
/** PKCE verifier that satisfies the demo code's challenge. Fake. */
export const DEMO_CODE_VERIFIER = "demo-code-verifier-NOT-REAL-0123456789-abcdefghijklmnop";
/** S256 challenge of {@link DEMO_CODE_VERIFIER}. */
export const DEMO_CODE_CHALLENGE = createHash("sha256").update(DEMO_CODE_VERIFIER).digest("base64url");

/** A fresh copy of the demo seed (callers may mutate it). */
export function demoSeed(): Seed {
  return {
    credentials: [
      {
        accessKeyId: DEMO_ACCESS_KEY_ID,
        secretAccessKey: DEMO_SECRET_ACCESS_KEY,
        arn: DEMO_USER_ARN,
        account: DEMO_ACCOUNT,
        userId: "AIDAEMULATORDEMO0001",
        allow: ["wickr:*"],
      },
    ],
    roles: [{ arn: DEMO_ROLE_ARN, allow: ["wickr:GetOidcInfo"], durationSeconds: 3600 }],
    networks: [
      {
        networkId: DEMO_NETWORK_ID,
        openidConnectInfo: {
          applicationName: "Wickr Demo SSO",
          clientId: DEMO_CLIENT_ID,
          companyId: "example-corp",
          scopes: "openid profile email",
          issuer: "https://idp.example.com/realms/wickr-demo",
          clientSecret: DEMO_CLIENT_SECRET,
          secret: "demo-secret-NOT-REAL",
          redirectUrl: DEMO_REDIRECT_URL,
          userId: "sub",
          customUsername: "preferred_username",
          caCertificate: "-----BEGIN CERTIFICATE-----\nMIIBdemoNOTREAL\n-----END CERTIFICATE-----\n",
          applicationId: 1,
          ssoTokenBufferMinutes: 5,
          extraAuthParams: "prompt=login",
        },
      },
    ],
    authorizationCodes: [
      {
        networkId: DEMO_NETWORK_ID,
        code: DEMO_AUTHORIZATION_CODE,
        clientId: DEMO_CLIENT_ID,
        redirectUri: DEMO_REDIRECT_URL,
        codeChallenge: DEMO_CODE_CHALLENGE,
      },
    ],
  };
}
