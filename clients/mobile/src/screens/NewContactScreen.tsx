import { useState } from "react";
import { ScrollView, View } from "react-native";

import { useI18n } from "../i18n";
import { useApp } from "../services";
import { Button, Field, Screen, styles, Title } from "../ui";

/** A new contact, typed in the field: queued at once (and shown), sent when online. */
export function NewContactScreen({ onCancel, onCreated }: { onCancel: () => void; onCreated: (id: string) => void }) {
  const { t } = useI18n();
  const { createContact } = useApp();
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [phone, setPhone] = useState("");
  const [email, setEmail] = useState("");
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setSaving(true);
    const id = await createContact({
      first_name: firstName.trim(),
      last_name: lastName.trim(),
      ...(phone.trim() ? { phones: [{ phone: phone.trim() }] } : {}),
      ...(email.trim() ? { emails: [{ email: email.trim() }] } : {}),
    });
    onCreated(id);
  };

  return (
    <Screen>
      <ScrollView contentContainerStyle={{ gap: 12 }} keyboardShouldPersistTaps="handled">
        <View style={styles.row}>
          <Button kind="secondary" label={t("common.cancel")} onPress={onCancel} />
        </View>
        <Title>{t("contacts.new")}</Title>
        <Field label={t("contacts.firstName")} value={firstName} onChangeText={setFirstName} autoComplete="given-name" />
        <Field label={t("contacts.lastName")} value={lastName} onChangeText={setLastName} autoComplete="family-name" />
        <Field label={t("contacts.phone")} value={phone} onChangeText={setPhone} keyboardType="phone-pad" autoComplete="tel" />
        <Field
          label={t("contacts.email")}
          value={email}
          onChangeText={setEmail}
          keyboardType="email-address"
          autoCapitalize="none"
          autoCorrect={false}
          autoComplete="email"
        />
        <Button label={t("common.save")} onPress={save} disabled={saving || (!firstName.trim() && !lastName.trim())} />
      </ScrollView>
    </Screen>
  );
}
