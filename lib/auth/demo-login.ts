// Demo and test accounts sign in with a password. Refused when the app runs in production mode unless
// ENABLE_DEMO_LOGIN=true (set by `npm run demo` and the end-to-end tests only).
export function demoLoginEnabled(): boolean {
  return process.env.NODE_ENV !== "production" || process.env.ENABLE_DEMO_LOGIN === "true";
}
