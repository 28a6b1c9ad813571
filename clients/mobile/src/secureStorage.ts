// Where the token pair lives: the platform's secure storage (Keychain, Keystore).
import * as SecureStore from "expo-secure-store";

export async function readSecret(key: string): Promise<string | null> {
  return SecureStore.getItemAsync(key);
}

export async function writeSecret(key: string, value: string | null): Promise<void> {
  if (value === null) await SecureStore.deleteItemAsync(key);
  else await SecureStore.setItemAsync(key, value);
}
