"use strict";
// Filters, grouping and sorting over the findings already in the page. Nothing here
// parses HTML: nodes are moved, hidden, or made with createElement and textContent.
(function () {
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const form = document.getElementById("filters");
  const container = document.getElementById("groups");
  const status = document.getElementById("shown");
  const items = Array.from(container.querySelectorAll("li.finding"));
  const total = data.report.findings.length;
  const rank = { error: 3, warning: 2, notice: 1 };
  const texts = new Map(items.map((li) => [li, li.textContent.toLowerCase()]));
  const pageGroups = Array.from(container.querySelectorAll("section.group")).map((section) => ({
    section,
    list: section.querySelector("ol.findings"),
    count: section.querySelector(".count"),
    items: Array.from(section.querySelectorAll("li.finding")),
  }));
  let ruleGroups = null;

  function plural(n, noun) { return n + " " + noun + (n === 1 ? "" : "s"); }

  function buildRuleGroups() {
    const byRule = new Map();
    items.forEach((li) => {
      const rule = li.dataset.rule;
      if (!byRule.has(rule)) byRule.set(rule, []);
      byRule.get(rule).push(li);
    });
    return Array.from(byRule.keys()).sort().map((rule, i) => {
      const section = document.createElement("section");
      section.className = "group";
      const heading = document.createElement("h3");
      heading.id = "by-rule-" + i;
      section.setAttribute("aria-labelledby", heading.id);
      const code = document.createElement("code");
      code.textContent = rule;
      const meta = data.rules[rule];
      heading.append(code, document.createTextNode(meta ? ": " + meta.summary + " " : " "));
      const count = document.createElement("span");
      count.className = "count";
      heading.append(count);
      const list = document.createElement("ol");
      list.className = "findings";
      section.append(heading, list);
      return { section, list, count, items: byRule.get(rule) };
    });
  }

  function chosen() {
    const severities = new Set(Array.from(form.querySelectorAll("input[name=severity]:checked")).map((i) => i.value));
    return {
      severities,
      family: form.elements.family.value,
      rule: form.elements.rule.value,
      page: form.elements.page.value,
      text: form.elements.q.value.trim().toLowerCase(),
      group: form.elements.group.value,
      sort: form.elements.sort.value,
    };
  }

  function matches(li, f) {
    return f.severities.has(li.dataset.severity)
      && (!f.family || li.dataset.family === f.family)
      && (!f.rule || li.dataset.rule === f.rule)
      && (!f.page || li.dataset.page === f.page)
      && (!f.text || texts.get(li).includes(f.text));
  }

  function comparator(sort) {
    const index = (li) => Number(li.dataset.index);
    if (sort === "severity") return (a, b) => rank[b.dataset.severity] - rank[a.dataset.severity] || index(a) - index(b);
    if (sort === "rule") return (a, b) => (a.dataset.rule < b.dataset.rule ? -1 : a.dataset.rule > b.dataset.rule ? 1 : 0) || index(a) - index(b);
    return (a, b) => index(a) - index(b);
  }

  function render() {
    const f = chosen();
    let shown = 0;
    items.forEach((li) => {
      const ok = matches(li, f);
      li.hidden = !ok;
      if (ok) shown += 1;
    });
    if (f.group === "rule" && !ruleGroups) ruleGroups = buildRuleGroups();
    const groups = f.group === "rule" ? ruleGroups : pageGroups;
    const order = comparator(f.sort);
    groups.forEach((g) => {
      const sorted = g.items.slice().sort(order);
      sorted.forEach((li) => g.list.appendChild(li));
      const visible = sorted.filter((li) => !li.hidden).length;
      g.section.hidden = visible === 0;
      if (g.count) g.count.textContent = "(" + plural(visible, "finding") + ")";
    });
    container.replaceChildren(...groups.map((g) => g.section));
    status.textContent = "Showing " + shown + " of " + plural(total, "finding") + ".";
    status.dataset.shown = String(shown);
  }

  function showOnly(field, value, group) {
    form.reset();
    form.elements[field].value = value;
    form.elements.group.value = group;
    render();
  }

  form.addEventListener("input", render);
  form.addEventListener("change", render);
  form.addEventListener("submit", (event) => { event.preventDefault(); render(); });
  form.addEventListener("reset", () => setTimeout(render, 0));
  document.querySelectorAll("a[data-show-page]").forEach((a) =>
    a.addEventListener("click", () => showOnly("page", a.dataset.showPage, "page")));
  document.querySelectorAll("a[data-show-rule]").forEach((a) =>
    a.addEventListener("click", () => showOnly("rule", a.dataset.showRule, "rule")));
  window.addEventListener("beforeprint", () => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
  form.hidden = false;
  render();
})();
