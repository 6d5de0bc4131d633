// next-auth configuration: NHS CIS2 (OIDC) for real staff when configured; a credentials provider for the
// demo and tests only. The session cookie is a JWT holding the user id and a server-side session id
// (lib/auth/sessions.ts): signing out revokes the session, and sessions end when idle or old.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db/client";
import { demoLoginEnabled } from "@/lib/auth/demo-login";
import { cis2ClaimsSchema, mapCis2Claims, parseRoleMap } from "@/lib/auth/cis2";
import { logger } from "@/lib/logging/logger";
import { hotPathPool } from "@/lib/db/sql";
import { postgresSignInLimiter, verifyCredentials, type SignInLimiter } from "@/lib/auth/credentials";
import { recordAuditEvent } from "@/lib/audit/record";
import { checkSession, revokeSession, sessionPolicy, startSession } from "@/lib/auth/sessions";
import { safeRedirect } from "@/lib/auth/redirect";
import { getRequestContext } from "@/lib/http/request-context";

let signInLimiter: SignInLimiter | null = null;
const limiter = () => (signInLimiter ??= postgresSignInLimiter(hotPathPool()));

export function cis2Configured(): boolean {
  return Boolean(process.env.CIS2_ISSUER && process.env.CIS2_CLIENT_ID && process.env.CIS2_CLIENT_SECRET);
}

function providers(): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [];
  if (cis2Configured()) {
    const issuer = process.env.CIS2_ISSUER!.replace(/\/$/, "");
    list.push({
      id: "cis2",
      name: "NHS CIS2",
      type: "oauth",
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      clientId: process.env.CIS2_CLIENT_ID,
      clientSecret: process.env.CIS2_CLIENT_SECRET,
      idToken: true,
      checks: ["pkce", "state", "nonce"],
      authorization: {
        params: {
          scope: "openid profile email nationalrbacaccess organisationalmemberships",
          acr_values: process.env.CIS2_ACR_VALUES ?? "AAL3_ANY",
        },
      },
      client: { token_endpoint_auth_method: "client_secret_post" },
      profile(profile: { sub: string; name?: string; email?: string }) {
        return { id: profile.sub, name: profile.name ?? null, email: profile.email ?? null };
      },
    });
  }
  if (demoLoginEnabled()) {
    list.push(
      CredentialsProvider({
        id: "credentials",
        name: "Demo account",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw) {
          // The client address as server.ts worked it out (TRUSTED_PROXY_HOPS), for the per-address limits.
          const { ipAddress } = await getRequestContext();
          const user = await verifyCredentials(db, limiter(), raw, { ip: ipAddress });
          if (!user) return null;
          await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
          await recordAuditEvent(db, { actorUserId: user.id, action: "SIGN_IN", details: { provider: "credentials" } });
          return { id: user.id, name: user.name, email: user.email };
        },
      }),
    );
  }
  return list;
}

async function provisionCis2User(profile: unknown): Promise<string | null> {
  const claims = cis2ClaimsSchema.safeParse(profile);
  if (!claims.success) return null;
  const codes = new Set<string>();
  for (const r of claims.data.nhsid_nrbac_roles) codes.add(r.org_code.toUpperCase());
  const orgs = await db.organisation.findMany({ where: { odsCode: { in: [...codes] } }, select: { id: true, odsCode: true } });
  const regions = await db.region.findMany({ where: { code: { in: [...codes] } }, select: { code: true } });
  const known = new Set([...orgs.map((o) => o.odsCode), ...regions.map((r) => r.code), "X24"]);
  const mapping = mapCis2Claims(claims.data, parseRoleMap(process.env.CIS2_ROLE_MAP), known);
  if (!mapping.ok) {
    logger.warn({ reason: mapping.reason }, "CIS2 sign-in refused");
    return null;
  }
  const organisation = orgs.find((o) => o.odsCode === mapping.odsCode);
  const regionCode = regions.find((r) => r.code === mapping.odsCode)?.code ?? null;
  const data = {
    name: claims.data.name ?? "CIS2 user",
    role: mapping.role,
    organisationId: mapping.role === "COMMISSIONER" ? null : (organisation?.id ?? null),
    regionCode: mapping.role === "COMMISSIONER" ? regionCode : null,
    lastSignInAt: new Date(),
  };
  const email = (claims.data.email ?? `${claims.data.sub}@cis2.invalid`).toLowerCase();
  // An account an administrator created for this person (by email, never signed in with CIS2) becomes theirs on their
  // first CIS2 sign-in; a disabled one stays refused.
  const existing =
    (await db.user.findUnique({ where: { cis2Subject: claims.data.sub }, select: { id: true, disabled: true } })) ??
    (claims.data.email ? await db.user.findFirst({ where: { email, cis2Subject: null, passwordHash: null }, select: { id: true, disabled: true } }) : null);
  if (existing?.disabled) return null;
  const user = existing
    ? await db.user.update({ where: { id: existing.id }, data: { ...data, cis2Subject: claims.data.sub }, select: { id: true } })
    : await db.user.create({
        data: { ...data, cis2Subject: claims.data.sub, email },
        select: { id: true },
      });
  await recordAuditEvent(db, { actorUserId: user.id, action: "SIGN_IN", details: { provider: "cis2" } });
  return user.id;
}

export const authOptions: NextAuthOptions = {
  providers: providers(),
  // The cookie lives as long as the longest session; the server decides whether the session is still live.
  session: { strategy: "jwt", maxAge: Math.ceil(sessionPolicy().absoluteMs / 1000) },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  secret: process.env.NEXTAUTH_SECRET,
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider === "cis2") {
        const id = await provisionCis2User(profile);
        if (!id) return false;
        user.id = id;
      }
      return true;
    },
    async jwt({ token, user }) {
      if (user?.id) {
        // Signing in: a new server-side session, named in the cookie.
        token.sub = user.id;
        token.sid = await startSession(db, user.id);
        return token;
      }
      // next-auth reading its own cookie (/api/auth/session): an ended session is no session. Throwing makes
      // next-auth answer with no session and clear the cookie.
      const live = typeof token.sub === "string" && typeof token.sid === "string" && (await checkSession(db, token.sub, token.sid, { activity: false })).live;
      if (!live) throw new Error("SessionEnded");
      return token;
    },
    async session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      return session;
    },
    // Only this portal's own pages: a callbackUrl elsewhere (or unparseable) goes home instead.
    redirect: ({ url, baseUrl }) => safeRedirect(url, baseUrl),
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === "string") await revokeSession(db, token.sid, "SIGN_OUT");
      if (typeof token?.sub === "string") await recordAuditEvent(db, { actorUserId: token.sub, action: "SIGN_OUT" });
    },
  },
  logger: {
    error(code, metadata) {
      // An ended session read by next-auth is expected, not an error.
      if (code === "JWT_SESSION_ERROR" && metadata instanceof Error && metadata.message === "SessionEnded") return;
      // A callbackUrl that is not a URL is bad input (next-auth refuses it), not a fault of the portal.
      if (code === "INVALID_CALLBACK_URL_ERROR") return void logger.warn({ code }, "next-auth refused a callback URL");
      logger.error({ code, err: metadata }, "next-auth error");
    },
    warn(code) {
      logger.warn({ code }, "next-auth warning");
    },
    debug() {},
  },
};
