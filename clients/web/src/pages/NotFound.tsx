import { Link } from "react-router";

import { PageHeader } from "../components/ui";
import { useI18n } from "../i18n";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t("common.pageNotFound")} />
      <p>
        <Link to="/my-day">{t("nav.myDay")}</Link>
      </p>
    </>
  );
}
