// sphinx-labnews: show each post's date in Sphinx's search results.
// Sphinx's search lists titles only; a news reader wants to know when. The search page
// carries the posts' dates as JSON (<script id="labnews-post-dates">, written by
// sphinx_labnews/search.py); each result linking to a post gets a <time> after its link.
"use strict";

/** The [isoDate, text] of the post a result links to, or null. */
function labnewsPostDate(href, dates, linkSuffix) {
  let name = href.split("#")[0].split("?")[0];
  if (linkSuffix && name.endsWith(linkSuffix)) name = name.slice(0, -linkSuffix.length);
  else if (name.endsWith("/")) name = name.slice(0, -1);
  return Object.prototype.hasOwnProperty.call(dates, name) ? dates[name] : null;
}

function labnewsAddDate(item, dates, linkSuffix) {
  const link = item.querySelector("a");
  if (!link || item.querySelector("time.labnews-search-date")) return;
  const date = labnewsPostDate(link.getAttribute("href") || "", dates, linkSuffix);
  if (!date) return;
  const time = document.createElement("time");
  time.className = "labnews-search-date";
  time.dateTime = date[0];
  time.textContent = date[1];
  link.after(" ", time);
}

function labnewsWatchResults() {
  const data = document.getElementById("labnews-post-dates");
  if (!data) return;
  const dates = JSON.parse(data.textContent);
  const linkSuffix =
    (typeof DOCUMENTATION_OPTIONS !== "undefined" && DOCUMENTATION_OPTIONS.LINK_SUFFIX) || "";
  const observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes)
        if (node.nodeType === 1 && node.tagName === "LI") labnewsAddDate(node, dates, linkSuffix);
  });
  const start = () => {
    const results = document.getElementById("search-results");
    if (results) observer.observe(results, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}

if (typeof module !== "undefined" && module.exports) {
  module.exports = { labnewsPostDate };
} else {
  labnewsWatchResults();
}
