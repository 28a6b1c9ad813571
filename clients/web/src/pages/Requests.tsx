import { PageHeader } from "../components/ui";
import { useI18n } from "../i18n";

export default function RequestsPage() {
  const { t } = useI18n();
  return <PageHeader title={t("nav.requests")} />;
}
