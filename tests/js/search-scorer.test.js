// Unit tests of labnewsScore (sphinx_labnews/static/labnews-scorer.js),
// run by `node --test` from tests/test_search_ranking.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { labnewsScore, labnewsDateBonus } = require(
  path.join(__dirname, "../../sphinx_labnews/static/labnews-scorer.js"),
);

const DATES = {
  "news/2024-01-01-old": ["2024-01-01", "1 January 2024"],
  "news/2025-07-14-new": ["2025-07-14", "14 July 2025"],
};
const result = (docname, score) => [docname, "Title", "", null, score, docname + ".md", "text"];

test("equal scores: the newer post ranks higher", () => {
  assert.ok(labnewsScore(result("news/2025-07-14-new", 5), DATES) > labnewsScore(result("news/2024-01-01-old", 5), DATES));
});

test("a better match stays above a newer post", () => {
  assert.ok(labnewsScore(result("news/2024-01-01-old", 6), DATES) > labnewsScore(result("news/2025-07-14-new", 5), DATES));
});

test("pages that are not posts keep their score, even Object's own property names", () => {
  assert.equal(labnewsScore(result("guide/cli", 5), DATES), 5);
  assert.equal(labnewsScore(result("constructor", 5), DATES), 5);
});

test("the bonus stays in [0, 1), whatever the date", () => {
  for (const date of ["1900-01-01", "1970-01-01", "2025-07-14", "9999-12-31", "not a date"]) {
    const bonus = labnewsDateBonus([date, ""]);
    assert.ok(bonus >= 0 && bonus < 1, `${date}: ${bonus}`);
  }
  assert.equal(labnewsDateBonus(null), 0);
});
