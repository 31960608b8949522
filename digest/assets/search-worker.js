/*
 * digest: search worker for Material for MkDocs, querying the prebuilt index that
 * digest/search.py writes (search/digest-index.js, digest-shard-NNN.js, digest-text-NNN.js;
 * the texts deflated, inflated here with the browser's DecompressionStream).
 *
 * It speaks Material's worker protocol: SETUP (0) -> READY (1), QUERY (2) -> RESULT (3), with
 * the result shape Material's UI renders ({items: [[{location, title, text, score, terms}]],
 * suggest}). Instead of building a lunr index from the posted documents, it loads the small
 * manifest on SETUP and, per query, only the term shards and text shards the query needs.
 *
 * Matching: words are folded (lower case, no diacritics) as at index time; every query word
 * matches as a prefix (as Material does while one types); all words must match (AND, with an
 * OR fallback that shows Material's "Missing" line); "quoted words" must be adjacent; -word
 * excludes. Ranking: pages whose title holds every word first, then adjacency, then BM25.
 *
 * It runs as a real Worker over HTTP and under iframe-worker.js on file://, where
 * importScripts() returns a Promise: every call is awaited.
 */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var BASE = "../../../search/";        /* from assets/javascripts/workers/ to search/ */
  var EXPAND_MAX = 64;                  /* prefix expansions kept per query word (by df) */
  var SHORT = 3, SHORT_MAX = 16;        /* shorter words: fewer expansions, one shard */
  var SNIPPETS = 10;                    /* results that get a text snippet (Material shows
                                           10 rows, more when one scrolls) */
  var SNIPPET_CHARS = 240;
  var K1 = 1.2, B = 0.75;

  var manifest = null, shards = {}, texts = {}, options = {};
  var foldRe = null, foldMap = {}, stop = {};
  var WORD = /[\p{L}\p{N}\p{M}]+/gu, PLAIN = /[\p{L}\p{N}]+/gu, MARKS = /\p{M}+/gu;

  /* Data files call this global: in a Worker and in the iframe alike. */
  self.__digest_search = function (kind, number, data) {
    if (kind === "index") {
      manifest = data;
      foldMap = data.fold || {};
      var keys = Object.keys(foldMap);
      foldRe = keys.length ? new RegExp("[" + keys.join("") + "]", "g") : null;
      stop = {};
      data.stop.forEach(function (w) { stop[w] = true; });
    } else if (kind === "shard") {
      shards[number] = { terms: data[0], df: data[1], raw: data[2], pos: data[3],
                         parsed: {} };
    } else if (kind === "text") {
      texts[number] = data;
    } else if (kind === "ztext") {  /* base64 of raw DEFLATE of the JSON texts */
      inflating.push(inflate(data).then(function (json) { texts[number] = JSON.parse(json); }));
    }
  };

  var inflating = [];  /* text shards loaded and still being inflated */

  function inflate(packed) {
    var raw = atob(packed), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).text();
  }

  /* File numbers as search.py writes them ({:03d}): 007, 042, 123, 1234. */
  function pad(n) { var s = String(n); return s.length >= 3 ? s : ("00" + s).slice(-3); }

  /* One importScripts() per file: iframe-worker.js then loads them in parallel (its calls
     each return a Promise); a real Worker runs them one after another, synchronously. */
  async function load(urls) {
    await Promise.all(urls.map(function (u) { return importScripts(BASE + u); }));
    await Promise.all(inflating.splice(0));
  }

  function fold(s) {
    s = s.toLowerCase().normalize("NFKD").replace(MARKS, "");
    return foldRe ? s.replace(foldRe, function (c) { return foldMap[c]; }) : s;
  }

  function escapeHTML(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  /* Last index i with list[i] <= key (0 if none). */
  function floor(list, key) {
    var lo = 0, hi = list.length - 1, ans = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] <= key) { ans = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return ans;
  }

  function lowerBound(list, key) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < key) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* ---------------------------------------------------------------- query parsing */

  /* Words of the query: {text, phrase (group id or -1), exclude, last}. */
  function parseQuery(value) {
    var words = [], group = 0, m;
    var re = /(-?)"([^"]*)"?|(\S+)/g;
    var open = !/\s$/.test(value);
    while ((m = re.exec(value)) !== null) {
      var exclude = false, text, phrase = -1;
      if (m[2] !== undefined) {
        text = m[2]; exclude = m[1] === "-"; phrase = ++group;
      } else {
        text = m[3];
        if (/^-./.test(text)) { exclude = true; text = text.slice(1); }
      }
      var parts = fold(text).match(PLAIN) || [];
      parts.forEach(function (p) {
        words.push({ text: p, phrase: phrase, exclude: exclude, last: false });
      });
    }
    if (words.length && open) words[words.length - 1].last = true;
    /* Stop words are not indexed; one still being typed may be the start of a word
       (but not the "s" of "Erdoğan's"). */
    return words.filter(function (w) { return !stop[w.text] || (w.last && w.text.length > 1); });
  }

  /* ---------------------------------------------------------------- index access */

  /* Shards that may hold terms starting with `prefix` (only the first for short ones:
     "r" would otherwise load a tenth of the index while one types "ready"). */
  function shardsFor(prefix) {
    var bounds = manifest.shards, first = floor(bounds, prefix), list = [first];
    if (prefix.length < SHORT) return list;
    for (var i = first + 1; i < bounds.length && bounds[i].startsWith(prefix); i++)
      list.push(i);
    return list;
  }

  async function ensureShards(words) {
    var need = {};
    words.forEach(function (w) {
      shardsFor(w.text).forEach(function (i) { if (!shards[i]) need[i] = true; });
    });
    await load(Object.keys(need).map(Number).sort(function (a, b) { return a - b; })
      .map(function (i) { return "digest-shard-" + pad(i) + ".js"; }));
  }

  /* Postings of term j in shard s: page ids, codes (count * 2 + title flag), and the raw
     position groups, parsed only for pages a multi-word query needs (see positions()). */
  function postings(s, j) {
    var shard = shards[s], cached = shard.parsed[j];
    if (cached) return cached;
    var nums = shard.raw[j].split(","), size = nums.length >> 1;
    var docs = new Int32Array(size), codes = new Int32Array(size), doc = 0;
    for (var k = 0; k < size; k++) {
      doc += parseInt(nums[2 * k], 36);
      docs[k] = doc;
      codes[k] = parseInt(nums[2 * k + 1], 36);
    }
    return (shard.parsed[j] = { docs: docs, codes: codes, s: s, j: j, groups: null });
  }

  function positions(hit) {
    if (hit.pos) return hit.pos;
    var pos = [];
    hit.refs.forEach(function (ref) {
      var list = ref[0];
      if (!list.groups) list.groups = shards[list.s].pos[list.j].split(";");
      var group = list.groups[ref[1]];
      if (!group) return;
      var p = 0;
      group.split(",").forEach(function (d) { p += parseInt(d, 36); pos.push(p); });
    });
    return (hit.pos = pos);
  }

  /* Expansions of a word: exact term first, then the most frequent prefix matches. */
  function expansions(word) {
    var found = [];
    shardsFor(word.text).forEach(function (s) {
      var shard = shards[s];
      if (!shard) return;
      for (var j = lowerBound(shard.terms, word.text);
           j < shard.terms.length && shard.terms[j].startsWith(word.text); j++)
        found.push({ s: s, j: j, term: shard.terms[j], df: shard.df[j] });
    });
    found.sort(function (a, b) {
      return (b.term === word.text) - (a.term === word.text) || b.df - a.df ||
        (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
    });
    return found.slice(0, word.text.length < SHORT ? SHORT_MAX : EXPAND_MAX);
  }

  /* Page id -> {score, title, refs (to its positions)} for one query word. */
  function match(word) {
    var docs = manifest.docs, n = docs.length, avgdl = manifest.avgdl || 1;
    var hits = new Map();
    expansions(word).forEach(function (e) {
      var idf = Math.log(1 + (n - e.df + 0.5) / (e.df + 0.5));
      var weight = e.term === word.text ? 1 : 0.7;
      var list = postings(e.s, e.j);
      for (var k = 0; k < list.docs.length; k++) {
        var doc = list.docs[k], count = list.codes[k] >> 1;
        var dl = docs[doc][2] + docs[doc][3];
        var score = weight * idf * count * (K1 + 1) /
          (count + K1 * (1 - B + B * dl / avgdl));
        var hit = hits.get(doc);
        if (!hit) hits.set(doc, hit = { score: 0, title: false, refs: [], pos: null });
        if (score > hit.score) hit.score = score;
        if (list.codes[k] & 1) hit.title = true;
        hit.refs.push([list, k]);
      }
    });
    return hits;
  }

  function adjacent(a, b) {
    if (!a || !b) return false;
    var next = new Set(positions(b)), first = positions(a);
    for (var k = 0; k < first.length; k++) if (next.has(first[k] + 1)) return true;
    return false;
  }

  /* ---------------------------------------------------------------- ranking */

  function rank(words) {
    var wanted = words.filter(function (w) { return !w.exclude; });
    var hits = wanted.map(match);
    var banned = new Set();
    words.filter(function (w) { return w.exclude && !w.last; }).forEach(function (w) {
      match(w).forEach(function (_, doc) { banned.add(doc); });
    });
    var all = true, candidates = [];
    var smallest = hits.reduce(function (a, b) { return b.size < a.size ? b : a; }, hits[0]);
    smallest.forEach(function (_, doc) {
      if (!banned.has(doc) && hits.every(function (h) { return h.has(doc); }))
        candidates.push(doc);
    });
    if (!candidates.length && hits.length > 1) {           /* OR fallback */
      all = false;
      var seen = new Set();
      hits.forEach(function (h) {
        h.forEach(function (_, doc) { if (!banned.has(doc)) seen.add(doc); });
      });
      candidates = Array.from(seen);
    }
    var n = wanted.length, docs = manifest.docs, ranked = [];
    candidates.forEach(function (doc) {
      var per = hits.map(function (h) { return h.get(doc); });
      var ok = true, adj = 0, titles = 0, bm25 = 0, found = 0;
      for (var i = 0; i < n; i++) {
        if (per[i]) { found++; bm25 += per[i].score; if (per[i].title) titles++; }
        if (i > 0 && per[i - 1] && per[i]) {
          var near = adjacent(per[i - 1], per[i]);
          if (near) adj++;
          if (!near && wanted[i].phrase > 0 && wanted[i].phrase === wanted[i - 1].phrase)
            ok = false;
        }
      }
      if (!ok) return;
      var titleLen = Math.max(1, docs[doc][3]);
      var score = bm25 + 10 * adj / Math.max(1, n - 1) + 20 * titles / n +
        (titles === n ? 100 + 10 * Math.min(1, n / titleLen) : 0);
      if (!all) score *= found / n;
      ranked.push({ doc: doc, score: score, per: per });
    });
    ranked.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return ranked;
  }

  /* ---------------------------------------------------------------- snippets */

  function textShard(doc) { return floor(manifest.texts, doc); }

  /* Highlight words starting with a query word; note the surface form per query word. */
  function highlight(text, wanted, surface) {
    var out = "", last = 0, m, count = 0, distinct = {};
    var folded = fold(text);
    if (!wanted.some(function (w) { return folded.indexOf(w.text) >= 0; }))
      return { html: escapeHTML(text), count: 0, distinct: 0 };
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      var plain = fold(m[0]).match(PLAIN);
      if (!plain) continue;
      for (var i = 0; i < wanted.length; i++) {
        if (plain[0].startsWith(wanted[i].text)) {
          out += escapeHTML(text.slice(last, m.index)) + "<mark>" + escapeHTML(m[0]) +
            "</mark>";
          last = m.index + m[0].length;
          count++; distinct[i] = true;
          if (surface && (!(i in surface) || (!surface[i].exact && plain[0] === wanted[i].text)))
            surface[i] = { word: m[0].toLowerCase(), exact: plain[0] === wanted[i].text };
          break;
        }
      }
    }
    return { html: out + escapeHTML(text.slice(last)), count: count,
             distinct: Object.keys(distinct).length };
  }

  /* The best block of a page's text (most distinct query words, earliest), cut to size. */
  function snippet(text, wanted, surface) {
    var blocks = text.split("\n"), best = null, bestScore = 0;
    for (var b = 0; b < blocks.length; b++) {
      var h = highlight(blocks[b], wanted, null);
      if (h.distinct > bestScore) { best = blocks[b]; bestScore = h.distinct; }
      if (bestScore === wanted.length) break;
    }
    if (best === null) best = blocks[0] || "";
    if (best.length > SNIPPET_CHARS) {
      var first = -1;
      WORD.lastIndex = 0;
      for (var m; first < 0 && (m = WORD.exec(best)) !== null;) {
        var plain = fold(m[0]).match(PLAIN);
        if (plain && wanted.some(function (w) { return plain[0].startsWith(w.text); }))
          first = m.index;
      }
      /* A window from a little before the first match, cut at spaces. */
      var start = Math.max(0, first - 60);
      if (start > 0) start = best.indexOf(" ", start) + 1 || start;
      var end = Math.min(best.length, start + SNIPPET_CHARS);
      var space = best.lastIndexOf(" ", end);
      if (end < best.length && space > start) end = space;
      var cut = highlight(best.slice(start, end), wanted, surface).html;
      return "<p>" + (start > 0 ? "… " : "") + cut + (end < best.length ? " …" : "") + "</p>";
    }
    return "<p>" + highlight(best, wanted, surface).html + "</p>";
  }

  /* Parse and rank a query, loading the term shards it needs; null if there is nothing. */
  async function prepare(value) {
    if (!manifest || !value || !value.trim()) return null;
    var words = parseQuery(value);
    var wanted = words.filter(function (w) { return !w.exclude; });
    if (!wanted.length) return null;
    await ensureShards(words);
    return { wanted: wanted, ranked: rank(words) };
  }

  /* Text shards the snippets of the top results still need. */
  function missingTexts(query) {
    var need = {};
    if (query) query.ranked.slice(0, SNIPPETS).forEach(function (r) {
      var t = textShard(r.doc);
      if (!texts[t]) need[t] = true;
    });
    return Object.keys(need).map(Number).sort(function (a, b) { return a - b; })
      .map(function (i) { return "digest-text-" + pad(i) + ".js"; });
  }

  /* Material's result: one group per page, snippets from the texts loaded so far. */
  function render(query) {
    if (!query) return { items: [] };
    var wanted = query.wanted, suggest = [];
    var items = query.ranked.map(function (r, rankNo) {
      var doc = manifest.docs[r.doc], surface = {};
      var inTitle = r.per.some(function (hit) { return hit && hit.title; });
      var title = inTitle ? highlight(doc[1], wanted, surface).html : escapeHTML(doc[1]);
      var text = "";
      if (rankNo < SNIPPETS) {
        var t = textShard(r.doc), page = texts[t] && texts[t][r.doc - manifest.texts[t]];
        if (page) text = snippet(page, wanted, surface);
      }
      if (rankNo === 0 && wanted[wanted.length - 1].last && (wanted.length - 1) in surface)
        suggest = [surface[wanted.length - 1].word];
      var terms = {};
      wanted.forEach(function (w, i) {
        if (r.per[i]) terms[surface[i] ? surface[i].word : w.text] = true;
        else terms[w.text] = false;
      });
      return [{ location: doc[0], title: title, text: text,
                score: Math.round(r.score * 1000) / 1000, terms: terms }];
    });
    var result = { items: items };
    if (options.suggest) result.suggest = suggest;
    return result;
  }

  function tick() {
    return new Promise(function (resolve) { setTimeout(resolve, 0); });
  }

  /* ---------------------------------------------------------------- protocol */

  async function handle(message, seq) {
    switch (message.type) {
      case SETUP:
        options = (message.data && message.data.options) || {};
        if (!manifest) await load(["digest-index.js"]);
        return { type: READY };
      case QUERY:
        /* Let keystrokes already queued arrive first: only the newest query is run. */
        await tick();
        if (seq !== latest) return null;
        try {
          var query = await prepare(message.data);
          var missing = missingTexts(query);
          if (missing.length && seq === latest) {
            /* Rows first, snippets a moment later: a query typed over is never slowed
               down by the texts of its results. */
            postMessage({ type: RESULT, data: render(query) });
            await tick();
            if (seq !== latest) return null;
            await load(missing);
          }
          return seq === latest ? { type: RESULT, data: render(query) } : null;
        } catch (err) {
          console.warn("digest search failed for " + JSON.stringify(message.data), err);
          return { type: RESULT, data: { items: [] } };
        }
      default:
        throw new TypeError("Invalid message type");
    }
  }

  var latest = 0, queue = Promise.resolve();
  addEventListener("message", function (ev) {
    var seq = ++latest, message = ev.data;
    queue = queue.then(function () { return handle(message, seq); })
      .then(function (reply) { if (reply) postMessage(reply); },
            function (err) { console.error(err); });
  });
})();
