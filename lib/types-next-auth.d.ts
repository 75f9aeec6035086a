import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
    /** The user's `sessionVersion` when the session was issued (lib/auth/session-version.ts). */
    sessionVersion?: number;
  }
}
