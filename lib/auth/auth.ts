import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { checkCredentials } from "@/lib/auth/credentials";
import { callbacks, events } from "@/lib/auth/callbacks";

export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}
export class TooManyAttempts extends CredentialsSignin {
  override code = "rate_limited";
}

/** OAuth providers are switched on only when both of their variables are set. */
export function oauthProviders() {
  const e = env();
  const list: NextAuthConfig["providers"] = [];
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) {
    list.push(GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET }));
  }
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) {
    list.push(Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET }));
  }
  return list;
}

export function enabledOAuthProviders(): { id: "github" | "google"; name: string }[] {
  const e = env();
  const out: { id: "github" | "google"; name: string }[] = [];
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) out.push({ id: "github", name: "GitHub" });
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) out.push({ id: "google", name: "Google" });
  return out;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  // The adapter links OAuth accounts to users; sessions are JWTs in an httpOnly cookie.
  adapter: PrismaAdapter(db),
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  trustHost: env().AUTH_TRUST_HOST !== "false",
  secret: env().AUTH_SECRET,
  pages: { signIn: "/sign-in", error: "/sign-in" },
  logger: {
    // A wrong password is an expected outcome, not a server error.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const outcome = await checkCredentials(raw, request.headers);
        if (outcome.ok) return outcome.user;
        throw outcome.reason === "rate_limited" ? new TooManyAttempts() : new InvalidCredentials();
      },
    }),
    ...oauthProviders(),
  ],
  callbacks,
  events,
}));
