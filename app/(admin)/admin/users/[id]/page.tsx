import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { getUser, userFormOptions } from "@/lib/users/queries";
import { orNotFound } from "@/lib/http/not-found";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/format";
import { BackLink } from "@/components/ui/BackLink";
import { SummaryList } from "@/components/ui/SummaryList";
import { Tag } from "@/components/ui/StatusTag";
import { ChangeRoleForm, DisableUserForm } from "@/components/admin/UserForms";

export const metadata: Metadata = { title: "User" };

const NOTICES: Record<string, string> = {
  created: "Account created. It becomes theirs when they first sign in with NHS CIS2 using this email address.",
  role: "Role saved. It applies from their next page.",
  disabled: "User disabled. They have been signed out everywhere.",
  enabled: "User enabled. They can sign in again.",
};

export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAudience("admin");
  const { id } = await params;
  const [user, options] = await Promise.all([orNotFound(getUser(db, actor, id)), userFormOptions(db, actor)]);
  const { changed } = await searchParams;
  const self = user.id === actor.id;
  const lastAdministrator = user.role === "ADMINISTRATOR" && !user.disabled && user.otherAdministrators === 0;
  return (
    <>
      <BackLink href="/admin/users">Back to users</BackLink>
      {changed && NOTICES[changed] ? (
        <p role="status" className="mb-6 border-l-4 border-nhs-green bg-white p-4 font-bold">
          {NOTICES[changed]}
        </p>
      ) : null}
      <h1>
        <span className="block text-nhs-s text-nhs-secondary">User</span>
        {user.name}
      </h1>
      <SummaryList
        rows={[
          { key: "Email", value: <span className="break-all">{user.email}</span> },
          { key: "Role", value: ROLE_LABELS[user.role] },
          { key: "Organisation or region", value: user.organisation ?? (user.role === "COMMISSIONER" ? (user.regionCode ? `Region ${user.regionCode}` : "National") : "None") },
          { key: "Status", value: user.disabled ? <Tag tone="red">Disabled</Tag> : <Tag tone="green">Active</Tag> },
          { key: "Last sign-in", value: user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "Never" },
          { key: "Signed in now", value: user.liveSessions ? `${user.liveSessions} ${user.liveSessions === 1 ? "session" : "sessions"}` : "No" },
          { key: "Signs in with", value: user.signIn === "cis2" ? "NHS CIS2 (their CIS2 role is read again at each sign-in)" : user.signIn === "password" ? "The demo password (demo and test only)" : "Not signed in yet" },
          { key: "Account created", value: formatDateTime(user.createdAt) },
        ]}
      />
      {self ? (
        <p className="border-l-4 border-nhs-blue bg-white p-4">This is you. Another administrator can change your role or disable you.</p>
      ) : (
        <>
          <section aria-labelledby="access-heading" className="mb-10">
            <h2 id="access-heading">{user.disabled ? "Enable" : "Disable"}</h2>
            {lastAdministrator ? (
              <p className="border-l-4 border-nhs-warm-yellow bg-white p-4">This is the last administrator who can sign in: make someone else an administrator before disabling them.</p>
            ) : (
              <DisableUserForm userId={user.id} disabled={user.disabled} name={user.name} />
            )}
          </section>
          <section aria-labelledby="role-heading">
            <h2 id="role-heading">Role and organisation</h2>
            {lastAdministrator ? <p className="mb-4 border-l-4 border-nhs-warm-yellow bg-white p-4">This is the last administrator: their role cannot change until there is another.</p> : null}
            <ChangeRoleForm userId={user.id} role={user.role} organisationOdsCode={user.organisationOdsCode} regionCode={user.regionCode} options={options} />
          </section>
        </>
      )}
    </>
  );
}
