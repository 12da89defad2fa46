# An ablog site with its own feed settings and Disqus comments, on alabaster.
extensions = ["ablog", "myst_parser"]
project = "Comments blog"
html_theme = "alabaster"
html_baseurl = "https://comments.example.org/"
blog_baseurl = "https://comments.example.org/"
blog_title = "Comments blog"
blog_authors = {"Ada": ("Ada Lovelace", None)}
blog_feed_archives = True
blog_feed_fulltext = True
blog_feed_length = 1
blog_feed_titles = True
blog_feed_templates = {
    "atom": {"content": "{{ title }}{% for tag in post.tags %} #{{ tag.name }}{% endfor %}"},
    "social": {"content": "{{ title }}: {{ post.to_html(pagename, fulltext=False) }}"},
}
disqus_shortname = "commentsblog"
disqus_pages = True
disqus_drafts = True
exclude_patterns = ["_build"]
