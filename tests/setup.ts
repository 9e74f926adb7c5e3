// Loaded by mocha before any test file (see .mocharc.json).
// The AWS SDK warns once per process that its 2027 releases need Node 22; the tests may run
// Node 20, so the warning says nothing about the code under test and only buries test output.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
