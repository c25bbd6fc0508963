// The job page: polls the job's JSON status until it finishes and shows it. The state lives
// in the database, so a reload (or another browser) picks it up where it is.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = document.getElementById("job-progress");
  var state = document.getElementById("job-state");
  var summary = document.getElementById("job-summary");
  var error = document.getElementById("job-error");
  var words = {queued: "Waiting for a worker…", running: "Running…", done: "Done.",
               failed: "Failed."};

  function show(job) {
    bar.max = job.total;
    if (job.status === "running") { bar.removeAttribute("value"); } else { bar.value = job.done; }
    state.textContent = words[job.status] || job.status;
    summary.textContent = job.summary || "";
    summary.hidden = !job.summary;
    error.textContent = job.error || "";
    error.hidden = !job.error;
    box.setAttribute("data-state", job.status);
  }

  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (job) {
        if (job) { show(job); }
        if (!job || !job.finished) { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
})();
