// Gesprekstool: small enhancements. Everything works without this file.
// - a scale of radio buttons 0–10 becomes a slider without a handle until something is chosen;
//   any click, tap or key on it chooses (the middle too); the choice is shown and announced in
//   words; "Wis keuze" (a button, or Delete on the slider) clears it again;
// - choosing a value unticks "weet ik niet / sla over", ticking it clears the value;
// - each statement is saved as soon as it changes (the form's own POST, one statement only);
// - "Lees voor": reads a statement aloud with the browser's own speech synthesis.
// The radio buttons stay the form's only fields, so what is sent is always what was chosen.
(function () {
  "use strict";

  var NOT_CHOSEN = "nog niet gekozen";

  function chosenRadio(group) {
    var radio = group.querySelector('input[type="radio"]:checked');
    return radio && radio.value !== "" ? radio : null;
  }

  function announce(group, text) {
    group.dispatchEvent(new CustomEvent("gt-keuze", { bubbles: true, detail: text }));
  }

  function enhanceScale(group) {
    var radios = Array.prototype.slice.call(group.querySelectorAll('input[type="radio"]'));
    var none = radios.filter(function (r) { return r.value === ""; })[0];
    var isSlider = group.getAttribute("data-schaal") === "schuif";
    var legend = group.querySelector("legend");
    var slider = null;

    // "Nog niet gekozen" becomes the "Wis keuze" button.
    none.closest("label").hidden = true;
    var status = document.createElement("p");
    status.className = "gt-schaal__waarde";
    status.setAttribute("aria-live", "polite");
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "button button--secondary gt-button--klein gt-wis";
    clear.textContent = "Wis keuze";
    var actions = document.createElement("div");
    actions.className = "gt-schaal__acties";
    actions.appendChild(status);
    actions.appendChild(clear);

    if (isSlider) {
      legend.id = legend.id || group.id + "-vraag";
      slider = document.createElement("input");
      slider.type = "range";
      slider.min = "0";
      slider.max = "10";
      slider.step = "1";
      slider.className = "gt-slider";
      slider.id = group.id + "-schuif";
      slider.setAttribute("aria-labelledby", legend.id);
      var ends = group.querySelector(".gt-schaal__einden");
      if (ends) {
        slider.setAttribute("aria-describedby", ends.id);
      }
      var steps = document.createElement("div");
      steps.className = "gt-slider__stappen";
      steps.setAttribute("aria-hidden", "true");
      for (var i = 0; i <= 10; i += 1) {
        var step = document.createElement("span");
        step.textContent = String(i);
        steps.appendChild(step);
      }
      var choices = group.querySelector(".gt-schaal__keuzes");
      choices.hidden = true;
      choices.insertAdjacentElement("afterend", slider);
      slider.insertAdjacentElement("afterend", steps);
      group.appendChild(actions);
    } else {
      group.appendChild(actions);
    }
    // "Wis keuze" of which statement (or question): the screen reader says it too.
    var about = group.closest(".gt-stelling");
    var aboutText = about && about.querySelector(".gt-stelling__tekst");
    clear.setAttribute("aria-describedby", aboutText ? aboutText.id : legend.id);

    function render() {
      var radio = chosenRadio(group);
      var text = radio ? radio.getAttribute("data-tekst") : NOT_CHOSEN;
      if (slider) {
        slider.toggleAttribute("data-leeg", !radio);
        slider.value = radio ? radio.value : "5";
        slider.setAttribute("aria-valuetext", text);
      }
      status.textContent = "Gekozen: " + text;
      clear.hidden = !radio;
      return text;
    }

    function choose(value) {
      var radio = radios.filter(function (r) { return r.value === String(value); })[0];
      if (!radio || radio === chosenRadio(group)) {
        return;
      }
      radio.checked = true;
      announce(group, render());
    }

    function clearChoice() {
      if (!chosenRadio(group)) {
        return;
      }
      none.checked = true;
      announce(group, render());
      status.textContent = "Keuze gewist: " + NOT_CHOSEN;
      (slider || radios[0]).focus();
    }

    clear.addEventListener("click", clearChoice);
    radios.forEach(function (radio) {
      radio.addEventListener("change", function () {
        announce(group, render());
      });
    });
    if (slider) {
      // A click or tap where the (hidden) handle already is changes no value and fires no
      // input event: pointerup catches it, so the middle can be chosen too.
      slider.addEventListener("input", function () { choose(slider.value); });
      slider.addEventListener("pointerup", function () { choose(slider.value); });
      slider.addEventListener("keydown", function (event) {
        if (event.key === "Delete" || event.key === "Backspace") {
          event.preventDefault();
          clearChoice();
        } else if ((event.key === "Enter" || event.key === " ") && !chosenRadio(group)) {
          event.preventDefault();
          choose(slider.value);
        }
      });
    }
    group.gtClear = function () {
      if (chosenRadio(group)) {
        none.checked = true;
        render();
      }
    };
    render();
  }

  document.querySelectorAll("fieldset.gt-schaal").forEach(enhanceScale);

  // "Weet ik niet" and a chosen value exclude each other.
  document.querySelectorAll(".gt-stelling").forEach(function (fieldset) {
    var skip = fieldset.querySelector('input[name$="-weet_niet"]');
    var scale = fieldset.querySelector("fieldset.gt-schaal");
    if (!skip || !scale) {
      return;
    }
    scale.addEventListener("gt-keuze", function () {
      if (chosenRadio(scale)) {
        skip.checked = false;
      }
    });
    skip.addEventListener("change", function () {
      if (skip.checked) {
        scale.gtClear();
      }
    });
  });

  // Save one statement as soon as it changes. The server upserts only the statements a form
  // contains, so posting a single one never touches the others.
  var partForm = document.querySelector("form.gt-part-form");
  function autosave(fieldset) {
    var id = fieldset.dataset.stelling;
    var prefix = "s" + id + "-";
    var status = fieldset.querySelector(".gt-autosave");
    var saved = fieldset.querySelector('input[name="' + prefix + 'bewaard"]');
    var data = new FormData();
    var holdsSomething = false;
    data.append("csrfmiddlewaretoken", partForm.querySelector('input[name="csrfmiddlewaretoken"]').value);
    data.append("stelling", id);
    fieldset.querySelectorAll("input, textarea").forEach(function (input) {
      if (!input.name || input.name.indexOf(prefix) !== 0) {
        return;
      }
      if ((input.type === "checkbox" || input.type === "radio") && !input.checked) {
        return;
      }
      data.append(input.name, input.value);
      var own = input.type !== "hidden" && input.value !== "";
      holdsSomething = holdsSomething || (own && (input.type !== "textarea" || input.value.trim() !== ""));
    });
    fetch(partForm.action || window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Gesprekstool-Autosave": "1" }
    }).then(function (response) {
      status.classList.toggle("gt-autosave--fout", response.status !== 204);
      if (response.status === 204) {
        saved.value = holdsSomething ? "1" : "";
        status.textContent = holdsSomething ? "Bewaard." : "Gewist.";
      } else if (response.status === 409) {
        status.textContent = "Niet bewaard: deze stelling is intussen veranderd. Laad de pagina opnieuw.";
      } else if (response.status === 404 || response.status === 410) {
        status.textContent = "Niet bewaard: dit gesprek is afgesloten of gewist.";
      } else {
        status.textContent = "Niet bewaard. Druk onderaan op de knop om te bewaren; dan zie je wat er mis is.";
      }
    }).catch(function () {
      status.classList.add("gt-autosave--fout");
      status.textContent = "Niet bewaard: geen verbinding. Druk straks onderaan op de knop om te bewaren.";
    });
  }
  if (partForm && window.fetch && window.FormData) {
    partForm.querySelectorAll(".gt-stelling").forEach(function (fieldset) {
      // Wait a moment, so moving a slider step by step sends one request, not ten.
      var timer = null;
      var later = function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          autosave(fieldset);
        }, 600);
      };
      fieldset.addEventListener("change", later);
      fieldset.addEventListener("gt-keuze", later);
    });
  }

  // Lets tests (and styles, if ever needed) know the enhancements are in place.
  document.documentElement.setAttribute("data-gesprekstool", "klaar");

  if (!("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }

  function speak(text) {
    window.speechSynthesis.cancel();
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.lang = "nl-NL";
    utterance.rate = 0.9;
    var voice = window.speechSynthesis.getVoices().filter(function (v) {
      return v.lang && v.lang.toLowerCase().indexOf("nl") === 0;
    })[0];
    if (voice) {
      utterance.voice = voice;
    }
    window.speechSynthesis.speak(utterance);
  }

  function readAloudButton(textElement) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary gt-voorlezen";
    button.setAttribute("aria-describedby", textElement.id);
    button.textContent = "Lees voor";
    button.addEventListener("click", function () {
      speak(textElement.textContent);
    });
    return button;
  }

  var intro = document.querySelector(".gt-voor-jongere[id]");
  if (intro) {
    intro.insertAdjacentElement("afterend", readAloudButton(intro));
  }
  document.querySelectorAll(".gt-stelling").forEach(function (fieldset) {
    var textElement = fieldset.querySelector(".gt-stelling__tekst");
    if (textElement) {
      fieldset.querySelector("legend").insertAdjacentElement("afterend", readAloudButton(textElement));
    }
  });
})();
