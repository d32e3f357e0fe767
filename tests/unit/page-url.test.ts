import { describe, expect, it } from "vitest";
import { pageUrl } from "~/utils/page-url";

const of = (url: string) => {
  const page = pageUrl(new Request(url));
  return page.pathname + page.search;
};

describe("pageUrl", () => {
  it("gives a document request's path and query as they are", () => {
    expect(of("http://x/fr/partner/returns/r1?tab=2")).toBe("/fr/partner/returns/r1?tab=2");
  });

  it("drops what a client-side navigation's data request adds", () => {
    expect(of("http://x/fr/partner.data?_routes=root%2Croutes%2Fpartner%2Fhome")).toBe(
      "/fr/partner",
    );
    expect(of("http://x/nl/staff/partners.data?q=zone&_routes=x")).toBe(
      "/nl/staff/partners?q=zone",
    );
    expect(of("http://x/_root.data")).toBe("/");
  });

  it("drops an empty index flag and keeps a valued one", () => {
    expect(of("http://x/fr/login?index&redirectTo=%2Ffr")).toBe("/fr/login?redirectTo=%2Ffr");
    expect(of("http://x/fr/login?index=1")).toBe("/fr/login?index=1");
  });
});
