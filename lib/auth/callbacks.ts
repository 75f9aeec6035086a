import "server-only";
import type { NextAuthConfig } from "next-auth";
import { currentSessionVersion, endAllSessions } from "@/lib/auth/session-version";
import { safeCallbackUrl } from "@/lib/validations/auth";

type Callbacks = NonNullable<NextAuthConfig["callbacks"]>;
type Events = NonNullable<NextAuthConfig["events"]>;

/** Auth.js callbacks: the session version goes into the JWT, and redirects stay on this origin. */
export const callbacks = {
  async jwt({ token, user }) {
    // On sign-in only: the token records the session version it is issued under.
    if (user?.id) {
      token.sub = user.id;
      token.sessionVersion = (await currentSessionVersion(user.id)) ?? 0;
    }
    return token;
  },
  session({ session, token }) {
    if (token.sub) session.user.id = token.sub;
    session.sessionVersion = typeof token.sessionVersion === "number" ? token.sessionVersion : undefined;
    return session;
  },
  // Every redirect Auth.js makes (after sign-in, sign-out, an OAuth round trip) stays on this origin.
  redirect({ url, baseUrl }) {
    return `${baseUrl}${safeCallbackUrl(url, { origin: baseUrl })}`;
  },
} satisfies Callbacks;

export const events = {
  // Signing out ends every session of the user, including copies of this cookie elsewhere.
  async signOut(message) {
    const userId = "token" in message ? message.token?.sub : message.session?.userId;
    if (userId) await endAllSessions(userId);
  },
} satisfies Events;
