import { describe, expect, it } from "vitest";
import { pageOf, parsePage, parseSort, sortRows } from "./index";

const rows = [
  { name: "bob", customers: 10, created: new Date("2026-01-02") },
  { name: "Ann", customers: 2, created: new Date("2026-01-03") },
  { name: "carl", customers: 10, created: null },
  { name: "Dora", customers: 1, created: new Date("2026-01-01") },
];
const by = { name: (row: (typeof rows)[number]) => row.name, customers: (row: (typeof rows)[number]) => row.customers, created: (row: (typeof rows)[number]) => row.created };

describe("parseSort", () => {
  it("takes a known key and a direction, ascending unless desc", () => {
    expect(parseSort({ sort: "name", dir: "desc" }, ["name", "customers"], { key: "customers", dir: "asc" })).toEqual({ key: "name", dir: "desc" });
    expect(parseSort({ sort: "name", dir: "sideways" }, ["name"], { key: "name", dir: "desc" })).toEqual({ key: "name", dir: "asc" });
  });
  it("falls back to the default for an unknown or missing key", () => {
    expect(parseSort({ sort: "password" }, ["name"], { key: "name", dir: "desc" })).toEqual({ key: "name", dir: "desc" });
    expect(parseSort({}, ["name"], { key: "name", dir: "asc" })).toEqual({ key: "name", dir: "asc" });
    expect(parseSort({ sort: ["name", "x"] }, ["name"], { key: "name", dir: "desc" })).toEqual({ key: "name", dir: "asc" });
  });
});

describe("parsePage", () => {
  it("reads whole numbers from 1 and anything else as 1", () => {
    expect(parsePage({ page: "3" })).toBe(3);
    for (const page of ["0", "-2", "1.5", "abc", "", "99999999", undefined]) expect(parsePage({ page })).toBe(1);
  });
});

describe("sortRows", () => {
  it("sorts text without regard to case, both ways", () => {
    expect(sortRows(rows, { key: "name", dir: "asc" }, by, "en").map((row) => row.name)).toEqual(["Ann", "bob", "carl", "Dora"]);
    expect(sortRows(rows, { key: "name", dir: "desc" }, by, "en").map((row) => row.name)).toEqual(["Dora", "carl", "bob", "Ann"]);
  });
  it("keeps the order of equal values (stable) and puts empty values last in either direction", () => {
    expect(sortRows(rows, { key: "customers", dir: "desc" }, by, "en").map((row) => row.name)).toEqual(["bob", "carl", "Ann", "Dora"]);
    expect(sortRows(rows, { key: "created", dir: "asc" }, by, "en").map((row) => row.name)).toEqual(["Dora", "bob", "Ann", "carl"]);
    expect(sortRows(rows, { key: "created", dir: "desc" }, by, "en").map((row) => row.name)).toEqual(["Ann", "bob", "Dora", "carl"]);
  });
  it("orders text as the page's language does", () => {
    const names = [{ name: "Zed" }, { name: "Анна" }, { name: "Ärger" }, { name: "Їжак" }, { name: "Иван" }];
    const sorted = (locale: string) => sortRows(names, { key: "name", dir: "asc" }, { name: (row) => row.name }, locale).map((row) => row.name);
    expect(sorted("de")).toEqual(["Ärger", "Zed", "Анна", "Иван", "Їжак"]);
    expect(sorted("uk")).toEqual(["Анна", "Иван", "Їжак", "Ärger", "Zed"]);
  });
  it("does not change the list it was given", () => {
    const copy = [...rows];
    sortRows(rows, { key: "name", dir: "desc" }, by, "en");
    expect(rows).toEqual(copy);
  });
});

describe("pageOf", () => {
  const numbers = Array.from({ length: 23 }, (_, index) => index + 1);
  it("cuts pages of the given size and counts them", () => {
    expect(pageOf(numbers, 1, 10)).toEqual({ rows: numbers.slice(0, 10), page: 1, pages: 3, total: 23 });
    expect(pageOf(numbers, 3, 10).rows).toEqual([21, 22, 23]);
  });
  it("shows the last page for a page past the end, and one empty page for no rows", () => {
    expect(pageOf(numbers, 9, 10).page).toBe(3);
    expect(pageOf([], 4, 10)).toEqual({ rows: [], page: 1, pages: 1, total: 0 });
  });
});
