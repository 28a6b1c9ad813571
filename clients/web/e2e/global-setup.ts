import { startApi } from "./api";

/** One API for the whole run; the journeys find it in CRM_E2E_URL. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const api = await startApi();
  process.env.CRM_E2E_URL = api.baseUrl;
  return api.stop;
}
