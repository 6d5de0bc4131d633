-- CreateEnum
CREATE TYPE "ServiceCreditStatus" AS ENUM ('PROPOSED', 'APPLIED', 'DISPUTED', 'WAIVED');

-- CreateTable
CREATE TABLE "ServiceCredit" (
    "id" UUID NOT NULL,
    "month" DATE NOT NULL,
    "kpi" VARCHAR(40) NOT NULL,
    "policyVersion" INTEGER NOT NULL,
    "measuredPercent" DOUBLE PRECISION,
    "targetPercent" DOUBLE PRECISION NOT NULL,
    "pointsBelow" DOUBLE PRECISION NOT NULL,
    "creditPercent" DOUBLE PRECISION NOT NULL,
    "amountPence" BIGINT NOT NULL,
    "rule" VARCHAR(300) NOT NULL,
    "status" "ServiceCreditStatus" NOT NULL DEFAULT 'PROPOSED',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ServiceCredit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceCreditEvent" (
    "id" BIGSERIAL NOT NULL,
    "creditId" UUID NOT NULL,
    "fromStatus" "ServiceCreditStatus",
    "toStatus" "ServiceCreditStatus" NOT NULL,
    "note" VARCHAR(1000),
    "actorUserId" UUID,
    "actorName" VARCHAR(200),
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ServiceCreditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ServiceCredit_month_kpi_key" ON "ServiceCredit"("month", "kpi");

-- CreateIndex
CREATE INDEX "ServiceCreditEvent_creditId_id_idx" ON "ServiceCreditEvent"("creditId", "id");

-- AddForeignKey
ALTER TABLE "ServiceCreditEvent" ADD CONSTRAINT "ServiceCreditEvent_creditId_fkey" FOREIGN KEY ("creditId") REFERENCES "ServiceCredit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A service credit's history is kept for good (function body semicolons as \073: Prisma's JS engine splits on semicolons).
CREATE FUNCTION "service_credit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''ServiceCreditEvent is append-only (% refused)'', TG_OP\073 END';
CREATE TRIGGER "ServiceCreditEvent_append_only" BEFORE UPDATE OR DELETE ON "ServiceCreditEvent"
  FOR EACH ROW EXECUTE FUNCTION "service_credit_event_append_only"();
CREATE TRIGGER "ServiceCreditEvent_no_truncate" BEFORE TRUNCATE ON "ServiceCreditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "service_credit_event_append_only"();
