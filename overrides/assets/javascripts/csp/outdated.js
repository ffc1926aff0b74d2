/* Verbatim copy of Material for MkDocs 9.8.2 partials/javascripts/outdated.html
 * (MIT, (c) Martin Donath), moved out of an inline <script> so the site's
 * Content-Security-Policy needs no 'unsafe-inline'.
 * Only change: base URL from the tag's data-md-base attribute (resolved
 * against location). */
var el=document.querySelector("[data-md-component=outdated]"),base=new URL(document.currentScript.getAttribute("data-md-base"),location),outdated=__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1)
