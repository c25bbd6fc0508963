// Keyboard shortcuts for the review queue: j/k move, a accept, r reject, e edit (correct),
// v verdict, o open. Every action is an ordinary button or link on the page, so the queue
// works the same without JavaScript; keys only click them.
(function () {
  "use strict";
  var queue = document.getElementById("queue");
  if (!queue) { return; }
  var items = Array.prototype.slice.call(queue.querySelectorAll(".queue-item"));
  if (!items.length) { return; }
  var current = 0;

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

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var key = event.key;
    var item = items[current];
    if (key === "j") { select(current + 1); }
    else if (key === "k") { select(current - 1); }
    else if (key === "v") {
      var details = item.querySelector("details[data-key='v']");
      if (!details) { return; }
      details.open = true;
      var field = details.querySelector("select");
      if (field) { field.focus(); }
    } else {
      var target = item.querySelector("[data-key='" + key + "']");
      if (!target) { return; }
      target.click();
    }
    event.preventDefault();
  });

  select(0);
})();
