// In the browser expo-secure-store is an empty module: the token pair goes to
// sessionStorage (gone when the tab closes), the browser's nearest equivalent.
function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export async function readSecret(key: string): Promise<string | null> {
  return storage()?.getItem(key) ?? null;
}

export async function writeSecret(key: string, value: string | null): Promise<void> {
  const s = storage();
  if (!s) return;
  if (value === null) s.removeItem(key);
  else s.setItem(key, value);
}
