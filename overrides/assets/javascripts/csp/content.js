/* Verbatim copy of Material for MkDocs 9.8.2 partials/javascripts/content.html
 * (MIT, (c) Martin Donath), moved out of an inline <script> so the site's
 * Content-Security-Policy needs no 'unsafe-inline'. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
