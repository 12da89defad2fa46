// sphinx-labnews: Sphinx's search Scorer for a news site (html_search_scorer, set by the
// news-site defaults unless conf.py sets one). Sphinx inlines this file into
// _static/language_data.js, which the search page loads before searchtools.js, so
// searchtools.js keeps this Scorer instead of defining its own.
//
// Relevance first, then date. A post's score gets a bonus below 1 that grows with its
// date. Sphinx's scores are whole numbers, so the bonus never lifts a post above a
// better match (a title match stays above a mention in the text); among matches of
// equal score, the newest post comes first, where Sphinx would order them by title.
// The dates are the ones the search page already carries for labnews-search.js
// (<script id="labnews-post-dates">, written by sphinx_labnews/search.py).
//
// The other fields are Sphinx's defaults (searchtools.js, Sphinx 8.1 to 9.0);
// tests/test_search_ranking.py checks that they still are.

/** The date bonus of a [isoDate, text] date: in [0, 1), later dates higher (1970 to 2243). */
function labnewsDateBonus(date) {
  if (!date) return 0;
  const days = Date.parse(date[0]) / 86400000;
  return Number.isFinite(days) ? Math.min(Math.max(days / 100000, 0), 0.99999) : 0;
}

var labnewsPostDates = null;

/** A search result's score plus its post's date bonus (none for pages that are not posts). */
function labnewsScore(result, dates) {
  const docname = result[0];
  const date = Object.prototype.hasOwnProperty.call(dates, docname) ? dates[docname] : null;
  return result[4] + labnewsDateBonus(date);
}

function labnewsDates() {
  if (labnewsPostDates === null) {
    labnewsPostDates = {};
    const data = typeof document !== "undefined" && document.getElementById("labnews-post-dates");
    if (data) {
      try {
        labnewsPostDates = JSON.parse(data.textContent);
      } catch (error) {
        labnewsPostDates = {};
      }
    }
  }
  return labnewsPostDates;
}

var Scorer = {
  // [docname, title, anchor, descr, score, filename, kind] -> the new score
  score: (result) => labnewsScore(result, labnewsDates()),

  // query matches the full name of an object
  objNameMatch: 11,
  // or matches in the last dotted part of the object name
  objPartialMatch: 6,
  // Additive scores depending on the priority of the object
  objPrio: {
    0: 15, // used to be importantResults
    1: 5, // used to be objectResults
    2: -5, // used to be unimportantResults
  },
  //  Used when the priority is not in the mapping.
  objPrioDefault: 0,

  // query found in title
  title: 15,
  partialTitle: 7,
  // query found in terms
  term: 5,
  partialTerm: 2,
};

if (typeof module !== "undefined" && module.exports) {
  module.exports = { Scorer, labnewsScore, labnewsDateBonus };
}
