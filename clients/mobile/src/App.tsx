// The app: sign-in, then the contacts on the phone. Navigation is a small stack of screens
// kept in state (no router needed for a handful of screens).
import { StatusBar } from "expo-status-bar";
import { useCallback, useEffect, useState } from "react";
import { SafeAreaProvider, SafeAreaView } from "react-native-safe-area-context";

import { defaultBaseUrl } from "./config";
import { I18nProvider, type Lang, useI18n } from "./i18n";
import { ContactScreen } from "./screens/ContactScreen";
import { ContactsScreen } from "./screens/ContactsScreen";
import { DealsScreen } from "./screens/DealsScreen";
import { LogScreen } from "./screens/LogScreen";
import { MyDayScreen } from "./screens/MyDayScreen";
import { NewContactScreen } from "./screens/NewContactScreen";
import { QueueScreen } from "./screens/QueueScreen";
import { RequestsScreen } from "./screens/RequestsScreen";
import { SignInScreen } from "./screens/SignInScreen";
import { AppProvider, loadSession, makeServices, type Services, signIn } from "./services";
import type { LocalStore } from "./storage/types";
import { Body, Screen, useTheme } from "./ui";

type Route =
  | { name: "contacts" }
  | { name: "contact"; id: string }
  | { name: "log"; id: string }
  | { name: "queue" }
  | { name: "newContact" }
  | { name: "myDay" }
  | { name: "deals" }
  | { name: "requests" };

export interface AppProps {
  /** The local database (default: expo-sqlite's `crm.db`). Tests pass an in-memory one. */
  openStore?: () => Promise<LocalStore>;
  /** A fetch for the API (default: the global one). */
  fetch?: typeof fetch;
  baseUrl?: string;
  lang?: Lang;
  /** Sync on start and every 30 s (default true). */
  autoSync?: boolean;
}

async function openSqlite(): Promise<LocalStore> {
  const { SqliteStore } = await import("./storage/sqlite");
  return SqliteStore.open();
}

export default function App(props: AppProps) {
  return (
    <SafeAreaProvider>
      <I18nProvider lang={props.lang}>
        <Root {...props} />
      </I18nProvider>
    </SafeAreaProvider>
  );
}

function Root({ openStore = openSqlite, fetch: fetchImpl, baseUrl, autoSync = true }: AppProps) {
  const { t } = useI18n();
  const theme = useTheme();
  const [store, setStore] = useState<LocalStore | null>(null);
  const [services, setServices] = useState<Services | null>(null);
  const [ready, setReady] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [stack, setStack] = useState<Route[]>([{ name: "contacts" }]);

  useEffect(() => {
    void (async () => {
      const opened = await openStore();
      const saved = await loadSession();
      setStore(opened);
      if (saved) setServices(makeServices(opened, saved, { fetch: fetchImpl }));
      setReady(true);
    })();
    // Opened once, for the app's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onSignedOut = useCallback(() => {
    setNotice(null);
    setServices(null);
    setStack([{ name: "contacts" }]);
  }, []);

  // The API refused the refresh token: sign in again. The phone's data and queued writes stay.
  const onExpired = useCallback(() => {
    setNotice(t("auth.expired"));
    setServices(null);
  }, [t]);

  const push = (route: Route) => setStack((s) => [...s, route]);
  const pop = () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s));

  let content;
  if (!ready || store === null) {
    content = (
      <Screen>
        <Body muted>{t("common.loading")}</Body>
      </Screen>
    );
  } else if (services === null) {
    content = (
      <SignInScreen
        defaultBaseUrl={baseUrl ?? defaultBaseUrl()}
        notice={notice}
        onSignIn={async (url, email, password) => {
          const next = makeServices(store, { baseUrl: url, email }, { fetch: fetchImpl });
          await signIn(next, email, password);
          setNotice(null);
          setStack([{ name: "contacts" }]);
          setServices(next);
        }}
      />
    );
  } else {
    const route = stack[stack.length - 1];
    content = (
      <AppProvider services={services} onSignedOut={onSignedOut} onExpired={onExpired} autoSync={autoSync}>
        {route.name === "contacts" ? (
          <ContactsScreen
            onOpen={(id) => push({ name: "contact", id })}
            onQueue={() => push({ name: "queue" })}
            onNew={() => push({ name: "newContact" })}
            onMyDay={() => push({ name: "myDay" })}
            onDeals={() => push({ name: "deals" })}
            onRequests={() => push({ name: "requests" })}
          />
        ) : route.name === "contact" ? (
          <ContactScreen id={route.id} onBack={pop} onLog={() => push({ name: "log", id: route.id })} />
        ) : route.name === "log" ? (
          <LogScreen contactId={route.id} onDone={pop} />
        ) : route.name === "myDay" ? (
          <MyDayScreen onBack={pop} onOpenContact={(id) => push({ name: "contact", id })} />
        ) : route.name === "deals" ? (
          <DealsScreen onBack={pop} />
        ) : route.name === "requests" ? (
          <RequestsScreen onBack={pop} onOpenContact={(id) => push({ name: "contact", id })} />
        ) : route.name === "newContact" ? (
          <NewContactScreen onCancel={pop} onCreated={(id) => setStack((s) => [...s.slice(0, -1), { name: "contact", id }])} />
        ) : (
          <QueueScreen onBack={pop} />
        )}
      </AppProvider>
    );
  }
  return (
    <SafeAreaView style={{ flex: 1, backgroundColor: theme.background }}>
      <StatusBar style={theme.dark ? "light" : "dark"} />
      {content}
    </SafeAreaView>
  );
}
