// sphinx-labnews: fill the "Recent news" sidebar from the fragment written once per
// build (sphinx_labnews/recent.py). Without it the sidebar keeps its link to all news.
"use strict";
(() => {
  const here = location.href.split("#")[0];
  for (const box of document.querySelectorAll("[data-labnews-recent]")) {
    const url = new URL(box.dataset.labnewsRecent, document.baseURI);
    fetch(url)
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((text) => {
        const fragment = new DOMParser()
          .parseFromString(text, "text/html")
          .querySelector(".labnews-recent-fragment");
        if (!fragment) return;
        // the fragment's links are relative to the fragment, not to this page
        for (const link of fragment.querySelectorAll("a[href]")) {
          link.href = new URL(link.getAttribute("href"), url).href;
          if (link.href.split("#")[0] === here) link.setAttribute("aria-current", "page");
        }
        box.replaceWith(...fragment.children);
      })
      .catch(() => {});
  }
})();
