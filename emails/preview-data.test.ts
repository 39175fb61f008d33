import { asc } from "drizzle-orm";
import { expect, it } from "vitest";
import { shops } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { shopBranding } from "@/lib/shops";
import { backOfficeBranding } from "@/lib/staff/users";
import { describeOnDatabases } from "@/lib/testing/databases";
import { previewBackOffice, previewClassicShop, previewShop } from "./_components/preview-data";

/** The previews of `npm run email:dev` show the shops a developer gets from `npm run dev`, and the back office. */
describeOnDatabases("preview branding", (db) => {
  it("is the seeded demo shops' branding and the back office's", async () => {
    await seedDemoData(db(), { appUrl: "http://localhost:3000", emailFrom: "shop@example.com" });
    const seeded = await db().select().from(shops).orderBy(asc(shops.code));

    expect(seeded.map((shop) => [shop.code, shopBranding(shop)])).toEqual([
      ["classic", previewClassicShop],
      ["demo", previewShop],
    ]);
    expect(previewBackOffice).toEqual(backOfficeBranding("http://localhost:3000"));
  });
});
