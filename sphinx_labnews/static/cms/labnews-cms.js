/*
 * Registers sphinx-labnews' editor components and post preview with Decap CMS.
 *
 * The site's settings come from the JSON block #labnews-cms-settings that the build
 * writes into admin/index.html (from the same conf.py values as config.yml); the MyST
 * itself is written and read by labnews-cms-myst.js.
 */
(function () {
  "use strict";
  const CMS = window.CMS;
  const h = window.h;
  const createClass = window.createClass;
  const Myst = window.LabnewsCmsMyst;
  const settings = JSON.parse(document.getElementById("labnews-cms-settings").textContent);

  function assetUrl(getAsset, path, field) {
    if (!path || typeof getAsset !== "function") {
      return path || "";
    }
    const asset = getAsset(path, field);
    return asset ? asset.toString() : path;
  }

  CMS.registerEditorComponent({
    id: "centered-image",
    label: "Centred image",
    fields: [
      { name: "image", label: "Image", widget: "image" },
      {
        name: "alt",
        label: "Alt text",
        widget: "string",
        required: true,
        hint: "What the image shows, for readers who cannot see it (required).",
      },
      {
        name: "width",
        label: "Width",
        widget: "string",
        required: false,
        hint: "Optional: 80%, 600px or 600.",
        pattern: ["^(\\d+(\\.\\d+)?(em|ex|px|in|cm|mm|pt|pc|%)?)?$", "A number, a length or a percentage"],
      },
      { name: "caption", label: "Caption", widget: "string", required: false },
    ],
    pattern: Myst.CENTERED_IMAGE_PATTERN,
    fromBlock: match => Myst.parseCenteredImage(match),
    toBlock: data => Myst.centeredImageToMyst(data),
    toPreview: (data, getAsset, fields) => {
      const image = fields && fields.find ? fields.find(f => f.get("name") === "image") : undefined;
      const style = data.width ? { width: data.width } : {};
      return h(
        "figure",
        { className: "labnews-centered align-center" },
        h("img", { src: assetUrl(getAsset, data.image, image), alt: data.alt || "", style }),
        data.caption ? h("figcaption", {}, data.caption) : null,
      );
    },
  });

  CMS.registerEditorComponent({
    id: "about-block",
    label: "About block",
    fields: [
      {
        name: "key",
        label: "Block",
        widget: "select",
        options: settings.aboutBlocks,
        hint: "Shows this About block here (with About blocks off, only the ones placed so).",
      },
    ],
    pattern: Myst.ABOUT_PATTERN,
    fromBlock: match => Myst.parseAbout(match),
    toBlock: data => Myst.aboutToMyst(data),
    toPreview: data => h("aside", { className: "labnews-about" }, "About: " + (data.key || "")),
  });

  const PostPreview = createClass({
    render: function () {
      const entry = this.props.entry;
      const data = entry.getIn(["data"]);
      const title = data.get("title") || "";
      const author = data.get("author") || "";
      const date = data.get("last_updated") || "";
      const cover = data.get("cover");
      const description = data.get("oneline_description") || "";
      const tags = (data.get("tags") && data.get("tags").toJS ? data.get("tags").toJS() : []) || [];
      const fields = this.props.fields;
      const coverField = fields && fields.find ? fields.find(f => f.get("name") === "cover") : undefined;
      return h(
        "article",
        { className: "bd-article labnews-cms-preview" },
        h("h1", {}, title),
        h(
          "p",
          { className: "labnews-byline" },
          [author, date instanceof Date ? date.toISOString().slice(0, 10) : String(date)]
            .filter(Boolean)
            .join(" · "),
        ),
        description ? h("p", { className: "labnews-description" }, description) : null,
        cover
          ? h("img", {
              className: "labnews-cover",
              src: assetUrl(this.props.getAsset, cover, coverField),
              alt: "",
            })
          : null,
        h("div", { className: "labnews-cms-body" }, this.props.widgetFor("body")),
        tags.length ? h("p", { className: "labnews-tags" }, "Tags: " + tags.join(", ")) : null,
      );
    },
  });

  CMS.registerPreviewTemplate(settings.collection, PostPreview);
  for (const style of settings.previewStyles) {
    CMS.registerPreviewStyle(style);
  }
})();
