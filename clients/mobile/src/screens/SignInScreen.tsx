import { AuthError } from "@crm/sdk";
import { useState } from "react";
import { KeyboardAvoidingView, Platform, ScrollView, View } from "react-native";

import { useI18n } from "../i18n";
import { Body, Button, Field, Screen, Title, useTheme } from "../ui";

export function SignInScreen({
  defaultBaseUrl,
  notice,
  onSignIn,
}: {
  defaultBaseUrl: string;
  notice?: string | null;
  onSignIn: (baseUrl: string, email: string, password: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const theme = useTheme();
  const [baseUrl, setBaseUrl] = useState(defaultBaseUrl);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await onSignIn(baseUrl.trim().replace(/\/+$/, ""), email.trim(), password);
    } catch (caught) {
      const status = caught instanceof AuthError ? caught.status : undefined;
      setError(status === 429 ? t("auth.tooMany") : status !== undefined && status < 500 ? t("auth.wrong") : t("auth.unreachable"));
      setBusy(false);
    }
  };

  return (
    <KeyboardAvoidingView style={{ flex: 1 }} behavior={Platform.OS === "ios" ? "padding" : undefined}>
      <Screen>
        <ScrollView contentContainerStyle={{ gap: 12 }} keyboardShouldPersistTaps="handled">
          <Title>{t("auth.title")}</Title>
          {notice ? <Body color={theme.warning}>{notice}</Body> : null}
          <Field label={t("auth.server")} value={baseUrl} onChangeText={setBaseUrl} autoCapitalize="none" autoCorrect={false} keyboardType="url" />
          <Field
            label={t("auth.email")}
            value={email}
            onChangeText={setEmail}
            autoCapitalize="none"
            autoCorrect={false}
            keyboardType="email-address"
            autoComplete="email"
          />
          <Field label={t("auth.password")} value={password} onChangeText={setPassword} secureTextEntry autoComplete="password" onSubmitEditing={submit} />
          {error ? (
            <View accessibilityRole="alert" accessibilityLiveRegion="assertive">
              <Body color={theme.danger}>{error}</Body>
            </View>
          ) : null}
          <Button label={busy ? t("auth.signingIn") : t("auth.signIn")} onPress={submit} disabled={busy || !email || !password} />
        </ScrollView>
      </Screen>
    </KeyboardAvoidingView>
  );
}
