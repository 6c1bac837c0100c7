/* "Cite this paragraph" (issue 17): a small "❝" button after every paragraph, heading and list item
 * that has a segment id; it shows the paragraph's reference and copies it. The reference is the
 * document's (formatted at build time by citeproc-py in the interface language's style, see
 * build_edition/export/citation.py) + the print page where known (data-print-page, from the removal
 * log) + the paragraph's permalink, the same form as citation.cite_paragraph:
 *   Чеботарёв А. Егемен Қазақстандағы саяси ойтаным… 2021. Б. 28–29. URL: https://…/#p2822
 * The data comes from <div class="edition-cite-data" hidden data-…> that build_edition/site/export_hook.py
 * puts at the end of a document's page; pages without it get no buttons. The button's tooltip, and the
 * paragraph permalink's (¶), is its aria-label shown by edition.css on hover and keyboard focus, built by
 * the browser only then (Material would mount ≈ 150 tooltips on a long chapter when it loads).
 */
(function () {
  "use strict";

  function citeText(data, block) {
    var text = data.dataset.reference;
    var page = block.getAttribute("data-print-page");
    if (page) text += " " + data.dataset.pageLabel + " " + page + ".";
    // the canonical address when the site has one (SITE_URL), else the address the page is read at
    var url = data.dataset.url || location.origin + location.pathname;
    return text + " URL: " + url + "#" + block.id;
  }

  function toggle(data, block, button) {
    var id = "cite-" + block.id;
    var box = document.getElementById(id);
    if (box) {
      box.remove();
      button.setAttribute("aria-expanded", "false");
      return;
    }
    box = document.createElement("div");
    box.className = "edition-cite-box";
    box.id = id;
    var text = document.createElement("span");
    text.className = "edition-cite-text";
    text.textContent = citeText(data, block);
    var copy = document.createElement("button");
    copy.type = "button";
    copy.className = "edition-cite-copy";
    copy.textContent = data.dataset.copy;
    copy.addEventListener("click", function () {
      if (!navigator.clipboard) return;
      navigator.clipboard.writeText(text.textContent).then(function () {
        copy.textContent = data.dataset.copied;
      }, function () { /* no clipboard permission: the text stays selectable */ });
    });
    box.append(text, " ", copy);
    if (block.tagName === "LI") block.append(box);
    else block.after(box);
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-controls", id);
  }

  function init() {
    // the ¶ permalinks (one per paragraph) likewise: their aria-label stays, edition.css shows it on hover
    document.querySelectorAll("article a.segment-link[title][aria-label]").forEach(function (link) {
      link.removeAttribute("title");
    });
    var data = document.querySelector(".edition-cite-data");
    if (!data) return;
    var blocks = document.querySelectorAll(
      "article p[id^='p'][data-lines], article li[id^='p'][data-lines], " +
      "article :is(h1, h2, h3, h4, h5, h6)[id^='p'][data-lines]");
    blocks.forEach(function (block) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "edition-cite-button";
      button.textContent = "❝";
      // no title: Material would mount a tooltip on every button of the page when it loads (≈ 70 on a long
      // chapter, most of the page's blocking time); edition.css shows the label as a tooltip on hover/focus
      button.setAttribute("aria-label", data.dataset.button);
      button.setAttribute("aria-expanded", "false");
      button.addEventListener("click", function () { toggle(data, block, button); });
      // after the text: beside a heading's own ¶ at its end, never before a paragraph's words (the
      // paragraph's ¶ is its first child, kept in the margin)
      var headerlink = block.querySelector(":scope > a.headerlink");
      if (headerlink && headerlink !== block.firstElementChild) block.insertBefore(button, headerlink);
      else block.append(button);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
