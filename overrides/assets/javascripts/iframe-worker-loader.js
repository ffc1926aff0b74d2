/* Loads iframe-worker-shim.js (next to this file) only for a page opened from file://,
 * where a real Web Worker cannot start; over http(s) nothing more is fetched. Written
 * with document.write so that it stays parser-blocking: the shim is in place before
 * Material's bundle starts the search worker. The name contains "iframe-worker" so
 * that Material's offline plugin adds no copy from a CDN (see mkdocs.yml). */
if(location.protocol==="file:")document.write('<script src="'+document.currentScript.src.replace(/[^/]*$/,"iframe-worker-shim.js")+'"><\/script>');
