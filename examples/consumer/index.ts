import { consumerProgram } from "./program";

export = consumerProgram;
