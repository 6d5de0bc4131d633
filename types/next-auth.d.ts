import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The server-side session (UserSession.id): lib/auth/sessions.ts. */
    sid?: string;
  }
}
