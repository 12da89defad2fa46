extensions = ["sphinx_labnews"]
project = "Check Lab"
html_baseurl = "https://check.example.org/"
exclude_patterns = ["_build"]
labnews_about_blocks = {"lab": "_about/lab.md"}

# the news-site defaults, as the lab site has them
labnews_site_defaults = True
