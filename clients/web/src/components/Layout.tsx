// The app shell: skip link, header (search, language, my name linking to my account,
// sign-out), navigation, main.
import { useQuery } from "@tanstack/react-query";
import { authMe } from "@crm/sdk";
import { Suspense, useEffect, useState } from "react";
import { NavLink, Outlet, useLocation } from "react-router";

import { ok } from "../api";
import { useAuth } from "../auth";
import { type MessageKey, useI18n } from "../i18n";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { SearchBox } from "./SearchBox";
import { Loading } from "./ui";

interface NavItem {
  to: string;
  label: MessageKey;
  /** Shown only to holders of one of these permissions. */
  any?: string[];
}

const NAV: NavItem[] = [
  { to: "/my-day", label: "nav.myDay" },
  { to: "/contacts", label: "nav.contacts", any: ["contacts:read"] },
  { to: "/companies", label: "nav.companies", any: ["companies:read"] },
  { to: "/board", label: "nav.board", any: ["deals:read"] },
  { to: "/requests", label: "nav.requests", any: ["requests:read"] },
  // Reports cover the deals one may read: deal access opens them, as reports:read does.
  { to: "/reports", label: "nav.reports", any: ["deals:read", "reports:read"] },
  { to: "/import", label: "nav.import", any: ["data:import"] },
  {
    to: "/admin",
    label: "nav.admin",
    any: ["users:manage", "roles:manage", "custom_fields:manage", "pipelines:manage", "settings:manage", "audit:read"],
  },
];

export function useMe() {
  const { client, tokens } = useAuth();
  return useQuery({
    queryKey: ["me"],
    queryFn: () => ok(authMe({ client })),
    enabled: tokens !== null,
    staleTime: 5 * 60_000,
  });
}

export function Layout() {
  const { t } = useI18n();
  const { can, signOut } = useAuth();
  const me = useMe();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setMenuOpen(false), [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          {t("nav.menu")}
        </button>
        <NavLink to="/my-day" className="brand">
          CRM
        </NavLink>
        <SearchBox />
        <div className="topbar-end">
          <LanguageSwitcher />
          <NavLink to="/account" className="whoami" title={me.data?.email}>
            <span>{me.data?.full_name ?? t("account.title")}</span>{" "}
            <span className="visually-hidden">({t("account.title")})</span>
          </NavLink>
          <button type="button" onClick={() => void signOut()}>
            {t("auth.signOut")}
          </button>
        </div>
      </header>
      <nav id="main-nav" aria-label={t("nav.label")} className={menuOpen ? "sidebar open" : "sidebar"}>
        <ul>
          {NAV.filter((item) => !item.any || item.any.some(can)).map((item) => (
            <li key={item.to}>
              <NavLink to={item.to}>{t(item.label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
