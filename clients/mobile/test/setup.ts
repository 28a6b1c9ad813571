import { configure } from "@testing-library/react-native";

// A cold transform cache makes the first screens slow; wait longer than the default 1 s.
configure({ asyncUtilTimeout: 5000 });

// The safe-area library's own mock (no native module under jest).
jest.mock("react-native-safe-area-context", () => jest.requireActual("react-native-safe-area-context/jest/mock").default);
