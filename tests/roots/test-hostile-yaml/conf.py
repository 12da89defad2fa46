extensions = ["sphinx_labnews"]
project = "Hostile YAML Lab"
html_baseurl = "https://lab.example.org/"
html_theme = "pydata_sphinx_theme"
# the sidebar card shows the post date through ablog's postcard template (ours overrides it)
html_sidebars = {"news/**": ["ablog/postcard.html"]}

# the news-site defaults, as the lab site has them
labnews_site_defaults = True
