import { describe, expect, it } from "vitest";
import { dynamic, GET } from "./route";

describe("GET /api/health", () => {
  it("answers 200 {status: ok} as JSON, rendered on every request", async () => {
    const response = GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(dynamic).toBe("force-dynamic");
  });
});
