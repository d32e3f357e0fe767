import { Body } from "@react-email/body";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { ReactNode } from "react";

export function EmailLayout(props: {
  lang: "fr" | "nl";
  preview: string;
  footer: string;
  children: ReactNode;
}) {
  return (
    <Html lang={props.lang}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body
        style={{ fontFamily: "Arial, sans-serif", backgroundColor: "#ffffff", color: "#0b0c0c" }}
      >
        <Container style={{ maxWidth: "560px", padding: "16px" }}>
          <Text style={{ fontSize: "18px", fontWeight: 700, color: "#003d6b" }}>safe.brussels</Text>
          <Section>{props.children}</Section>
          <Hr />
          <Text style={{ fontSize: "12px", color: "#505a5f" }}>{props.footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}
