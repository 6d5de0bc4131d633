// The seven NHS England regions (domain.md). Pure.
export const REGIONS: { code: string; name: string }[] = [
  { code: "Y56", name: "London" },
  { code: "Y58", name: "South West" },
  { code: "Y59", name: "South East" },
  { code: "Y60", name: "Midlands" },
  { code: "Y61", name: "East of England" },
  { code: "Y62", name: "North West" },
  { code: "Y63", name: "North East and Yorkshire" },
];
