/**
 * The yardstick of B3: a dynamic resource that makes no call. Its `create` returns fixed outputs, so
 * an `up` of these measures what the engine and the dynamic provider host cost by themselves.
 */
import * as pulumi from "@pulumi/pulumi";

interface TrivialInputs {
  index: number;
}
interface TrivialOutputs extends TrivialInputs {
  value: string;
}

const trivialProvider: pulumi.dynamic.ResourceProvider<TrivialInputs, TrivialOutputs> = {
  async create(inputs) {
    return { id: `trivial-${inputs.index}`, outs: { index: inputs.index, value: "fixed" } };
  },
};

/** A dynamic resource whose provider does nothing but answer. */
export class Trivial extends pulumi.dynamic.Resource {
  declare readonly value: pulumi.Output<string>;

  constructor(name: string, index: number) {
    super(trivialProvider, name, { index, value: undefined }, {}, "bench", "Trivial");
  }
}

/** True for a {@link Trivial} in raw state. */
export const isTrivialResource = (type: string): boolean => type.endsWith(":Trivial");
