import type { ReactNode } from "react";
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Img,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import type { NotificationType, Recipient, ShopBranding } from "../../lib/mail/notifications";
import type { Locale } from "../../i18n/locales";
import type { EmailText } from "./text";

const fallbackAccent = "#2563eb";

const styles = {
  body: { backgroundColor: "#f4f4f5", fontFamily: "Arial, Helvetica, sans-serif", margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", maxWidth: "560px", margin: "0 auto", padding: "32px" },
  shopName: { fontSize: "18px", fontWeight: 700, color: "#18181b", margin: 0 },
  heading: { fontSize: "22px", color: "#18181b", margin: "24px 0 16px" },
  text: { fontSize: "16px", lineHeight: "24px", color: "#27272a", margin: "0 0 16px" },
  small: { fontSize: "13px", lineHeight: "20px", color: "#52525b", margin: "0 0 8px" },
  secret: {
    fontFamily: "'Courier New', Courier, monospace",
    fontSize: "16px",
    backgroundColor: "#f4f4f5",
    padding: "2px 6px",
  },
  button: { borderRadius: "6px", padding: "12px 20px", fontSize: "16px", fontWeight: 700, textDecoration: "none" },
  hr: { borderColor: "#e4e4e7", margin: "32px 0 16px" },
} as const;

/** Accent colours are admin input; anything but #rgb / #rrggbb is ignored rather than placed in a style. */
function accentOf(shop: ShopBranding): string {
  return /^#(?:[0-9a-f]{3}){1,2}$/i.test(shop.accentColor) ? shop.accentColor : fallbackAccent;
}

/** Black or white button text, whichever contrasts more with the accent (WCAG relative luminance). */
function textColourOn(hex: string): string {
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d) : [hex.slice(1, 3), hex.slice(3, 5), hex.slice(5, 7)];
  const [r, g, b] = digits.map((d) => {
    const c = parseInt(d, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? "#000000" : "#ffffff";
}

type EmailLayoutProps = {
  /** Which notification: its preview line, heading and "You received this e-mail because …" come from its catalogue entry. */
  type: NotificationType;
  shop: ShopBranding;
  recipient: Recipient;
  /** The e-mail's language, and its words in it (emailText). */
  locale: Locale;
  t: EmailText;
  children: ReactNode;
};

/** The shop's and the recipient's names as every e-mail's sentences take them. */
export function namesOf(shop: ShopBranding, recipient: Recipient): { shop: string; email: string } {
  return { shop: shop.name, email: recipient.email };
}

/** Every e-mail's frame: the shop's logo or name, the heading, the greeting, then the body, and why it was sent. */
export function EmailLayout({ type, shop, recipient, locale, t, children }: EmailLayoutProps) {
  const names = namesOf(shop, recipient);
  return (
    <Html lang={locale} dir="ltr">
      <Head />
      <Preview>{t(`${type}.preview`, names)}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Section>
            {shop.logoUrl ? (
              <Img src={shop.logoUrl} alt={shop.name} height={40} />
            ) : (
              <Text style={styles.shopName}>{shop.name}</Text>
            )}
          </Section>
          <Heading as="h1" style={styles.heading}>
            {t(`${type}.heading`)}
          </Heading>
          <Greeting recipient={recipient} t={t} />
          {children}
          <Hr style={styles.hr} />
          <Text style={styles.small}>{t("layout.receivedBecause", { reason: t(`${type}.reason`, names) })}</Text>
          <Text style={styles.small}>
            {shop.name} · <Link href={shop.baseUrl}>{shop.baseUrl}</Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

function Greeting({ recipient, t }: { recipient: Recipient; t: EmailText }) {
  const firstName = recipient.firstName.trim();
  return <Paragraph>{firstName ? t("layout.hello", { firstName }) : t("layout.helloAnonymous")}</Paragraph>;
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

/** The call to action, with the URL spelled out for clients that drop the button's styling. */
export function ActionButton({ shop, t, href, children }: { shop: ShopBranding; t: EmailText; href: string; children: string }) {
  const accent = accentOf(shop);
  return (
    <Section style={{ margin: "8px 0 24px" }}>
      <Button href={href} style={{ ...styles.button, backgroundColor: accent, color: textColourOn(accent) }}>
        {children}
      </Button>
      <Text style={{ ...styles.small, marginTop: "16px" }}>
        {t("layout.buttonFallback")} <Link href={href}>{href}</Link>
      </Text>
    </Section>
  );
}

/** A password shown in the e-mail, e.g. "Your password: …". */
export function Secret({ label, value }: { label: string; value: string }) {
  return (
    <Paragraph>
      {label}: <span style={styles.secret}>{value}</span>
    </Paragraph>
  );
}
