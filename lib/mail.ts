import "server-only";
import { env } from "@/lib/env";

/** Sends an e-mail when SMTP_URL is configured; returns false (nothing sent) otherwise or on failure. */
export async function sendMail(message: { to: string; subject: string; text: string }): Promise<boolean> {
  const { SMTP_URL, SMTP_FROM } = env();
  if (!SMTP_URL) return false;
  try {
    const nodemailer = await import("nodemailer");
    const transport = nodemailer.createTransport(SMTP_URL);
    await transport.sendMail({ from: SMTP_FROM, ...message });
    return true;
  } catch (error) {
    console.error("[mail] sending failed", error);
    return false;
  }
}
