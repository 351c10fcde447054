(function () {
  'use strict';
  // The 404 page is served for a missing address at any depth, with the site at a domain's root or under any
  // sub-path: find the site root (the nearest folder above that has this site's manifest) and point the links there.
  var marker = document.documentElement.getAttribute('data-cg-marker');
  var links = document.querySelectorAll('[data-cg-path]');   // the links and the icon
  var point = function (root) {
    for (var i = 0; i < links.length; i++) links[i].setAttribute('href', root + links[i].getAttribute('data-cg-path'));
  };
  if (location.protocol === 'file:') { point(location.href.replace(/[^/]*$/, '')); return; }
  if (!window.fetch || !marker) return;
  var dirs = location.pathname.replace(/[^/]*$/, '').split('/').slice(0, -1);
  var probe = function (n) {
    if (n < 1) return;
    var root = dirs.slice(0, n).join('/') + '/';
    fetch(root + marker, { method: 'HEAD', cache: 'no-store' }).then(function (r) {
      // a server that answers every address with a page (200, text/html) must not be taken for the root
      if (r.ok && !/html/.test(r.headers.get('content-type') || '')) point(root); else probe(n - 1);
    }, function () {});
  };
  probe(dirs.length);
})();
