// The claim picker: every claim-number input marked data-claim-picker becomes a search box
// over claims (their words, their speaker's name or alias, their article), so a claim is
// linked or asked about by what it says, not by its number. The number input stays in the
// form as a hidden input holding the picked claim's id, so the form posts what it posted
// without JavaScript (where the number input is shown as it is). A number typed into the
// box still works: it is offered as that claim. Combobox pattern: arrows move, Enter picks,
// Escape closes.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script ? script.getAttribute("data-pick-url") : null;
  if (!url) { return; }
  var made = 0;

  function setup(number) {
    made++;
    var id = number.id || ("claim-pick-" + made);
    var label = document.querySelector("label[for='" + id + "']");
    var box = document.createElement("input");
    box.type = "text";
    box.id = id + "-search";
    box.className = "claim-pick-box";
    box.setAttribute("role", "combobox");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-expanded", "false");
    box.setAttribute("autocomplete", "off");
    var list = document.createElement("ul");
    list.id = id + "-options";
    list.className = "claim-pick-options";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    box.setAttribute("aria-controls", list.id);
    var chosen = document.createElement("p");
    chosen.className = "claim-pick-chosen muted";
    chosen.id = id + "-chosen";
    chosen.setAttribute("aria-live", "polite");
    box.setAttribute("aria-describedby", chosen.id);
    if (number.value) { box.value = number.value; chosen.textContent = "Claim " + number.value + "."; }
    if (label) { label.setAttribute("for", box.id); }
    number.type = "hidden";
    number.removeAttribute("min");
    number.parentNode.insertBefore(box, number);
    number.parentNode.insertBefore(list, number.nextSibling);
    number.parentNode.insertBefore(chosen, list.nextSibling);
    var exclude = number.getAttribute("data-claim-exclude");
    var rows = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function close() {
      list.hidden = true;
      box.setAttribute("aria-expanded", "false");
      box.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(i) {
      var options = list.querySelectorAll("[role='option']");
      if (!options.length) { return; }
      active = (i + options.length) % options.length;
      Array.prototype.forEach.call(options, function (o, n) {
        o.setAttribute("aria-selected", n === active ? "true" : "false");
      });
      box.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({block: "nearest"});
    }

    function pick(row) {
      number.value = String(row.id);
      box.value = row.text;
      chosen.textContent = "Claim " + row.id + ": " + row.speaker + ", in " + row.article + ".";
      close();
    }

    function show(found) {
      rows = found;
      list.textContent = "";
      if (!rows.length) {
        var none = document.createElement("li");
        none.className = "muted";
        none.textContent = "No claim matches these words.";
        list.appendChild(none);
      }
      rows.forEach(function (row, n) {
        var li = document.createElement("li");
        li.id = id + "-option-" + n;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-claim-id", String(row.id));
        var said = document.createElement("span");
        said.className = "claim-pick-text";
        said.textContent = "“" + row.text + "”";
        var where = document.createElement("small");
        where.className = "muted";
        where.textContent = " " + row.speaker + " · " + row.article + " · claim " + row.id;
        li.appendChild(said);
        li.appendChild(where);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); pick(row); });
        list.appendChild(li);
      });
      list.hidden = false;
      box.setAttribute("aria-expanded", "true");
      active = -1;
    }

    function ask() {
      var q = box.value.trim();
      if (q.length < 2 && !/^\d+$/.test(q)) { close(); return; }
      var mine = ++asked;
      var query = url + "?q=" + encodeURIComponent(q) + (exclude ? "&exclude=" + exclude : "");
      fetch(query, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (found) { if (mine === asked) { show(found); } })
        .catch(function () { /* the picker is a convenience: a number still works */ });
    }

    box.addEventListener("input", function () {
      number.value = /^\d+$/.test(box.value.trim()) ? box.value.trim() : "";
      chosen.textContent = number.value ? "Claim " + number.value + "." : "";
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 150);
    });
    box.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { if (list.hidden) { ask(); } else { highlight(active + 1); } e.preventDefault(); }
      else if (e.key === "ArrowUp") { highlight(active - 1); e.preventDefault(); }
      else if (e.key === "Enter" && !list.hidden && active >= 0 && rows[active]) { pick(rows[active]); e.preventDefault(); }
      else if (e.key === "Escape") { close(); }
    });
    box.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-claim-picker]"), setup);
})();
