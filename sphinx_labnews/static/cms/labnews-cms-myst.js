/*
 * The MyST that the web editor's components write and read back: pure functions, no
 * Decap and no DOM, so that `node --test` checks them (tests/js/cms-myst.test.js) and
 * the text the editor writes is exactly what the build accepts:
 *
 *   ```{centered-image} /static/img/news/photo.jpg
 *   :alt: What the photo shows
 *   :width: 80%
 *   :caption: A caption
 *   ```
 *
 * (see sphinx_labnews/directives/centered_image.py) and ```{about} <key>``` for an
 * About block at a place of the post's choosing (sphinx_labnews/about.py).
 * Loaded as a classic script in the admin page (window.LabnewsCmsMyst) and as a
 * CommonJS module by node.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.LabnewsCmsMyst = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // Decap matches a block component's pattern at the start of a block; it must not use
  // the `m` flag, so "end of line" is spelt (?=\n|$).
  const CENTERED_IMAGE_PATTERN =
    /^```\{centered-image\}[ \t]+([^\n]*?)[ \t]*\n((?::[\w-]+:[^\n]*\n)*)```[ \t]*(?=\n|$)/;
  const ABOUT_PATTERN = /^```\{about\}[ \t]+([^\s`]+)[ \t]*\n```[ \t]*(?=\n|$)/;
  const OPTION_LINE = /^:([\w-]+):[ \t]?(.*)$/;
  // what docutils' length_or_percentage_or_unitless accepts
  const LENGTH = /^\d+(?:\.\d+)?(?:em|ex|px|in|cm|mm|pt|pc|%)?$/;

  /** One line of text: a directive option cannot span lines. */
  function oneLine(value) {
    return String(value == null ? "" : value)
      .replace(/\s+/g, " ")
      .trim();
  }

  /** Whether `value` is a width the directive accepts ("" means no width). */
  function isWidth(value) {
    const width = oneLine(value);
    return width === "" || LENGTH.test(width);
  }

  /**
   * The directive for `{image, alt, width, caption}`. Never throws: Decap calls this
   * with empty data when the component is inserted. An image path loses its whitespace
   * (as docutils' `uri` option does) and a width the directive would reject is left out
   * (the form's pattern tells the editor); a missing alt text is written as it is, and
   * the build warns about it.
   */
  function centeredImageToMyst(data) {
    const image = oneLine(data && data.image).replace(/[\s`]/g, "");
    const alt = oneLine(data && data.alt);
    const width = oneLine(data && data.width);
    const caption = oneLine(data && data.caption);
    const lines = ["```{centered-image} " + image, ":alt: " + alt];
    if (width && isWidth(width)) {
      lines.push(":width: " + width);
    }
    if (caption) {
      lines.push(":caption: " + caption);
    }
    lines.push("```");
    return lines.join("\n");
  }

  /** `{image, alt, width, caption}` from a pattern match (or the directive's text). */
  function parseCenteredImage(match) {
    const found = typeof match === "string" ? CENTERED_IMAGE_PATTERN.exec(match) : match;
    if (!found) {
      return null;
    }
    const data = { image: found[1], alt: "", width: "", caption: "" };
    for (const line of found[2].split("\n")) {
      const option = OPTION_LINE.exec(line);
      if (option && Object.prototype.hasOwnProperty.call(data, option[1])) {
        data[option[1]] = option[2].trim();
      }
    }
    return data;
  }

  /** ```{about} <key>```; like centeredImageToMyst, total (an empty key before one is chosen). */
  function aboutToMyst(data) {
    const key = oneLine(data && data.key).replace(/[\s`]/g, "");
    return "```{about} " + key + "\n```";
  }

  function parseAbout(match) {
    const found = typeof match === "string" ? ABOUT_PATTERN.exec(match) : match;
    return found ? { key: found[1] } : null;
  }

  return {
    CENTERED_IMAGE_PATTERN,
    ABOUT_PATTERN,
    isWidth,
    centeredImageToMyst,
    parseCenteredImage,
    aboutToMyst,
    parseAbout,
  };
});
