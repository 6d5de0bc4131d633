// Backlog age bands in working days. Pure: shared by queries and components.
export const AGE_BANDS = [
  { label: "0-2 working days", min: 0, max: 2 },
  { label: "3-5 working days", min: 3, max: 5 },
  { label: "6-10 working days", min: 6, max: 10 },
  { label: "Over 10 working days", min: 11, max: Infinity },
] as const;
