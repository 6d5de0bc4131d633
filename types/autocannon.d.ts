// The parts of autocannon's API that the benchmarks use (the package ships no types). The instance it returns is both
// an event emitter ('response' for each answer, 'done' with the result) and a promise of the result.
declare module "autocannon" {
  type Request = { method?: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };
  type Result = {
    requests: { total: number; average: number };
    latency: { p50: number; p90: number; p97_5: number; p99: number; average: number; max: number };
    errors: number;
    timeouts: number;
    non2xx: number;
  };
  type Options = { url: string; connections?: number; duration?: number; timeout?: number; overallRate?: number; requests?: Request[] };
  type Instance = Promise<Result> & {
    on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): Instance;
    on(event: "done", listener: (result: Result) => void): Instance;
    on(event: "error", listener: (error: Error) => void): Instance;
  };
  function autocannon(options: Options): Instance;
  namespace autocannon {
    export type { Result, Request, Options, Instance };
  }
  export default autocannon;
}
