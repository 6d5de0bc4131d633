import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { clientAddress, pathOf, sessionUserId, trustedProxyHops } from "@/lib/http/request-log";
import { fromPortalServer } from "@/lib/http/server-token";

describe("the client address (trusted proxy hops counted from the right)", () => {
  it("is the socket peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("10.0.0.5", "6.6.6.6", 0)).toBe("10.0.0.5");
    expect(clientAddress("::ffff:127.0.0.1", undefined, 0)).toBe("127.0.0.1");
  });

  it("behind one trusted proxy is the last entry: anything the client wrote further left is ignored", () => {
    expect(clientAddress("10.0.0.1", "6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.1", "203.0.113.9", 1)).toBe("203.0.113.9");
  });

  it("behind two trusted proxies is the second from the right", () => {
    expect(clientAddress("10.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
  });

  it("falls back to the peer for an empty or malformed header", () => {
    expect(clientAddress("10.0.0.1", "", 1)).toBe("10.0.0.1");
    expect(clientAddress("10.0.0.1", "<script>", 1)).toBe("10.0.0.1");
  });

  it("reads TRUSTED_PROXY_HOPS, refusing nonsense", () => {
    expect(trustedProxyHops("2")).toBe(2);
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("-1")).toBe(0);
    expect(trustedProxyHops("lots")).toBe(0);
  });
});

describe("what the request log keeps", () => {
  it("never the query string", () => {
    expect(pathOf("/pcse?q=9434765919")).toBe("/pcse");
    expect(pathOf("/practice/outgoing#x")).toBe("/practice/outgoing");
    expect(pathOf(undefined)).toBe("/");
  });

  it("the signed-in user's id from a real next-auth session cookie, and nothing from a forged one", async () => {
    const secret = "unit-test-secret";
    const token = await encode({ token: { sub: "0b5d6f8e-1111-4222-8333-944455556666" }, secret });
    expect(await sessionUserId(`a=b; next-auth.session-token=${token}`, secret)).toBe("0b5d6f8e-1111-4222-8333-944455556666");
    expect(await sessionUserId(`__Secure-next-auth.session-token=${token}`, secret)).toBe("0b5d6f8e-1111-4222-8333-944455556666");
    expect(await sessionUserId(`next-auth.session-token=${token}`, "another-secret")).toBeNull();
    expect(await sessionUserId("next-auth.session-token=garbage", secret)).toBeNull();
    expect(await sessionUserId(undefined, secret)).toBeNull();
  });
});

describe("the server token that lets proxy.ts trust the server's request id", () => {
  it("matches only the exact token", () => {
    expect(fromPortalServer("abc", "abc")).toBe(true);
    expect(fromPortalServer("abd", "abc")).toBe(false);
    expect(fromPortalServer(null, "abc")).toBe(false);
    expect(fromPortalServer("abc", undefined)).toBe(false);
  });
});
