/* Verbatim copy of Material for MkDocs 9.8.2 partials/javascripts/announce.html
 * (MIT, (c) Martin Donath), moved out of an inline <script> so the site's
 * Content-Security-Policy needs no 'unsafe-inline'. */
var el=document.querySelector("[data-md-component=announce]");if(el){var content=el.querySelector(".md-typeset");__md_hash(content.innerHTML)===__md_get("__announce")&&(el.hidden=!0)}
