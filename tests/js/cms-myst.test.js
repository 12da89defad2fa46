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

// What `labnews import-jekyll` writes (sphinx_labnews/jekyll.py, option_value): values MyST's
// YAML option parser would misread are JSON strings.
const QUOTED =
  "```{centered-image} /static/img/news/a.png\n" +
  ':alt: "\\"Smart\\" lab # 2"\n' +
  ':caption: "\\"Quoted\\" caption"\n' +
  "```";

test("quoted option values are read back as their text", () => {
  assert.deepEqual(Myst.parseCenteredImage(QUOTED), {
    image: "/static/img/news/a.png",
    alt: '"Smart" lab # 2',
    width: "",
    caption: '"Quoted" caption',
  });
});

test("a quoted directive goes through the editor unchanged", () => {
  assert.equal(Myst.centeredImageToMyst(Myst.parseCenteredImage(QUOTED)), QUOTED);
  assert.equal(Myst.centeredImageToMyst(Myst.parseCenteredImage(EVERY_OPTION)), EVERY_OPTION);
});

test("values are quoted by the importer's rule", () => {
  const cases = [
    ["Handed over in July", "Handed over in July"],
    ["(left) the team", "(left) the team"],
    ["Été 2025: the café", "Été 2025: the café"],
    ["_under", "_under"],
    ["a#b", "a#b"],
    ['"Quoted" caption', '"\\"Quoted\\" caption"'],
    ["> not a block", '"> not a block"'],
    ["Figure 1 # not a comment", '"Figure 1 # not a comment"'],
    ["*emphasis*", '"*emphasis*"'],
    ["- dash", '"- dash"'],
    ["back\\slash 'single'", "back\\slash 'single'"],
    ["'single' first", "\"'single' first\""],
  ];
  for (const [value, written] of cases) {
    assert.equal(Myst.optionValue(value), written, value);
    assert.equal(Myst.readOptionValue(written), value, written);
  }
  const text = Myst.centeredImageToMyst({ image: "/a.png", alt: "> x", caption: 'say "hi"' });
  assert.equal(text, '```{centered-image} /a.png\n:alt: "> x"\n:caption: say "hi"\n```');
});

test("YAML's own quoting is read as MyST reads it", () => {
  assert.equal(Myst.readOptionValue("'it''s here'"), "it's here");
  assert.equal(Myst.readOptionValue('"caf\\u00e9 \\x41\\/ \\U0001F600"'), "café A/ \u{1F600}");
  assert.equal(Myst.readOptionValue('"quoted"  # a comment'), "quoted");
  // not a well-formed quoted value: kept as written, as before
  for (const raw of ['"never closed', '"a" b', '"bad \\q escape"', "'a' b"]) {
    assert.equal(Myst.readOptionValue(raw), raw);
  }
  assert.equal(Myst.readOptionValue("  plain  "), "plain");
});
