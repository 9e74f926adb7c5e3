// Entry point for `pulumi up` in this folder (or at the repository root). Pulumi calls an exported
// function and turns its result into stack outputs. `npm run demo` and tests/engine/examples.test.ts run
// this folder as a project; other engine tests run the same function as an inline program.
import { basicProgram } from "./program";

export = basicProgram;
