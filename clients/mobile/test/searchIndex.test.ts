import { SearchIndex } from "../src/storage/searchIndex";

const entry = (id: string, name: string, extra = "") => ({ id, search: `${name} ${extra}`.toLowerCase(), sort: name.toLowerCase() });

test("every word must match; results by sort key; writes keep it in step", () => {
  const index = new SearchIndex([entry("1", "Ada Lovelace", "london"), entry("2", "Adam Smith", "kirkcaldy"), entry("3", "Bob Stone")]);
  expect(index.search("", 10)).toEqual(["1", "2", "3"]);
  expect(index.search("ad", 10)).toEqual(["1", "2"]);
  expect(index.search("ADAM  kirk", 10)).toEqual(["2"]);
  expect(index.search("ad", 1)).toEqual(["1"]);
  index.put(entry("4", "Aaron Able"));
  index.delete("1");
  expect(index.search("a", 10)).toEqual(["4", "2"]);
  index.replace([entry("9", "Zoe")]);
  expect(index.search("", 10)).toEqual(["9"]);
});

test("a keystroke over 5,000 contacts answers well under 50 ms", () => {
  const entries = Array.from({ length: 5000 }, (_, i) =>
    entry(String(i), `Person${String(i).padStart(5, "0")} Example`, `p${i}@example.com +4930${1000000 + i} berlin`),
  );
  const index = new SearchIndex(entries);
  index.search("", 100); // the first search sorts
  const word = "person04999";
  const started = performance.now();
  for (let n = 1; n <= word.length; n++) index.search(word.slice(0, n), 100);
  const perKeystroke = (performance.now() - started) / word.length;
  expect(index.search(word, 100)).toEqual(["4999"]);
  expect(perKeystroke).toBeLessThan(50);
});
