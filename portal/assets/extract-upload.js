/* Data page: posts the extract upload form to /extracts/upload (streamed to disk by the server),
   shows the transfer progress, then hands the answer to Dash, whose guarded callbacks poll the status. */
(function () {
  "use strict";

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)_csrf_token=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function say(text, tone) {
    var box = document.getElementById("upload-client-message");
    if (!box) { return; }
    box.className = "mt-3 alert alert-" + (tone || "info");
    box.setAttribute("role", tone === "danger" ? "alert" : "status");
    box.textContent = text;
  }

  function handOver(body) {
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props("data-upload-result", { data: body });
    }
  }

  // Dash's core Input offers neither file nor date types: the native controls are placed into their slots.
  var SLOTS = {
    "upload-as-of-slot": { id: "upload-as-of", name: "as_of", type: "date" },
    "upload-file-slot": { id: "upload-file", name: "file", type: "file", accept: ".csv,.xlsx", required: true },
  };

  function fillSlots() {
    Object.keys(SLOTS).forEach(function (slotId) {
      var slot = document.getElementById(slotId);
      var spec = SLOTS[slotId];
      if (!slot || document.getElementById(spec.id)) { return; }
      var input = document.createElement("input");
      input.id = spec.id;
      input.name = spec.name;
      input.type = spec.type;
      input.className = "form-control";
      if (spec.accept) { input.accept = spec.accept; }
      if (spec.required) { input.required = true; }
      if (spec.type === "date") {
        var max = slot.getAttribute("data-max");
        if (max) { input.max = max; }
      }
      slot.appendChild(input);
    });
  }

  new MutationObserver(fillSlots).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", fillSlots);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.id !== "extract-upload-form") { return; }
    event.preventDefault();
    var kind = form.querySelector("[name=kind]");
    var file = form.querySelector("[name=file]");
    if (!kind.value) { say("Choose the kind of extract first.", "danger"); kind.focus(); return; }
    if (!file.files || !file.files.length) { say("Choose a file to upload.", "danger"); file.focus(); return; }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props("data-watch-id", { data: null });  // hides the previous upload's bar
    }
    var request = new XMLHttpRequest();
    request.open("POST", form.getAttribute("action") || "/extracts/upload");
    request.setRequestHeader("X-CSRFToken", csrfToken());
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        say("Sending the file: " + Math.round((100 * e.loaded) / e.total) + "%", "info");
      }
    };
    request.onload = function () {
      button.disabled = false;
      var body;
      try { body = JSON.parse(request.responseText); } catch (err) { body = null; }
      if (!body) {
        say("The portal did not accept the upload (HTTP " + request.status + "). Reload the page and try again.", "danger");
        return;
      }
      body.http = request.status;
      body.sent_at = Date.now();
      if (request.status === 202) {
        say("File received. Validation is shown below.", "success");
        form.reset();
      } else {
        say(body.message || "The upload was refused.", "danger");
      }
      handOver(body);
    };
    request.onerror = function () {
      button.disabled = false;
      say("The upload did not reach the portal. Check your connection and try again.", "danger");
    };
    request.send(new FormData(form));
  });
})();
