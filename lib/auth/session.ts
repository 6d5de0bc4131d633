import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { ROLE_AUDIENCE, homeFor, type Audience } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";

/** The signed-in, enabled user for this request, or null. Cached per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  return loadActor(db, id);
});

/**
 * For route-group layouts and pages: anyone not signed in goes to sign-in, anyone of another audience goes
 * to their own home. Convenience only: data access checks permissions again.
 */
export async function requireAudience(audience: Audience): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  if (ROLE_AUDIENCE[actor.role] !== audience) redirect(homeFor(actor.role));
  return actor;
}
