// Kennisplein: small enhancements only; every page works without this file.
(function () {
  "use strict";
  // A print button (without JavaScript, the browser's own print command does the same).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
  // Empty fields stay out of the address ("?q=&sort=" becomes "?"); without JavaScript the
  // server redirects to the same clean address.
  document.querySelectorAll("form[data-zonder-lege-velden]").forEach(function (form) {
    form.addEventListener("formdata", function (event) {
      Array.from(event.formData.entries()).forEach(function (entry) {
        if (entry[1] === "") {
          event.formData.delete(entry[0]);
        }
      });
    });
  });
  // Browsers without ::details-content: open the filters on wide screens, where they have no
  // disclosure of their own.
  var filters = document.getElementById("filters");
  var wide = window.matchMedia("(min-width: 700px)");
  if (filters && wide.matches) {
    filters.open = true;
  }
})();
