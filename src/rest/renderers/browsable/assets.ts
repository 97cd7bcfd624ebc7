/**
 * The browsable API's stylesheet and script, shipped as strings so the build (plain `tsc`) carries
 * them into dist/ and pages need no CDN or static route: each page inlines them.
 */
export const STYLESHEET = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;background:#f4f5f7}
a{color:#1a5fb4}
header.navbar{display:flex;align-items:center;justify-content:space-between;background:#1f3a5f;color:#fff;padding:.6rem 1.5rem}
header.navbar a{color:#fff;text-decoration:none}
header .brand{font-weight:700;font-size:1.15rem;letter-spacing:.02em}
header .auth a{margin-left:.5rem;text-decoration:underline}
header .auth form.logout{display:inline;margin:0 0 0 .5rem}header .auth button.logout{background:none;border:0;color:#fff;text-decoration:underline;cursor:pointer;font:inherit;padding:0}
main{max-width:1100px;margin:0 auto;padding:1rem 1.5rem 3rem}
.breadcrumb{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem;padding:.5rem .8rem;margin:0 0 1rem;background:#fff;border:1px solid #dde1e6;border-radius:4px}
.breadcrumb li+li:before{content:"/";color:#888;margin-right:.3rem}
.breadcrumb .active{color:#555}
.page-header{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem}
h1{font-size:1.6rem;margin:.2rem 0}
.request-forms{display:flex;gap:.4rem;flex-wrap:wrap}
.request-forms form{margin:0}
.description{color:#444;margin:.3rem 0 1rem}
.btn{display:inline-block;border:1px solid #b8c0cc;background:#fff;color:#222;border-radius:4px;padding:.3rem .8rem;font:inherit;cursor:pointer;text-decoration:none}
.btn.primary{background:#1a5fb4;border-color:#1a5fb4;color:#fff}
.btn.danger{background:#c01c28;border-color:#c01c28;color:#fff}
.btn.disabled{color:#999;cursor:default}
pre{background:#fff;border:1px solid #dde1e6;border-radius:4px;padding:.8rem 1rem;overflow:auto;white-space:pre-wrap;word-break:break-word;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.request-info pre{margin-bottom:.5rem}
.response-info .meta{color:#555}
.pagination{display:flex;align-items:center;gap:.6rem;margin:.5rem 0 1rem}
.filters{margin:.5rem 0}
.filters summary{list-style:none}
.filters form{background:#fff;border:1px solid #dde1e6;border-radius:4px;padding:.8rem;margin-top:.4rem}
.filters fieldset{border:0;padding:0;margin:0 0 .6rem;display:flex;flex-wrap:wrap;gap:.5rem}
.filters legend{font-weight:600;margin-bottom:.3rem}
.forms{display:grid;gap:1rem;margin-top:1.5rem}
.forms section{background:#fff;border:1px solid #dde1e6;border-radius:4px;padding:1rem}
.forms h2{font-size:1.1rem;margin:0 0 .8rem}
fieldset{border:0;padding:0;margin:0}
.form-group{display:grid;grid-template-columns:180px 1fr;gap:.6rem;margin-bottom:.7rem;align-items:start}
.form-group label{font-weight:600;padding-top:.3rem;text-align:right}
.control input[type=text],.control input[type=number],.control input[type=email],.control input[type=url],.control input[type=search],.control input[type=date],.control input[type=datetime-local],.control select,.control textarea{width:100%;padding:.35rem .5rem;border:1px solid #b8c0cc;border-radius:4px;font:inherit}
.control textarea{font-family:ui-monospace,monospace}
.help-block{display:block;color:#666;font-size:.9em}
.has-error input,.has-error select,.has-error textarea{border-color:#c01c28}
.help-block.error,.alert.error{color:#c01c28}
.form-actions{text-align:right}
.cutoff{color:#666}
@media (max-width:640px){.form-group{grid-template-columns:1fr}.form-group label{text-align:left}}
`;

/**
 * Sends forms with methods HTML forms lack (PUT, PATCH, DELETE, OPTIONS) and raw bodies, as
 * DRF's ajax-form.js does, then shows the answer page in place. Listeners sit on `document`,
 * so they survive the page swap. Sends Django's CSRF token from the `csrftoken` cookie.
 */
export const SCRIPT = `
(function () {
  function csrf() {
    var m = document.cookie.match(/(?:^|; )csrftoken=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : null;
  }
  function show(url, text) {
    var doc = new DOMParser().parseFromString(text, "text/html");
    document.replaceChild(document.adoptNode(doc.documentElement), document.documentElement);
    if (url) history.replaceState(null, "", url);
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var method = (submitter && submitter.dataset.method) || form.dataset.method;
    if (!method) {
      // A GET form (the filters): leave empty fields out of the URL.
      if (form.method.toLowerCase() === "get") {
        Array.prototype.forEach.call(form.elements, function (el) { if (el.name && !el.value) el.disabled = true; });
      }
      return;
    }
    event.preventDefault();
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    var headers = { Accept: "text/html" };
    var token = csrf();
    if (token) headers["X-CSRFToken"] = token;
    var body;
    if (form.classList.contains("raw-form")) {
      headers["Content-Type"] = form.elements._content_type.value;
      body = form.elements._content.value;
    } else if (form.classList.contains("html-form")) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(new FormData(form)).toString();
    }
    fetch(form.action, { method: method, headers: headers, body: body, credentials: "same-origin" })
      .then(function (res) { return res.text().then(function (text) { show(res.redirected ? res.url : null, text); }); })
      .catch(function (error) { window.alert("Request failed: " + error); });
  });
})();
`;
