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
  // Option values written as they are; the rule of option_value in sphinx_labnews/jekyll.py
  // (Python's `\w` is any letter, digit or underscore), so the editor and the importer write
  // the same text for the same value.
  const PLAIN_OPTION = /^[\p{L}\p{N}_(][^\t\n]*$/u;
  // the escapes of a double-quoted value, as MyST's option parser reads them (YAML's)
  const ESCAPES = {
    0: "\0",
    a: "\x07",
    b: "\b",
    t: "\t",
    "\t": "\t",
    n: "\n",
    v: "\v",
    f: "\f",
    r: "\r",
    e: "\x1b",
    " ": " ",
    '"': '"',
    "\\": "\\",
    "/": "/",
    N: "\x85",
    _: "\xa0",
    L: "\u2028",
    P: "\u2029",
  };
  const HEX_DIGITS = { x: 2, u: 4, U: 8 };

  /** One line of text: a directive option cannot span lines. */
  function oneLine(value) {
    return String(value == null ? "" : value)
      .replace(/\s+/g, " ")
      .trim();
  }

  /**
   * `value` as a directive option MyST reads back unchanged: as it is, or as a JSON string.
   * MyST reads options as YAML, so `"Quoted" words`, `> text` or `a # b` written plainly
   * would be an error or lose their tail; JSON strings are YAML strings.
   */
  function optionValue(value) {
    if (PLAIN_OPTION.test(value) && !value.includes(" #") && value === value.trimEnd()) {
      return value;
    }
    return JSON.stringify(value);
  }

  /** A quoted value's text (from `"` or `'` at `text[0]`), or null if it is not one. */
  function unquote(text) {
    const quote = text[0];
    let value = "";
    let index = 1;
    while (index < text.length) {
      const ch = text[index];
      if (ch === quote && quote === "'" && text[index + 1] === "'") {
        value += "'";
        index += 2;
      } else if (ch === quote) {
        // only a comment may follow the closing quote
        return /^(?:[ \t]*|[ \t]+#.*)$/.test(text.slice(index + 1)) ? value : null;
      } else if (ch === "\\" && quote === '"') {
        const code = text[index + 1];
        if (Object.prototype.hasOwnProperty.call(ESCAPES, code)) {
          value += ESCAPES[code];
          index += 2;
        } else if (Object.prototype.hasOwnProperty.call(HEX_DIGITS, code)) {
          const digits = text.slice(index + 2, index + 2 + HEX_DIGITS[code]);
          if (digits.length !== HEX_DIGITS[code] || !/^[0-9A-Fa-f]+$/.test(digits)) {
            return null;
          }
          value += String.fromCodePoint(parseInt(digits, 16));
          index += 2 + digits.length;
        } else {
          return null;
        }
      } else {
        value += ch;
        index += 1;
      }
    }
    return null; // never closed
  }

  /**
   * An option's text as the build reads it: a quoted value (what optionValue and the
   * importer write for values that need it) is unquoted; anything else is taken as written.
   */
  function readOptionValue(raw) {
    const text = raw.trim();
    if (text[0] === '"' || text[0] === "'") {
      const value = unquote(text);
      if (value !== null) {
        return value;
      }
    }
    return text;
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
    const lines = ["```{centered-image} " + image, ":alt: " + (alt ? optionValue(alt) : "")];
    if (width && isWidth(width)) {
      lines.push(":width: " + width);
    }
    if (caption) {
      lines.push(":caption: " + optionValue(caption));
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
        data[option[1]] = readOptionValue(option[2]);
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
    optionValue,
    readOptionValue,
    centeredImageToMyst,
    parseCenteredImage,
    aboutToMyst,
    parseAbout,
  };
});
