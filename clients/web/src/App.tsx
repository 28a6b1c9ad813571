import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";

import { ApiError } from "./api";
import { AuthProvider, type AuthProviderProps } from "./auth";
import { I18nProvider, type Lang } from "./i18n";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // A 4xx will not get better by asking again.
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
}

export interface ProvidersProps extends Omit<AuthProviderProps, "children"> {
  children: ReactNode;
  queryClient?: QueryClient;
  lang?: Lang;
}

/** Everything a screen needs around it: queries, language, session. Tests reuse it. */
export function Providers({ children, queryClient, lang, ...auth }: ProvidersProps) {
  const [client] = useState(() => queryClient ?? makeQueryClient());
  return (
    <QueryClientProvider client={client}>
      <I18nProvider initial={lang}>
        <AuthProvider {...auth}>{children}</AuthProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
