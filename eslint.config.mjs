// @ts-check
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", ".work/**", "bench/results/**", "sdk/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // A Pulumi Output turned into a string (`${output}`, "…" + output, String(output)) prints
    // "Calling [toString] on an Output<T> is not supported", not its value: use pulumi.interpolate or
    // apply. The rule needs types, so it runs only where Outputs live.
    files: [
      "provider/pulumi/**/*.ts",
      "examples/**/*.ts",
      "bench/**/*.ts",
      "scripts/**/*.ts",
      "tests/engine/**/*.ts",
    ],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { "@typescript-eslint/no-base-to-string": "error" },
  },
);
