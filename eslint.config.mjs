// @ts-check
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", ".work/**", "bench/results/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // Pulumi outputs inside template strings print "Calling [toString] on an Output<T>", not the value.
      "no-restricted-syntax": [
        "error",
        {
          selector: "TemplateLiteral > MemberExpression[property.name=/^(apply|get)$/]",
          message: "Use pulumi.interpolate for Outputs.",
        },
      ],
    },
  },
);
