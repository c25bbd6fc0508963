// Annotating where one reads. On the article page, selecting words opens a panel beside them
// (the annotate form's own fields) that saves in place; on the claim edit page, selecting
// words in the text around the claim moves its span; on both, speakers are suggested while a
// name is typed. No inline scripts (the CSP forbids them); pages pass data through data-*
// attributes. Offsets sent to the server are Python string offsets, i.e. Unicode code points:
// the DOM counts UTF-16 units, so astral characters (two units, one code point) are converted.
(function () {
  "use strict";

  var WORD = /[\p{L}\p{N}\p{M}]/u;

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

  // The (text node, offset) at UTF-16 offset `units` of `root`'s text content.
  function pointAt(root, units) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var seen = 0;
    var node = walker.nextNode();
    var last = null;
    while (node) {
      var len = node.nodeValue.length;
      if (units <= seen + len) { return {node: node, offset: units - seen}; }
      seen += len;
      last = node;
      node = walker.nextNode();
    }
    return last ? {node: last, offset: last.nodeValue.length} : {node: root, offset: 0};
  }

  function isWord(ch) { return ch !== undefined && WORD.test(ch); }

  function isLowSurrogate(text, i) {
    var c = text.charCodeAt(i);
    return c >= 0xdc00 && c <= 0xdfff;
  }

  // Widen [a, b) to whole words and trim the blank space at its ends: a selection that
  // starts or stops inside a word takes the whole word.
  function snap(text, a, b) {
    while (a < b && /\s/.test(text[a])) { a++; }
    while (b > a && /\s/.test(text[b - 1])) { b--; }
    if (b <= a) { return null; }
    while (a > 0 && isWord(text[a - 1]) && isWord(text[a])) { a--; }
    while (b < text.length && isWord(text[b - 1]) && isWord(text[b])) { b++; }
    if (a > 0 && isLowSurrogate(text, a)) { a--; }
    if (b < text.length && isLowSurrogate(text, b)) { b++; }
    return {a: a, b: b};
  }

  // The current selection inside `root`, snapped to words, as UTF-16 offsets; null if none.
  function selectedSpan(root) {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return null; }
    var range = sel.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) {
      return null;
    }
    var text = root.textContent;
    var span = snap(text, unitsBefore(root, range.startContainer, range.startOffset),
                    unitsBefore(root, range.endContainer, range.endOffset));
    if (!span) { return null; }
    var snapped = document.createRange();
    var from = pointAt(root, span.a);
    var to = pointAt(root, span.b);
    snapped.setStart(from.node, from.offset);
    snapped.setEnd(to.node, to.offset);
    // Show the person the words that will be taken.
    sel.removeAllRanges();
    sel.addRange(snapped);
    span.range = snapped;
    span.text = text.slice(span.a, span.b);
    span.start = codePoints(text, span.a);
    span.end = codePoints(text, span.b);
    return span;
  }

  // Show a selected span as the claim's new words: `root` holds `text` again, as plain text
  // with the span in a <mark> of `className` (returned), and the selection is cleared.
  function showSpan(root, text, span, className) {
    window.getSelection().removeAllRanges();
    var mark = document.createElement("mark");
    mark.className = className;
    mark.textContent = span.text;
    root.textContent = "";
    root.appendChild(document.createTextNode(text.slice(0, span.a)));
    root.appendChild(mark);
    root.appendChild(document.createTextNode(text.slice(span.b)));
    return mark;
  }

  function shorten(text, limit) {
    return text.length > limit ? text.slice(0, limit - 1) + "…" : text;
  }

  // Mark [a, b) of `root` (UTF-16) as a claim: one <mark> per text node the span crosses, so
  // the existing marks and passage spans stay as they are.
  function markSpan(root, a, b, claim) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var pieces = [];
    var seen = 0;
    var node = walker.nextNode();
    while (node) {
      var len = node.nodeValue.length;
      var from = Math.max(a, seen);
      var to = Math.min(b, seen + len);
      if (from < to) { pieces.push({node: node, from: from - seen, to: to - seen}); }
      seen += len;
      node = walker.nextNode();
    }
    pieces.forEach(function (p, n) {
      var piece = p.node;
      if (p.to < piece.nodeValue.length) { piece.splitText(p.to); }
      if (p.from > 0) { piece = piece.splitText(p.from); }
      var mark = document.createElement("mark");
      mark.className = "claim kind-" + claim.kind + " status-" + claim.status;
      mark.setAttribute("data-claim-id", String(claim.id));
      mark.setAttribute("data-tip", claim.tip);
      mark.title = claim.tip;
      if (n === 0) { mark.id = "claim-" + claim.id; mark.tabIndex = 0; }
      piece.parentNode.replaceChild(mark, piece);
      mark.appendChild(piece);
    });
  }

  // ---- The article page: the panel beside a selection ----------------------------------

  function setupPanel() {
    var body = document.getElementById("article-body");
    var panel = document.getElementById("annotate-panel");
    var button = document.getElementById("add-claim");
    var hint = document.getElementById("annotate-hint");
    if (!body || !panel) { return; }
    var form = document.getElementById("annotate-panel-form");
    var quote = document.getElementById("annotate-panel-quote");
    var spanError = document.getElementById("annotate-panel-span-error");
    var formError = document.getElementById("annotate-panel-error");
    var overlap = document.getElementById("annotate-panel-overlap");
    var overlapText = document.getElementById("annotate-panel-overlap-text");
    var overlapList = document.getElementById("annotate-panel-overlap-list");
    var fields = document.getElementById("annotate-panel-fields");
    var save = document.getElementById("annotate-panel-save");
    var narrow = window.matchMedia("(max-width: 600px)");
    var current = null;
    var asked = 0;  // the newest overlap question; older answers are dropped

    function pending(range) {
      // The selection stays visible while the panel has the focus (where supported).
      if (window.CSS && CSS.highlights && window.Highlight) {
        if (range) { CSS.highlights.set("annotate-pending", new Highlight(range)); }
        else { CSS.highlights.delete("annotate-pending"); }
      }
    }

    function clearErrors() {
      Array.prototype.forEach.call(panel.querySelectorAll(".field .error.from-panel"),
                                   function (p) { p.remove(); });
      Array.prototype.forEach.call(panel.querySelectorAll(".field.has-error"), function (f) {
        f.classList.remove("has-error");
      });
      Array.prototype.forEach.call(panel.querySelectorAll("[aria-invalid]"), function (el) {
        el.removeAttribute("aria-invalid");
      });
      spanError.hidden = true;
      formError.hidden = true;
    }

    function showErrors(errors) {
      var first = null;
      Object.keys(errors).forEach(function (name) {
        var message = errors[name].join(" ");
        if (name === "start" || name === "end" || name === "text") {
          spanError.textContent = message;
          spanError.hidden = false;
          return;
        }
        var input = form.querySelector("[name='" + name + "']:not([type=hidden])");
        var box = input ? input.closest(".field") : null;
        if (!box) {
          formError.textContent = (formError.hidden ? "" : formError.textContent + " ") + message;
          formError.hidden = false;
          return;
        }
        box.classList.add("has-error");
        var p = document.createElement("p");
        p.className = "error from-panel";
        p.id = "panel-" + name + "-error";
        p.textContent = message;
        box.appendChild(p);
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", p.id);
        if (!first) { first = input; }
      });
      (first || (spanError.hidden ? formError : spanError)).focus();
    }

    function place(range) {
      if (narrow.matches) {
        // A sheet along the bottom of a small screen (styled in app.css).
        panel.style.top = "";
        panel.style.left = "";
        return;
      }
      var rect = range.getBoundingClientRect();
      var width = panel.offsetWidth;
      var room = document.documentElement.clientWidth;
      var left = Math.min(Math.max(8, rect.left), Math.max(8, room - width - 8));
      panel.style.left = (left + window.scrollX) + "px";
      panel.style.top = (rect.bottom + window.scrollY + 8) + "px";
    }

    function showOverlaps(found) {
      overlapList.textContent = "";
      if (!found.length) { overlap.hidden = true; fields.hidden = false; return; }
      overlapText.textContent = found.length === 1
        ? "This selection overlaps a claim already marked. Edit that claim instead?"
        : "This selection overlaps " + found.length + " claims already marked. Edit one instead?";
      found.forEach(function (c) {
        var li = document.createElement("li");
        var edit = document.createElement("a");
        edit.href = c.edit_url;
        edit.className = "overlap-edit";
        edit.textContent = "Edit claim " + c.id;
        li.appendChild(edit);
        li.appendChild(document.createTextNode(" (" + c.speaker + ": “" + c.text + "”)"));
        overlapList.appendChild(li);
      });
      overlap.hidden = false;
      fields.hidden = true;
    }

    function open(span) {
      current = span;
      clearErrors();
      form.elements.start.value = String(span.start);
      form.elements.end.value = String(span.end);
      form.elements.text.value = span.text;
      quote.textContent = shorten(span.text, 300);
      overlap.hidden = true;
      fields.hidden = false;
      panel.hidden = false;
      place(span.range);
      pending(span.range);
      var question = ++asked;
      var url = panel.getAttribute("data-overlap-url") + "?start=" + span.start + "&end=" + span.end;
      fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (found) { if (question === asked) { showOverlaps(found); } })
        .catch(function () { /* the check is a courtesy: the fields stay open */ });
    }

    function close() {
      panel.hidden = true;
      current = null;
      asked++;
      pending(null);
    }

    function fromSelection() {
      var span = selectedSpan(body);
      // A long article shows a window of its text: offsets count from the whole body.
      var shift = parseInt(body.getAttribute("data-offset"), 10) || 0;
      if (span) { span.start += shift; span.end += shift; open(span); }
      return span;
    }

    body.addEventListener("mouseup", function () { window.setTimeout(fromSelection, 0); });
    body.addEventListener("keyup", function (e) { if (e.shiftKey) { fromSelection(); } });
    document.getElementById("annotate-panel-close").addEventListener("click", close);
    document.getElementById("annotate-panel-cancel").addEventListener("click", close);
    document.getElementById("annotate-panel-anyway").addEventListener("click", function () {
      overlap.hidden = true;
      fields.hidden = false;
      form.elements.kind.focus();
    });
    panel.addEventListener("keydown", function (e) {
      // Escape in the speaker field first closes its suggestions, not the panel.
      if (e.key === "Escape" && !(e.target.hasAttribute && e.target.hasAttribute("list"))) {
        close();
      }
    });

    if (button) {
      button.addEventListener("click", function (e) {
        e.preventDefault();
        if (fromSelection()) { form.elements.kind.focus(); return; }
        hint.textContent = "Nothing is selected yet. Select the words of the claim in the "
          + "article text (drag across them, or double-click a word); a panel opens beside "
          + "them to say who said it.";
        hint.classList.add("warning");
      });
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!current) { return; }
      clearErrors();
      save.disabled = true;
      var span = current;
      fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin",
                          headers: {Accept: "application/json"}})
        .then(function (r) {
          return r.json().then(function (data) { return {ok: r.ok, data: data}; },
                               function () { return {ok: false, data: null}; });
        })
        .then(function (res) {
          save.disabled = false;
          if (!res.ok) {
            showErrors(res.data && res.data.errors ? res.data.errors
              : {"": ["The claim could not be saved; reload the page and try again."]});
            return;
          }
          markSpan(body, span.a, span.b, res.data);
          close();
          form.reset();
          hint.classList.remove("warning");
          hint.textContent = "";
          var link = document.createElement("a");
          link.href = res.data.url;
          link.textContent = "Claim " + res.data.id;
          hint.appendChild(link);
          hint.appendChild(document.createTextNode(" added (" + res.data.speaker + ")."));
          window.getSelection().removeAllRanges();
        })
        .catch(function () {
          save.disabled = false;
          showErrors({"": ["The server could not be reached; nothing was saved."]});
        });
    });
  }

  // ---- The claim edit page: move the span by selecting -----------------------------------

  function setupRespan() {
    var root = document.getElementById("respan-text");
    if (!root) { return; }
    var offset = parseInt(root.getAttribute("data-offset"), 10) || 0;
    var start = document.getElementById("start");
    var end = document.getElementById("end");
    var textField = document.getElementById("text");
    var status = document.getElementById("respan-status");

    function respan() {
      var span = selectedSpan(root);
      if (!span) { return; }
      var text = root.textContent;
      start.value = String(offset + span.start);
      end.value = String(offset + span.end);
      textField.value = span.text;
      showSpan(root, text, span, "respan-mark").id = "respan-mark";
      status.textContent = "New span: “" + shorten(span.text, 80) + "” (characters "
        + start.value + "–" + end.value + "). Save the claim to keep it.";
    }

    root.addEventListener("mouseup", function () { window.setTimeout(respan, 0); });
    root.addEventListener("keyup", function (e) { if (e.shiftKey) { respan(); } });
  }

  // ---- Speaker suggestions (the panel, the claim form and the review queue) ---------------

  // Fill `list` (a <datalist>) with the speakers and aliases matching `q`, remembering each
  // in `known` by its name and by the name or alias matched, then call `then`. A failed
  // fetch changes nothing: suggestions are a convenience, typing still works.
  function fetchSpeakers(url, q, list, known, then) {
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
        then();
      })
      .catch(function () { /* suggestions are a convenience; typing still works */ });
  }

  function setupSpeakerSuggestions() {
    var input = document.querySelector("input[data-suggest-url]");
    if (!input) { return; }
    var list = document.getElementById("speaker-suggestions");
    var hidden = input.form ? input.form.querySelector("input[name='speaker_id']") : null;
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
      fetchSpeakers(url, q, list, known, sync);
    }

    input.addEventListener("input", function () {
      if (hidden) { hidden.value = ""; }
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("change", sync);
  }

  // The review queue's in-place corrections (queue.js) select, show spans and suggest
  // speakers with these, so a selection snaps to words the same way on every page.
  window.claimsAnnotate = {snap: snap, selectedSpan: selectedSpan, showSpan: showSpan,
                           shorten: shorten, fetchSpeakers: fetchSpeakers};

  setupPanel();
  setupRespan();
  setupSpeakerSuggestions();
})();
