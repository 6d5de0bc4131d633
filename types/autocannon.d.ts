// The parts of autocannon's API that bench/dashboards.ts uses (the package ships no types).
declare module "autocannon" {
  type Request = { method?: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };
  type Result = {
    requests: { total: number; average: number };
    latency: { p50: number; p90: number; p97_5: number; p99: number; average: number; max: number };
    errors: number;
    timeouts: number;
    non2xx: number;
  };
  export default function autocannon(options: { url: string; connections?: number; duration?: number; requests?: Request[] }): Promise<Result>;
}
