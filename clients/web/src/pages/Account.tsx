// My account: who I am, what I may do (my access to records and my other permissions), and
// where I am signed in (each sign-in's device, address, when it signed in and was last active),
// with a sign-out per sign-in and "sign out everywhere else". Signing this device out is the ordinary sign-out.
import { type MySessionRead, mePermissions, meSessionsDelete, meSessionsDeleteAll, meSessionsList } from "@crm/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { copyAccess, grantsOf } from "../access";
import { ok } from "../api";
import { useAuth } from "../auth";
import { AccessGrid } from "../components/AccessGrid";
import { useMe } from "../components/Layout";
import { Dialog, ErrorMessage, Loading, PageHeader } from "../components/ui";
import { useI18n } from "../i18n";
import { permissionLabel } from "../labels";

export interface Device {
  /** A browser or program name ("Firefox", "curl"), or null when unknown. */
  browser: string | null;
  /** An operating system or device ("Windows", "iPhone"), or null when unknown. */
  os: string | null;
}

const BROWSERS: ReadonlyArray<[RegExp, string]> = [
  [/\bEdgA?\/|\bEdg(?:iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bYaBrowser\//, "Yandex Browser"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/\bCriOS\/|\b(?:Headless)?Chrome\/|\bChromium\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\/|\bMobile\/\w+ Safari\//, "Safari"],
];

const SYSTEMS: ReadonlyArray<[RegExp, string]> = [
  [/\biPhone\b/, "iPhone"],
  [/\biPad\b/, "iPad"],
  [/\bAndroid\b/, "Android"],
  [/\bWindows\b/, "Windows"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

/** The browser and system a User-Agent names, coarsely: enough for a person to recognise
 * their devices. A program that is no browser goes by its first product name. */
export function describeClient(userAgent: string | null | undefined): Device {
  const agent = userAgent ?? "";
  const find = (table: ReadonlyArray<[RegExp, string]>) => table.find(([pattern]) => pattern.test(agent))?.[1] ?? null;
  let browser = find(BROWSERS);
  if (browser === null && agent && !agent.startsWith("Mozilla/")) {
    browser = /^[^\s/;()]+/.exec(agent)?.[0] ?? null;
  }
  return { browser, os: find(SYSTEMS) };
}

function useDeviceName() {
  const { t } = useI18n();
  return (userAgent: string | null | undefined) => {
    const { browser, os } = describeClient(userAgent);
    if (browser && os) return t("account.deviceOn", { browser, os });
    return browser ?? os ?? t("account.unknownDevice");
  };
}

type Confirming = { kind: "one"; session: MySessionRead } | { kind: "others" };

export function AccountPage() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <>
      <PageHeader title={t("account.title")} />
      {me.data ? (
        <section className="card" aria-labelledby="account-me">
          <h2 id="account-me">{t("account.you")}</h2>
          <dl className="details">
            <div className="details-row">
              <dt>{t("account.name")}</dt>
              <dd>{me.data.full_name}</dd>
            </div>
            <div className="details-row">
              <dt>{t("auth.email")}</dt>
              <dd>{me.data.email}</dd>
            </div>
          </dl>
        </section>
      ) : null}
      <MayDo />
      <SignIns />
    </>
  );
}

/** What I may do (GET /me/permissions): my levels per kind of record, read-only, and my
 * permissions beyond records by name. */
function MayDo() {
  const { t } = useI18n();
  const { client } = useAuth();
  const mine = useQuery({ queryKey: ["my-permissions"], queryFn: () => ok(mePermissions({ client })) });
  const grants = grantsOf(mine.data?.permissions ?? []);
  return (
    <section className="card" aria-labelledby="account-may-do">
      <h2 id="account-may-do">{t("account.mayDo")}</h2>
      {mine.isLoading ? <Loading /> : null}
      <ErrorMessage error={mine.error} />
      {mine.data ? (
        <>
          <AccessGrid caption={t("account.myAccess")} value={copyAccess(mine.data.access)} />
          <h3>{t("admin.grants")}</h3>
          {grants.length === 0 ? (
            <p className="muted">{t("admin.noGrants")}</p>
          ) : (
            <ul className="plain">
              {grants.map((p) => (
                <li key={p}>{permissionLabel(p, t)}</li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}

function SignIns() {
  const { t, dateTime } = useI18n();
  const { client, signOut } = useAuth();
  const queryClient = useQueryClient();
  const deviceName = useDeviceName();
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [notice, setNotice] = useState("");
  const sessions = useQuery({
    queryKey: ["my-sessions"],
    queryFn: () => ok(meSessionsList({ client })),
  });
  const end = useMutation({
    mutationFn: async (what: Confirming) => {
      if (what.kind === "others") {
        await ok(meSessionsDeleteAll({ client, query: { except_current: true } }));
        return t("account.signedOutOthers");
      }
      await ok(meSessionsDelete({ client, path: { session_id: what.session.id } }));
      return t("account.signedOutOne", { device: deviceName(what.session.user_agent) });
    },
    onSuccess: (message) => {
      setConfirming(null);
      setNotice(message);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["my-sessions"] }),
  });

  const items = sessions.data?.items ?? [];
  const others = items.filter((s) => !s.current).length;
  const confirm = () => {
    if (!confirming) return;
    // This device's sign-in ends as every sign-out does: its tokens are forgotten here too.
    if (confirming.kind === "one" && confirming.session.current) void signOut();
    else end.mutate(confirming);
  };

  return (
    <section className="card" aria-labelledby="account-sessions">
      <div className="row">
        <h2 id="account-sessions">{t("account.sessions")}</h2>
        {others > 0 ? (
          <button type="button" onClick={() => setConfirming({ kind: "others" })}>
            {t("account.signOutOthers")}
          </button>
        ) : null}
      </div>
      <p className="muted">{t("account.sessionsHint")}</p>
      <p role="status" className="success">
        {notice}
      </p>
      {sessions.isLoading ? <Loading /> : null}
      <ErrorMessage error={sessions.error} />
      <ul className="sessions">
        {items.map((session) => {
          const device = deviceName(session.user_agent);
          return (
            <li key={session.id} className="session">
              <div className="session-head">
                <strong>{device}</strong>
                {session.current ? <span className="badge badge-current">{t("account.thisDevice")}</span> : null}
              </div>
              <dl className="details">
                <div className="details-row">
                  <dt>{t("account.address")}</dt>
                  <dd>{session.client_address ?? "—"}</dd>
                </div>
                <div className="details-row">
                  <dt>{t("account.signedIn")}</dt>
                  <dd>
                    <time dateTime={session.created_at}>{dateTime(session.created_at)}</time>
                  </dd>
                </div>
                <div className="details-row">
                  <dt>{t("account.lastActive")}</dt>
                  <dd>
                    <time dateTime={session.last_used_at}>{dateTime(session.last_used_at)}</time>
                  </dd>
                </div>
              </dl>
              <button
                type="button"
                aria-label={t("account.signOutOf", { device })}
                onClick={() => setConfirming({ kind: "one", session })}
              >
                {t("auth.signOut")}
              </button>
            </li>
          );
        })}
      </ul>
      {confirming ? (
        <Dialog
          title={confirming.kind === "others" ? t("account.confirmOthersTitle") : t("account.confirmOneTitle")}
          onClose={() => setConfirming(null)}
        >
          <p>
            {confirming.kind === "others"
              ? t("account.confirmOthers", { count: others })
              : confirming.session.current
                ? t("account.confirmThis")
                : t("account.confirmOne", { device: deviceName(confirming.session.user_agent) })}
          </p>
          <ErrorMessage error={end.error} />
          <div className="button-row">
            <button type="button" onClick={() => setConfirming(null)}>
              {t("common.cancel")}
            </button>
            <button type="button" className="primary" onClick={confirm} disabled={end.isPending}>
              {confirming.kind === "others" ? t("account.signOutOthers") : t("auth.signOut")}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}

export default AccountPage;
