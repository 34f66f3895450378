"""Titles come out as text: whatever wraps an episode's or a snip's title in any family's
template (wikilinks, links, stars, tags, emphasis, HTML), the title holds none of it."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podnotes.model import clean_line
from podnotes.parse import parse_text
from podnotes.parse.vocabulary import SECTION_LABELS, SNIP_PARTS, is_chrome, label_key

_WORDS = st.text(alphabet=string.ascii_letters + string.digits + " ,.'!?&-", max_size=30)
titles = st.builds(
    lambda first, rest: clean_line(first + rest), st.sampled_from(string.ascii_letters), _WORDS
)
titles = titles.filter(
    lambda t: (
        label_key(t) not in SECTION_LABELS
        and label_key(t) not in SNIP_PARTS
        and not is_chrome(t)
        and len(t.split()) >= 1
    )
)

# An episode's title may carry what a snip heading's may not ('Soil Carbon - #42 (Part 2)').
episode_titles = st.builds(
    lambda t, n: clean_line(f"{t} - #{n} (Part 2)") if n % 3 == 0 else t,
    titles,
    st.integers(0, 99),
)
EPISODE_FORMS = [
    "# {t}",
    "# [[{t}]]",
    "# [[{t}\\|{t}]]",
    "# [{t}](https://podcast.example.org/ep/1)",
    "# **{t}**",
    '---\ntitle: "[[{t}]]"\n---',
    "---\ntitle: '{q}'\n---\n# {t}",
    "- Episode title:: [[{t}]]",
    "- ## [[{t}]]\n  show:: [[Some Show]]",
    "<h1>{h}</h1>",
]
SNIP_FORMS = [
    "### [02:56] {t}",
    "### [02:56] [[{t}]]",
    "### ⭐ [{t}](https://share.snipd.com/snip/1) #podcasts #ideas",
    "### [{t}](https://share.snipd.com/snip/1)",
]
MARKUP = ("[[", "]]", "](", "<", "&amp;", "**", "⭐", "#podcasts", "\\|")


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=episode_titles,
    snip=titles,
    episode_form=st.sampled_from(EPISODE_FORMS),
    snip_form=st.sampled_from(SNIP_FORMS),
)
def test_titles_hold_no_markup(title: str, snip: str, episode_form: str, snip_form: str) -> None:
    html = title.replace("&", "&amp;").replace("'", "&#39;")
    head = episode_form.format(t=title, q=title.replace("'", "''"), h=html)
    if head.startswith("- "):
        head = f"## Episode metadata\n{head}"
    snip_line = snip_form.format(t=snip)
    play = (
        "🎧 02:10 - 02:56 (1min)"
        if "⭐" in snip_form or snip_form.startswith("### [{")
        else ("[🎧 Play snip - 1min️ (02:10 - 02:56)](https://share.snipd.com/snip/1)")
    )
    text = f"{head}\n\n## Snips\n\n{snip_line}\n{play}\n\nA sentence the snip says.\n"
    episode = parse_text(text)
    for found in [episode.title, *(h.title for h in episode.highlights)]:
        assert not any(mark in found for mark in MARKUP), found
    assert episode.title == title
    (highlight,) = episode.highlights
    assert highlight.title == snip
