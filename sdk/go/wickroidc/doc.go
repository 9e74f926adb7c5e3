// Read an AWS Wickr network's OpenID Connect (SSO) configuration into a Pulumi stack: typed outputs, encrypted secrets, drift detection.
package wickroidc
