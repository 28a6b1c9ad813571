// Where the API is, unless the user types another server on the sign-in screen:
// EXPO_PUBLIC_API_URL at build time, else (in a browser) the page's own origin, else the
// API on this computer (an Android emulator reaches it at http://10.0.2.2:8000).
import { Platform } from "react-native";

export function defaultBaseUrl(): string {
  const configured = process.env.EXPO_PUBLIC_API_URL;
  if (configured) return configured;
  if (Platform.OS === "web" && typeof window !== "undefined" && window.location?.origin?.startsWith("http")) {
    return window.location.origin;
  }
  return "http://127.0.0.1:8000";
}
