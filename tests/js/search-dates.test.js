// Unit tests of labnewsPostDate (sphinx_labnews/static/labnews-search.js),
// run by `node --test` from tests/test_news_pages.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { labnewsPostDate } = require(path.join(__dirname, "../../sphinx_labnews/static/labnews-search.js"));

const DATES = { "news/2025-07-14-workshop": ["2025-07-14", "14 July 2025"] };

test("a result linking to a post gets its date", () => {
  assert.deepEqual(labnewsPostDate("news/2025-07-14-workshop.html", DATES, ".html"), DATES["news/2025-07-14-workshop"]);
  assert.deepEqual(labnewsPostDate("news/2025-07-14-workshop.html#a-section", DATES, ".html"), DATES["news/2025-07-14-workshop"]);
  assert.deepEqual(labnewsPostDate("news/2025-07-14-workshop.html?highlight=x", DATES, ".html"), DATES["news/2025-07-14-workshop"]);
});

test("dirhtml links end with a slash", () => {
  assert.deepEqual(labnewsPostDate("news/2025-07-14-workshop/", DATES, ""), DATES["news/2025-07-14-workshop"]);
});

test("other pages get none, even names of Object's own properties", () => {
  assert.equal(labnewsPostDate("guide/cli.html", DATES, ".html"), null);
  assert.equal(labnewsPostDate("constructor.html", DATES, ".html"), null);
});
