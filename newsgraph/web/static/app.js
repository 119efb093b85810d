// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // A click on an evidence link: highlight its sentence (CSS :target does it too), bring the
  // article's column into view and mark the row that was clicked.
  function show(id, from) {
    var target = document.getElementById(id);
    if (!target) { return; }
    document.querySelectorAll("mark.ev.active, tr.selected, tbody.selected").forEach(function (el) {
      el.classList.remove("active", "selected");
    });
    target.classList.add("active");
    target.scrollIntoView({ behavior: "smooth", block: "nearest", inline: "nearest" });
    var row = from && (from.closest("tbody.entry") || from.closest("tr"));
    if (row) { row.classList.add("selected"); }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.ev-link");
    if (!link) { return; }
    var href = link.getAttribute("href") || "";
    if (href.charAt(0) !== "#") { return; }
    event.preventDefault();
    history.replaceState(null, "", href);
    show(href.slice(1), link);
  });
  // The list's filters apply as soon as a menu changes.
  document.querySelectorAll("form.filters select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
