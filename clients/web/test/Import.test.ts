import { describe, expect, test } from "vitest";

import { guessTarget, parseCsvHead } from "../src/pages/Import";

describe("CSV import", () => {
  test("reads the header and first row, quotes and all", () => {
    const text = '\uFEFFName,"Company, Inc.",Note\r\nAnna,"Acme, ""the"" best",x\r\nB,C,D\r\n';
    expect(parseCsvHead(text)).toEqual({ header: ["Name", "Company, Inc.", "Note"], first: ["Anna", 'Acme, "the" best', "x"] });
  });

  test("reads semicolon files as spreadsheets in Europe write them", () => {
    expect(parseCsvHead("Vorname;Nachname\nAnna;Schmidt")).toEqual({ header: ["Vorname", "Nachname"], first: ["Anna", "Schmidt"] });
  });

  test("guesses the contact field from common column names in several languages", () => {
    expect(guessTarget("First Name")).toBe("first_name");
    expect(guessTarget("E-Mail")).toBe("email");
    expect(guessTarget("Nachname")).toBe("last_name");
    expect(guessTarget("Téléphone")).toBe("phone");
    expect(guessTarget("Компания")).toBe("company");
    expect(guessTarget("Shoe size")).toBe("");
  });
});
