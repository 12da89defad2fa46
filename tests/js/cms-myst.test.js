// Unit tests of the web editor's MyST functions (sphinx_labnews/static/cms/labnews-cms-myst.js),
// run by `node --test` from tests/test_cms.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const Myst = require(path.join(__dirname, "../../sphinx_labnews/static/cms/labnews-cms-myst.js"));

const EVERY_OPTION =
  "```{centered-image} /static/img/news/gift.png\n" +
  ':alt: The gift: a "model" of the centre\n' +
  ":width: 80%\n" +
  ":caption: Handed over in July\n" +
  "```";

test("a centred image is written as the directive the build reads", () => {
  const text = Myst.centeredImageToMyst({
    image: "/static/img/news/gift.png",
    alt: 'The gift: a "model" of the centre',
    width: "80%",
    caption: "Handed over in July",
  });
  assert.equal(text, EVERY_OPTION);
});

test("empty options are left out, but :alt: is always written", () => {
  assert.equal(
    Myst.centeredImageToMyst({ image: "/static/img/a.png", alt: "A", width: "", caption: "" }),
    "```{centered-image} /static/img/a.png\n:alt: A\n```",
  );
  assert.equal(
    Myst.centeredImageToMyst({ image: "/static/img/a.png" }),
    "```{centered-image} /static/img/a.png\n:alt: \n```",
  );
});

test("values cannot break out of their option line or the fence", () => {
  const text = Myst.centeredImageToMyst({
    image: "/static/img/a b`.png",
    alt: "line one\n:width: 1px\n```",
    width: "80%; color: red",
    caption: "two\nlines",
  });
  assert.equal(
    text,
    "```{centered-image} /static/img/ab.png\n:alt: line one :width: 1px ```\n:caption: two lines\n```",
  );
  assert.equal(text.split("\n").length, 4);
});

test("widths the directive accepts", () => {
  for (const width of ["", "80%", "600", "600px", "12.5em"]) {
    assert.ok(Myst.isWidth(width), width);
  }
  for (const width of ["80 %", "wide", "-1px", "1e3"]) {
    assert.ok(!Myst.isWidth(width), width);
  }
});

test("the directive is read back from the post, also when text follows it", () => {
  const data = Myst.parseCenteredImage(EVERY_OPTION + "\n\n### Programme\n");
  assert.deepEqual(data, {
    image: "/static/img/news/gift.png",
    alt: 'The gift: a "model" of the centre',
    width: "80%",
    caption: "Handed over in July",
  });
  assert.equal(Myst.centeredImageToMyst(data), EVERY_OPTION);
});

test("the pattern matches only at the start of a block and has no multiline flag", () => {
  assert.ok(!Myst.CENTERED_IMAGE_PATTERN.flags.includes("m"));
  assert.ok(!Myst.ABOUT_PATTERN.flags.includes("m"));
  assert.equal(Myst.parseCenteredImage("text\n" + EVERY_OPTION), null);
  assert.equal(Myst.parseCenteredImage("```{figure} a.png\n```"), null);
});

test("About blocks", () => {
  assert.equal(Myst.aboutToMyst({ key: "hkust" }), "```{about} hkust\n```");
  assert.deepEqual(Myst.parseAbout("```{about} hkust\n```\n\nmore"), { key: "hkust" });
  assert.equal(Myst.aboutToMyst({ key: "a b`" }), "```{about} ab\n```");
  assert.equal(Myst.parseAbout("```{about}\n```"), null);
});
