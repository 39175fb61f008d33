import { describe, expect, it } from "vitest";
import { bound, boundArguments } from "./bound-arguments";

const uuid = "3f2b8c1e-5d4a-4f6b-9c7d-1a2b3c4d5e6f";

describe("the bound arguments of a server action", () => {
  it("are answered when each has its shape", () => {
    expect(boundArguments([bound.id], [uuid])).toEqual([uuid]);
    expect(boundArguments([bound.id, bound.staffStatus], [uuid, "disabled"])).toEqual([uuid, "disabled"]);
    expect(boundArguments([bound.shopCode, bound.customerTypeCode], ["demo", "B2C"])).toEqual(["demo", "B2C"]);
    expect(boundArguments([bound.attributeCode], ["firstName"])).toEqual(["firstName"]);
    expect(boundArguments([bound.id, bound.flag], [uuid, false])).toEqual([uuid, false]);
  });

  it.each([
    ["no arguments", [bound.id], []],
    ["an extra argument", [bound.id], [uuid, uuid]],
    ["an id that is not a uuid", [bound.id], ["not-a-uuid"]],
    ["an id with SQL", [bound.id], [`${uuid}' OR '1'='1`]],
    ["an object for an id", [bound.id], [{}]],
    ["a number for an id", [bound.id], [123]],
    ["null for an id", [bound.id], [null]],
    ["an array for an id", [bound.id], [[uuid]]],
    ["an unknown status", [bound.id, bound.staffStatus], [uuid, "superuser"]],
    ["a string for a flag", [bound.id, bound.flag], [uuid, "true"]],
    ["an overlong shop code", [bound.shopCode], ["a".repeat(200)]],
    ["a shop code with a NUL", [bound.shopCode], ["demo\u0000"]],
    ["an upper-case shop code", [bound.shopCode], ["DEMO"]],
    ["a customer type code with a space", [bound.shopCode, bound.customerTypeCode], ["demo", "B2 C"]],
    ["an attribute code starting with a digit", [bound.attributeCode], ["1abc"]],
    ["an overlong attribute code", [bound.attributeCode], ["a".repeat(41)]],
  ] as const)("are refused for %s", (_name, schemas, values) => {
    expect(boundArguments(schemas, values)).toBeNull();
  });
});
