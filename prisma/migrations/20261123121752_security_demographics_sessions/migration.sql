-- AlterEnum
ALTER TYPE "AttentionReason" ADD VALUE 'DEMOGRAPHICS_DISAGREEMENT';

-- Each movement keeps the demographics its sender recorded (issue 7: one practice's send must never change what
-- another sees). Existing movements take the shared patient row's names and date of birth, which are then dropped.
ALTER TABLE "RecordMovement" ADD COLUMN     "demographicsDisagreement" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "patientDateOfBirth" DATE,
ADD COLUMN     "patientFamilyName" VARCHAR(100),
ADD COLUMN     "patientGivenName" VARCHAR(100);

UPDATE "RecordMovement" AS m
SET "patientFamilyName" = p."familyName", "patientGivenName" = p."givenName", "patientDateOfBirth" = p."dateOfBirth"
FROM "Patient" AS p
WHERE p.id = m."patientId";

ALTER TABLE "RecordMovement" ALTER COLUMN "patientDateOfBirth" SET NOT NULL,
ALTER COLUMN "patientFamilyName" SET NOT NULL,
ALTER COLUMN "patientGivenName" SET NOT NULL;

-- AlterTable
ALTER TABLE "Patient" DROP COLUMN "dateOfBirth",
DROP COLUMN "familyName",
DROP COLUMN "givenName";

-- CreateTable
CREATE TABLE "UserSession" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "revokedReason" VARCHAR(40),

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedSearch" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "query" VARCHAR(100) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SavedSearch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");

-- CreateIndex
CREATE INDEX "UserSession_expiresAt_idx" ON "UserSession"("expiresAt");

-- CreateIndex
CREATE INDEX "SavedSearch_userId_expiresAt_idx" ON "SavedSearch"("userId", "expiresAt");

-- CreateIndex
CREATE INDEX "SavedSearch_expiresAt_idx" ON "SavedSearch"("expiresAt");

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedSearch" ADD CONSTRAINT "SavedSearch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Disabling a user ends every session of theirs at once, whoever or whatever disables them (an administrator's
-- screen, a script, SQL): the next request with one of their cookies is signed out (lib/auth/sessions.ts).
-- The JS schema engine splits a migration at semicolons and cannot read dollar quoting, so the function body is an
-- E'' string with its semicolons written as \073 (as in the foundation migration).
CREATE FUNCTION "revoke_sessions_of_disabled_user"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN UPDATE "UserSession" SET "revokedAt" = now(), "revokedReason" = ''USER_DISABLED'' WHERE "userId" = NEW.id AND "revokedAt" IS NULL\073 RETURN NEW\073 END';

CREATE TRIGGER user_disabled_revokes_sessions
AFTER UPDATE OF disabled ON "User"
FOR EACH ROW WHEN (NEW.disabled AND NOT OLD.disabled)
EXECUTE FUNCTION "revoke_sessions_of_disabled_user"();
