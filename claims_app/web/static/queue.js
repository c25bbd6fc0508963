// Keyboard review for the queue: j/k move, a accept, r reject, v verdict, o open, f the full
// edit page, and two corrections made in place: s (the speaker, with a type-ahead over
// speakers and aliases) and e (the span: select the claim's words in its context). Every
// action is an ordinary button, link or form on the page, so the queue works without
// JavaScript (the in-place forms stay hidden and "Correct…" opens the edit page); keys only
// click, open or submit them. In-place saves post to the claim's correct view with the
// version, and the item is updated where it is.
(function () {
  "use strict";
  var queue = document.getElementById("queue");
  if (!queue) { return; }
  var items = Array.prototype.slice.call(queue.querySelectorAll(".queue-item"));
  if (!items.length) { return; }
  var current = 0;
  var suggestUrl = queue.getAttribute("data-suggest-url");
  var datalist = document.getElementById("queue-speakers");
  var known = {};
  var annotate = window.claimsAnnotate;  // annotate.js: selection, spans, speaker lookup

  function select(index) {
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach(function (item, i) { item.classList.toggle("current", i === current); });
    items[current].focus();
    items[current].scrollIntoView({block: "nearest"});
  }

  function typing(target) {
    var tag = (target.tagName || "").toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function closeAll(item) {
    Array.prototype.forEach.call(item.querySelectorAll("form.inplace"), function (form) {
      form.hidden = true;
    });
    item.classList.remove("respanning");
  }

  function statusOf(form) { return form.querySelector(".inplace-status"); }

  // ---- the speaker box ----------------------------------------------------------------

  function suggest(input, hidden, status) {
    var q = input.value.trim();
    if (q.length < 2 || !annotate) { return; }
    annotate.fetchSpeakers(suggestUrl, q, datalist, known,
                           function () { match(input, hidden, status); });
  }

  function match(input, hidden, status) {
    var typed = input.value.trim().toLowerCase();
    var hit = known[typed];
    hidden.value = hit ? String(hit.id) : "";
    if (!typed) { status.textContent = "No speaker: the claim becomes unattributed."; }
    else if (hit) { status.textContent = "Existing speaker: " + hit.name + "."; }
    else { status.textContent = "Nobody has this name yet: tick “New speaker” to create one."; }
  }

  function openSpeaker(item) {
    var form = item.querySelector("form.inplace-speaker");
    closeAll(item);
    form.hidden = false;
    var input = form.querySelector("input[name='speaker']");
    input.focus();
    input.select();
  }

  function setupSpeaker(item) {
    var form = item.querySelector("form.inplace-speaker");
    var input = form.querySelector("input[name='speaker']");
    var hidden = form.querySelector("input[name='speaker_id']");
    var status = statusOf(form);
    var timer = null;
    input.addEventListener("input", function () {
      hidden.value = "";
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { suggest(input, hidden, status); }, 150);
    });
    input.addEventListener("change", function () { match(input, hidden, status); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      save(item, form, function (claim) {
        item.querySelector(".q-speaker").textContent = claim.speaker || "unattributed";
        var role = item.querySelector(".q-role");
        if (role) { role.textContent = claim.speaker_role ? ", " + claim.speaker_role : ""; }
        hidden.value = claim.speaker_id ? String(claim.speaker_id) : "";
        return "Speaker saved: " + (claim.speaker || "unattributed") + ".";
      });
    });
  }

  // ---- the span, selected in the context ----------------------------------------------

  function openSpan(item) {
    var form = item.querySelector("form.inplace-span");
    closeAll(item);
    form.hidden = false;
    item.classList.add("respanning");
    var root = item.querySelector(".ctx-text");
    root.focus();
  }

  function setupSpan(item) {
    var form = item.querySelector("form.inplace-span");
    var root = item.querySelector(".ctx-text");
    var offset = parseInt(root.getAttribute("data-offset"), 10) || 0;
    var save_ = form.querySelector("button[type='submit']");
    root.tabIndex = -1;

    function respan() {
      if (form.hidden || !annotate) { return; }
      var span = annotate.selectedSpan(root);
      if (!span) { return; }
      var text = root.textContent;
      form.querySelector("input[name='start']").value = String(offset + span.start);
      form.querySelector("input[name='end']").value = String(offset + span.end);
      form.querySelector("input[name='text']").value = span.text;
      annotate.showSpan(root, text, span, "ctx-claim respan-mark");
      statusOf(form).textContent = "New span: “" + annotate.shorten(span.text, 80)
        + "”. Save it, or select again.";
      save_.disabled = false;
      save_.focus();
    }

    root.addEventListener("mouseup", function () { window.setTimeout(respan, 0); });
    root.addEventListener("keyup", function (e) { if (e.shiftKey) { respan(); } });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      save(item, form, function (claim) {
        save_.disabled = true;
        return "Span saved: “" + annotate.shorten(claim.text, 80) + "”.";
      });
    });
  }

  // ---- saving in place ----------------------------------------------------------------

  function save(item, form, done) {
    var status = statusOf(form);
    status.classList.remove("error");
    fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin",
                        headers: {"Accept": "application/json"}})
      .then(function (r) {
        return r.json().then(function (data) { return {ok: r.ok, data: data}; },
                             function () { return {ok: false, data: null}; });
      })
      .then(function (res) {
        if (!res.ok) {
          var errors = res.data && res.data.errors ? res.data.errors : {};
          var words = Object.keys(errors).map(function (k) { return errors[k].join(" "); });
          status.textContent = words.join(" ") || "The correction was not saved; reload the page.";
          status.classList.add("error");
          return;
        }
        var claim = res.data;
        Array.prototype.forEach.call(item.querySelectorAll("input.q-version"), function (v) {
          v.value = String(claim.version);
        });
        item.setAttribute("data-status", claim.status);
        var line = done(claim);
        form.hidden = true;
        item.classList.remove("respanning");
        var said = item.querySelector(".inplace-done") || document.createElement("p");
        said.className = "inplace-done";
        said.setAttribute("role", "status");
        said.textContent = line + " Marked " + claim.status + ".";
        item.appendChild(said);
        item.focus();
      })
      .catch(function () {
        status.textContent = "The server could not be reached; nothing was saved.";
        status.classList.add("error");
      });
  }

  // The speaker filter suggests names from the same list.
  var filterBox = document.querySelector("#queue-filters input[name='speaker']");
  if (filterBox) {
    var filterTimer = null;
    var none = {value: ""};
    var quiet = {textContent: ""};
    filterBox.addEventListener("input", function () {
      window.clearTimeout(filterTimer);
      filterTimer = window.setTimeout(function () { suggest(filterBox, none, quiet); }, 150);
    });
  }

  items.forEach(function (item) {
    if (item.querySelector("form.inplace-speaker")) { setupSpeaker(item); }
    if (item.querySelector("form.inplace-span")) { setupSpan(item); }
    Array.prototype.forEach.call(item.querySelectorAll(".inplace-cancel"), function (b) {
      b.addEventListener("click", function () { closeAll(item); item.focus(); });
    });
    item.addEventListener("focusin", function () {
      var i = items.indexOf(item);
      if (i !== current) {
        current = i;
        items.forEach(function (it, n) { it.classList.toggle("current", n === current); });
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var item = items[current];
    if (event.key === "Escape") {
      closeAll(item);
      item.focus();
      return;
    }
    if (typing(event.target)) { return; }
    var key = event.key;
    if (key === "j") { select(current + 1); }
    else if (key === "k") { select(current - 1); }
    else if (key === "s" && item.querySelector("form.inplace-speaker")) { openSpeaker(item); }
    else if (key === "e" && item.querySelector("form.inplace-span")) { openSpan(item); }
    else if (key === "v") {
      var details = item.querySelector("details[data-key='v']");
      if (!details) { return; }
      details.open = true;
      var field = details.querySelector("select");
      if (field) { field.focus(); }
    } else {
      var target = item.querySelector("[data-key='" + key + "']:not(form)");
      if (!target) { return; }
      target.click();
    }
    event.preventDefault();
  });

  select(0);
})();
