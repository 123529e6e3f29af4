// Behaviour of the pages. The Content-Security-Policy runs no inline handlers, so templates mark
// elements with data attributes and this one static script acts on them (delegated: also after htmx swaps).
(function () {
  "use strict";
  // <select data-autosubmit>: choosing an option submits its form (language, organisation, time zone …).
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el && el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) {
      el.form.submit();
    }
  });
  // <form data-confirm="question">: asks before submitting; <form data-keep-query>: sends the page's
  // current query string in its "params" field (saving a search as it is shown).
  document.addEventListener(
    "submit",
    function (e) {
      var form = e.target;
      if (!(form instanceof HTMLFormElement)) return;
      var question = form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) {
        e.preventDefault();
        e.stopPropagation();
        return;
      }
      if (form.hasAttribute("data-keep-query") && form.elements.params) {
        form.elements.params.value = window.location.search.slice(1);
      }
    },
    true
  );
})();
// <table data-dialog-links="ID" data-dialog-target="#body">: a click on a link inside loads the linked page's
// fragment (htmx, HX-Request) into #body and opens <dialog id="ID">; without JavaScript the link opens the page.
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var link = e.target && e.target.closest ? e.target.closest("a[href]") : null;
    var box = link && link.closest("[data-dialog-links]");
    if (!box || !window.htmx || e.ctrlKey || e.metaKey || e.shiftKey) return;
    var dialog = document.getElementById(box.getAttribute("data-dialog-links"));
    var target = box.getAttribute("data-dialog-target");
    if (!dialog || typeof dialog.showModal !== "function" || !target) return;
    e.preventDefault();
    window.htmx.ajax("GET", link.getAttribute("href"), {target: target, swap: "innerHTML"}).then(function () {
      if (!dialog.open) dialog.showModal();
    });
  });
})();
