// Entry point for `pulumi up` in this folder (or at the repository root). Pulumi calls an exported
// function and turns its result into stack outputs; the demo and tests run the same function inline.
import { basicProgram } from "./program";

export = basicProgram;
