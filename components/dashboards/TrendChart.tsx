"use client";
// A 12-month trend of one KPI (recharts). The chart is a picture of the data table printed beside it, which is what
// screen readers and keyboards use: the chart is labelled as an image with a one-line summary.
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type TrendPoint = { label: string; value: number | null };

export function TrendChart({ title, unit, points, target }: { title: string; unit: string; points: TrendPoint[]; target: number | null }) {
  const known = points.filter((p) => p.value !== null);
  const summary = known.length
    ? `${title}: ${known.map((p) => `${p.label} ${p.value}${unit === "%" ? "%" : ""}`).join(", ")}${target !== null ? `; target ${target}${unit === "%" ? "%" : ""}` : ""}. The same figures are in the table below.`
    : `${title}: no figures to plot.`;
  return (
    <div role="img" aria-label={summary} className="h-56 w-full max-w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#d8dde0" />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#212b32" }} interval="preserveStartEnd" />
          <YAxis tick={{ fontSize: 12, fill: "#212b32" }} width={40} domain={unit === "%" ? ["auto", 100] : ["auto", "auto"]} />
          {target !== null ? <ReferenceLine y={target} stroke="#d5281b" strokeDasharray="4 4" /> : null}
          <Tooltip />
          <Line type="monotone" dataKey="value" stroke="#005eb8" strokeWidth={2} connectNulls={false} isAnimationActive={false} dot />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
