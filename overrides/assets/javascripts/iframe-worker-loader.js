/* Only from file:// (no Web Worker there): load the shim beside this file, parser-blocking, before Material's bundle. */
if(location.protocol==="file:")document.write('<script src="'+document.currentScript.src.replace(/[^/]*$/,"iframe-worker-shim.js")+'"><\/script>');
