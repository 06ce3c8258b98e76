// The pages' small comforts; every page works without this script.
//
// A form shown again with mistakes: focus moves to the summary of errors,
// so that a screen reader reads it out and the keyboard starts there.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
})();

// The visitor's time zone: fills the forms' hidden "timezone" field and
// remembers the zone in the "tz" cookie, so the server writes times in it
// (without the script, pages name the zone they use).
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone || !/^[A-Za-z0-9_+\-\/]+$/.test(zone)) {
    return;
  }
  var fields = document.querySelectorAll('input[name="timezone"]');
  for (var i = 0; i < fields.length; i++) {
    fields[i].value = zone;
  }
  var entry = "tz=" + zone;
  var known = document.cookie.split("; ").indexOf(entry) !== -1;
  if (known) {
    return;
  }
  document.cookie = entry + "; path=/; max-age=31536000; samesite=lax";
  // Show the times again in the new zone, once: only if the cookie stuck,
  // and never while the visitor may be typing into a form.
  var stuck = document.cookie.split("; ").indexOf(entry) !== -1;
  if (stuck && document.querySelector("[data-zone-note]")) {
    window.location.reload();
  }
})();
