import { describe, expect, it } from "vitest";
import admin from "@/messages/en/admin.json";
import { flattenLabels, labelOf } from "./index";

describe("labels", () => {
  it("flattens nested catalogue sections into the dotted codes the activity log stores", () => {
    expect(flattenLabels({ customer: { "signed-in": "Signed in" }, settings: { changed: "Changed", attribute: { created: "Created" } } })).toEqual({
      "customer.signed-in": "Signed in",
      "settings.changed": "Changed",
      "settings.attribute.created": "Created",
    });
  });

  it("gives words for a known code and the code itself for an unknown one", () => {
    const actions = flattenLabels(admin.labels.activityAction);
    expect(labelOf(actions, "contact.password-reset")).toEqual({ code: "contact.password-reset", text: "Password reset by agent", known: true });
    expect(labelOf(actions, "customer.signed-in").text).toBe("Signed in");
    expect(labelOf(actions, "toString")).toEqual({ code: "toString", text: "toString", known: false });
    expect(labelOf(admin.labels.customerStatus, "bogus")).toEqual({ code: "bogus", text: "bogus", known: false });
  });
});
