/* ecotown site search: an enhancement of the search page, which without script lists every
   province, area and indicator A–Z. The index (search-index.js, beside the page) is made at build
   time with Thai split into words by ICU's dictionary (src/render/search.rs); a query is split the
   same way with Intl.Segmenter, or without it against the index's own vocabulary. Ranking: a page
   whose name matches the whole query (in either script, or misspelt by a letter or two) first, then
   the sum over the query's words of the best weight a page has for it (exact word, prefix, a
   compound split into indexed words, a near spelling), fiscal years in both eras (2564 ↔ 2021,
   and two-digit years after ปี or FY: ปีงบ 63, FY21).
   Everything from the URL or the field is shown as text (textContent), never as markup. */
(function () {
  'use strict';
  var data = window.ECOTOWN_SEARCH;
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  var stringsEl = document.getElementById('search-strings');
  if (!data || !form || !input || !list || !status || !stringsEl) return;
  var S = JSON.parse(stringsEl.textContent);
  var root = form.getAttribute('data-root') || '';
  var MAX_CHARS = 200;
  var MAX_WORDS = 12;

  var terms = Object.keys(data.terms).sort();
  var termSet = new Set(terms);
  var longest = terms.reduce(function (n, t) { return Math.max(n, t.length); }, 0);
  var THAI = /[\u0E00-\u0E7F]/;

  /* The query as the index was made: no control characters or lone surrogates, lower case,
     Thai digits as ASCII, no zero-width characters, spaces typed between Thai letters dropped. */
  function clean(text) {
    var out = '';
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF) {
        var d = text.charCodeAt(i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) { out += text[i] + text[i + 1]; i++; }
        continue;
      }
      if (c >= 0xDC00 && c <= 0xDFFF) continue;
      if (c < 0x20 || (c >= 0x7F && c < 0xA0)) { out += ' '; continue; }
      out += text[i];
    }
    return out;
  }

  function normalize(text) {
    return text.toLowerCase()
      .replace(/[\u0E50-\u0E59]/g, function (d) { return String.fromCharCode(d.charCodeAt(0) - 0x0E50 + 48); })
      .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
      .replace(/([\u0E00-\u0E7F])\s+(?=[\u0E00-\u0E7F])/g, '$1');
  }

  /* Thai split against the index's vocabulary, longest word first; letters no word starts with
     are kept together as one piece. */
  function byVocabulary(run) {
    var out = [], rest = '';
    for (var i = 0; i < run.length;) {
      var found = 0;
      for (var n = Math.min(longest, run.length - i); n > 1; n--) {
        if (termSet.has(run.substr(i, n))) { found = n; break; }
      }
      if (found) {
        if (rest) { out.push(rest); rest = ''; }
        out.push(run.substr(i, found));
        i += found;
      } else {
        rest += run[i];
        i++;
      }
    }
    if (rest) out.push(rest);
    return out;
  }

  var segmenter = (typeof Intl !== 'undefined' && Intl.Segmenter) ?
    new Intl.Segmenter('th', { granularity: 'word' }) : null;

  function thaiWords(run) {
    if (!segmenter) return byVocabulary(run);
    var out = [];
    var it = segmenter.segment(run)[Symbol.iterator]();
    for (var s = it.next(); !s.done; s = it.next()) {
      if (s.value.isWordLike) out.push(s.value.segment);
    }
    return out;
  }

  /* The query's words: Thai segmented, other letters and digits apart (fy2021 → fy, 2021). */
  function words(query) {
    var out = [];
    var pieces = query.match(/[\u0E00-\u0E7F]+|\p{L}+|\p{N}+/gu) || [];
    pieces.forEach(function (p) {
      if (THAI.test(p)) {
        thaiWords(p).forEach(function (w) {
          w = w.replace(/[^\u0E00-\u0E7F]/g, '');
          if (w) out.push(w);
        });
      } else {
        out.push(p);
      }
    });
    // A year in two digits after ปี (ปีงบ 63 = B.E. 2563) or FY (FY21 = 2021).
    var thaiYear = /ปี/.test(query), fy = /fy/.test(query);
    out = out.map(function (w) {
      if (!/^\d{2}$/.test(w)) return w;
      return thaiYear ? '25' + w : (fy ? '20' + w : w);
    });
    return out.slice(0, MAX_WORDS);
  }

  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev = [], cur = [];
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (var k = 1; k <= b.length; k++) {
        cur[k] = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1));
        best = Math.min(best, cur[k]);
      }
      if (best > limit) return limit + 1;
      prev = cur;
    }
    return prev[b.length];
  }

  function allowed(word) { return word.length >= 8 ? 2 : (word.length >= 4 ? 1 : 0); }

  /* The first index after the terms that sort before `prefix`. */
  function lowerBound(prefix) {
    var lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* Terms a query word stands for, each with how sure the match is. */
  function matches(word) {
    var found = [];
    var alternatives = [word];
    if (/^\d{4}$/.test(word)) {
      var y = parseInt(word, 10);
      if (y > 2400 && y < 2700) alternatives.push(String(y - 543));
      if (y > 1900 && y < 2200) alternatives.push(String(y + 543));
    }
    alternatives.forEach(function (w) { if (termSet.has(w)) found.push([w, 1]); });
    if (word.length >= 2) {
      for (var i = lowerBound(word); i < terms.length && found.length < 40; i++) {
        var t = terms[i];
        if (t.lastIndexOf(word, 0) !== 0) break;
        if (t !== word) found.push([t, 0.7]);
      }
    }
    if (found.length) return [found];
    // A compound the index split differently: every indexed word of it must be there.
    if (THAI.test(word)) {
      var parts = byVocabulary(word);
      if (parts.length > 1 && parts.every(function (p) { return termSet.has(p); })) {
        return parts.map(function (p) { return [[p, 0.8]]; });
      }
    }
    var limit = allowed(word);
    if (limit) {
      terms.forEach(function (t) {
        var d = distance(word, t, limit);
        if (d <= limit) found.push([t, d === 1 ? 0.5 : 0.3]);
      });
    }
    return [found];
  }

  /* How close a page's names are to the whole query (spaces ignored). */
  function nameScore(doc, whole) {
    if (whole.length < 2) return 0;
    var best = 0;
    doc.n.forEach(function (name) {
      var n = normalize(name).replace(/\s+/g, '');
      if (n === whole) best = Math.max(best, 50);
      else if (n.indexOf(whole) !== -1) best = Math.max(best, n.lastIndexOf(whole, 0) === 0 ? 30 : 20);
      else {
        var limit = allowed(whole);
        if (!limit) return;
        for (var i = 0; i + whole.length <= n.length + limit; i++) {
          if (distance(whole, n.substr(i, whole.length), limit) <= limit) { best = Math.max(best, 15); break; }
        }
      }
    });
    return best;
  }

  function search(query) {
    var qwords = words(query);
    var whole = query.replace(/\s+/g, '');
    var groups = [];
    qwords.forEach(function (w) { matches(w).forEach(function (g) { groups.push(g); }); });
    var scores = {}, hits = {}, found = {};
    groups.forEach(function (group, gi) {
      var best = {};
      group.forEach(function (m) {
        var postings = data.terms[m[0]];
        for (var i = 0; i < postings.length; i += 2) {
          var s = postings[i + 1] * m[1];
          if (!(postings[i] in best) || best[postings[i]] < s) best[postings[i]] = s;
          (found[postings[i]] = found[postings[i]] || []).push(m[0]);
        }
      });
      Object.keys(best).forEach(function (d) {
        scores[d] = (scores[d] || 0) + best[d];
        hits[d] = (hits[d] || 0) + 1;
      });
    });
    data.docs.forEach(function (doc, d) {
      var n = nameScore(doc, whole);
      if (n) { scores[d] = (scores[d] || 0) + n; hits[d] = Math.max(hits[d] || 0, groups.length); }
    });
    var all = Object.keys(scores).filter(function (d) { return hits[d] >= groups.length; });
    var ranked = (all.length ? all : Object.keys(scores)).map(Number);
    ranked.sort(function (a, b) {
      return (hits[b] - hits[a]) || (scores[b] - scores[a]) || (a - b);
    });
    return ranked.slice(0, 20).map(function (d) {
      return { doc: data.docs[d], terms: (found[d] || []).concat(qwords) };
    });
  }

  /* The passage around the first match, as text nodes and <mark>s. */
  function passage(text, marks) {
    var lower = text.toLowerCase();
    var at = -1, len = 0;
    marks.forEach(function (m) {
      if (m.length < 2) return;
      var i = lower.indexOf(m);
      if (i !== -1 && (at === -1 || i < at)) { at = i; len = m.length; }
    });
    // Mark the whole run of matched words (น้ำ then เสีย marks น้ำเสีย, not น้ำ alone).
    for (var grown = at !== -1; grown;) {
      grown = false;
      marks.forEach(function (m) {
        if (m.length && lower.substr(at + len, m.length) === m) { len += m.length; grown = true; }
      });
    }
    var frag = document.createDocumentFragment();
    var start = at > 60 ? at - 60 : 0;
    // Start at a word where the text has spaces (not inside "Map Ta Phut").
    var space = start ? text.indexOf(' ', start) : -1;
    if (space !== -1 && space < at) start = space + 1;
    var end = Math.min(text.length, (at === -1 ? 0 : at) + 160);
    if (start > 0) frag.appendChild(document.createTextNode('… '));
    if (at === -1) {
      frag.appendChild(document.createTextNode(text.slice(0, 160)));
    } else {
      frag.appendChild(document.createTextNode(text.slice(start, at)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(at, at + len);
      frag.appendChild(mark);
      frag.appendChild(document.createTextNode(text.slice(at + len, end)));
    }
    if (end < text.length) frag.appendChild(document.createTextNode(' …'));
    return frag;
  }

  function say(text) { status.textContent = text; }

  function show(raw) {
    list.textContent = '';
    var cleaned = clean(raw || '');
    var note = '';
    if (cleaned.length > MAX_CHARS) { cleaned = cleaned.slice(0, MAX_CHARS); note = ' ' + S.too_long; }
    var query = normalize(cleaned).trim();
    if (!query) { say(raw ? S.nothing_to_find : ''); return; }
    var results = search(query);
    results.forEach(function (r) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = root + r.doc.u;
      a.textContent = r.doc.t;
      var kind = document.createElement('span');
      kind.className = 'search-kind';
      kind.textContent = S['kind_' + r.doc.k] || '';
      var p = document.createElement('p');
      p.appendChild(passage(r.doc.x, r.terms));
      li.appendChild(a);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(kind);
      li.appendChild(p);
      list.appendChild(li);
    });
    var count = results.length ? S.results.replace('{count}', String(results.length)) : S.no_results;
    say(count.replace('{query}', cleaned.trim()) + note);
  }

  var params = new URLSearchParams(window.location.search);
  var initial = params.get('q') || '';
  input.value = clean(initial).slice(0, 500);
  show(initial);

  /* The field's query, shown and kept in the address (?q=), so the page can be shared. */
  function update() {
    show(input.value);
    try {
      var url = new URL(window.location.href);
      url.searchParams.set('q', input.value);
      window.history.replaceState(null, '', url.toString());
    } catch (e) { /* file:// may refuse: the results stand */ }
  }

  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(update, 200);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    update();
  });
})();
