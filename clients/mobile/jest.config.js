// jest-expo's preset, with the local SDK (ES modules) added to what Babel transforms.
const preset = require("jest-expo/jest-preset");

const ignore = preset.transformIgnorePatterns.map((pattern) =>
  pattern.replace("node_modules/(?!(", "node_modules/(?!(@crm/sdk|"),
);

module.exports = {
  preset: "jest-expo",
  transformIgnorePatterns: ignore,
  // The SDK's package exports only an "import" condition; Jest resolves with "require".
  moduleNameMapper: {
    ...preset.moduleNameMapper,
    "^@crm/sdk$": "<rootDir>/node_modules/@crm/sdk/dist/index.js",
  },
  testMatch: ["<rootDir>/test/**/*.test.ts", "<rootDir>/test/**/*.test.tsx"],
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  testTimeout: 30000,
};
