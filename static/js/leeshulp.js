// The reading-level hint in the admin follows the text while the editor types
// (kennisplein/leeshulp.py renders it on the server; without this script it is updated on save).
(function () {
  "use strict";
  var timers = new WeakMap();

  function csrfToken(field) {
    var form = field.form;
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function refresh(field) {
    var hintId = field.id + "_leeshulp";
    var hint = document.getElementById(hintId);
    if (!hint) return;
    var body = new FormData();
    body.append("tekst", field.value);
    body.append("doel", field.dataset.leeshulp);
    body.append("id", hintId);
    fetch(hint.dataset.leeshulpUrl, {
      method: "POST",
      body: body,
      headers: { "X-CSRFToken": csrfToken(field) },
      credentials: "same-origin",
    })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var template = document.createElement("template");
        template.innerHTML = html.trim();
        var current = document.getElementById(hintId);
        if (current && template.content.firstElementChild) {
          current.replaceWith(template.content.firstElementChild);
        }
      })
      .catch(function () { /* the hint from the server stays; it is updated on save */ });
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.dataset || !field.dataset.leeshulp) return;
    clearTimeout(timers.get(field));
    timers.set(field, setTimeout(function () { refresh(field); }, 500));
  });
})();
