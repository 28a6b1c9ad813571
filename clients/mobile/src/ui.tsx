// Shared look: light and dark themes from the phone's setting, buttons at least 48 dp
// high (touch targets), every control labelled for screen readers.
import type { ReactNode } from "react";
import { Pressable, StyleSheet, Text, TextInput, type TextInputProps, useColorScheme, View } from "react-native";

export interface Theme {
  dark: boolean;
  background: string;
  card: string;
  text: string;
  muted: string;
  border: string;
  primary: string;
  onPrimary: string;
  danger: string;
  warning: string;
}

const LIGHT: Theme = {
  dark: false,
  background: "#f6f7f9",
  card: "#ffffff",
  text: "#111418",
  muted: "#56606b",
  border: "#c9d0d8",
  primary: "#1357c4",
  onPrimary: "#ffffff",
  danger: "#b3261e",
  warning: "#8a5a00",
};

const DARK: Theme = {
  dark: true,
  background: "#0f1216",
  card: "#1a1f26",
  text: "#eef1f4",
  muted: "#a9b3bd",
  border: "#38414c",
  primary: "#8ab4ff",
  onPrimary: "#0b1a33",
  danger: "#ffb4ab",
  warning: "#ffcf70",
};

export function useTheme(): Theme {
  return useColorScheme() === "dark" ? DARK : LIGHT;
}

export const TOUCH = 48;

export function Screen({ children }: { children: ReactNode }) {
  const theme = useTheme();
  return <View style={[styles.screen, { backgroundColor: theme.background }]}>{children}</View>;
}

export function Title({ children }: { children: ReactNode }) {
  const theme = useTheme();
  return (
    <Text accessibilityRole="header" style={[styles.title, { color: theme.text }]}>
      {children}
    </Text>
  );
}

export function Subtitle({ children }: { children: ReactNode }) {
  const theme = useTheme();
  return (
    <Text accessibilityRole="header" style={{ fontSize: 19, fontWeight: "700", color: theme.text, marginTop: 8 }}>
      {children}
    </Text>
  );
}

export function Body({ children, muted, color }: { children: ReactNode; muted?: boolean; color?: string }) {
  const theme = useTheme();
  return <Text style={[styles.body, { color: color ?? (muted ? theme.muted : theme.text) }]}>{children}</Text>;
}

export function Button({
  label,
  onPress,
  kind = "primary",
  disabled,
  accessibilityLabel,
  selected,
}: {
  label: string;
  onPress: () => void;
  kind?: "primary" | "secondary" | "danger";
  disabled?: boolean;
  accessibilityLabel?: string;
  selected?: boolean;
}) {
  const theme = useTheme();
  const filled = kind === "primary" || selected;
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={accessibilityLabel ?? label}
      accessibilityState={{ disabled: Boolean(disabled), selected: Boolean(selected) }}
      disabled={disabled}
      onPress={onPress}
      style={({ pressed }) => [
        styles.button,
        {
          backgroundColor: filled ? theme.primary : theme.card,
          borderColor: kind === "danger" ? theme.danger : theme.primary,
          opacity: disabled ? 0.5 : pressed ? 0.75 : 1,
        },
      ]}
    >
      <Text style={[styles.buttonText, { color: filled ? theme.onPrimary : kind === "danger" ? theme.danger : theme.primary }]}>
        {label}
      </Text>
    </Pressable>
  );
}

export function Field({ label, style, ...props }: { label: string } & TextInputProps) {
  const theme = useTheme();
  return (
    <View style={styles.field}>
      <Text style={[styles.label, { color: theme.muted }]}>{label}</Text>
      <TextInput
        accessibilityLabel={label}
        placeholderTextColor={theme.muted}
        {...props}
        style={[styles.input, { color: theme.text, borderColor: theme.border, backgroundColor: theme.card }, style]}
      />
    </View>
  );
}

export const styles = StyleSheet.create({
  screen: { flex: 1, padding: 16, gap: 12 },
  title: { fontSize: 24, fontWeight: "700" },
  body: { fontSize: 17, lineHeight: 24 },
  button: {
    minHeight: TOUCH,
    minWidth: TOUCH,
    paddingHorizontal: 16,
    borderRadius: 10,
    borderWidth: 1.5,
    alignItems: "center",
    justifyContent: "center",
  },
  buttonText: { fontSize: 17, fontWeight: "600" },
  field: { gap: 4 },
  label: { fontSize: 15 },
  input: { minHeight: TOUCH, borderWidth: 1, borderRadius: 10, paddingHorizontal: 12, fontSize: 17 },
  row: { flexDirection: "row", gap: 8, flexWrap: "wrap" },
});
