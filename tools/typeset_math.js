// Typeset the TeX captions of standalone player pages (the figures' "Player (HTML, offline)"
// files for slides) to SVG with MathJax in Node, so that a page needs no script from anywhere
// to show its mathematics: it opens from a USB stick.  Used by tools/book_slides.py.
//
//   node tools/typeset_math.js PAGE.html [PAGE.html ...]
//
// Every \( ... \) (HTML-escaped TeX, as nnbook.animation.player writes it) becomes MathJax's
// SVG; the page is marked so that it is not typeset twice.  The macros are the book's
// (mathjax3_config in _config.yml).
"use strict";
const fs = require("fs");
const path = require("path");
const MathJax = require(path.join(__dirname, "..", "node_modules", "mathjax"));

const MARK = '<meta name="nnbook-math" content="svg">';
const unescape = (s) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'").replace(/&#39;/g, "'").replace(/&amp;/g, "&");

MathJax.init({
  loader: { load: ["input/tex", "output/svg"] },
  // A TeX error stops the build, naming the page and the formula, instead of showing red.
  tex: { macros: { R: "\\mathbb{R}" }, formatError: (_, err) => { throw err; } },
  // One copy of each glyph per page (a hidden <svg> of <defs> that every formula <use>s),
  // not one per formula: a trajectory's player page went from 4.9 MB to a few hundred KB.
  svg: { fontCache: "global" },
}).then((MJ) => {
  let formulas = 0;
  for (const file of process.argv.slice(2)) {
    const page = fs.readFileSync(file, "utf8");
    if (page.includes(MARK)) continue;
    MJ.startup.output.clearFontCache();
    const typeset = page.replace(/\\\(([\s\S]*?)\\\)/g, (_, tex) => {
      formulas += 1;
      try {
        const html = MJ.startup.adaptor.outerHTML(MJ.tex2svg(unescape(tex), { display: false }));
        // the SVG is an image (role="img"): its text alternative is the formula's TeX
        const label = unescape(tex).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
        return html.replace("<svg ", `<svg aria-label="${label}" `);
      } catch (err) {
        throw new Error(`${file}: ${err.message} in \\(${unescape(tex)}\\)`);
      }
    });
    const glyphs = MJ.startup.adaptor.outerHTML(MJ.startup.output.fontCache.getCache());
    const defs = `<svg style="display: none" aria-hidden="true">${glyphs}</svg>`;
    fs.writeFileSync(file, typeset.replace("<head>", "<head>" + MARK).replace(/<body([^>]*)>/, `<body$1>${defs}`));
  }
  console.log(`typeset_math: ${formulas} formulas in ${process.argv.length - 2} pages`);
}).catch((err) => {
  console.error(err.message || err);
  process.exit(1);
});
