// expo-sqlite on web runs SQLite compiled to WebAssembly: Metro must ship .wasm files.
const { getDefaultConfig } = require("expo/metro-config");

const config = getDefaultConfig(__dirname);
config.resolver.assetExts.push("wasm");
module.exports = config;
