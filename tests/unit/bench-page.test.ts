import { describe, expect, it } from "vitest";
import { loader } from "~/routes/bench-bare-form";

describe("the benchmark's reference page", () => {
  it("does not exist outside `npm run bench` (BENCH_PAGES=1)", () => {
    let thrown: unknown;
    try {
      loader();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  });
});
