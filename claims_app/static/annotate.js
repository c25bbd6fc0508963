// Annotating: turn a text selection in the article body into claim offsets, and suggest
// speakers while a name is typed. No inline scripts (the CSP forbids them); pages pass data
// through data-* attributes. Offsets are Python string offsets, i.e. Unicode code points:
// the DOM counts UTF-16 units, so astral characters (two units, one code point) are converted.
(function () {
  "use strict";

  // Code points in the first `units` UTF-16 units of `text`.
  function codePoints(text, units) {
    var count = 0;
    for (var i = 0; i < units && i < text.length; i++) {
      var c = text.charCodeAt(i);
      // A high surrogate followed by a low one is one code point: skip the low half.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        var d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { i++; }
      }
      count++;
    }
    return count;
  }

  // UTF-16 offset of (node, offset) inside `root`'s text content.
  function unitsBefore(root, node, offset) {
    var range = document.createRange();
    range.setStart(root, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function setupSelection() {
    var body = document.getElementById("article-body");
    var form = document.getElementById("annotate-form");
    if (!body || !form) { return; }
    var start = document.getElementById("annotate-start");
    var end = document.getElementById("annotate-end");
    var hint = document.getElementById("annotate-hint");
    var text = body.textContent;

    function update() {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
      var range = sel.getRangeAt(0);
      if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) { return; }
      var a = unitsBefore(body, range.startContainer, range.startOffset);
      var b = unitsBefore(body, range.endContainer, range.endOffset);
      if (b <= a) { return; }
      start.value = String(codePoints(text, a));
      end.value = String(codePoints(text, b));
      var chosen = text.slice(a, b);
      hint.textContent = "Selected " + (chosen.length > 60 ? chosen.slice(0, 57) + "…" : chosen)
        + " (characters " + start.value + "–" + end.value + ").";
    }

    body.addEventListener("mouseup", update);
    body.addEventListener("keyup", update);
    document.addEventListener("selectionchange", update);
  }

  function setupSpeakerSuggestions() {
    var input = document.querySelector("input[data-suggest-url]");
    if (!input) { return; }
    var list = document.getElementById("speaker-suggestions");
    var hidden = document.querySelector("input[name='speaker_id']");
    var status = document.getElementById("speaker-status");
    var url = input.getAttribute("data-suggest-url");
    var known = {};
    var timer = null;

    function sync() {
      var typed = input.value.trim().toLowerCase();
      var hit = known[typed];
      if (hidden) { hidden.value = hit ? String(hit.id) : ""; }
      if (!status) { return; }
      if (!typed) { status.textContent = "No speaker: the claim stays unattributed."; }
      else if (hit) { status.textContent = "Existing speaker: " + hit.name + "."; }
      else { status.textContent = "No speaker has this name yet; tick the box below to create one."; }
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < 2) { sync(); return; }
      fetch(url + "?q=" + encodeURIComponent(q), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (rows) {
          list.textContent = "";
          rows.forEach(function (row) {
            known[row.name.toLowerCase()] = row;
            known[row.matched.toLowerCase()] = row;
            var option = document.createElement("option");
            option.value = row.name;
            if (row.matched !== row.name) { option.label = row.name + " (also “" + row.matched + "”)"; }
            list.appendChild(option);
          });
          sync();
        })
        .catch(function () { /* suggestions are a convenience; typing still works */ });
    }

    input.addEventListener("input", function () {
      if (hidden) { hidden.value = ""; }
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("change", sync);
  }

  setupSelection();
  setupSpeakerSuggestions();
})();
